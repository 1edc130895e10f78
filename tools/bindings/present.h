// Shared shaping of core results for the tools: resolving a model name into a record or a helpful
// error, the model summary, sources and as-of dates, the licenses a model uses, one-line verdicts.
// No tool logic here, only presentation that several tools share.
#pragma once
#include <mcp/registry.h>
#include <mcp/typed.h>
#include <openness/classify.h>
#include <openness/dataset.h>

#include <optional>
#include <string>
#include <variant>

namespace openness::bindings {

using mcp::Json;

// Resolves `name`; a Found record, or the tool's error (a ToolError) that names the candidates so the caller
// can retry with one of them. `read_as` is set when the name was not taken literally (a spelling
// match, a dropped variant or packaging suffix), to be shown with the answer: never a silent guess.
struct Resolved {
  const Record* record = nullptr;
  std::string read_as;  // e.g. "'lama 3.1' was read as llama-3.1 (closest name by spelling ...)"
};
std::variant<Resolved, mcp::ToolError> resolve_model(const Resolution& r, const std::string& name);

Json candidates_json(const Resolution& r);
std::string candidates_text(const Resolution& r);

// id, name, kind, producer, release date, modality, size, base model, family / members, aliases, links.
Json model_json(const Record& r, const Dataset& ds);

// The sources behind the record and behind the EOSAI family record used in `a`, and the newest
// as-of date among them.
Json sources_json(const Record& r, const Assessment& a);
std::string latest_as_of(const Record& r, const Assessment& a);

// A license the release names (per component, release-wide, the base model's, EOSAI's end-model
// license), as given, where it applies, and the license table's reading of it.
struct GivenLicense {
  std::string as_given;
  std::vector<std::string> applies_to;
  Normalized normalized;  // normalized.license is null for a license the table does not know
};
std::vector<GivenLicense> given_licenses(const Record& r, const Assessment& a, const Dataset& ds);

// One restriction of a license: {"kind", "text"}.
Json restriction_json(const LicenseRestriction& x);
// Each license described (OSI/FSF status, restrictions), or as given when unknown.
Json license_json(const GivenLicense& l);
Json licenses_json(const std::vector<GivenLicense>& given);
inline Json licenses_json(const Record& r, const Assessment& a, const Dataset& ds) {
  return licenses_json(given_licenses(r, a, ds));
}

// The "applies_to" entry given_licenses() gives the license of a restrictive base model's weights.
std::string base_weights_applies_to(const Lineage& l);

// The license that governs the weights: the producer's, else MOT's weights component, else
// EOSAI's end-model license; null when none names one.
const GivenLicense* weights_license(const std::vector<GivenLicense>& given);

// The verdicts of every framework, for `a` in its mode, plus MOT's strict class when the mode is
// normalized and the two differ.
Json verdicts_json(const Assessment& a, const Record& r, const Dataset& ds);

// E.g. "OLMo-7B (AI2): fully open. MOF Class I; meets OSAID 1.0; EOSAI 95.8 %."
std::string verdict_line(const Record& r, const Assessment& a);

// "Component: released under X (open)" lines for the text renderings.
std::string components_text(const Assessment& a);

std::string percent(double fraction_or_percent, bool is_fraction);

// ASCII lower case, for case-insensitive matching of names and ids.
std::string lower(std::string_view s);

// The Markdown scorecard of a model (resource openness://models/{id}/card; embedded by prompts).
std::string card_markdown(const Record& r, const Dataset& ds);

// Model ids whose id or name starts with (or, failing that, contains) what was typed; failing
// both, the resolver's suggestions.
std::vector<std::string> complete_model_id(const Dataset& ds, std::string_view typed);

}  // namespace openness::bindings

namespace openness::bindings {

// Every framework on a release that is not (or not only) in the dataset: classify_release and
// assess_model_card.
struct ReleaseVerdicts {
  MofVerdict mof;
  OsaidVerdict osaid;
  SpectrumVerdict spectrum;
  std::optional<EosaiVerdict> eosai;

  Json to_json() const;
  // The verdicts without their component-by-component detail (the default answer).
  Json summary_json() const;
  std::string summary(std::string_view name) const;
  // What would move the release up: the next MOF class's failing components, and the tier's gaps.
  std::vector<std::string> next_steps() const;
};

ReleaseVerdicts judge_release(const Release& r, const EosaiData* eosai, const LicenseDb& db, MofMode mode);

}  // namespace openness::bindings
