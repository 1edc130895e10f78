// DESIGN: how the dataset loads fast and still validates every record.
//
// Measured alternatives (bundled dataset: 457 records, ~2.4 MB of pretty-printed JSON):
//   - nlohmann::json DOM of every file, then typed structs: ~25-30 ms and ~20 MB of heap at peak,
//     which alone breaks the server's 12 ms cold-start budget and its 16 MiB RSS budget.
//   - json_lite (flat node array reused across files) + direct conversion into typed structs whose
//     strings view the embedded text: a few ms, no per-string allocation (see bench/ for figures).
// The typed conversion is also the validator (types, required members, enums, dates, unknown
// members, source references), so a bad record fails with its file and JSON pointer. The JSON
// Schema in schemas/model.schema.json says the same thing and a test checks every bundled record
// against it with valijson; another test checks that both reject the same bad fixtures.
#include <openness/dataset.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "index.h"
#include "pack.h"
#include "pool.h"
#include "reader.h"

namespace openness {

namespace fs = std::filesystem;
using detail::Val;
using json_lite::Type;

struct Dataset::Storage {
  // `small`: one record's worth (a lazily parsed bundled record), so chunks start tiny.
  explicit Storage(bool small = false)
      : views(small ? 16 : 8192),
        aliases(small ? 8 : 4096),
        links(small ? 4 : 4096),
        field_sources(small ? 8 : 4096),
        sources(small ? 4 : 2048),
        components(small ? 17 : 4096),
        mofs(small ? 1 : 1024),
        eosais(small ? 1 : 64),
        osis(small ? 1 : 64),
        disagreements(small ? 4 : 256),
        dvalues(small ? 8 : 512),
        quirks(small ? 4 : 1024) {}
  std::vector<std::unique_ptr<std::string>> file_texts;  // user files, kept alive
  json_lite::StringArena strings;                        // unescaped strings
  detail::Pool<std::string_view> views;
  detail::Pool<Alias> aliases;
  detail::Pool<Link> links;
  detail::Pool<FieldSource> field_sources;
  detail::Pool<Source> sources;
  detail::Pool<MofComponentEntry> components;
  detail::Pool<MofData> mofs;
  detail::Pool<EosaiData> eosais;
  detail::Pool<OsiValidation> osis;
  detail::Pool<Disagreement> disagreements;
  detail::Pool<DisagreementValue> dvalues;
  detail::Pool<Quirk> quirks;
};

// A bundled record parsed on first use.
struct LazyRecord {
  Record rec;
  Dataset::Storage st{true};
};

struct Dataset::Packed {
  std::string_view blob;
  const detail::BundleHeader* header = nullptr;
  std::span<const detail::RecordEntry> entries;
  std::string_view text;
  std::unique_ptr<std::atomic<LazyRecord*>[]> lazy;
  std::vector<bool> dead;  // replaced by a user record
  std::uint32_t count = 0;

  std::string_view id(std::uint32_t i) const { return text.substr(entries[i].id_off, entries[i].id_len); }
  std::optional<std::uint32_t> find(std::string_view id_) const {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (id(mid) < id_) lo = mid + 1;
      else hi = mid;
    }
    if (lo < count && id(lo) == id_) return lo;
    return std::nullopt;
  }
  ~Packed() {
    if (!lazy) return;
    for (std::uint32_t i = 0; i < count; ++i) delete lazy[i].load(std::memory_order_acquire);
  }
};

namespace {

constexpr std::size_t kShort = 1024;   // ids, names, kinds, dates
constexpr std::size_t kLong = 16384;   // notes, titles, details, URLs

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '-' || c == '+'));
  };
  if (!ok(s[0], true)) return false;
  for (char c : s.substr(1))
    if (!ok(c, false)) return false;
  return true;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// Converts one record's nodes into a Record, appending to the storage pools.
class RecordParser {
 public:
  explicit RecordParser(Dataset::Storage& st) : st_(st) {}

  Record parse(const Val& root, std::string_view origin) {
    root.expect(Type::Object);
    Record r;
    r.origin = origin;
    std::vector<FieldSource> fsrc;
    std::vector<Alias> aliases;
    std::vector<Link> links;
    std::vector<Disagreement> disagreements;
    std::vector<Quirk> quirks;
    std::vector<Source> sources;
    bool has_id = false, has_kind = false, has_name = false, has_sources = false;
    // Sources first, so that every reference below is checked where it stands.
    root.each_member([&](std::string_view key, const Val& v) {
      if (key != "sources") return;
      has_sources = true;
      parse_sources(v, sources);
    });
    if (!has_sources || sources.empty()) root.fail("a record needs at least one source (member \"sources\")");
    sources_ = &sources;
    root.each_member([&](std::string_view key, const Val& v) {
      if (key == "id") {
        r.id = v.text(kShort);
        if (!valid_id(r.id)) v.fail("id must match [a-z0-9][a-z0-9.+-]* (at most 200 characters)");
        has_id = true;
      } else if (key == "kind") {
        auto k = v.str();
        if (k == "model") r.kind = RecordKind::Model;
        else if (k == "family") r.kind = RecordKind::Family;
        else v.fail("kind must be \"model\" or \"family\"");
        has_kind = true;
      } else if (key == "name") {
        r.name = v.text(kShort);
        has_name = true;
      } else if (key == "producer") {
        r.producer = v.text(kShort);
      } else if (key == "producer_as_published") {
        r.producer_as_published = strings(v, kShort);
      } else if (key == "release_date") {
        r.release_date = v.text(kShort);
        if (!detail::valid_date(r.release_date)) v.fail("release_date must be YYYY, YYYY-MM or YYYY-MM-DD");
      } else if (key == "modality") {
        r.modality = strings(v, kShort, [](const Val& e, std::string_view s) {
          if (!one_of(s, {"text", "code", "image", "vision", "audio", "video", "3d", "multimodal", "other"}))
            e.fail("modality must be one of text, code, image, vision, audio, video, 3d, multimodal, other");
        });
      } else if (key == "size") {
        r.size = v.text(kShort);
      } else if (key == "version") {
        r.version = v.text(kShort);
      } else if (key == "architecture") {
        r.architecture = v.text(kShort);
      } else if (key == "base_model") {
        r.base_model = v.text(kShort);
      } else if (key == "family") {
        v.each_member([&](std::string_view k, const Val& f) {
          if (k == "id") {
            r.family_id = f.text(kShort);
            if (!valid_id(r.family_id)) f.fail("not a valid record id");
          } else if (k == "method") {
            r.family_method = f.text(kLong);
          } else {
            v.unknown_member(k);
          }
        });
        if (r.family_id.empty()) v.fail("missing required member \"id\"");
      } else if (key == "field_sources") {
        v.each_member([&](std::string_view k, const Val& f) {
          if (!one_of(k, {"name", "producer", "release_date", "modality", "size", "version", "architecture",
                          "base_model"}))
            v.unknown_member(k);
          fsrc.push_back({k, ref(f)});
        });
      } else if (key == "aliases") {
        v.each_elem([&](const Val& e) {
          Alias a;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "value") a.value = f.text(kShort);
            else if (k == "kind") {
              a.kind = f.str();
              if (!one_of(a.kind, {"name", "file-name", "huggingface", "ollama", "marketing", "family-name",
                                   "eosai-end-model", "other"}))
                f.fail("alias kind must be one of name, file-name, huggingface, ollama, marketing, family-name, "
                       "eosai-end-model, other");
            } else if (k == "source") a.source = ref(f);
            else e.unknown_member(k);
          });
          require(e, !a.value.empty() && !a.kind.empty() && !a.source.empty(), "an alias needs value, kind and source");
          aliases.push_back(a);
        });
      } else if (key == "links") {
        v.each_elem([&](const Val& e) {
          Link l;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "kind") l.kind = f.text(kShort);
            else if (k == "url") l.url = f.text(kLong);
            else if (k == "source") l.source = ref(f);
            else e.unknown_member(k);
          });
          require(e, !l.kind.empty() && !l.url.empty() && !l.source.empty(), "a link needs kind, url and source");
          links.push_back(l);
        });
      } else if (key == "mof") {
        r.mof = mof(v);
      } else if (key == "eosai") {
        r.eosai = eosai(v);
      } else if (key == "osi_validation") {
        OsiValidation o;
        v.each_member([&](std::string_view k, const Val& f) {
          if (k == "system") o.system = f.text(kShort);
          else if (k == "producer") o.producer = f.text(kShort);
          else if (k == "outcome") {
            o.outcome = f.str();
            if (!one_of(o.outcome, {"pass", "needs-license-change", "fail"}))
              f.fail("outcome must be pass, needs-license-change or fail");
          } else if (k == "note") o.note = f.text(kLong);
          else if (k == "source") o.source = ref(f);
          else v.unknown_member(k);
        });
        require(v, !o.system.empty() && !o.outcome.empty() && !o.source.empty(),
                "osi_validation needs system, outcome and source");
        r.osi_validation = st_.osis.one(o);
      } else if (key == "disagreements") {
        v.each_elem([&](const Val& e) {
          Disagreement d;
          std::vector<DisagreementValue> vals;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "field") d.field = f.text(kShort);
            else if (k == "note") d.note = f.text(kLong);
            else if (k == "values") {
              f.each_elem([&](const Val& x) {
                DisagreementValue dv;
                x.each_member([&](std::string_view xk, const Val& xf) {
                  if (xk == "value") dv.value = xf.str().substr(0, kLong);
                  else if (xk == "source") dv.source = ref(xf);
                  else x.unknown_member(xk);
                });
                require(x, !dv.source.empty(), "a disagreement value needs a source");
                vals.push_back(dv);
              });
            } else e.unknown_member(k);
          });
          require(e, !d.field.empty() && !vals.empty(), "a disagreement needs field and values");
          d.values = st_.dvalues.copy(vals);
          disagreements.push_back(d);
        });
      } else if (key == "quirks") {
        v.each_elem([&](const Val& e) {
          Quirk q;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "kind") q.kind = f.text(kShort);
            else if (k == "detail") q.detail = f.text(kLong);
            else if (k == "source") q.source = ref(f);
            else e.unknown_member(k);
          });
          require(e, !q.kind.empty() && !q.detail.empty() && !q.source.empty(), "a quirk needs kind, detail and source");
          quirks.push_back(q);
        });
      } else if (key == "sources") {
        // parsed first, above
      } else {
        root.unknown_member(key);
      }
    });
    if (!has_id) root.fail("missing required member \"id\"");
    if (!has_kind) root.fail("missing required member \"kind\"");
    if (!has_name) root.fail("missing required member \"name\"");
    if (!has_sources || sources.empty()) root.fail("a record needs at least one source (member \"sources\")");
    bool name_sourced = false;
    for (const auto& f : fsrc) name_sourced = name_sourced || f.field == "name";
    if (!name_sourced) root.fail("field_sources must name the source of \"name\"");
    // Every top-level fact that is present has a source, and every reference resolves.
    auto needs = [&](std::string_view field, bool present) {
      if (!present) return;
      for (const auto& f : fsrc)
        if (f.field == field) return;
      root.fail("field_sources has no entry for \"" + std::string(field) + "\"");
    };
    needs("producer", !r.producer.empty());
    needs("release_date", !r.release_date.empty());
    needs("modality", !r.modality.empty());
    needs("size", !r.size.empty());
    needs("version", !r.version.empty());
    needs("architecture", !r.architecture.empty());
    needs("base_model", !r.base_model.empty());
    r.field_sources = st_.field_sources.copy(fsrc);
    r.aliases = st_.aliases.copy(aliases);
    r.links = st_.links.copy(links);
    r.disagreements = st_.disagreements.copy(disagreements);
    r.quirks = st_.quirks.copy(quirks);
    r.sources = st_.sources.copy(sources);
    return r;
  }

  void parse_sources(const Val& v, std::vector<Source>& sources) {
        v.each_elem([&](const Val& e) {
          Source s;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "id") s.id = f.text(kShort);
            else if (k == "title") s.title = f.text(kLong);
            else if (k == "url") s.url = f.text(kLong);
            else if (k == "repository") s.repository = f.text(kLong);
            else if (k == "path") s.path = f.text(kLong);
            else if (k == "commit") s.commit = f.text(kShort);
            else if (k == "as_of") {
              s.as_of = f.text(kShort);
              if (!detail::valid_full_date(s.as_of)) f.fail("as_of must be a date YYYY-MM-DD");
            } else if (k == "license") s.license = f.text(kLong);
            else e.unknown_member(k);
          });
          require(e, !s.id.empty(), "a source needs an id");
          require(e, !s.url.empty(), "a source needs a url");
          require(e, !s.as_of.empty(), "a source needs an as_of date");
          require(e, !s.title.empty(), "a source needs a title");
          for (const auto& o : sources)
            if (o.id == s.id) e.fail("duplicate source id \"" + std::string(s.id) + "\"");
          sources.push_back(s);
        });
  }

 private:
  static void require(const Val& v, bool ok, const char* msg) {
    if (!ok) v.fail(msg);
  }

  // A source reference ("<source id>" or "<source id>#<fragment>"): must name one of the sources.
  std::string_view ref(const Val& v) {
    auto s = v.text(kShort);
    const std::string_view id = s.substr(0, s.find('#'));
    for (const auto& src : *sources_)
      if (src.id == id) return s;
    v.fail("source \"" + std::string(s) + "\" is not in the record's sources");
  }

  template <class Check = std::nullptr_t>
  std::span<const std::string_view> strings(const Val& v, std::size_t max, Check check = nullptr) {
    tmp_.clear();
    v.each_elem([&](const Val& e) {
      auto s = e.text(max);
      if constexpr (!std::is_same_v<Check, std::nullptr_t>) check(e, s);
      tmp_.push_back(s);
    });
    return st_.views.copy(tmp_);
  }

  const MofData* mof(const Val& v) {
    MofData m;
    std::vector<MofComponentEntry> comps;
    bool has_components = false;
    v.each_member([&](std::string_view k, const Val& f) {
      if (k == "source") m.source = ref(f);
      else if (k == "framework_version") m.framework_version = f.text(kShort);
      else if (k == "licenses") {
        f.each_member([&](std::string_view lk, const Val& l) {
          std::optional<LicenseRef>* slot = lk == "distribution" ? &m.distribution
                                            : lk == "code"       ? &m.code
                                            : lk == "data"       ? &m.data
                                            : lk == "document"   ? &m.document
                                                                 : nullptr;
          if (!slot) f.unknown_member(lk);
          LicenseRef lr;
          l.each_member([&](std::string_view x, const Val& y) {
            if (x == "name") lr.name = y.text(kShort);
            else if (x == "path") lr.path = y.text(kLong);
            else l.unknown_member(x);
          });
          require(l, !lr.name.empty(), "a release-wide license needs a name");
          *slot = lr;
        });
      } else if (k == "components") {
        has_components = true;
        if (f.size() > 64) f.fail("at most 64 components");
        f.each_elem([&](const Val& c) {
          MofComponentEntry e{};
          bool named = false;
          c.each_member([&](std::string_view ck, const Val& cf) {
            if (ck == "name") {
              auto id = component_from_name(cf.str());
              if (!id) cf.fail("not a MOF component name (see mof.settings.yml, e.g. \"Model parameters (Final)\")");
              e.id = *id;
              named = true;
            } else if (ck == "license") {
              e.has_license = true;
              e.license = cf.str().substr(0, kShort);
            } else if (ck == "license_path") e.license_path = cf.text(kLong);
            else if (ck == "component_path") e.component_path = cf.text(kLong);
            else if (ck == "description") e.description = cf.text(kLong);
            else c.unknown_member(ck);
          });
          require(c, named, "a component needs a name");
          for (const auto& o : comps)
            if (o.id == e.id) c.fail("component listed twice");
          comps.push_back(e);
        });
      } else v.unknown_member(k);
    });
    require(v, !m.source.empty(), "mof needs a source");
    require(v, has_components, "mof needs components (an empty list if none)");
    m.components = st_.components.copy(comps);
    return st_.mofs.one(m);
  }

  const EosaiData* eosai(const Val& v) {
    EosaiData e;
    bool have[kEosaiParamCount] = {};
    v.each_member([&](std::string_view k, const Val& f) {
      if (k == "source") e.source = ref(f);
      else if (k == "file") e.file = f.text(kShort);
      else if (k == "system_name") e.system_name = f.text(kShort);
      else if (k == "link") e.link = f.text(kLong);
      else if (k == "type") e.type = f.text(kShort);
      else if (k == "performance_class") e.performance_class = f.text(kShort);
      else if (k == "base_model") e.base_model = f.text(kShort);
      else if (k == "end_model") e.end_model = f.text(kShort);
      else if (k == "end_model_license") e.end_model_license = f.text(kShort);
      else if (k == "release_date") e.release_date = f.text(kShort);
      else if (k == "notes") e.notes = f.text(kLong);
      else if (k == "org") {
        f.each_member([&](std::string_view ok, const Val& o) {
          if (ok == "name") e.org_name = o.str().substr(0, kShort);
          else if (ok == "link") e.org_link = o.text(kLong);
          else if (ok == "notes") e.org_notes = o.text(kLong);
          else f.unknown_member(ok);
        });
      } else if (k == "parameters") {
        f.each_member([&](std::string_view pk, const Val& p) {
          auto id = eosai_param_from_key(pk);
          if (!id) f.unknown_member(pk);
          EosaiParameter& ep = e.parameters[static_cast<std::size_t>(*id)];
          have[static_cast<std::size_t>(*id)] = true;
          bool graded = false;
          p.each_member([&](std::string_view x, const Val& y) {
            if (x == "grade") {
              graded = true;
              if (y.is_null()) {
                ep.grade = Grade::None;
              } else {
                auto g = y.str();
                if (g == "open") ep.grade = Grade::Open;
                else if (g == "partial") ep.grade = Grade::Partial;
                else if (g == "closed") ep.grade = Grade::Closed;
                else y.fail("grade must be open, partial, closed or null");
              }
            } else if (x == "links") {
              ep.links = strings(y, kLong);
            } else if (x == "notes") {
              ep.notes = y.text(kLong);
            } else {
              p.unknown_member(x);
            }
          });
          require(p, graded, "a parameter needs a grade (null when EOSAI gives none)");
        });
      } else v.unknown_member(k);
    });
    require(v, !e.source.empty(), "eosai needs a source");
    for (std::size_t i = 0; i < kEosaiParamCount; ++i)
      if (!have[i])
        v.fail("eosai.parameters is missing \"" + std::string(eosai_param_table()[i].key) + "\"");
    return st_.eosais.one(e);
  }

  Dataset::Storage& st_;
  const std::vector<Source>* sources_ = nullptr;
  std::vector<std::string_view> tmp_;
};

std::string read_whole(const fs::path& p, std::size_t max) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw DataError(p.string(), "", "cannot read the file");
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size > max) throw DataError(p.string(), "", "file larger than the limit of " + std::to_string(max) + " bytes");
  std::string s(size, '\0');
  in.seekg(0);
  in.read(s.data(), static_cast<std::streamsize>(size));
  return s;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Dataset::Dataset() : storage_(std::make_unique<Storage>()) {}
Dataset::~Dataset() = default;

namespace {

// Loads one text: a record object, an array of records, or (jsonl) one record per line.
void load_text(std::string_view path, std::string_view text, bool jsonl, Dataset::Storage& st,
               std::vector<json_lite::Node>& nodes, std::vector<Record>& out) {
  RecordParser parser(st);
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t pos = 0;
  auto skip = [&] {
    while (pos < text.size() && is_ws(text[pos])) ++pos;
  };
  auto one = [&](std::string_view where, std::string pointer_prefix) {
    json_lite::Error err;
    if (!json_lite::parse_value(text, pos, nodes, st.strings, err)) {
      auto [line, col] = json_lite::line_col(text, err.offset);
      throw DataError(std::string(where), pointer_prefix + err.pointer,
                      "invalid JSON: " + err.message + " (line " + std::to_string(line) + ", column " +
                          std::to_string(col) + ")");
    }
    detail::Ctx ctx{where, &nodes};
    try {
      out.push_back(parser.parse(Val(ctx, 0, nullptr), path));  // origin: the file (stable storage)
    } catch (const DataError& e) {
      if (pointer_prefix.empty()) throw;
      throw DataError(e.path(), pointer_prefix + e.pointer(), e.message());
    }
  };
  skip();
  if (pos >= text.size()) throw DataError(std::string(path), "", "empty file");
  if (jsonl) {
    std::size_t line = 1;
    for (;;) {
      // Skip blank lines, counting them.
      while (pos < text.size() && is_ws(text[pos])) {
        if (text[pos] == '\n') ++line;
        ++pos;
      }
      if (pos >= text.size()) break;
      const std::string where = std::string(path) + ":" + std::to_string(line);
      one(where, "");
      while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
      if (pos < text.size() && text[pos] != '\n')
        throw DataError(where, "", "one JSON record per line expected (content after the record)");
    }
    return;
  }
  if (text[pos] == '[') {
    ++pos;
    skip();
    if (pos < text.size() && text[pos] == ']') return;
    for (std::size_t i = 0;; ++i) {
      one(path, "/" + std::to_string(i));
      skip();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        skip();
        continue;
      }
      if (pos < text.size() && text[pos] == ']') {
        ++pos;
        break;
      }
      throw DataError(std::string(path), "/" + std::to_string(i + 1), "expected ',' or ']' between records");
    }
  } else {
    one(path, "");
  }
  skip();
  if (pos != text.size()) throw DataError(std::string(path), "", "unexpected content after the JSON value");
}

}  // namespace


namespace {

// Loads the user directories of `opts` (sorted *.json / *.jsonl files, non-recursive).
void load_user_dirs(const LoadOptions& opts, Dataset::Storage& st, std::vector<json_lite::Node>& nodes,
                    std::vector<Record>& out, LoadStats& stats) {
  for (const auto& dir : opts.data_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DataError(dir, "", "--data-dir is not a directory");
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const auto name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      const auto ext = e.path().extension().string();
      if ((ext == ".json" || ext == ".jsonl") && e.is_regular_file()) paths.push_back(e.path());
    }
    if (ec) throw DataError(dir, "", "cannot list the directory: " + ec.message());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      auto& kept = st.file_texts.emplace_back(std::make_unique<std::string>(read_whole(p, opts.max_file_bytes)));
      const auto path_view = st.strings.store(p.string());
      load_text(path_view, *kept, p.extension() == ".jsonl", st, nodes, out);
      stats.bytes += kept->size();
      ++stats.files;
    }
  }
}

// Checks that user record ids are unique among themselves.
void check_unique(const std::vector<Record>& recs) {
  std::unordered_map<std::string_view, std::string_view> ids;
  ids.reserve(recs.size() * 2);
  for (const auto& r : recs) {
    auto [it, inserted] = ids.emplace(r.id, r.origin);
    if (!inserted)
      throw DataError(std::string(r.origin), "/id",
                      "record id \"" + std::string(r.id) + "\" is also defined in " + std::string(it->second));
  }
}

}  // namespace

std::shared_ptr<const Dataset> Dataset::load(std::string_view licenses_json, std::span<const TextFile> files,
                                             const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  ds->licenses_text_ = licenses_json;
  ds->licenses_ = LicenseDb::parse(licenses_json, "licenses.json");  // validated now
  std::call_once(ds->licenses_once_, [] {});
  std::vector<json_lite::Node> nodes;
  nodes.reserve(4096);
  for (const auto& f : files) {
    load_text(ds->storage_->strings.store(f.path), f.text, false, *ds->storage_, nodes, ds->eager_);
    ds->stats_.bytes += f.text.size();
    ++ds->stats_.files;
  }
  check_unique(ds->eager_);
  std::vector<Record> user;
  load_user_dirs(opts, *ds->storage_, nodes, user, ds->stats_);
  check_unique(user);
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  by_id.reserve((ds->eager_.size() + user.size()) * 2);
  for (std::uint32_t i = 0; i < ds->eager_.size(); ++i) by_id.emplace(ds->eager_[i].id, i);
  for (auto& r : user) {
    if (auto it = by_id.find(r.id); it != by_id.end()) {
      ds->overridden_.emplace_back(r.id);
      ds->eager_[it->second] = r;
    } else {
      by_id.emplace(r.id, static_cast<std::uint32_t>(ds->eager_.size()));
      ds->eager_.push_back(r);
    }
  }
  for (const auto& r : ds->eager_)
    if (!r.family_id.empty() && !by_id.count(r.family_id))
      throw DataError(std::string(r.origin), "/family/id", "family \"" + std::string(r.family_id) + "\" is not a record id");
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->order_.resize(ds->eager_.size());
  for (std::uint32_t i = 0; i < ds->order_.size(); ++i) ds->order_[i] = i;
  std::vector<detail::Segment> owned;
  owned.push_back(detail::build_segment(ds->eager_.size(), [&](std::uint32_t i) -> const Record& { return ds->eager_[i]; }));
  const std::size_t keys = owned.back().key_count;
  std::vector<detail::SegmentView> views{owned.back().view(0)};
  const Dataset* self = ds.get();
  ds->resolver_ = detail::make_resolver([self](std::uint32_t i) -> const Record& { return self->record(i); },
                                        [](std::uint32_t) { return true; }, std::move(views), std::move(owned), keys);
  ds->stats_.index_ms = ms_since(t1);
  ds->stats_.records = ds->eager_.size();
  for (const auto& r : ds->eager_) {
    ds->stats_.aliases += r.aliases.size();
    ds->stats_.sources += r.sources.size();
  }
  return ds;
}

std::shared_ptr<const Dataset> Dataset::load_packed(std::string_view blob, const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  auto pk = std::make_unique<Packed>();
  // Header checks: the bundle is ours, but a truncated or foreign blob must not be read past its end.
  if (blob.size() < sizeof(detail::BundleHeader) || reinterpret_cast<std::uintptr_t>(blob.data()) % 8 != 0)
    throw DataError("<bundled>", "", "bundle missing or misaligned");
  const auto* h = reinterpret_cast<const detail::BundleHeader*>(blob.data());
  if (std::memcmp(h->magic, detail::kBundleMagic, 8) != 0 || h->version != 1)
    throw DataError("<bundled>", "", "not an openness bundle of version 1");
  auto section = [&](const detail::Section& s, std::size_t elem) {
    if (s.off % 8 != 0 || s.off > blob.size() || s.len > (blob.size() - s.off) / elem)
      throw DataError("<bundled>", "", "bundle section out of bounds");
    return blob.data() + s.off;
  };
  pk->blob = blob;
  pk->header = h;
  pk->count = h->record_count;
  pk->entries = {reinterpret_cast<const detail::RecordEntry*>(section(h->records, sizeof(detail::RecordEntry))),
                 static_cast<std::size_t>(h->records.len)};
  if (pk->entries.size() != pk->count) throw DataError("<bundled>", "", "bundle record table size mismatch");
  pk->text = {section(h->text, 1), static_cast<std::size_t>(h->text.len)};
  ds->licenses_text_ = {section(h->licenses, 1), static_cast<std::size_t>(h->licenses.len)};
  detail::SegmentView bundled;
  bundled.table = {reinterpret_cast<const detail::Slot*>(section(h->table, sizeof(detail::Slot))),
                   static_cast<std::size_t>(h->table.len)};
  bundled.fkeys = {reinterpret_cast<const detail::FKey*>(section(h->fkeys, sizeof(detail::FKey))),
                   static_cast<std::size_t>(h->fkeys.len)};
  bundled.offsets = {reinterpret_cast<const std::uint32_t*>(section(h->offsets, 4)), static_cast<std::size_t>(h->offsets.len)};
  bundled.postings = {reinterpret_cast<const std::uint32_t*>(section(h->postings, 4)),
                      static_cast<std::size_t>(h->postings.len)};
  bundled.keys = {section(h->keys, 1), static_cast<std::size_t>(h->keys.len)};
  bundled.rec_base = 0;
  if ((bundled.table.size() & (bundled.table.size() - 1)) != 0 || bundled.offsets.size() < 2)
    throw DataError("<bundled>", "", "bundle index malformed");
  if (!opts.bundled) {  // keep the license knowledge, drop the bundled records
    pk->count = 0;
    pk->entries = {};
  }
  pk->lazy = std::make_unique<std::atomic<LazyRecord*>[]>(pk->count);
  pk->dead.assign(pk->count, false);
  const std::uint32_t base = pk->count;
  ds->stats_.bytes = blob.size();
  ds->stats_.files = 1;
  // User directories: parsed and validated now.
  std::vector<json_lite::Node> nodes;
  std::vector<Record> user;
  load_user_dirs(opts, *ds->storage_, nodes, user, ds->stats_);
  check_unique(user);
  ds->packed_ = std::move(pk);
  Packed& p = *ds->packed_;
  for (auto& r : user) {
    if (auto i = p.find(r.id)) {
      p.dead[*i] = true;
      ds->overridden_.emplace_back(r.id);
    }
    ds->eager_.push_back(r);
  }
  std::unordered_map<std::string_view, std::uint32_t> user_ids;
  for (std::uint32_t i = 0; i < ds->eager_.size(); ++i) user_ids.emplace(ds->eager_[i].id, i);
  for (const auto& r : ds->eager_)
    if (!r.family_id.empty() && !user_ids.count(r.family_id) && !p.find(r.family_id))
      throw DataError(std::string(r.origin), "/family/id", "family \"" + std::string(r.family_id) + "\" is not a record id");
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->order_.reserve(p.count - ds->overridden_.size() + ds->eager_.size());
  for (std::uint32_t i = 0; i < p.count; ++i)
    if (!p.dead[i]) ds->order_.push_back(i);
  for (std::uint32_t i = 0; i < ds->eager_.size(); ++i) ds->order_.push_back(base + i);
  std::vector<detail::Segment> owned;
  std::vector<detail::SegmentView> views;
  if (p.count) views.push_back(bundled);
  std::size_t keys = h->key_count;
  if (!ds->eager_.empty()) {
    owned.push_back(detail::build_segment(ds->eager_.size(), [&](std::uint32_t i) -> const Record& { return ds->eager_[i]; }));
    keys += owned.back().key_count;
    views.push_back(owned.back().view(base));
  }
  const Dataset* self = ds.get();
  ds->resolver_ = detail::make_resolver([self](std::uint32_t i) -> const Record& { return self->record(i); },
                                        [self](std::uint32_t i) { return self->live(i); }, std::move(views),
                                        std::move(owned), keys);
  ds->stats_.index_ms = ms_since(t1);
  ds->stats_.records = ds->order_.size();
  ds->stats_.aliases = h->alias_count;
  ds->stats_.sources = h->source_count;
  for (const auto& id : ds->overridden_) {
    const Record& old = ds->record(*p.find(id));
    ds->stats_.aliases -= old.aliases.size();
    ds->stats_.sources -= old.sources.size();
  }
  for (const auto& r : ds->eager_) {
    ds->stats_.aliases += r.aliases.size();
    ds->stats_.sources += r.sources.size();
  }
  return ds;
}

bool Dataset::live(std::uint32_t i) const {
  if (packed_ && i < packed_->count) return !packed_->dead[i];
  return true;
}

const Record& Dataset::record(std::uint32_t i) const {
  if (!packed_ || i >= packed_->count) return eager_[i - (packed_ ? packed_->count : 0)];
  auto& slot = packed_->lazy[i];
  if (LazyRecord* p = slot.load(std::memory_order_acquire)) return p->rec;
  // First use: parse this record with the validating parser (it was validated at build time, so
  // this cannot fail on an intact binary).
  auto fresh = std::make_unique<LazyRecord>();
  const auto& e = packed_->entries[i];
  const std::string_view text = packed_->text.substr(e.text_off, e.text_len);
  thread_local std::vector<json_lite::Node> nodes;
  detail::parse_or_throw(text, "<bundled>", nodes, fresh->st.strings);
  detail::Ctx ctx{"<bundled>", &nodes};
  RecordParser parser(fresh->st);
  fresh->rec = parser.parse(Val(ctx, 0, nullptr), "bundled");
  LazyRecord* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) return fresh.release()->rec;
  return expected->rec;  // another thread won; ours is discarded
}

const LicenseDb& Dataset::licenses() const {
  std::call_once(licenses_once_, [this] { licenses_ = LicenseDb::parse(licenses_text_, "<bundled>/licenses.json"); });
  return *licenses_;
}

const Record* Dataset::find(std::string_view id) const {
  for (const auto& r : eager_)
    if (r.id == id) return &r;
  if (packed_)
    if (auto i = packed_->find(id); i && !packed_->dead[*i]) return &record(*i);
  return nullptr;
}

const Record* Dataset::family_of(const Record& r) const {
  if (r.eosai) return &r;
  return r.family_id.empty() ? nullptr : find(r.family_id);
}

std::vector<const Record*> Dataset::members_of(const Record& family) const {
  std::vector<const Record*> out;
  for (const Record& r : *this)
    if (r.family_id == family.id) out.push_back(&r);
  return out;
}

namespace detail {

std::string write_bundle(const Dataset& ds, std::string_view licenses_json) {
  std::vector<const Record*> recs;
  for (const Record& r : ds) recs.push_back(&r);
  std::sort(recs.begin(), recs.end(), [](const Record* a, const Record* b) { return a->id < b->id; });
  BundleHeader h{};
  std::memcpy(h.magic, kBundleMagic, 8);
  h.version = 1;
  h.record_count = static_cast<std::uint32_t>(recs.size());
  std::string text;
  std::vector<RecordEntry> entries;
  for (const Record* r : recs) {
    RecordEntry e{};
    const std::string j = to_json(*r).dump();
    e.text_off = static_cast<std::uint32_t>(text.size());
    e.text_len = static_cast<std::uint32_t>(j.size());
    text += j;
    e.id_off = static_cast<std::uint32_t>(text.size());
    e.id_len = static_cast<std::uint32_t>(r->id.size());
    text += r->id;
    entries.push_back(e);
    h.alias_count += r->aliases.size();
    h.source_count += r->sources.size();
  }
  const Segment seg = build_segment(recs.size(), [&](std::uint32_t i) -> const Record& { return *recs[i]; });
  h.key_count = seg.key_count;
  std::string out(sizeof(BundleHeader), '\0');
  auto put = [&](Section& s, const void* data, std::size_t bytes, std::size_t elems) {
    while (out.size() % 8) out.push_back('\0');
    s.off = out.size();
    s.len = elems;
    out.append(static_cast<const char*>(data), bytes);
  };
  put(h.licenses, licenses_json.data(), licenses_json.size(), licenses_json.size());
  put(h.records, entries.data(), entries.size() * sizeof(RecordEntry), entries.size());
  put(h.text, text.data(), text.size(), text.size());
  put(h.table, seg.table.data(), seg.table.size() * sizeof(Slot), seg.table.size());
  put(h.fkeys, seg.fkeys.data(), seg.fkeys.size() * sizeof(FKey), seg.fkeys.size());
  put(h.offsets, seg.offsets.data(), seg.offsets.size() * 4, seg.offsets.size());
  put(h.postings, seg.postings.data(), seg.postings.size() * 4, seg.postings.size());
  put(h.keys, seg.keys.data(), seg.keys.size(), seg.keys.size());
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace detail

}  // namespace openness
