#include <openness/classify.h>
#include <openness/resolver.h>

#include "component_license.h"

#include <cctype>
#include <set>
#include <openness/dataset.h>

#include <nlohmann/json.hpp>

#include <cctype>

namespace openness {

using detail::describe;
using detail::resolve_component;
using detail::Resolved;

// ---------------------------------------------------------------------------------------------
// EOSAI

EosaiVerdict evaluate_eosai(const EosaiData& e) {
  EosaiVerdict v;
  v.scored_model = std::string(e.end_model.empty() ? e.system_name : e.end_model);
  double total = 0;
  std::array<double, 3> gsum{};
  std::array<int, 3> gcount{};
  for (const auto& pi : eosai_param_table()) {
    const auto& p = e.parameters[static_cast<std::size_t>(pi.id)];
    const double pts = p.grade == Grade::Open ? 1.0 : p.grade == Grade::Partial ? 0.5 : 0.0;
    v.params[static_cast<std::size_t>(pi.id)] = {pi.id, p.grade, pts};
    total += pts;
    const std::size_t g = pi.group == "Availability" ? 0 : pi.group == "Documentation" ? 1 : 2;
    gsum[g] += pts;
    ++gcount[g];
    if (p.grade == Grade::Open) continue;
    std::string r = std::string(pi.name) + " (" + std::string(pi.key) + "): ";
    r += p.grade == Grade::None ? "not graded (scored 0)" : std::string(to_string(p.grade));
    if (!p.notes.empty()) r += " - " + std::string(p.notes);
    v.reasons.push_back(std::move(r));
  }
  v.score = total / static_cast<double>(kEosaiParamCount);
  for (std::size_t g = 0; g < 3; ++g) v.group_scores[g] = gcount[g] ? gsum[g] / gcount[g] : 0;
  return v;
}

nlohmann::json EosaiVerdict::to_json() const {
  nlohmann::json j{
      {"framework", "EOSAI"},
      {"score", score},
      {"percent", score * 100},
      {"scored_model", scored_model},
      {"groups", {{"Availability", group_scores[0]}, {"Documentation", group_scores[1]}, {"Access", group_scores[2]}}}};
  auto& ps = j["parameters"] = nlohmann::json::array();
  for (const auto& p : params) {
    const auto& pi = eosai_param_table()[static_cast<std::size_t>(p.param)];
    ps.push_back({{"key", pi.key},
                  {"name", pi.name},
                  {"group", pi.group},
                  {"grade", p.grade == Grade::None ? nlohmann::json(nullptr) : nlohmann::json(to_string(p.grade))},
                  {"points", p.points}});
  }
  j["reasons"] = reasons;
  return j;
}

// ---------------------------------------------------------------------------------------------
// Shared with osaid.cpp (component_license.h): the license a released component ends up with.

namespace detail {
Resolved resolve_component(const Release& r, Component c, const LicenseDb& db, MofMode mode) {
  Resolved out;
  const ReleaseComponent* rc = r.find(c);
  if (!rc) return out;
  out.released = true;
  std::optional<std::string> lic;
  if (rc->license) {
    out.unlicensed = *rc->license == "unlicensed";
    if (!rc->license->empty() && !out.unlicensed) lic = *rc->license;
  } else if (const auto& g = r.licenses.for_type(info(c).content_type); g && !g->empty()) {
    lic = *g;
  } else if (r.licenses.distribution && !r.licenses.distribution->empty()) {
    lic = *r.licenses.distribution;
  }
  if (!lic) return out;
  out.has_license = true;
  out.as_given = *lic;
  out.id = *lic;
  if (mode == MofMode::Normalized) {
    if (auto n = db.normalize(*lic); n.license) out.id = std::string(n.license->id);
  }
  out.license = db.find(out.id);
  return out;
}

std::string describe(const Resolved& r) {
  std::string s = r.as_given;
  if (r.id != r.as_given) s += " (" + r.id + ")";
  return s;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Spectrum

std::string_view to_string(Tier t) {
  switch (t) {
    case Tier::Unknown: return "unknown";
    case Tier::Closed: return "closed";
    case Tier::RestrictedWeights: return "open-weights-restrictive-license";
    case Tier::OpenWeights: return "open-weights";
    case Tier::OpenSource: return "open-source";
    case Tier::FullyOpen: return "fully-open";
  }
  return "?";
}

std::string_view tier_label(Tier t) {
  switch (t) {
    case Tier::Unknown: return "Cannot tell from the data";
    case Tier::Closed: return "Closed";
    case Tier::RestrictedWeights: return "Open weights under a restrictive license";
    case Tier::OpenWeights: return "Open weights";
    case Tier::OpenSource: return "Open source (weights and code; data described, not released openly)";
    case Tier::FullyOpen: return "Fully open (weights, code and data under open licenses)";
  }
  return "?";
}

std::vector<Capability> capabilities_of(Tier t) {
  constexpr std::string_view run = "run it", tune = "fine-tune it", verify = "verify what it learned from",
                             repro = "reproduce it", retrain = "retrain or improve it";
  switch (t) {
    case Tier::Closed:
      return {{run, "no", "the weights are not released; only the provider's service runs it"},
              {tune, "no", "no weights to adapt (at most a provider's fine-tuning service)"},
              {verify, "no", "training data not released"},
              {repro, "no", "neither weights, code nor data are released"},
              {retrain, "no", "nothing to build on"}};
    case Tier::RestrictedWeights:
      return {
          {run, "within the license terms", "weights downloadable, but the license limits use (read its restrictions)"},
          {tune, "within the license terms", "derivatives stay under the same restrictive terms"},
          {verify, "no", "training data not released"},
          {repro, "no", "training code and data not released under open terms"},
          {retrain, "no", "only fine-tuning on top of the released weights, under the license"}};
    case Tier::OpenWeights:
      return {{run, "yes", "weights under an open license"},
              {tune, "yes", "weights under an open license"},
              {verify, "no", "training data not released"},
              {repro, "no", "training code or data information missing"},
              {retrain, "partly", "you can fine-tune, not retrain from scratch"}};
    case Tier::OpenSource:
      return {{run, "yes", "weights under an open license"},
              {tune, "yes", "weights under an open license"},
              {verify, "partly", "the data is described but not released under open terms"},
              {repro, "partly",
               "code is open; the data is not released under open terms (rebuild it from its description)"},
              {retrain, "yes", "with your own or rebuilt data and the open training code"}};
    case Tier::FullyOpen:
      return {{run, "yes", "weights under an open license"},
              {tune, "yes", "weights under an open license"},
              {verify, "yes", "training data released under an open license"},
              {repro, "yes", "weights, code and data are all released openly"},
              {retrain, "yes", "everything needed is released openly"}};
    case Tier::Unknown: break;
  }
  return {{run, "cannot tell", "the data does not say"},
          {tune, "cannot tell", "the data does not say"},
          {verify, "cannot tell", "the data does not say"},
          {repro, "cannot tell", "the data does not say"},
          {retrain, "cannot tell", "the data does not say"}};
}

namespace {

// The dataset's MOT listing says nothing usable about the weights: they are not listed, or
// listed only with MOT's "not included" filler.
bool listing_silent_on_weights(const Release& r, const LicenseDb& db, MofMode mode) {
  const Resolved w = resolve_component(r, Component::ModelParametersFinal, db, mode);
  return !w.released || (w.has_license && says_not_included(w.as_given));
}

// `absent` says what an unlisted component is: not released (a complete listing), or only not
// listed (a partial one, read beside a producer's statement about the weights).
Tier spectrum_from_mof(const Release& r, const LicenseDb& db, MofMode mode, std::vector<std::string>& why,
                       std::string_view absent = " not released") {
  auto name = [](Component c) { return std::string(info(c).name); };
  const Resolved w = resolve_component(r, Component::ModelParametersFinal, db, mode);
  if (!w.released) {
    why.push_back("MOT does not list Model parameters (Final): the weights are not released");
    return Tier::Closed;
  }
  if (w.has_license && says_withheld(w.as_given)) {
    why.push_back("MOT lists Model parameters (Final) as \"" + w.as_given + "\": the weights are not released");
    return Tier::Closed;
  }
  // A blank or unrecognised license says nothing of the terms: unknown, never restrictive.
  if (!w.has_license && !w.unlicensed) {
    why.push_back("MOT lists the weights with no license: their terms cannot be told from the listing");
    return Tier::Unknown;
  }
  if (w.has_license && !w.license) {
    why.push_back("weights listed under \"" + w.as_given +
                  "\", which the license table does not recognise: their terms cannot be told");
    return Tier::Unknown;
  }
  if (!w.license || !w.license->mot_open()) {
    why.push_back(w.has_license ? "weights released under " + describe(w) + ", which is not an open license"
                                : "weights listed as unlicensed (all rights reserved)");
    return Tier::RestrictedWeights;
  }
  why.push_back("weights released under " + describe(w) + ", an open license");
  // Every code component that falls short, in one reason: together they decide the tier.
  std::string code_gaps;
  for (Component c : {Component::ModelArchitecture, Component::TrainingCode, Component::InferenceCode}) {
    const Resolved x = resolve_component(r, c, db, mode);
    if (x.license && x.license->mot_open()) continue;
    std::string component = name(c);  // "training code": the reason reads in the sentence it joins
    component[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(component[0])));
    code_gaps += (code_gaps.empty() ? "" : "; ") + component +
                 (x.released ? std::string(" not under an open license") : std::string(absent));
  }
  if (!code_gaps.empty()) {
    why.push_back(code_gaps);
    return Tier::OpenWeights;
  }
  why.push_back("model architecture, training and inference code released under open licenses");
  const Resolved data = resolve_component(r, Component::Datasets, db, mode);
  if (data.license && data.license->mot_open()) {
    why.push_back("training datasets released under " + describe(data));
    return Tier::FullyOpen;
  }
  const std::string datasets =
      data.released ? std::string("datasets listed but not under an open license") : "datasets" + std::string(absent);
  for (Component c : {Component::DataCard, Component::ResearchPaper, Component::TechnicalReport})
    if (r.find(c)) {
      why.push_back(datasets + ", though described (" + name(c) + " released)");
      return Tier::OpenSource;
    }
  why.push_back(datasets + ", and no data card, paper or technical report describes the data");
  return Tier::OpenWeights;
}

// A producer's statement alone: a curated record that no upstream listing covers.
Tier spectrum_from_statement(const Availability& av, const LicenseDb& db, std::vector<std::string>& why) {
  if (!av.released) {
    why.push_back("the producer does not release the weights: " + std::string(av.note));
    return Tier::Closed;
  }
  const std::string fam = " (stated for its family)";
  if (av.license.empty()) {
    why.push_back("weights released; the producer's page does not name their license, so their terms cannot be told");
    return Tier::Unknown;
  }
  const License* l = db.find(av.license);
  if (!l) l = db.normalize(av.license).license;
  const std::string lic = (l ? display_name(*l) : std::string(av.license)) + (av.license_from_family ? fam : "");
  if (!l) {
    why.push_back("weights released under \"" + lic + "\", which the license table does not recognise");
    return Tier::Unknown;
  }
  if (!l->mot_open()) {
    why.push_back("weights released under " + lic + ", which is not an open license");
    return Tier::RestrictedWeights;
  }
  why.push_back("weights released under " + lic + ", an open license");
  auto said = [&](Stated s, bool from_family, const char* what) {
    const std::string t = std::string(what) + " " + std::string(stated_words(s));
    if (s == Stated::Unstated) return t + " by the producer";
    return from_family ? t + fam : t;
  };
  const bool code = av.training_code == Stated::Released, data = av.training_data == Stated::Released;
  const std::string code_said = said(av.training_code, av.code_from_family, "training code");
  const std::string data_said = said(av.training_data, av.data_from_family, "training data");
  // The reason that decides goes last: without the training code, that is the code.
  why.push_back(code ? code_said : data_said);
  why.push_back(code ? data_said : code_said);
  if (code && data) return Tier::FullyOpen;
  return code && av.training_data == Stated::Described ? Tier::OpenSource : Tier::OpenWeights;
}

Tier spectrum_from_eosai(const EosaiData& e, const LicenseDb& db, std::vector<std::string>& why) {
  auto g = [&](EosaiParam p) { return e.parameters[static_cast<std::size_t>(p)].grade; };
  const Grade w = g(EosaiParam::WeightsEndmodel);
  if (w == Grade::Closed || w == Grade::None) {
    const Grade base = g(EosaiParam::WeightsBasemodel);
    if (base == Grade::Open || base == Grade::Partial) {
      // EOSAI grades weights "closed" when only their license is the problem (e.g. a gated,
      // bespoke community license) while the base weights can be downloaded: weights are out,
      // under restrictions.
      why.push_back("EOSAI grades the end model's weights closed but the base model's weights " +
                    std::string(to_string(base)) + ": weights can be obtained, under restrictions");
      return Tier::RestrictedWeights;
    }
    why.push_back("EOSAI grades the end model's weights closed");
    return Tier::Closed;
  }
  const Normalized lic = db.normalize(e.end_model_license);
  const bool open_lic = lic.license && lic.license->mot_open();
  if (!open_lic || w == Grade::Partial) {
    why.push_back(w == Grade::Partial ? "EOSAI grades the weights partial (e.g. gated download)"
                                      : "weights available, end-model license \"" + std::string(e.end_model_license) +
                                            "\" is not an open license");
    return Tier::RestrictedWeights;
  }
  why.push_back("weights available under " + std::string(lic.license->id));
  if (g(EosaiParam::Trainingcode) != Grade::Open) {
    why.push_back("EOSAI grades the training code " + std::string(to_string(g(EosaiParam::Trainingcode))));
    return Tier::OpenWeights;
  }
  why.push_back("EOSAI grades the training code open");
  const Grade base = g(EosaiParam::DatasourcesBasemodel), end = g(EosaiParam::DatasourcesEndmodel);
  if (eosai_data_open(e)) {
    why.push_back("EOSAI grades the training data sources and the licenses open");
    return Tier::FullyOpen;
  }
  const bool available = base == Grade::Open && (end == Grade::Open || end == Grade::None);
  if (available) {
    why.push_back("EOSAI grades the training data sources open but the licenses " +
                  std::string(to_string(g(EosaiParam::Licenses))) + ": not every component is under an open license");
    return Tier::OpenSource;
  }
  const std::string data = base != Grade::Open
                               ? "EOSAI grades the training data " + std::string(to_string(base))
                               : "EOSAI grades the end model's (fine-tuning) data " + std::string(to_string(end));
  const bool described = g(EosaiParam::Datasheet) != Grade::Closed || g(EosaiParam::Preprint) != Grade::Closed ||
                         g(EosaiParam::Paper) != Grade::Closed;
  if (!described) {
    why.push_back(data + ", and no datasheet, preprint or paper describes it");
    return Tier::OpenWeights;
  }
  why.push_back(data + ", though described (datasheet, preprint or paper)");
  return Tier::OpenSource;
}

}  // namespace

bool eosai_data_open(const EosaiData& e) {
  auto g = [&](EosaiParam p) { return e.parameters[static_cast<std::size_t>(p)].grade; };
  const Grade end = g(EosaiParam::DatasourcesEndmodel);
  return g(EosaiParam::DatasourcesBasemodel) == Grade::Open && (end == Grade::Open || end == Grade::None) &&
         g(EosaiParam::Licenses) == Grade::Open;
}

namespace {
// The evaluators push their deciding reason last: it is the one an answer's why names.
void decided(SpectrumVerdict& v) { v.decisive = v.reasons.empty() ? 0 : v.reasons.size() - 1; }
}  // namespace

SpectrumVerdict evaluate_spectrum(const Release* release, const EosaiData* eosai, const LicenseDb& db, MofMode mode,
                                  Listing listing) {
  SpectrumVerdict v;
  v.mode = mode;
  const bool has_mof = release && !release->components.empty();
  std::vector<std::string> other_why;
  if (has_mof && listing == Listing::Partial && listing_silent_on_weights(*release, db, mode)) {
    // An upstream listing that does not cover the weights is absence of evidence, not a
    // statement that they are withheld. EOSAI's grade of the weights, with its links, is
    // evidence; without it the tier cannot be told.
    if (eosai) {
      v.basis = "eosai";
      v.reasons.push_back("MOT's entry does not cover the weights; EOSAI grades them, so EOSAI's grades decide");
      v.tier = spectrum_from_eosai(*eosai, db, v.reasons);
      decided(v);
    } else {
      v.basis = "mof";
      v.tier = Tier::Unknown;
      v.reasons.push_back(
          "MOT's entry does not cover the weights (Model parameters (Final) is not listed, or listed "
          "as not included) and no other source in the dataset grades them: whether they are "
          "released cannot be told from the data");
    }
    v.capabilities = capabilities_of(v.tier);
    return v;
  }
  if (has_mof) {
    v.basis = "mof";
    v.tier = spectrum_from_mof(*release, db, mode, v.reasons);
    decided(v);
    if (eosai) {
      const Tier t = spectrum_from_eosai(*eosai, db, other_why);
      if (t != v.tier) {
        v.other_basis_tier = t;
        v.other_basis = "eosai";
        v.reasons.push_back("EOSAI's grades put it at \"" + std::string(tier_label(t)) +
                            "\": " + (other_why.empty() ? std::string() : other_why.back()));
      }
    }
  } else if (eosai) {
    v.basis = "eosai";
    v.tier = spectrum_from_eosai(*eosai, db, v.reasons);
    decided(v);
  } else {
    v.reasons.push_back("no component list and no EOSAI grades");
  }
  v.capabilities = capabilities_of(v.tier);
  return v;
}

std::string SpectrumVerdict::why() const {
  if (reasons.empty()) return {};
  if (decisive == 0 || decisive >= reasons.size()) return reasons.front();
  return reasons.front() + "; " + reasons[decisive];
}

std::string_view SpectrumVerdict::label() const {
  if (tier == Tier::Unknown && varies) return "Varies by model";
  if (tier == Tier::Unknown && weights_released) return "Weights released; their license is not in the data";
  return tier_label(tier);
}

nlohmann::json SpectrumVerdict::to_json() const {
  nlohmann::json j{{"framework", "spectrum"}, {"tier", to_string(tier)}, {"label", label()},
                   {"basis", basis},          {"mode", to_string(mode)}, {"reasons", reasons}};
  auto& cs = j["capabilities"] = nlohmann::json::array();
  for (const auto& c : capabilities) cs.push_back({{"what", c.what}, {"answer", c.answer}, {"why", c.why}});
  if (other_basis_tier) j["other_basis"] = {{"basis", other_basis}, {"tier", to_string(*other_basis_tier)}};
  return j;
}

// ---------------------------------------------------------------------------------------------
// Assessment

namespace {

std::string said_by(const Availability& av) {
  return std::string(av.note) + " (source: " + std::string(av.source) + ")";
}

void apply_statement(SpectrumVerdict& v, const Availability& av, const Record& r, const Release& rel,
                     const LicenseDb& db, MofMode mode) {
  const bool upstream = !rel.components.empty() || r.eosai;
  if (!upstream) {
    SpectrumVerdict s;
    s.mode = mode;
    s.basis = "producer statement";
    s.tier = spectrum_from_statement(av, db, s.reasons);
    decided(s);
    s.capabilities = capabilities_of(s.tier);
    v = std::move(s);
    return;
  }
  if (!av.released) {
    if (v.tier == Tier::Closed) return;
    // The listing's own reasons would contradict the tier: they are replaced, the listing's
    // verdict stays visible as the other basis (and the record's disagreements say why).
    const Tier listed = v.tier;
    v.other_basis_tier = listed;
    v.other_basis = v.basis;
    v.reasons = {said_by(av), "the upstream listing would place it at \"" + std::string(tier_label(listed)) +
                                  "\"; the producer's statement is used (see the record's disagreements)"};
    v.decisive = 0;
    v.tier = Tier::Closed;
    v.basis = "producer statement";
    v.capabilities = capabilities_of(Tier::Closed);
    return;
  }
  // A producer who states more than the listing shows (training code and data released, say)
  // outranks it: an upstream listing records what its submitter entered, not all that was released.
  {
    SpectrumVerdict s;
    s.mode = mode;
    s.basis = "producer statement";
    s.tier = spectrum_from_statement(av, db, s.reasons);
    decided(s);
    if (s.tier != Tier::Unknown && s.tier > v.tier) {
      s.other_basis_tier = v.tier;
      s.other_basis = v.basis;
      s.capabilities = capabilities_of(s.tier);
      v = std::move(s);
      return;
    }
  }
  // A producer who says that training code or data the listing counts as open was not released
  // caps the listing's tier (a listing may read one global license as covering every component).
  if (v.tier >= Tier::OpenSource) {
    const char* what = nullptr;
    Stated said = Stated::Unstated;
    Tier cap = v.tier;
    if (av.training_code == Stated::NotReleased) {
      cap = Tier::OpenWeights;
      what = "training code";
      said = av.training_code;
    } else if (v.tier == Tier::FullyOpen &&
               (av.training_data == Stated::NotReleased || av.training_data == Stated::Described)) {
      cap = Tier::OpenSource;
      what = "training data";
      said = av.training_data;
    }
    if (what) {
      v.other_basis_tier = v.tier;
      v.other_basis = v.basis;
      v.reasons.insert(v.reasons.begin(), "the producer states the " + std::string(what) + " is " +
                                              std::string(stated_words(said)) + ": " + said_by(av) +
                                              "; the upstream listing would place it at \"" +
                                              std::string(tier_label(v.tier)) + "\"");
      v.decisive = 0;
      v.tier = cap;
      v.basis = "producer statement";
      v.capabilities = capabilities_of(cap);
      return;
    }
  }
  if (rel.components.empty() || (v.tier != Tier::Unknown && av.license.empty())) return;
  // The weights from the producer, every other component from MOT's listing (what it does not
  // list counts as not released: the tier is a floor, and says so).
  if (v.tier != Tier::Unknown) {
    const Resolved w = resolve_component(rel, Component::ModelParametersFinal, db, mode);
    if (w.has_license && w.id == av.license) return;  // the listing already says so
  }
  Release with = rel;
  std::erase_if(with.components, [](const ReleaseComponent& c) { return c.id == Component::ModelParametersFinal; });
  with.components.push_back({Component::ModelParametersFinal, std::string(av.license), {}, {}});
  SpectrumVerdict s;
  s.mode = mode;
  s.basis = "producer statement";
  s.reasons.push_back(said_by(av));
  s.tier = spectrum_from_mof(with, db, mode, s.reasons, " not listed in MOT's entry");
  decided(s);
  if (s.tier >= Tier::OpenWeights)
    s.reasons.push_back(
        "the other components are read from MOT's entry, which may not list all that was released: "
        "the model is at least this open");
  s.capabilities = capabilities_of(s.tier);
  v = std::move(s);
}

}  // namespace

namespace {

// `with_members`: a family with no verdict of its own also gets its models' tiers (theirs do not).
Assessment assess_record(const Record& r, const Dataset& ds, MofMode mode, bool with_members) {
  Assessment a;
  a.record = &r;
  const LicenseDb& db = ds.licenses();
  const Release rel = r.release();
  if (r.mof) a.mof = evaluate_mof(rel, db, mode);
  if (const Record* fam = ds.family_of(r); fam && fam->eosai && r.family_eosai_applies) {
    a.eosai = evaluate_eosai(*fam->eosai);
    a.eosai_from = fam;
  }
  a.osaid = evaluate_osaid(rel, db, mode, r.osi_validation);
  // The spectrum uses the record's own EOSAI entry only: a family's grades describe another model.
  a.spectrum = evaluate_spectrum(&rel, r.eosai, db, mode, Listing::Partial);
  // A producer's own statement (curated, with its source) outranks an upstream listing of the
  // weights, fills in one that does not cover them, and alone places a record no listing covers.
  if (const Availability* av = r.availability) apply_statement(a.spectrum, *av, r, rel, db, mode);
  // A fine-tune or distillation stays under its base's terms.
  a.lineage = restrictive_base(r, ds, mode);
  if (a.lineage) apply_lineage(*a.lineage, r, a.spectrum, a.osaid);
  a.spectrum.weights_released = r.availability && r.availability->released;
  // A family the data has no verdict for, whose models it places at different tiers: it varies.
  if (with_members && r.kind == RecordKind::Family && a.spectrum.tier == Tier::Unknown) {
    std::set<Tier> tiers;
    for (const Record* m : ds.members_of(r)) {
      const Tier t = assess_record(*m, ds, mode, false).spectrum.tier;
      a.members.emplace_back(t, m);
      if (m->kind != RecordKind::Family && t != Tier::Unknown) tiers.insert(t);
    }
    if (tiers.size() > 1) {
      a.spectrum.varies = true;
      a.spectrum.reasons.push_back("no verdict for the family as a whole; its models are at " +
                                   std::to_string(tiers.size()) + " different tiers");
      a.spectrum.decisive = a.spectrum.reasons.size() - 1;
      for (auto& c : a.spectrum.capabilities) {
        c.answer = "depends on the model";
        c.why = "its models are at different tiers";
      }
    }
  }
  return a;
}

}  // namespace

Assessment assess(const Record& r, const Dataset& ds, MofMode mode) { return assess_record(r, ds, mode, true); }

std::string weights_terms(const Record& r, const LicenseDb& db, MofMode mode) {
  if (const Availability* av = r.availability) return av->released ? std::string(av->license) : "not released";
  const Release rel = r.release();
  const Resolved w = resolve_component(rel, Component::ModelParametersFinal, db, mode);
  if (w.released) return w.has_license ? w.id : std::string();
  if (r.eosai) {
    const Normalized n = db.normalize(r.eosai->end_model_license);
    return n.license ? std::string(n.license->id) : std::string(r.eosai->end_model_license);
  }
  return {};
}

std::optional<Assessment> shared_verdict(const Resolution& res, const Dataset& ds, MofMode mode, std::string& others) {
  if (res.status != ResolveStatus::Ambiguous || res.near_spellings || res.candidates.size() < 2) return std::nullopt;
  std::optional<Assessment> pick;
  std::string terms;
  for (const auto& c : res.candidates) {
    Assessment a = assess(*c.record, ds, mode);
    const std::string w = weights_terms(*c.record, ds.licenses(), mode);
    if (a.spectrum.tier == Tier::Unknown) return std::nullopt;
    if (!pick)
      terms = w;
    else if (a.spectrum.tier != pick->spectrum.tier || w != terms)
      return std::nullopt;
    if (!pick || (c.record->kind == RecordKind::Family && pick->record->kind != RecordKind::Family))
      pick = std::move(a);
  }
  others.clear();
  for (const auto& c : res.candidates)
    if (c.record != pick->record) others += (others.empty() ? "" : ", ") + std::string(c.record->id);
  return pick;
}

nlohmann::json Assessment::to_json() const {
  nlohmann::json j{{"id", record->id}, {"name", record->name}};
  j["mof"] = mof ? mof->to_json() : nlohmann::json(nullptr);
  if (eosai) {
    j["eosai"] = eosai->to_json();
    j["eosai"]["from_record"] = eosai_from->id;
    if (eosai_from != record)
      j["eosai"]["note"] = "EOSAI scores model families on their end model (" + eosai->scored_model +
                           "); this is the score of the family '" + std::string(eosai_from->id) + "'";
  } else {
    j["eosai"] = nullptr;
  }
  j["osaid"] = osaid.to_json();
  j["spectrum"] = spectrum.to_json();
  if (lineage) j["lineage"] = {{"base_model", lineage->base->id}, {"base_license", lineage->license}};
  return j;
}

}  // namespace openness
