#include <openness/licenses.h>

#include <nlohmann/json.hpp>

#include "reader.h"

namespace openness {

std::string_view to_string(ContentType t) {
  switch (t) {
    case ContentType::Code: return "code";
    case ContentType::Data: return "data";
    case ContentType::Document: return "document";
  }
  return "?";
}

std::string_view to_string(NormalizeMethod m) {
  switch (m) {
    case NormalizeMethod::Exact: return "exact";
    case NormalizeMethod::CaseInsensitive: return "case-insensitive";
    case NormalizeMethod::Alias: return "alias";
    case NormalizeMethod::None: return "none";
  }
  return "?";
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct PendingSpan {
  std::size_t begin = 0, count = 0;
};

LicenseSource read_source(const detail::Val& s) {
  LicenseSource src;
  s.each_member([&](std::string_view k, const detail::Val& f) {
    if (k == "id")
      src.id = f.text(64);
    else if (k == "title")
      src.title = f.text();
    else if (k == "url")
      src.url = f.text();
    else if (k == "as_of") {
      src.as_of = f.text(10);
      if (!detail::valid_full_date(src.as_of)) f.fail("as_of must be YYYY-MM-DD");
    } else if (k == "license")
      src.license = f.text();
    else if (k == "commit")
      src.commit = f.text(64);
    else
      s.unknown_member(k);
  });
  if (src.id.empty() || src.url.empty() || src.as_of.empty()) s.fail("a source needs id, url and as_of");
  return src;
}

std::uint8_t read_content_types(const detail::Val& f) {
  std::uint8_t types = 0;
  f.each_elem([&](const detail::Val& t) {
    auto s = t.str();
    if (s == "code")
      types |= static_cast<std::uint8_t>(ContentType::Code);
    else if (s == "data")
      types |= static_cast<std::uint8_t>(ContentType::Data);
    else if (s == "document")
      types |= static_cast<std::uint8_t>(ContentType::Document);
    else
      t.fail("content type must be code, data or document");
  });
  return types;
}

LicenseRestriction read_restriction(const detail::Val& r) {
  LicenseRestriction lr;
  r.each_member([&](std::string_view rk, const detail::Val& rf) {
    if (rk == "kind")
      lr.kind = rf.text(64);
    else if (rk == "text")
      lr.text = rf.text();
    else if (rk == "url")
      lr.url = rf.text();
    else
      r.unknown_member(rk);
  });
  if (lr.kind.empty() || lr.text.empty() || lr.url.empty()) r.fail("a restriction needs kind, text and url");
  return lr;
}

// One license entry; its restrictions and aliases are appended to the pools, their places in
// `rs` and `as`.
License read_license(const detail::Val& e, std::vector<LicenseRestriction>& restrictions,
                     std::vector<std::string_view>& aliases, PendingSpan& rs, PendingSpan& as) {
  License l;
  e.each_member([&](std::string_view k, const detail::Val& f) {
    if (k == "id")
      l.id = f.text(256);
    else if (k == "name")
      l.name = f.text();
    else if (k == "kind") {
      l.kind = f.str();
      if (l.kind != "spdx" && l.kind != "open-data" && l.kind != "model" && l.kind != "other")
        f.fail("kind must be spdx, open-data, model or other");
    } else if (k == "url")
      l.url = f.text();
    else if (k == "osi_approved")
      l.osi_approved = f.boolean();
    else if (k == "fsf_libre")
      l.fsf_libre = f.boolean();
    else if (k == "deprecated")
      l.deprecated = f.boolean();
    else if (k == "mot_open_data")
      l.mot_open_data = f.boolean();
    else if (k == "mot_open_license")
      l.mot_open_license = f.boolean();
    else if (k == "mot_content_types") {
      l.mot_content_types = read_content_types(f);
    } else if (k == "summary")
      l.summary = f.text();
    else if (k == "restrictions") {
      rs.begin = restrictions.size();
      f.each_elem([&](const detail::Val& r) { restrictions.push_back(read_restriction(r)); });
      rs.count = restrictions.size() - rs.begin;
    } else if (k == "aliases") {
      as.begin = aliases.size();
      f.each_elem([&](const detail::Val& a) { aliases.push_back(a.text(256)); });
      as.count = aliases.size() - as.begin;
    } else if (k == "source")
      l.source = f.text(64);
    else if (k == "as_of") {
      l.as_of = f.text(10);
      if (!detail::valid_full_date(l.as_of)) f.fail("as_of must be YYYY-MM-DD");
    } else
      e.unknown_member(k);
  });
  if (l.id.empty() || l.name.empty() || l.kind.empty() || l.source.empty())
    e.fail("a license needs id, name, kind and source");
  return l;
}

}  // namespace

std::string LicenseDb::fold(std::string_view text) {
  if (text.size() > 1024) text = text.substr(0, 1024);
  const std::string s = lower(text);
  std::vector<std::string> tokens;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool dot_in_number =
        c == '.' && !cur.empty() && is_digit(cur.back()) && i + 1 < s.size() && is_digit(s[i + 1]);
    if (is_alnum(static_cast<unsigned char>(c)) || dot_in_number) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      tokens.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (t == "license" || t == "licence" || t == "agreement" || t == "the" || t == "version") continue;
    if (t == "v" && i + 1 < tokens.size() && is_digit(tokens[i + 1][0])) continue;
    if (t.size() > 1 && t[0] == 'v' && is_digit(t[1])) t.remove_prefix(1);
    out += t;
  }
  return out;
}

std::shared_ptr<const LicenseDb> LicenseDb::parse(std::string_view json_text, std::string_view path) {
  auto db = std::make_shared<LicenseDb>();
  std::vector<json_nodes::Node> nodes;
  detail::parse_or_throw(json_text, path, nodes, db->arena_);
  detail::Ctx ctx{path, &nodes};
  detail::Val root(ctx, 0, nullptr);
  root.expect(json_nodes::Type::Object);
  std::vector<PendingSpan> restr_spans, alias_spans;
  bool have_licenses = false;
  root.each_member([&](std::string_view key, const detail::Val& v) {
    if (key == "schema_version") {
      if (v.number() != 1) v.fail("unsupported schema_version (this build reads 1)");
    } else if (key == "spdx_list_version") {
      db->spdx_version_ = v.str();
    } else if (key == "notice") {
      v.str();
    } else if (key == "sources") {
      v.each_elem([&](const detail::Val& e) { db->sources_.push_back(read_source(e)); });
    } else if (key == "licenses") {
      have_licenses = true;
      v.each_elem([&](const detail::Val& e) {
        PendingSpan rs, as;
        const License l = read_license(e, db->restriction_pool_, db->alias_pool_, rs, as);
        if (db->by_id_.count(l.id)) e.fail("duplicate license id \"" + std::string(l.id) + "\"");
        db->by_id_.emplace(l.id, static_cast<std::uint32_t>(db->licenses_.size()));
        db->licenses_.push_back(l);
        restr_spans.push_back(rs);
        alias_spans.push_back(as);
      });
    } else {
      root.unknown_member(key);
    }
  });
  if (!have_licenses) root.fail("missing required member \"licenses\"");
  // Every license names a declared source.
  for (std::size_t i = 0; i < db->licenses_.size(); ++i) {
    License& l = db->licenses_[i];
    bool found = false;
    for (const auto& s : db->sources_) found = found || s.id == l.source;
    if (!found)
      throw DataError(std::string(path), "/licenses/" + std::to_string(i) + "/source",
                      "unknown source \"" + std::string(l.source) + "\"");
    l.restrictions = {db->restriction_pool_.data() + restr_spans[i].begin, restr_spans[i].count};
    l.aliases = {db->alias_pool_.data() + alias_spans[i].begin, alias_spans[i].count};
  }
  // Lookup tables. Names and ids of non-deprecated licenses win over deprecated ones; explicit
  // aliases win over names.
  auto put_fold = [&](const std::string& key, std::uint32_t idx, bool strong) {
    if (key.empty()) return;
    auto [it, inserted] = db->by_fold_.emplace(key, idx);
    if (inserted) return;
    const License& old = db->licenses_[it->second];
    if (strong || (old.deprecated && !db->licenses_[idx].deprecated)) it->second = idx;
  };
  for (std::uint32_t i = 0; i < db->licenses_.size(); ++i) {
    const License& l = db->licenses_[i];
    auto [it, inserted] = db->by_lower_id_.emplace(lower(l.id), i);
    if (!inserted && db->licenses_[it->second].deprecated && !l.deprecated) it->second = i;
    put_fold(fold(l.id), i, false);
    put_fold(fold(l.name), i, false);
  }
  for (std::uint32_t i = 0; i < db->licenses_.size(); ++i)
    for (auto a : db->licenses_[i].aliases) put_fold(fold(a), i, true);
  return db;
}

const License* LicenseDb::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &licenses_[it->second];
}

Normalized LicenseDb::normalize(std::string_view text) const {
  // Trim.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty() || text.size() > 1024) return {};
  if (const License* l = find(text)) return {l, NormalizeMethod::Exact};
  if (auto it = by_lower_id_.find(lower(text)); it != by_lower_id_.end())
    return {&licenses_[it->second], NormalizeMethod::CaseInsensitive};
  if (auto it = by_fold_.find(fold(text)); it != by_fold_.end())
    return {&licenses_[it->second], NormalizeMethod::Alias};
  return {};
}

bool LicenseDb::mot_open(std::string_view id) const {
  const License* l = find(id);
  return l && l->mot_open();
}

bool LicenseDb::type_appropriate(std::string_view id, ContentType t) const {
  const License* l = find(id);
  return l && l->type_appropriate(t);
}

std::string display_name(const License& l) {
  if (l.kind == "spdx" || l.kind == "open-data" || l.name.empty() || l.name == l.id) return std::string(l.id);
  return std::string(l.name) + " (" + std::string(l.id) + ")";
}

nlohmann::json to_json(const License& l) {
  nlohmann::json j{{"id", l.id},
                   {"name", l.name},
                   {"kind", l.kind},
                   {"osi_approved", l.osi_approved},
                   {"fsf_libre", l.fsf_libre},
                   {"open_per_mot", l.mot_open()}};
  if (!l.url.empty()) j["url"] = l.url;
  if (l.deprecated) j["deprecated"] = true;
  if (l.mot_open_data) j["mot_open_data"] = true;
  if (l.mot_open_license) j["mot_open_license"] = true;
  if (l.mot_content_types) {
    auto& t = j["mot_content_types"] = nlohmann::json::array();
    for (auto ct : {ContentType::Code, ContentType::Data, ContentType::Document})
      if (l.type_appropriate(ct)) t.push_back(to_string(ct));
  }
  if (!l.summary.empty()) j["summary"] = l.summary;
  if (!l.restrictions.empty()) {
    auto& r = j["restrictions"] = nlohmann::json::array();
    for (const auto& x : l.restrictions) r.push_back({{"kind", x.kind}, {"text", x.text}, {"url", x.url}});
  }
  if (!l.aliases.empty()) j["aliases"] = std::vector<std::string_view>(l.aliases.begin(), l.aliases.end());
  j["source"] = l.source;
  if (!l.as_of.empty()) j["as_of"] = l.as_of;
  return j;
}

}  // namespace openness
