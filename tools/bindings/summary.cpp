#include "summary.h"

#include "catalog.h"

#include <openness/licenses.h>
#include <openness/release.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace openness::bindings {
namespace {

const MofComponentResult* mof_component(const Assessment& a, Component c) {
  if (!a.mof) return nullptr;
  for (const auto& x : a.mof->components)
    if (x.component == c) return &x;
  return nullptr;
}

std::string license_words(const LicenseDb& db, std::string_view id) {
  const License* l = db.find(id);
  if (!l) l = db.normalize(id).license;
  if (!l) return "released under " + std::string(id) + " (not a license the table knows)";
  const std::string terms = l->mot_open() ? "open" : "not open";
  if (display_name(*l) == l->id) return "released under " + std::string(l->id) + " (" + terms + ")";
  return "released under " + std::string(l->name) + " (" + std::string(l->id) + ", " + terms + ")";
}

// A component MOT lists with words that keep it ("Proprietary", "Undisclosed").
std::string withheld_per_mot(std::string_view as_given, std::string_view it) {
  return "not released (MOT lists " + std::string(it) + " as \"" + std::string(as_given) + "\")";
}

std::string from_mof(const MofComponentResult& c) {
  if (!c.listed) return "not listed by MOT";
  if (c.license_as_given.empty()) return "listed without a license";
  if (says_not_included(c.license_as_given)) return "not included in MOT's entry";
  if (says_not_released(c.license_as_given)) return withheld_per_mot(c.license_as_given, "it");
  return "released under " + c.license_as_given + (c.open ? " (open)" : " (not open)");
}

std::string from_grade(Grade g) {
  switch (g) {
    case Grade::Open: return "open, per EOSAI";
    case Grade::Partial: return "partly open, per EOSAI";
    case Grade::Closed: return "closed, per EOSAI";
    case Grade::None: return "not graded by EOSAI";
  }
  return "";
}

// EOSAI grades whether weights and data are available; their licenses are graded apart (the tier's
// reason says whether they are open), so "open" would read as an open license here.
std::string availability(Grade g) {
  return g == Grade::Open      ? "available, per EOSAI"
         : g == Grade::Partial ? "partly available, per EOSAI"
                               : from_grade(g);
}

// A family the dataset has no verdict for as a whole, whose models it holds: what each of them is.
void add_members(const Record& family, const Assessment& a, Json& out) {
  const auto groups = family_members(a);
  if (groups.empty()) return;
  std::size_t count = 0;
  for (const auto& g : groups) count += g.records.size();
  out["members"] = members_json(groups);
  constexpr std::size_t kNamed = 6;  // ids named per verdict in the sentence; the list has them all
  out["summary"] = out["summary"].get<std::string>() + " " + std::string(family.name) +
                   " names a family, with no verdict of its own in the data; its " + std::to_string(count) +
                   (count == 1 ? " model: " : " models: ") + members_words(groups, kNamed) + ".";
}

}  // namespace

std::string_view to_string(Openness o) {
  switch (o) {
    case Openness::Open: return "open";
    case Openness::Restricted: return "restricted";
    case Openness::NotReleased: return "not released";
    case Openness::Unknown: break;
  }
  return "unknown";
}

Openness openness_of(std::string_view dimension) {
  if (dimension == "open") return Openness::Open;
  if (dimension == "restricted" || dimension == "partial") return Openness::Restricted;
  if (dimension == "not released") return Openness::NotReleased;
  return Openness::Unknown;
}

std::vector<ComponentStatus> component_summary(const Record& r, const Assessment& a, const Dataset& ds) {
  const LicenseDb& db = ds.licenses();
  const Availability* av = r.availability;
  const EosaiData* e = r.eosai;
  auto grade = [&](EosaiParam p) { return e->parameters[static_cast<std::size_t>(p)].grade; };
  std::vector<ComponentStatus> out;
  // Weights: the producer's statement, else MOT, else EOSAI.
  if (av && !av->released) {
    out.push_back({"weights", "not released", "producer"});
  } else if (av) {
    out.push_back({"weights",
                   av->license.empty()
                       ? "released; license not stated"
                       : license_words(db, av->license) + (av->license_from_family ? ", per the family" : ""),
                   "producer"});
  } else if (const auto* w = mof_component(a, Component::ModelParametersFinal); w && w->listed) {
    // A listing such as "Undisclosed" or "Proprietary" is how MOT says the weights are kept.
    if (a.spectrum.tier == Tier::Closed)
      out.push_back({"weights", withheld_per_mot(w->license_as_given, "them"), "MOT"});
    else
      out.push_back({"weights", from_mof(*w), "MOT"});
  } else if (e) {
    out.push_back({"weights", availability(grade(EosaiParam::WeightsEndmodel)), "EOSAI"});
  } else {
    out.push_back({"weights", "not stated", ""});
  }
  if (a.lineage && a.spectrum.tier == Tier::RestrictedWeights)
    out.back().status += "; derived from " + std::string(a.lineage->base->id) + ", under " + a.lineage->license +
                         " (not open), whose terms carry over";
  // Training code and training data.
  struct Part {
    const char* name;
    Stated stated;
    bool from_family;
    Component mof;
    EosaiParam eosai;
  };
  const Part parts[] = {{"training code", av ? av->training_code : Stated::Unstated, av && av->code_from_family,
                         Component::TrainingCode, EosaiParam::Trainingcode},
                        {"training data", av ? av->training_data : Stated::Unstated, av && av->data_from_family,
                         Component::Datasets, EosaiParam::DatasourcesBasemodel}};
  for (const auto& p : parts) {
    if (p.stated != Stated::Unstated) {
      out.push_back(
          {p.name, std::string(stated_words(p.stated)) + (p.from_family ? ", per the family" : ""), "producer"});
    } else if (const auto* c = mof_component(a, p.mof); c && a.mof) {
      out.push_back({p.name, from_mof(*c), "MOT"});
    } else if (e && p.mof == Component::Datasets) {
      // The base model's data, and what keeps it from open when that is available.
      std::string words = availability(grade(p.eosai));
      if (grade(p.eosai) == Grade::Open && !eosai_data_open(*e)) {
        if (const Grade end = grade(EosaiParam::DatasourcesEndmodel); end != Grade::Open && end != Grade::None)
          words += "; the end model's data " + availability(end);
        if (const Grade lic = grade(EosaiParam::Licenses); lic != Grade::Open) words += "; licenses " + from_grade(lic);
      }
      out.push_back({p.name, std::move(words), "EOSAI"});
    } else if (e) {
      out.push_back({p.name, from_grade(grade(p.eosai)), "EOSAI"});
    } else {
      out.push_back({p.name, av && !av->released ? "not released" : "not stated", av ? "producer" : ""});
    }
  }
  // Documentation: what MOT lists, else EOSAI's model card and preprint grades.
  if (a.mof) {
    std::string docs;
    for (Component c :
         {Component::ModelCard, Component::DataCard, Component::TechnicalReport, Component::ResearchPaper})
      if (const auto* x = mof_component(a, c);
          x && x->listed && !says_not_released(x->license_as_given) && !says_not_included(x->license_as_given))
        docs += (docs.empty() ? "" : ", ") + lower(info(c).name);
    out.push_back({"documentation", docs.empty() ? "none listed by MOT" : docs, "MOT"});
  } else if (e) {
    out.push_back({"documentation",
                   "model card " + from_grade(grade(EosaiParam::Modelcard)) + "; preprint " +
                       from_grade(grade(EosaiParam::Preprint)),
                   "EOSAI"});
  }
  // Each component's state in one word: the reading compare_models and search_models give it.
  const Dimensions d = dimensions(r, a);
  for (auto& c : out)
    c.state = openness_of(c.component == "weights"         ? d.weights
                          : c.component == "training code" ? d.training_code
                          : c.component == "training data" ? d.training_data
                                                           : d.documentation);
  return out;
}

Json summary_json(const Record& r, const Assessment& a, const Dataset& ds) {
  // Objects are filled member by member: nlohmann's initializer lists copy every value.
  Json v = Json::object();
  Json& spectrum = v["spectrum"];
  spectrum["tier"] = to_string(a.spectrum.tier);
  spectrum["label"] = a.spectrum.label();
  spectrum["basis"] = a.spectrum.basis;
  spectrum["why"] = a.spectrum.why();
  Json& mof = v["mof"];
  if (a.mof) {
    mof["class"] = a.mof->mof_class;
    mof["label"] = a.mof->label();
  }
  const auto outcome = [](OsaidOutcome o) { return o == OsaidOutcome::Meets ? "meets" : "does-not-meet"; };
  Json& osaid = v["osaid"];
  osaid["outcome"] = a.osaid.assessed ? outcome(a.osaid.outcome) : "not-assessed";
  osaid["basis"] = a.osaid.osi_validation ? "osi-validation" : "checklist";
  osaid["checklist_outcome"] = outcome(a.osaid.checklist);
  Json& eosai = v["eosai"];
  if (a.eosai) {
    eosai["score"] = std::round(a.eosai->score * 1000) / 10;
    eosai["scored_model"] = a.eosai->scored_model;
    if (a.eosai_from && a.eosai_from != &r) eosai["family"] = a.eosai_from->id;
  }
  Json components = Json::array();
  for (const auto& c : component_summary(r, a, ds)) {
    Json x = Json::object();
    x["component"] = c.component;
    x["status"] = c.status;
    x["state"] = to_string(c.state);
    if (!c.from.empty()) x["from"] = c.from;
    components.push_back(std::move(x));
  }
  // Restrictions of the license that governs the weights.
  Json restrictions = Json::array();
  const auto given = given_licenses(r, a, ds);
  const GivenLicense* w = weights_license(given);
  if (w && w->normalized.license)
    for (const auto& x : w->normalized.license->restrictions) restrictions.push_back(restriction_json(x));
  if (a.lineage) {
    const std::string where = base_weights_applies_to(*a.lineage);
    for (const auto& l : given)
      if (&l != w && l.normalized.license &&
          std::find(l.applies_to.begin(), l.applies_to.end(), where) != l.applies_to.end())
        for (const auto& x : l.normalized.license->restrictions) {
          Json j = restriction_json(x);
          j["from"] = "base model " + std::string(a.lineage->base->id) + " (" + a.lineage->license + ")";
          restrictions.push_back(std::move(j));
        }
  }
  // The sources behind the verdicts: the producer's statement, MOT, EOSAI, OSI.
  Json sources = Json::array();
  std::set<std::string_view> want;
  if (const Availability* av = r.availability)
    for (const char* f : {"weights", "license", "training_code", "training_data"}) want.insert(av->source_of(f));
  if (r.mof) want.insert(r.mof->source);
  if (r.eosai) want.insert(r.eosai->source);
  if (r.osi_validation) want.insert(r.osi_validation->source);
  auto source = [](const Source& s) {
    Json j = Json::object();
    j["id"] = s.id;
    j["url"] = s.url;
    j["as_of"] = s.as_of;
    return j;
  };
  for (const auto& s : r.sources)
    if (want.count(s.id) && sources.size() < 5) sources.push_back(source(s));
  // No source behind a verdict (a family known by name only): the record's own.
  for (const auto& s : r.sources)
    if (want.empty() && sources.size() < 3) sources.push_back(source(s));
  if (a.eosai_from && a.eosai_from != &r && a.eosai_from->eosai)
    if (const Source* s = a.eosai_from->source(a.eosai_from->eosai->source)) sources.push_back(source(*s));
  Json model = Json::object();
  model["id"] = r.id;
  model["name"] = r.name;
  model["kind"] = to_string(r.kind);
  if (!r.producer.empty()) model["producer"] = r.producer;
  if (!r.release_date.empty()) model["release_date"] = r.release_date;
  if (const Record* fam = ds.family_of(r); fam && fam != &r) model["family"] = fam->id;
  if (!r.base_model.empty()) model["base_model"] = r.base_model;
  Json out = Json::object();
  out["model"] = std::move(model);
  out["summary"] = verdict_line(r, a);
  out["verdicts"] = std::move(v);
  out["components"] = std::move(components);
  out["restrictions"] = std::move(restrictions);
  out["disagreement_count"] = r.disagreements.size();
  out["sources"] = std::move(sources);
  out["as_of"] = latest_as_of(r, a);
  out["full_record"] = "openness://models/" + std::string(r.id);
  add_members(r, a, out);
  return out;
}

std::string summary_text(const Record& r, const Json& summary) {
  // Strings are read in place (get_ref), not copied out of the tree.
  auto str = [](const Json& j, const char* key) -> const std::string& {
    return j.at(key).get_ref<const std::string&>();
  };
  std::string s = str(summary, "summary");
  for (const auto& c : summary["components"]) {
    s += "\n- ";
    s += str(c, "component");
    s += ": ";
    s += str(c, "status");
    if (c.contains("from")) s += " [" + str(c, "from") + "]";
  }
  if (!summary["restrictions"].empty()) {
    s += "\nLicense restrictions:";
    for (const auto& x : summary["restrictions"]) s += " " + str(x, "kind") + ";";
    s.pop_back();
  }
  if (const Json& why = summary["verdicts"]["spectrum"]["why"]; !why.get_ref<const std::string&>().empty())
    s += "\nWhy: " + why.get_ref<const std::string&>();
  if (const auto n = r.disagreements.size(); n)
    s += "\n" + std::to_string(n) + " disagreement(s) between sources (detail \"full\" lists them).";
  if (!summary["sources"].empty()) {
    s += "\nSources:";
    for (const auto& x : summary["sources"])
      s += " " + str(x, "id") + " <" + str(x, "url") + "> (" + str(x, "as_of") + ");";
    s.pop_back();
  }
  s += "\nFull record: lookup_model with detail \"full\", or the resource " + str(summary, "full_record") + ".";
  return s;
}

}  // namespace openness::bindings
