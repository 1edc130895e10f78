// Checking an openness claim ("X says Y is open source") against the evidence of an Assessment.
//
//   ClaimKind k = read_claim("our open-source model");           // OpenSource
//   ClaimVerdict v = judge_claim(k, assessment);                  // Misleading, with reasons
//
// The verdict follows the spectrum tier (what was released, under which licenses), with OSI's own
// published OSAID validation taking precedence for "open source" where OSI has one:
//   claim          accurate when                         misleading when                     false when
//   fully open     tier fully-open                       weights (any license) released      closed
//   open source    OSI passed it, or tier open-source+   weights released, code or data info  closed
//                                                        missing, or OSI: needs license change
//   open weights   tier open-weights or above            weights under a restrictive license  closed
//   open           tier open-weights or above            weights under a restrictive license  closed
//   closed         tier closed                           -                                    anything released openly
// An unknown tier, or a claim that names no openness, is "cannot tell".
#pragma once
#include <openness/classify.h>

#include <string>
#include <string_view>
#include <vector>

namespace openness {

enum class ClaimKind : std::uint8_t { FullyOpen, OpenSource, OpenWeights, Open, Closed, Unrecognised };
std::string_view to_string(ClaimKind k);

// Reads free text ("open-source", "Open Weights", "fully open source AI", "openly available", ...).
// The most specific claim the text makes wins (fully open > open source > open weights > open).
ClaimKind read_claim(std::string_view text);

enum class ClaimOutcome : std::uint8_t { Accurate, Misleading, False, CannotTell };
std::string_view to_string(ClaimOutcome o);

struct ClaimVerdict {
  ClaimOutcome outcome = ClaimOutcome::CannotTell;
  std::string headline;
  std::vector<std::string> reasons;
};

// `model_name` is used in the headline.
ClaimVerdict judge_claim(ClaimKind kind, const Assessment& a, std::string_view model_name);

// Tiers ordered from least to most open (Unknown = 0, Closed = 1 ... FullyOpen = 5).
int tier_rank(Tier t);

}  // namespace openness
