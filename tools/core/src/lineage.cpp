#include <openness/classify.h>
#include <openness/dataset.h>
#include <openness/licenses.h>
#include <openness/lineage.h>
#include <openness/resolver.h>

namespace openness {

const Record* base_record(const Record& r, const Dataset& ds) {
  if (r.base_model.empty()) return nullptr;
  const Record* b = ds.find(r.base_model);
  if (!b) b = ds.resolver().resolve_exact(r.base_model).match();
  return b == &r ? nullptr : b;
}

std::optional<Lineage> restrictive_base(const Record& r, const Dataset& ds, MofMode mode) {
  const LicenseDb& db = ds.licenses();
  const Record* at = &r;
  for (int step = 0; step < 3; ++step) {
    const Record* b = base_record(*at, ds);
    if (!b || b == &r) return std::nullopt;
    const std::string terms = weights_terms(*b, db, mode);
    const License* l = db.find(terms);
    if (!l) l = db.normalize(terms).license;
    // A producer may license its own derivative as it chooses: its base's terms bind only a
    // derivative that names no license of its own.
    const bool same_producer = !b->producer.empty() && b->producer == at->producer;
    const bool own_terms = !weights_terms(*at, db, mode).empty();
    if (l && !l->mot_open() && !(same_producer && own_terms)) return Lineage{b, std::string(l->id)};
    if (same_producer && own_terms) return std::nullopt;
    at = b;
  }
  return std::nullopt;
}

void apply_lineage(const Lineage& l, const Record& r, SpectrumVerdict& s, OsaidVerdict& osaid) {
  apply_lineage(l, r.availability && r.availability->released, s, osaid);
}

void apply_lineage(const Lineage& l, bool weights_released, SpectrumVerdict& s, OsaidVerdict& osaid) {
  const bool released = s.tier >= Tier::RestrictedWeights || (s.tier == Tier::Unknown && weights_released);
  if (!released) return;
  const std::string why = "derived from " + std::string(l.base->name) + " (its base model, record '" +
                          std::string(l.base->id) + "'), whose weights are under " + l.license +
                          ", not an open license: a derivative's weights stay under the base's terms, "
                          "whatever its own card says";
  if (s.tier == Tier::RestrictedWeights) {
    s.reasons.push_back(why);
  } else {
    if (s.tier != Tier::Unknown) {
      s.other_basis_tier = s.tier;
      s.other_basis = s.basis + " (the model's own terms, without its base's)";
    }
    s.tier = Tier::RestrictedWeights;
    s.basis = "base model's license";
    s.reasons.insert(s.reasons.begin(), why);
    s.decisive = 0;
    s.capabilities = capabilities_of(s.tier);
  }
  if (osaid.osi_validation) return;  // OSI's own outcome stands
  OsaidElement& params = osaid.elements[3];
  if (params.met) {
    params.met = false;
    params.reasons.push_back("the parameters derive from " + std::string(l.base->id) + ", under " + l.license +
                             ", which is not OSD-conformant");
    osaid.reasons.push_back("OSAID " + params.name + " not met: " + params.requirement);
    if (osaid.checklist == OsaidOutcome::Meets) {
      osaid.checklist = osaid.outcome = OsaidOutcome::DoesNotMeet;
      std::erase_if(osaid.reasons, [](const std::string& x) { return x.rfind("Every OSAID 1.0", 0) == 0; });
    }
  }
}

}  // namespace openness
