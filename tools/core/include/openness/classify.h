// The other classifiers, each returning its verdict with reasons, and assess() which runs every
// framework on a dataset record (for lookup_model, compare_models, check_openness_claim).
//
//   EosaiVerdict e = evaluate_eosai(*record.eosai);                    // the index's score
//   OsaidVerdict o = evaluate_osaid(release, licenses, MofMode::Strict, record.osi_validation);
//   SpectrumVerdict s = evaluate_spectrum(&release, record.eosai, licenses, MofMode::Normalized);
//   Assessment a = assess(record, dataset, MofMode::Strict);          // all of them
#pragma once
#include <openness/lineage.h>
#include <openness/mof.h>
#include <openness/record.h>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace openness {

class Dataset;
class LicenseDb;
struct Resolution;

// ---- EOSAI: the 12 parameters and the score as osai-index.eu computes it (open 1, partial 0.5,
// closed or missing 0; the score is the mean over the 12; a group's score is its mean).
struct EosaiParamResult {
  EosaiParam param;
  Grade grade;
  double points;
};

struct EosaiVerdict {
  double score = 0;                      // 0..1
  std::array<double, 3> group_scores{};  // Availability, Documentation, Access
  std::array<EosaiParamResult, kEosaiParamCount> params{};
  std::vector<std::string> reasons;  // which parameters are closed, partial or ungraded
  std::string scored_model;          // EOSAI scores a family on its end model
  nlohmann::json to_json() const;
};

EosaiVerdict evaluate_eosai(const EosaiData& e);

// ---- OSAID 1.0 (OSI's checklist mapped onto MOF components).
enum class OsaidOutcome : std::uint8_t { Meets, DoesNotMeet };

struct OsaidElement {
  std::string name;  // "data information", "code", "model architecture", "parameters"
  bool met = false;
  std::string requirement;           // what the checklist asks
  std::vector<std::string> reasons;  // what satisfies it, or what is missing
};

struct OsaidVerdict {
  MofMode mode = MofMode::Strict;
  OsaidOutcome outcome = OsaidOutcome::DoesNotMeet;    // OSI's published validation if any, else the checklist
  OsaidOutcome checklist = OsaidOutcome::DoesNotMeet;  // the checklist on the listed components
  bool assessed = true;                           // false: no component list and no OSI validation, so nothing to check
  std::array<OsaidElement, 4> elements;           // data information, code, model architecture, parameters
  const OsiValidation* osi_validation = nullptr;  // OSI's own published outcome, when there is one
  std::optional<bool> agrees_with_osi;            // set when OSI published an outcome
  std::vector<std::string> reasons;
  nlohmann::json to_json() const;
};

// Legal terms: code and architecture need an OSI-approved license; data information and
// parameters need "OSD-conformant terms", taken here as MOT's open set (OSI-approved, FSF-libre,
// MOT's open-data licenses, OpenMDW). The training data itself is not required (OSAID 1.0).
OsaidVerdict evaluate_osaid(const Release& release, const LicenseDb& licenses, MofMode mode,
                            const OsiValidation* osi = nullptr);

// ---- The plain spectrum of the seed article.
enum class Tier : std::uint8_t {
  Unknown,            // the data says too little
  Closed,             // weights not released
  RestrictedWeights,  // weights released under a license that is not open
  OpenWeights,        // weights under an open license; code or data information missing
  OpenSource,         // weights + code open, data described but not released openly
  FullyOpen,          // weights, code and data under open licenses
};
std::string_view to_string(Tier t);
std::string_view tier_label(Tier t);

// Training data open by EOSAI's grades, as the spectrum reads them: the base model's data sources
// open, the end model's open (or not graded), and the licenses open.
bool eosai_data_open(const EosaiData& e);

struct Capability {
  std::string_view what;    // run it, fine-tune it, verify what it learned from, reproduce it, retrain or improve it
  std::string_view answer;  // yes, within the license terms, partly, no
  std::string_view why;
};

struct SpectrumVerdict {
  Tier tier = Tier::Unknown;
  std::string basis;  // "mof" (MOT's component list) or "eosai" (EOSAI grades)
  MofMode mode = MofMode::Normalized;
  std::vector<std::string> reasons;
  // reasons[decisive] is what decided the tier: what kept it from the tier above, or what put it
  // below the weights' own terms. Often not the first reason, which is about the weights.
  std::size_t decisive = 0;
  std::vector<Capability> capabilities;  // what a user can and cannot do at this tier
  std::optional<Tier> other_basis_tier;  // when both bases exist and disagree
  std::string other_basis;
  // The producer states the weights are released; with an unknown tier, their terms are unknown.
  bool weights_released = false;
  // A family with no verdict of its own whose models the data places at different tiers.
  bool varies = false;
  // tier_label(tier); for an unknown tier, a label that says what is known: the family's models
  // differ, or the weights are released under terms the data does not hold.
  std::string_view label() const;
  // The answer's one-line why: the first reason and, when another decided the tier, that one.
  std::string why() const;
  nlohmann::json to_json() const;
};

// How far a release's component list can be trusted about what was not released.
enum class Listing : std::uint8_t {
  Complete,  // a caller's description: what is not listed was not released
  Partial,   // an upstream listing (MOT): what is not listed may simply not have been recorded
};

// Uses the MOF release when it lists components, else the EOSAI grades; reports the other basis
// when both exist and give a different tier. Either pointer may be null. With a Partial listing
// that does not cover the weights, EOSAI decides, or the tier is Unknown.
SpectrumVerdict evaluate_spectrum(const Release* release, const EosaiData* eosai, const LicenseDb& licenses,
                                  MofMode mode, Listing listing = Listing::Complete);

// What each tier lets a user do (fixed text, the same for every model of the tier).
std::vector<Capability> capabilities_of(Tier t);

// ---- Every framework on one record. EOSAI comes from the record or, for a MOT variant, from its
// EOSAI family (said so in eosai_from).
struct Assessment {
  const Record* record = nullptr;
  std::optional<MofVerdict> mof;
  std::optional<EosaiVerdict> eosai;
  const Record* eosai_from = nullptr;  // the record whose EOSAI entry was used
  OsaidVerdict osaid;
  SpectrumVerdict spectrum;
  std::optional<Lineage> lineage;  // a base model under a license that is not open (lineage.h)
  // A family with no verdict of its own: each model the data holds for it (members_of order), with
  // its tier. Empty for any other record.
  std::vector<std::pair<Tier, const Record*>> members;
  nlohmann::json to_json() const;
};

Assessment assess(const Record& r, const Dataset& ds, MofMode mode);

// The terms of the weights as an assistant would report them: "not released", a license id, or
// "" when the data names none (the producer's statement, else MOT's listing, else EOSAI's).
std::string weights_terms(const Record& r, const LicenseDb& db, MofMode mode);

// When every candidate of an ambiguous resolution shares the verdict an assistant would report
// (a known spectrum tier and the same weights terms), the assessment to answer with: a family
// record's if one of them is, else the first's. Empty when the verdicts differ. `others` gets the
// other ids.
std::optional<Assessment> shared_verdict(const Resolution& res, const Dataset& ds, MofMode mode, std::string& others);

}  // namespace openness
