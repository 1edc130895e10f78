// One model (or EOSAI model family) of the dataset, as typed, read-only views.
//
// A Record is owned by its Dataset: every string_view and span points into the dataset's
// storage (the embedded JSON text, a user file read at load, or the dataset's arenas) and stays
// valid as long as the Dataset lives. The JSON shape is schemas/model.schema.json; to_json()
// writes it back (plus nothing else), so a record round-trips.
//
// Provenance: `sources` lists where the facts come from (upstream file and commit, URL, as-of
// date). Every fact group names one of them by id: field_sources (top-level fields), each alias,
// link, the mof and eosai sections, osi_validation, each disagreement value and each quirk. A
// reference may carry a "#fragment" after the id (e.g. "mot:X.yml#release.name").
#pragma once
#include <openness/release.h>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace openness {

enum class RecordKind : std::uint8_t { Model, Family };
std::string_view to_string(RecordKind k);

struct Source {
  std::string_view id, title, url, repository, path, commit, as_of, license;
};

struct Alias {
  // kind: name, file-name, huggingface, ollama, marketing, family-name, eosai-end-model, other
  std::string_view value, kind, source;
};

struct Link {
  std::string_view kind, url, source;  // kind: huggingface, repository, homepage, paper, other
};

struct FieldSource {
  std::string_view field, source;
};

struct LicenseRef {
  std::string_view name, path;
};

struct MofComponentEntry {
  Component id;
  bool has_license = false;  // false: inherits (MOT)
  std::string_view license;  // as published; "unlicensed" = explicitly none
  std::string_view license_path, component_path, description;
};

struct MofData {
  std::string_view source, framework_version;
  std::optional<LicenseRef> distribution, code, data, document;
  std::span<const MofComponentEntry> components;
};

// EOSAI grades. None = no grade (scored 0 by the index, like closed).
enum class Grade : std::uint8_t { None, Closed, Partial, Open };
std::string_view to_string(Grade g);

// The 12 EOSAI parameters (reference/eosai/_parameters.yml), in index order.
enum class EosaiParam : std::uint8_t {
  DatasourcesBasemodel,
  DatasourcesEndmodel,
  WeightsBasemodel,
  WeightsEndmodel,
  Trainingcode,
  Code,
  HardwareArchitecture,
  Preprint,
  Paper,
  Modelcard,
  Datasheet,
  Licenses,
};
inline constexpr std::size_t kEosaiParamCount = 12;
struct EosaiParamInfo {
  EosaiParam id;
  std::string_view key;    // YAML key, e.g. "datasources_basemodel"
  std::string_view name;   // display name, e.g. "Base Model Data"
  std::string_view group;  // Availability, Documentation, Access
};
std::span<const EosaiParamInfo> eosai_param_table();
std::optional<EosaiParam> eosai_param_from_key(std::string_view key);

struct EosaiParameter {
  Grade grade = Grade::None;
  std::span<const std::string_view> links;
  std::string_view notes;
};

struct EosaiData {
  std::string_view source, file, system_name, link, type, performance_class, base_model, end_model, end_model_license,
      release_date, notes;
  std::string_view org_name, org_link, org_notes;
  std::array<EosaiParameter, kEosaiParamCount> parameters{};
};

struct OsiValidation {
  std::string_view system, producer, outcome, note, source;  // outcome: pass, needs-license-change, fail
};

// A producer's own statement about the final weights, and about the training code and data
// (curated, with its source).
enum class Stated : std::uint8_t { Unstated, Released, NotReleased, Described };  // Described: data only
std::string_view to_string(Stated s);  // the data's word: released, not-released, described ("" when unstated)
std::string_view stated_words(
    Stated s);  // for people: "released", "not released", "described, not released", "not stated"
struct Availability {
  bool released = false;
  std::string_view license, note, source;  // license: as the producer names it; empty when not released
  Stated training_code = Stated::Unstated, training_data = Stated::Unstated;
  // A fact whose source is not `source`: weights, license, training_code, training_data.
  std::string_view weights_source, license_source, code_source, data_source;
  bool license_from_family = false, code_from_family = false, data_from_family = false;
  std::string_view source_of(std::string_view fact) const;  // the source id of one fact
};

struct DisagreementValue {
  std::string_view value, source;
};

struct Disagreement {
  std::string_view field, note;
  std::span<const DisagreementValue> values;
};

struct Quirk {
  std::string_view kind, detail, source;
};

struct Record {
  std::string_view id;  // stable, [a-z0-9][a-z0-9.+-]*
  RecordKind kind = RecordKind::Model;
  std::string_view name;
  std::string_view producer;  // normalised; empty = unknown
  std::span<const std::string_view> producer_as_published;
  std::string_view release_date, size, version, architecture, base_model;  // empty = unknown
  std::span<const std::string_view> modality;
  std::string_view family_id, family_method;  // the EOSAI family record this model belongs to
  bool family_eosai_applies = true;  // false: EOSAI scored the family on a model of another generation
  std::span<const FieldSource> field_sources;
  std::span<const Alias> aliases;
  std::span<const Link> links;
  const MofData* mof = nullptr;
  const EosaiData* eosai = nullptr;
  const OsiValidation* osi_validation = nullptr;
  const Availability* availability = nullptr;
  std::span<const Disagreement> disagreements;
  std::span<const Quirk> quirks;
  std::span<const Source> sources;
  std::string_view origin;  // "bundled" or the user file it came from

  const Source* source(std::string_view ref) const;  // ref may carry "#fragment"
  std::string_view field_source(std::string_view field) const;
  // The MOF release (empty component list when the record has no MOF data).
  Release release() const;
};

nlohmann::json to_json(const Record& r);
nlohmann::json to_json(const Source& s);

}  // namespace openness
