// OSI's Open Source AI Definition 1.0: its checklist read from a release's components, and OSI's own
// validation where it exists.
#include <openness/classify.h>

#include <nlohmann/json.hpp>

#include "component_license.h"

namespace openness {

using detail::describe;
using detail::resolve_component;
using detail::Resolved;

// ---------------------------------------------------------------------------------------------
// OSAID

OsaidVerdict evaluate_osaid(const Release& release, const LicenseDb& db, MofMode mode, const OsiValidation* osi) {
  OsaidVerdict v;
  v.mode = mode;
  auto name = [](Component c) { return std::string(info(c).name); };
  auto osd_ok = [](const Resolved& r) { return r.license && r.license->mot_open(); };
  auto osi_ok = [](const Resolved& r) { return r.license && r.license->osi_approved; };
  auto fail_reason = [&](Component c, const Resolved& r, const char* need) {
    if (!r.released) return name(c) + ": not released";
    if (!r.has_license) return name(c) + ": released without a license";
    return name(c) + ": license " + describe(r) + " is not " + need;
  };
  // Data information: at least one of Datasets, Research paper, Technical report, Data card.
  OsaidElement& data = v.elements[0];
  data.name = "data information";
  data.requirement =
      "at least one of Datasets, Research paper, Technical report, Data card, under OSD-conformant terms";
  for (Component c : {Component::Datasets, Component::ResearchPaper, Component::TechnicalReport, Component::DataCard}) {
    const Resolved r = resolve_component(release, c, db, mode);
    if (osd_ok(r)) {
      data.met = true;
      data.reasons.push_back(name(c) + ": released under " + describe(r));
    } else {
      data.reasons.push_back(fail_reason(c, r, "OSD-conformant"));
    }
  }
  // Code: all of data pre-processing, training, inference, supporting libraries.
  OsaidElement& code = v.elements[1];
  code.name = "code";
  code.requirement =
      "all of Data preprocessing code, Training code, Inference code, and Supporting libraries and tools if used, "
      "under OSI-approved licenses";
  code.met = true;
  for (Component c : {Component::DataPreprocessingCode, Component::TrainingCode, Component::InferenceCode,
                      Component::SupportingLibraries}) {
    const Resolved r = resolve_component(release, c, db, mode);
    // OSI's checklist lists supporting libraries and tools "if used": absent from a listing, they
    // are not a failure; listed, they need an OSI-approved license like the rest of the code.
    if (c == Component::SupportingLibraries && !r.released) {
      code.reasons.push_back(name(c) + ": not listed (required only if used)");
      continue;
    }
    if (osi_ok(r)) {
      code.reasons.push_back(name(c) + ": released under " + describe(r));
    } else {
      code.met = false;
      code.reasons.push_back(fail_reason(c, r, "OSI-approved"));
    }
  }
  // An element that one component meets, under the terms `ok` accepts (`need` names them).
  auto one_component = [&](OsaidElement& e, Component c, auto ok, const char* need) {
    const Resolved r = resolve_component(release, c, db, mode);
    e.met = ok(r);
    e.reasons.push_back(e.met ? name(c) + ": released under " + describe(r) : fail_reason(c, r, need));
  };
  OsaidElement& arch = v.elements[2];
  arch.name = "model architecture";
  arch.requirement = "Model architecture under an OSI-approved license";
  one_component(arch, Component::ModelArchitecture, osi_ok, "OSI-approved");
  OsaidElement& params = v.elements[3];
  params.name = "parameters";
  params.requirement = "Model parameters (Final) under OSD-conformant terms";
  one_component(params, Component::ModelParametersFinal, osd_ok, "OSD-conformant");
  bool all = true;
  for (const auto& e : v.elements) {
    all = all && e.met;
    if (!e.met) v.reasons.push_back("OSAID " + e.name + " not met: " + e.requirement);
  }
  v.checklist = all ? OsaidOutcome::Meets : OsaidOutcome::DoesNotMeet;
  v.outcome = v.checklist;
  v.assessed = !release.components.empty() || osi != nullptr;
  if (all) v.reasons.push_back("Every OSAID 1.0 checklist element is met by the released components");
  v.osi_validation = osi;
  if (osi) {
    // OSI's own published validation is the verdict; the checklist is our reading of the listing.
    const bool osi_pass = osi->outcome == "pass";
    v.outcome = osi_pass ? OsaidOutcome::Meets : OsaidOutcome::DoesNotMeet;
    v.agrees_with_osi = osi_pass == all;
    v.reasons.insert(
        v.reasons.begin(),
        "OSI's own validation of " + std::string(osi->system) + ": " + std::string(osi->outcome) +
            (*v.agrees_with_osi ? " (the checklist on the listed components agrees)"
                                : " (the checklist on the listed components differs: the listing may be "
                                  "incomplete, or OSI judged terms not recorded here); OSI's outcome is used"));
  }
  return v;
}

nlohmann::json OsaidVerdict::to_json() const {
  auto word = [](OsaidOutcome o) { return o == OsaidOutcome::Meets ? "meets" : "does-not-meet"; };
  nlohmann::json j{{"framework", "OSAID 1.0"}, {"mode", to_string(mode)},
                   {"outcome", word(outcome)}, {"basis", osi_validation ? "osi-validation" : "checklist"},
                   {"assessed", assessed},     {"checklist_outcome", word(checklist)}};
  auto& es = j["elements"] = nlohmann::json::array();
  for (const auto& e : elements)
    es.push_back({{"name", e.name}, {"met", e.met}, {"requirement", e.requirement}, {"reasons", e.reasons}});
  if (osi_validation) {
    nlohmann::json o{
        {"system", osi_validation->system}, {"outcome", osi_validation->outcome}, {"source", osi_validation->source}};
    if (!osi_validation->note.empty()) o["note"] = osi_validation->note;
    j["osi_validation"] = o;
    j["agrees_with_osi"] = *agrees_with_osi;
  }
  j["reasons"] = reasons;
  return j;
}

}  // namespace openness
