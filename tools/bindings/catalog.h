// Per-record summaries of every framework's verdict, computed once (on first use, thread-safe)
// for the tools that rank or filter many models: compare_models and search_models.
#pragma once
#include <openness/claims.h>
#include <openness/classify.h>
#include <openness/dataset.h>

#include <mcp/json.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace openness::bindings {

// The state of one openness dimension: the producer's statement (training code and data), else
// MOT's components, else EOSAI's grades; the weights follow the spectrum tier. Values: "open", "restricted" (released
// under terms that are not open), "partial", "not released", "unknown".
// Each component's openness in one word: "open", "restricted", "partial", "not released" or
// "unknown". The one reading of the components that compare_models, search_models,
// lookup_model's component states and the pictures' cells share.
struct Dimensions {
  std::string weights, training_code, training_data, documentation, evaluation;
};
// A record's: MOT's listing (else EOSAI's grades), the producer's statements first, the weights as
// the spectrum reads them.
Dimensions dimensions(const Record& r, const Assessment& a);
// A release the dataset does not hold (described, or read from a Hugging Face card): MOF's reading
// of its components, where a component not listed is not released.
Dimensions release_dimensions(const MofVerdict& mof, Tier tier);

// Records grouped by their spectrum tier, most open first, each group in the given order.
struct TierGroup {
  Tier tier = Tier::Unknown;
  std::vector<const Record*> records;
};
std::vector<TierGroup> by_tier(const std::vector<const Record*>& records, const Dataset& ds, MofMode mode);
// The models of a family that has no verdict of its own, by tier (the assessment's members): a
// person who names such a family ("Mistral Large") means its models. Empty for any other record.
std::vector<TierGroup> family_members(const Assessment& a);
// The tier's label in lower case, without its explanation: "fully open", "open weights".
std::string short_tier_label(Tier t);
// "a, b, c and 2 more": the ids of up to `named` records, and how many more there are.
std::string id_list(const std::vector<const Record*>& records, std::size_t named);
// "2 open weights under a restrictive license (a, b); 1 closed (c)": each group's count and tier,
// with up to `named` ids per group (0: none).
std::string members_words(const std::vector<TierGroup>& groups, std::size_t named);
// [{"id", "tier"}, ...], most open first.
mcp::Json members_json(const std::vector<TierGroup>& groups);

struct Summary {
  const Record* record = nullptr;  // null for a release the dataset does not hold (a Hub repository)
  std::string hub_id;              // then: its "org/name"
  Tier tier = Tier::Unknown;
  std::string label;            // the spectrum's label (for a family whose models differ: "Varies by model")
  int mof_class = -1;           // -1: no MOT entry
  std::optional<double> eosai;  // 0..1
  bool osaid_meets = false;
  std::string osi_validation;  // OSI's own outcome, or empty
  Dimensions dims;
  std::vector<std::string> license_ids;  // normalised ids of the licenses the record names
  std::vector<TierGroup> members;        // a family with an unknown tier: its models
};

Summary summarize(const Record& r, const Dataset& ds, MofMode mode);
// A Hugging Face Hub repository the dataset does not hold, from the verdicts on its card.
Summary summarize_hub(std::string id, const MofVerdict& mof, const SpectrumVerdict& spectrum, const OsaidVerdict& osaid,
                      const LicenseDb& db, std::string_view card_license);
// The record's id and name, or the Hub repository's.
std::string_view summary_id(const Summary& s);
std::string_view summary_name(const Summary& s);

// Sort key: most open first (tier, then MOF class, then EOSAI score, then name).
bool more_open(const Summary& a, const Summary& b);

mcp::Json summary_json(const Summary& s);

class Catalog {
 public:
  explicit Catalog(std::shared_ptr<const Dataset> ds) : ds_(std::move(ds)) {}
  // Every record, most open first (normalized MOF mode).
  const std::vector<Summary>& all() const;
  const Dataset& dataset() const { return *ds_; }

 private:
  std::shared_ptr<const Dataset> ds_;
  mutable std::once_flag once_;
  mutable std::vector<Summary> all_;
};

}  // namespace openness::bindings
