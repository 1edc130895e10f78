// The answers for a model the dataset does not hold, read from the Hugging Face Hub when the
// server runs with --hub: lookup_model's (hub_answer, also what `openness-mcp hub-check` prints),
// and the judgement that explain_openness and check_openness_claim read (judge_hub).
#pragma once
#include "binding.h"
#include "present.h"

#include <openness/hub.h>
#include <openness/model_card.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace openness::bindings {

// A Hub repository's card judged by every framework, its base model followed through the dataset.
struct HubJudgement {
  hub::Model model;
  CardRelease card;
  ReleaseVerdicts verdicts;        // the spectrum's basis says "inferred" or "base model's license"
  const Record* base = nullptr;    // the base model the dataset holds (by exact name), if any
  std::vector<std::string> notes;  // what was not read or not counted, gating, the base's terms
  std::string where;               // "the Hugging Face Hub, repository ORG/NAME at commit SHA, read at TIME"

  Json sources() const;  // one source: the repository at its commit, as of the read
  std::string as_of() const;
  std::string inferred() const;  // "read from WHERE, the tier inferred from the card"
};

// Whether the Hub should answer `name`: the server reads the Hub, the name is a repository id
// ("org/name" or a huggingface.co URL), and the dataset does not hold it, or holds only guesses
// (its family, near spellings) at another organisation's repository.
bool hub_should_answer(const hub::Fetcher* hub, const Resolution& res, std::string_view name);

// The Hub's answer for `name`, or what went wrong (a sentence, for the answer).
std::variant<HubJudgement, std::string> judge_hub(const Dataset& ds, hub::Fetcher& hub, const std::string& name,
                                                  MofMode mode);

// What the Hub says about `name`, for a tool that has the dataset's resolution `res` of it: nothing
// when the Hub is not to be asked (hub_should_answer); else its judgement, or its failure: the
// answer itself (`error`) when the dataset found no model, or else a note (`note`, lower case) for
// the dataset's answer.
struct HubReading {
  std::optional<HubJudgement> judgement;
  std::string error, note;
};
HubReading read_hub(const Dataset& ds, hub::Fetcher* hub, const Resolution& res, const std::string& name, MofMode mode);

// lookup_model's answer. Nullopt when `hub` is null or `name` is no repository id. When the Hub
// could not answer: an error that says what happened; or, with `failed`, nullopt and the reason
// in *failed, for a caller that has the dataset's guess to give.
std::optional<mcp::ToolResult> hub_answer(const Dataset& ds, hub::Fetcher* hub, const std::string& name,
                                          const AnswerOptions& options, std::string* failed = nullptr);

// "No model named 'NAME' in the dataset. The Hugging Face Hub was asked ... (status): message."
std::string hub_failure_text(const std::string& name, const std::string& failure);

}  // namespace openness::bindings
