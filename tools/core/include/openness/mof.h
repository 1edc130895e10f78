// MOF classifier: an exact port of MOT's ModelEvaluator (lfai/model_openness_tool, commit 8b5d30e,
// web/modules/mof/src/ModelEvaluator.php and LicenseHandler.php), checked against all 27 cases of
// MOT's Test_Data/expected_results.json (tests/core/mof_golden_test.cpp).
//
//   MofVerdict v = evaluate_mof(release, licenses, MofMode::Strict);
//   v.mof_class   // 1, 2, 3 or 0 (Unclassified)
//   v.progress[3] // percent of Class III met, etc. (index 1..3; index 0 unused)
//   v.reasons     // why the next class is not met: which components fail and why
//
// Modes: Strict compares license strings as exact SPDX ids, as MOT does ("Apache 2.0" is not
// open). Normalized first maps free text to ids with LicenseDb::normalize ("Apache 2.0" ->
// Apache-2.0), which can change the class. Every verdict states its mode.
#pragma once
#include <openness/licenses.h>
#include <openness/release.h>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <string>
#include <vector>

namespace openness {

enum class MofMode : std::uint8_t { Strict, Normalized };
std::string_view to_string(MofMode m);

enum class ComponentStatus : std::uint8_t {
  Included,    // released under an open license (type-appropriate or not)
  Invalid,     // released under a license that is not open (or not a known id)
  Unlicensed,  // released with no license (explicit "unlicensed", or nothing to inherit)
  Missing,     // required but not listed
};
std::string_view to_string(ComponentStatus s);

// Where a component's license came from (MOT's resolution order).
enum class LicenseOrigin : std::uint8_t { Component, ContentType, Distribution, None };
std::string_view to_string(LicenseOrigin o);

struct MofComponentResult {
  Component component;
  bool listed = false;
  ComponentStatus status = ComponentStatus::Missing;
  LicenseOrigin origin = LicenseOrigin::None;
  std::string license_as_given;                            // the resolved string before normalisation
  std::string license;                                     // the id used for the decision (== as given in Strict mode)
  NormalizeMethod normalized_by = NormalizeMethod::Exact;  // Normalized mode only
  bool open = false;
  bool type_appropriate = false;  // MOT warning only: never changes the class
};

struct MofClassResult {
  int mof_class = 0;  // 3, 2, 1
  double progress = 0;
  std::vector<Component> included, invalid, unlicensed, missing, not_type_appropriate;
};

struct MofVerdict {
  MofMode mode = MofMode::Strict;
  int mof_class = 0;                 // 1..3, 0 = Unclassified
  std::array<double, 4> progress{};  // [1], [2], [3] in percent; [0] unused
  double total_progress = 0;         // (p1 + p2 + p3) / 3, MOT's sort key
  bool paper_replaces_report = false;
  std::vector<MofComponentResult> components;  // one per MOF component, in component_table() order
  std::array<MofClassResult, 4> classes{};     // [1], [2], [3]
  std::vector<std::string> reasons;            // why the next class up is not met
  std::vector<std::string> warnings;           // MOT's "conditional pass" (not type-appropriate)

  std::string_view label() const;  // MOT's label, e.g. "Class III - Open Model"
  nlohmann::json to_json() const;
};

std::string_view mof_class_label(int mof_class);

MofVerdict evaluate_mof(const Release& release, const LicenseDb& licenses, MofMode mode);

}  // namespace openness
