#include "present.h"

#include <openness/licenses.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace openness::bindings {

Json candidates_json(const Resolution& r) {
  Json out = Json::array();
  for (const auto& c : r.candidates) {
    Json x = {{"id", c.record->id},
              {"name", c.record->name},
              {"confidence", std::round(c.confidence * 100) / 100},
              {"method", to_string(c.method)}};
    if (!c.record->producer.empty()) x["producer"] = c.record->producer;
    if (!c.note.empty()) x["note"] = c.note;
    out.push_back(std::move(x));
  }
  return out;
}

std::string candidates_text(const Resolution& r) {
  std::string s;
  for (const auto& c : r.candidates) {
    s += "\n- " + std::string(c.record->id) + " (" + std::string(c.record->name);
    if (!c.record->producer.empty()) s += ", " + std::string(c.record->producer);
    s += ")";
  }
  return s;
}

std::variant<Resolved, mcp::ToolError> resolve_model(const Resolution& r, const std::string& name) {
  switch (r.status) {
    case ResolveStatus::Found: {
      Resolved out{r.match(), {}};
      const Candidate& c = r.candidates.front();
      if (c.method == MatchMethod::Fuzzy || c.method == MatchMethod::VariantSuffix ||
          c.method == MatchMethod::PackagingSuffix || c.method == MatchMethod::Family)
        out.read_as =
            "'" + name + "' was read as " + std::string(c.record->id) + (c.note.empty() ? "" : " (" + c.note + ")");
      return out;
    }
    case ResolveStatus::Ambiguous:
      if (r.near_spellings) break;  // names close in spelling to one the dataset does not hold
      return mcp::ToolError{"'" + name +
                            "' matches several models; call again with one of these ids:" + candidates_text(r)};
    case ResolveStatus::InvalidQuery:
      return mcp::ToolError{"'" + name.substr(0, 80) + "' is not a usable model name: " + r.message};
    case ResolveStatus::NotFound: break;
  }
  std::string msg = "No model named '" + name + "' in the dataset.";
  if (!r.candidates.empty())
    msg += " Nearest names (pass one as the name):" + candidates_text(r);
  else
    msg += " Try search_models with a text query, or describe the release to classify_release.";
  return mcp::ToolError{msg};
}

Json model_json(const Record& r, const Dataset& ds) {
  Json m = {{"id", r.id}, {"name", r.name}, {"kind", to_string(r.kind)}};
  m["producer"] = r.producer.empty() ? Json(nullptr) : Json(r.producer);
  m["release_date"] = r.release_date.empty() ? Json(nullptr) : Json(r.release_date);
  m["modality"] = std::vector<std::string_view>(r.modality.begin(), r.modality.end());
  m["size"] = r.size.empty() ? Json(nullptr) : Json(r.size);
  m["base_model"] = r.base_model.empty() ? Json(nullptr) : Json(r.base_model);
  if (const Record* fam = ds.family_of(r); fam && fam != &r) m["family"] = {{"id", fam->id}, {"name", fam->name}};
  if (r.kind == RecordKind::Family) {
    Json members = Json::array();
    for (const Record* x : ds.members_of(r)) members.push_back({{"id", x->id}, {"name", x->name}});
    m["members"] = std::move(members);
  }
  Json aliases = Json::array();
  for (const auto& a : r.aliases) aliases.push_back(a.value);
  m["aliases"] = std::move(aliases);
  Json links = Json::array();
  for (const auto& l : r.links) links.push_back({{"kind", l.kind}, {"url", l.url}});
  m["links"] = std::move(links);
  return m;
}

namespace {

void add_sources(const Record& r, Json& out, std::set<std::string>& seen) {
  for (const auto& s : r.sources) {
    if (!seen.insert(std::string(s.id)).second) continue;
    Json j = {{"id", s.id}, {"title", s.title}, {"url", s.url}, {"as_of", s.as_of}};
    if (!s.license.empty()) j["license"] = s.license;
    out.push_back(std::move(j));
  }
}

}  // namespace

Json sources_json(const Record& r, const Assessment& a) {
  Json out = Json::array();
  std::set<std::string> seen;
  add_sources(r, out, seen);
  if (a.eosai_from && a.eosai_from != &r) add_sources(*a.eosai_from, out, seen);
  return out;
}

std::string latest_as_of(const Record& r, const Assessment& a) {
  std::string best;
  for (const auto& s : r.sources) best = std::max(best, std::string(s.as_of));
  if (a.eosai_from)
    for (const auto& s : a.eosai_from->sources) best = std::max(best, std::string(s.as_of));
  return best;
}

std::string base_weights_applies_to(const Lineage& l) { return "base model " + std::string(l.base->id) + ": weights"; }

std::vector<GivenLicense> given_licenses(const Record& r, const Assessment& a, const Dataset& ds) {
  const LicenseDb& db = ds.licenses();
  std::vector<GivenLicense> given;
  auto add = [&](std::string_view s, std::string where) {
    if (s.empty() || s == "unlicensed") return;
    auto it = std::find_if(given.begin(), given.end(), [&](const auto& g) { return g.as_given == s; });
    if (it == given.end())
      given.push_back({std::string(s), {std::move(where)}, db.normalize(s)});
    else if (std::find(it->applies_to.begin(), it->applies_to.end(), where) == it->applies_to.end())
      it->applies_to.push_back(std::move(where));
  };
  if (const Availability* av = r.availability; av && av->released) add(av->license, "producer: weights");
  if (a.lineage) add(a.lineage->license, base_weights_applies_to(*a.lineage));
  if (a.mof) {
    for (const auto& c : a.mof->components)
      if (c.listed && !c.license_as_given.empty())
        add(c.license_as_given, "MOT: " + std::string(info(c.component).name));
  }
  const Record* e = a.eosai_from ? a.eosai_from : (r.eosai ? &r : nullptr);
  if (e && e->eosai) add(e->eosai->end_model_license, "EOSAI: end-model license of " + std::string(e->id));
  return given;
}

Json restriction_json(const LicenseRestriction& x) {
  Json j = Json::object();
  j["kind"] = x.kind;
  j["text"] = x.text;
  return j;
}

Json license_json(const GivenLicense& g) {
  Json j = Json::object();
  j["as_given"] = g.as_given;
  j["applies_to"] = g.applies_to;
  if (const License* l = g.normalized.license) {
    j["id"] = l->id;
    j["name"] = l->name;
    j["matched_by"] = to_string(g.normalized.method);
    j["osi_approved"] = l->osi_approved;
    j["open"] = l->mot_open();
    if (!l->url.empty()) j["url"] = l->url;
    Json restrictions = Json::array();
    for (const auto& x : l->restrictions) restrictions.push_back(restriction_json(x));
    j["restrictions"] = std::move(restrictions);
  } else {
    j["id"] = nullptr;
    j["open"] = false;
    j["note"] = "not a license id the dataset knows; not counted as open";
  }
  return j;
}

Json licenses_json(const std::vector<GivenLicense>& given) {
  Json out = Json::array();
  for (const auto& g : given) out.push_back(license_json(g));
  return out;
}

const GivenLicense* weights_license(const std::vector<GivenLicense>& given) {
  for (const std::string_view where : {"producer: weights", "MOT: Model parameters (Final)", "EOSAI: "})
    for (const auto& g : given)
      for (const auto& w : g.applies_to)
        if (w.rfind(where, 0) == 0) return &g;
  return nullptr;
}

Json verdicts_json(const Assessment& a, const Record& r, const Dataset& ds) {
  Json v = a.to_json();
  v.erase("id");
  v.erase("name");
  if (a.mof && a.mof->mode == MofMode::Normalized) {
    const MofVerdict strict = evaluate_mof(r.release(), ds.licenses(), MofMode::Strict);
    if (strict.mof_class != a.mof->mof_class)
      v["mof"]["strict_class"] = {{"class", strict.mof_class},
                                  {"label", strict.label()},
                                  {"note", "MOT's own site compares license strings exactly and shows this class"}};
  }
  return v;
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

std::string percent(double x, bool is_fraction) {
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, "%.1f %%", is_fraction ? x * 100 : x);  // truncates safely
  return buf;
}

namespace {
// EOSAI scored the family on this very model (by name or alias), though the record is not the
// family's: its score is the model's own.
bool scored_on(const Record& r, std::string_view scored_model) {
  const std::string key = Resolver::fold(scored_model);
  if (Resolver::fold(r.name) == key) return true;
  return std::any_of(r.aliases.begin(), r.aliases.end(), [&](const auto& a) { return Resolver::fold(a.value) == key; });
}
}  // namespace

std::string verdict_line(const Record& r, const Assessment& a) {
  std::string s = std::string(r.name);
  if (!r.producer.empty()) s += " (" + std::string(r.producer) + ")";
  s += ": " + std::string(a.spectrum.label()) + ".";
  if (a.mof) s += " MOF: " + std::string(a.mof->label()) + ".";
  const bool meets = a.osaid.outcome == OsaidOutcome::Meets;
  if (a.osaid.osi_validation) {
    // OSI's own published outcome is the verdict; the checklist is our reading of the components.
    s += meets
             ? " Meets OSAID 1.0 (OSI's own validation)."
             : " Does not meet OSAID 1.0 (OSI's own validation: " + std::string(a.osaid.osi_validation->outcome) + ").";
  } else if (!a.osaid.assessed) {
    s += " OSAID 1.0: not assessed (no component list to check).";
  } else {
    s += meets ? " Meets the OSAID 1.0 checklist." : " Does not meet the OSAID 1.0 checklist.";
  }
  if (a.eosai) {
    s += " EOSAI score " + percent(a.eosai->score, true);
    if (a.eosai_from != a.record && !scored_on(r, a.eosai->scored_model))
      s += " (its family's, scored on " + a.eosai->scored_model + ")";
    s += ".";
  }
  return s;
}

std::string components_text(const Assessment& a) {
  if (!a.mof) return "";
  std::string s;
  for (const auto& c : a.mof->components) {
    const auto& ci = info(c.component);
    if (!c.listed) {
      if (ci.required) s += "\n  - " + std::string(ci.name) + ": not released";
      continue;
    }
    s += "\n  - " + std::string(ci.name) + ": released, ";
    if (c.license_as_given.empty())
      s += "no license";
    else
      s += c.license_as_given + (c.open ? " (open)" : " (not open)");
  }
  return s;
}

}  // namespace openness::bindings

namespace openness::bindings {

ReleaseVerdicts judge_release(const Release& r, const EosaiData* eosai, const LicenseDb& db, MofMode mode) {
  // The spectrum reads the components only: caller-given EOSAI grades carry no license text.
  ReleaseVerdicts v{evaluate_mof(r, db, mode), evaluate_osaid(r, db, mode), evaluate_spectrum(&r, nullptr, db, mode),
                    std::nullopt};
  if (eosai) v.eosai = evaluate_eosai(*eosai);
  return v;
}

Json ReleaseVerdicts::to_json() const {
  return {{"spectrum", spectrum.to_json()},
          {"mof", mof.to_json()},
          {"eosai", eosai ? eosai->to_json() : Json(nullptr)},
          {"osaid", osaid.to_json()}};
}

Json ReleaseVerdicts::summary_json() const {
  Json elements = Json::array();
  for (const auto& e : osaid.elements) elements.push_back({{"name", e.name}, {"met", e.met}});
  Json progress = Json::object();
  for (int c = 3; c >= 1; --c)
    progress[std::to_string(c)] = std::round(mof.progress[static_cast<std::size_t>(c)] * 10) / 10;
  return {
      {"spectrum", {{"tier", to_string(spectrum.tier)}, {"label", spectrum.label()}, {"reasons", spectrum.reasons}}},
      {"mof", {{"class", mof.mof_class}, {"label", mof.label()}, {"progress", progress}}},
      {"eosai", eosai ? Json{{"score", std::round(eosai->score * 1000) / 10}} : Json(nullptr)},
      {"osaid",
       {{"outcome", osaid.outcome == OsaidOutcome::Meets ? "meets" : "does-not-meet"}, {"elements", elements}}}};
}

std::string ReleaseVerdicts::summary(std::string_view name) const {
  std::string s = (name.empty() ? std::string("This release") : std::string(name)) + ": " +
                  std::string(spectrum.label()) + ". MOF: " + std::string(mof.label()) + ".";
  s += osaid.outcome == OsaidOutcome::Meets ? " Meets OSAID 1.0." : " Does not meet OSAID 1.0.";
  if (eosai) s += " EOSAI score " + percent(eosai->score, true) + ".";
  return s;
}

std::vector<std::string> ReleaseVerdicts::next_steps() const {
  std::vector<std::string> steps;
  for (const auto& reason : mof.reasons) steps.push_back("MOF: " + reason);
  for (const auto& e : osaid.elements)
    if (!e.met) steps.push_back("OSAID " + e.name + ": " + e.requirement);
  return steps;
}

}  // namespace openness::bindings
