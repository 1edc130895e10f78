// The release description that every classifier reads. Dataset records convert to it
// (Record::release()), and so do caller-described releases (release_from_json()), so the MCP tools
// `lookup_model` and `classify_release` run the same code on either.
//
// Semantics follow MOT: a component that is listed is released ("included"); an unlisted
// component is not released. A component's license is its own `license` if given (the strings
// "unlicensed" and "" mean "explicitly no license" and do not inherit), else the release-wide
// license for the component's content type, else the distribution license, else none.
#pragma once
#include <openness/licenses.h>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace openness {

// The 17 MOF components, in the order of MOT's mof.settings.yml (by class, then position).
enum class Component : std::uint8_t {
  ModelArchitecture,            // III, code
  ModelParametersFinal,         // III, data
  EvaluationResults,            // III, document
  ModelCard,                    // III, document
  DataCard,                     // III, document
  TechnicalReport,              // III, document (may be replaced by the Research paper)
  SampleModelOutputs,           // III, document, optional
  TrainingCode,                 // II, code
  InferenceCode,                // II, code
  EvaluationCode,               // II, code
  EvaluationData,               // II, data
  SupportingLibraries,          // II, code, optional
  Datasets,                     // I, data
  DataPreprocessingCode,        // I, code
  ModelParametersIntermediate,  // I, data
  ResearchPaper,                // I, document
  ModelMetadata,                // I, data, optional
};
inline constexpr std::size_t kComponentCount = 17;

struct ComponentInfo {
  Component id;
  int mot_id;             // id in mof.settings.yml
  std::string_view name;  // exact MOT name, e.g. "Model parameters (Final)"
  std::string_view key;   // snake_case key, e.g. "model_parameters_final"
  int mof_class;          // 3 = Class III (Open Model), 2 = II (Open Tooling), 1 = I (Open Science)
  ContentType content_type;
  bool required;  // counted for class and progress (false for the 3 optional ones)
  std::string_view description;
};

std::span<const ComponentInfo> component_table();  // 17 entries, indexed by Component
const ComponentInfo& info(Component c);
// Accepts the exact MOT name or the snake_case key; case-sensitive.
std::optional<Component> component_from_name(std::string_view name);

// Release-wide licenses (MOT `release.license`): by content type, and the distribution license.
struct GlobalLicenses {
  std::optional<std::string> distribution, code, data, document;
  std::optional<std::string> distribution_path, code_path, data_path, document_path;
  const std::optional<std::string>& for_type(ContentType t) const;
};

struct ReleaseComponent {
  Component id;
  std::optional<std::string> license;  // nullopt: inherit; "" or "unlicensed": explicitly none
  std::string license_path;
  std::string component_path;
};

struct Release {
  std::string name;
  GlobalLicenses licenses;
  std::vector<ReleaseComponent> components;  // listed = released

  const ReleaseComponent* find(Component c) const;
};

// Builds a Release from a caller's JSON description (the `classify_release` tool):
//   {"name": "...",                                    (optional)
//    "licenses": {"distribution": "Apache-2.0", "code": ..., "data": ..., "document": ...},
//    "components": [{"name": "Model parameters (Final)" | "model_parameters_final",
//                    "released": true,                 (optional, default true; false = not listed)
//                    "license": "MIT"}]}               (optional; omitted = inherit)
// Throws DataError (path "<input>") with a JSON pointer on bad input. Bounded: at most 64
// components, strings at most 4096 bytes.
Release release_from_json(std::string_view json_text);
Release release_from_json(const nlohmann::json& j);

// Builds a Release from MOT's own shape: the `release` object of a MOT model YAML file (converted
// to JSON) or of MOT's API (`{"name", "license": {"distribution": {"name", "path"}, "code": ...},
// "components": [{"name", "license", "license_path", "component_path"}]}`). A null or empty
// global license name counts as absent. Throws DataError on an unknown component name.
Release release_from_mot_json(const nlohmann::json& release);

nlohmann::json to_json(const Release& r);

// What a component's "license" in a MOT listing says when it is not a license. MOT lists the
// components of closed models too, with "Proprietary" or "Undisclosed": such a listing is not a
// release. Its form fills a component the submitter left out with "Component not included": that
// says what the listing covers, not what the producer released (StarCoder's weights carry it).
bool says_not_released(std::string_view license);
bool says_not_included(std::string_view license);
// Either of the two: the listing does not say the component was released.
bool says_withheld(std::string_view license);

}  // namespace openness
