#include "catalog.h"

#include "present.h"

#include <openness/release.h>

#include <algorithm>

namespace openness::bindings {

namespace {

std::string from_mof(const MofVerdict& m, Component c) {
  for (const auto& r : m.components) {
    if (r.component != c) continue;
    // A listing such as "Undisclosed" or "Not included" is MOT's way of saying it was kept.
    if (!r.listed || says_not_released(r.license_as_given) || says_not_included(r.license_as_given))
      return "not released";
    return r.open ? "open" : "restricted";
  }
  return "unknown";
}

std::string from_grade(const EosaiData* e, EosaiParam p) {
  if (!e) return "unknown";
  switch (e->parameters[static_cast<std::size_t>(p)].grade) {
    case Grade::Open: return "open";
    case Grade::Partial: return "partial";
    case Grade::Closed: return "not released";
    case Grade::None: return "unknown";
  }
  return "unknown";
}

std::string best_of(std::initializer_list<std::string> values) {
  // open > restricted > partial > not released > unknown
  static const std::vector<std::string> order = {"open", "restricted", "partial", "not released", "unknown"};
  std::size_t best = order.size() - 1;
  for (const auto& v : values) {
    auto it = std::find(order.begin(), order.end(), v);
    if (it != order.end()) best = std::min(best, static_cast<std::size_t>(it - order.begin()));
  }
  return order[best];
}

// A component the producer says is released or not: its statement comes first, as in
// lookup_model's components ("" when the producer says nothing).
std::string stated_dimension(Stated s) {
  switch (s) {
    case Stated::Released: return "open";
    case Stated::NotReleased:
    case Stated::Described: return "not released";
    case Stated::Unstated: return "";
  }
  return "";
}

// The weights follow the spectrum's reading of them.
std::string weights_dimension(Tier t) {
  switch (t) {
    case Tier::Closed: return "not released";
    case Tier::RestrictedWeights: return "restricted";
    case Tier::OpenWeights:
    case Tier::OpenSource:
    case Tier::FullyOpen: return "open";
    case Tier::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace

namespace {

std::vector<TierGroup> grouped(std::vector<std::pair<Tier, const Record*>> tiers) {
  std::stable_sort(tiers.begin(), tiers.end(),
                   [](const auto& a, const auto& b) { return tier_rank(a.first) > tier_rank(b.first); });
  std::vector<TierGroup> groups;
  for (const auto& [tier, r] : tiers) {
    if (groups.empty() || groups.back().tier != tier) groups.push_back({tier, {}});
    groups.back().records.push_back(r);
  }
  return groups;
}

}  // namespace

std::vector<TierGroup> by_tier(const std::vector<const Record*>& records, const Dataset& ds, MofMode mode) {
  std::vector<std::pair<Tier, const Record*>> tiers;
  tiers.reserve(records.size());
  for (const Record* r : records) tiers.emplace_back(assess(*r, ds, mode).spectrum.tier, r);
  return grouped(std::move(tiers));
}

std::vector<TierGroup> family_members(const Assessment& a) { return grouped(a.members); }

std::string short_tier_label(Tier t) {
  const std::string_view label = tier_label(t);
  return lower(label.substr(0, label.find(" (")));
}

std::string id_list(const std::vector<const Record*>& records, std::size_t named) {
  std::string ids;
  for (std::size_t i = 0; i < records.size() && i < named; ++i)
    ids += (ids.empty() ? "" : ", ") + std::string(records[i]->id);
  if (named && records.size() > named) ids += " and " + std::to_string(records.size() - named) + " more";
  return ids;
}

std::string members_words(const std::vector<TierGroup>& groups, std::size_t named) {
  std::string words;
  for (const auto& g : groups) {
    const std::string ids = id_list(g.records, named);
    words += (words.empty() ? "" : "; ") + std::to_string(g.records.size()) + " " + short_tier_label(g.tier) +
             (ids.empty() ? "" : " (" + ids + ")");
  }
  return words;
}

mcp::Json members_json(const std::vector<TierGroup>& groups) {
  mcp::Json list = mcp::Json::array();
  for (const auto& g : groups)
    for (const Record* r : g.records) {
      mcp::Json m = mcp::Json::object();
      m["id"] = r->id;
      m["tier"] = to_string(g.tier);
      list.push_back(std::move(m));
    }
  return list;
}

Dimensions release_dimensions(const MofVerdict& mof, Tier tier) {
  Dimensions d;
  d.weights = weights_dimension(tier);
  d.training_code = from_mof(mof, Component::TrainingCode);
  d.training_data = from_mof(mof, Component::Datasets);
  d.documentation = best_of({from_mof(mof, Component::ResearchPaper), from_mof(mof, Component::TechnicalReport),
                             from_mof(mof, Component::ModelCard), from_mof(mof, Component::DataCard)});
  d.evaluation = best_of({from_mof(mof, Component::EvaluationResults), from_mof(mof, Component::EvaluationCode),
                          from_mof(mof, Component::EvaluationData)});
  return d;
}

Dimensions dimensions(const Record& r, const Assessment& a) {
  Dimensions d;
  const EosaiData* e = r.eosai;
  if (a.mof && !r.mof->components.empty()) {
    d = release_dimensions(*a.mof, a.spectrum.tier);
  } else {
    d.training_code = from_grade(e, EosaiParam::Trainingcode);
    d.training_data = from_grade(e, EosaiParam::DatasourcesBasemodel);
    // EOSAI grades the data of the base and of the end model, and the licenses apart: the data is
    // open only when all three are, as the spectrum reads them.
    if (d.training_data == "open" && !eosai_data_open(*e)) d.training_data = "partial";
    d.documentation = best_of(
        {from_grade(e, EosaiParam::Preprint), from_grade(e, EosaiParam::Paper), from_grade(e, EosaiParam::Modelcard)});
    d.evaluation = "unknown";  // EOSAI grades no evaluation
  }
  // The weights follow the spectrum's reading of them, which weighs every source (a closed
  // model's weights are not released whatever an upstream listing calls them; a listing that does
  // not cover them says nothing).
  d.weights = weights_dimension(a.spectrum.tier);
  if (const Availability* av = r.availability) {
    for (auto [stated, dim] :
         {std::pair{av->training_code, &d.training_code}, std::pair{av->training_data, &d.training_data}}) {
      if (auto v = stated_dimension(stated); !v.empty())
        *dim = v;
      else if (!av->released && *dim == "unknown")
        *dim = "not released";  // weights kept, nothing else said: as lookup_model reads it
    }
  }
  return d;
}

Summary summarize(const Record& r, const Dataset& ds, MofMode mode) {
  const Assessment a = assess(r, ds, mode);
  Summary s;
  s.record = &r;
  s.tier = a.spectrum.tier;
  s.label = std::string(a.spectrum.label());
  if (a.mof) s.mof_class = a.mof->mof_class;
  if (a.eosai) s.eosai = a.eosai->score;
  s.osaid_meets = a.osaid.outcome == OsaidOutcome::Meets;
  if (a.osaid.osi_validation) s.osi_validation = std::string(a.osaid.osi_validation->outcome);
  s.dims = dimensions(r, a);
  for (const auto& l : given_licenses(r, a, ds))
    if (l.normalized.license &&
        std::find(s.license_ids.begin(), s.license_ids.end(), l.normalized.license->id) == s.license_ids.end())
      s.license_ids.emplace_back(l.normalized.license->id);
  s.members = family_members(a);
  return s;
}

Summary summarize_hub(std::string id, const MofVerdict& mof, const SpectrumVerdict& spectrum, const OsaidVerdict& osaid,
                      const LicenseDb& db, std::string_view card_license) {
  Summary s;
  s.hub_id = std::move(id);
  s.tier = spectrum.tier;
  s.label = std::string(spectrum.label());
  s.mof_class = mof.mof_class;
  s.osaid_meets = osaid.outcome == OsaidOutcome::Meets;
  s.dims = release_dimensions(mof, s.tier);
  if (const auto n = db.normalize(card_license); n.license) s.license_ids.emplace_back(n.license->id);
  return s;
}

std::string_view summary_id(const Summary& s) { return s.record ? s.record->id : std::string_view(s.hub_id); }
std::string_view summary_name(const Summary& s) { return s.record ? s.record->name : std::string_view(s.hub_id); }

bool more_open(const Summary& a, const Summary& b) {
  if (tier_rank(a.tier) != tier_rank(b.tier)) return tier_rank(a.tier) > tier_rank(b.tier);
  // MOF: 1 (Open Science) is the most open; 0 (unclassified) and -1 (no entry) the least.
  auto mof_key = [](int c) { return c >= 1 ? 4 - c : (c == 0 ? 0 : -1); };
  if (mof_key(a.mof_class) != mof_key(b.mof_class)) return mof_key(a.mof_class) > mof_key(b.mof_class);
  const double ea = a.eosai.value_or(-1), eb = b.eosai.value_or(-1);
  if (ea != eb) return ea > eb;
  return summary_id(a) < summary_id(b);
}

mcp::Json summary_json(const Summary& s) {
  if (!s.record)
    return {{"id", s.hub_id},
            {"name", s.hub_id},
            {"kind", "hub-model"},
            {"producer", nullptr},
            {"modality", mcp::Json::array()},
            {"release_date", nullptr},
            {"tier", to_string(s.tier)},
            {"mof_class", s.mof_class >= 0 ? mcp::Json(s.mof_class) : mcp::Json(nullptr)},
            {"eosai_percent", nullptr},
            {"osaid", s.osaid_meets ? "meets" : "does-not-meet"},
            {"osi_validation", nullptr},
            {"weights", s.dims.weights},
            {"training_code", s.dims.training_code},
            {"training_data", s.dims.training_data},
            {"documentation", s.dims.documentation},
            {"licenses", s.license_ids}};
  const Record& r = *s.record;
  mcp::Json j = {{"id", r.id},
                 {"name", r.name},
                 {"kind", to_string(r.kind)},
                 {"producer", r.producer.empty() ? mcp::Json(nullptr) : mcp::Json(r.producer)},
                 {"modality", std::vector<std::string_view>(r.modality.begin(), r.modality.end())},
                 {"release_date", r.release_date.empty() ? mcp::Json(nullptr) : mcp::Json(r.release_date)},
                 {"tier", to_string(s.tier)},
                 {"mof_class", s.mof_class >= 0 ? mcp::Json(s.mof_class) : mcp::Json(nullptr)},
                 {"eosai_percent", s.eosai ? mcp::Json(*s.eosai * 100) : mcp::Json(nullptr)},
                 {"osaid", s.osaid_meets ? "meets" : "does-not-meet"},
                 {"osi_validation", s.osi_validation.empty() ? mcp::Json(nullptr) : mcp::Json(s.osi_validation)},
                 {"weights", s.dims.weights},
                 {"training_code", s.dims.training_code},
                 {"training_data", s.dims.training_data},
                 {"documentation", s.dims.documentation},
                 {"licenses", s.license_ids}};
  if (!r.size.empty()) j["size"] = r.size;
  if (!s.members.empty()) j["members"] = members_json(s.members);
  return j;
}

const std::vector<Summary>& Catalog::all() const {
  std::call_once(once_, [this] {
    all_.reserve(ds_->size());
    for (const Record& r : *ds_) all_.push_back(summarize(r, *ds_, MofMode::Normalized));
    std::sort(all_.begin(), all_.end(), more_open);
  });
  return all_;
}

}  // namespace openness::bindings
