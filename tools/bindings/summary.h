// The concise answer about one model, for tools whose default detail is "summary": the four
// frameworks' verdicts in one sentence, each component in a few words, the restrictions of the
// weights' license, and the sources as ids with URLs. A few hundred tokens, where the full record
// (detail "full", or the resource openness://models/{id}) is several thousand.
#pragma once
#include "present.h"

#include <string>
#include <vector>

namespace openness::bindings {

// A component's status in one word, for a picture's cell (scorecard.h): released under an open
// license, released under terms that are not open, not released, or not known.
enum class Openness : std::uint8_t { Open, Restricted, NotReleased, Unknown };
std::string_view to_string(Openness o);  // "open", "restricted", "not released", "unknown"
// A component's state from its word in Dimensions (catalog.h): "partial" is restricted.
Openness openness_of(std::string_view dimension);

struct ComponentStatus {
  std::string component;               // weights, training code, training data, documentation
  std::string status;                  // e.g. "released under Apache-2.0 (open)", "not released", "not stated"
  std::string from;                    // where it was read: producer, MOT, EOSAI, family
  Openness state = Openness::Unknown;  // in one word, as compare_models reads it (catalog.h's Dimensions)
};

// What each component's status is, read from the producer's statement, MOT's listing or EOSAI's
// grades, in that order; its state, the reading compare_models and search_models give it.
std::vector<ComponentStatus> component_summary(const Record& r, const Assessment& a, const Dataset& ds);

// The structured summary: status, match, summary line, verdicts (one object per framework),
// components, restrictions, sources (id, url, as_of), as_of, and the URI of the full record.
Json summary_json(const Record& r, const Assessment& a, const Dataset& ds);

// The same facts as text, for hosts that read only `content`.
std::string summary_text(const Record& r, const Json& summary);

}  // namespace openness::bindings
