// The answer for a model the dataset does not hold, read from the Hugging Face Hub when the
// server runs with --hub: what lookup_model answers then, and what `openness-mcp hub-check` prints.
#pragma once
#include "binding.h"

#include <openness/hub.h>

#include <optional>
#include <string>

namespace openness::bindings {

// Nullopt when `hub` is null (the Hub is off) or `name` is no Hub repository id ("org/name" or a
// huggingface.co URL). Otherwise the Hub's card judged by every framework, its base model's terms
// followed through the dataset, every fact marked as read from the Hub at a commit and a time;
// or, when the Hub could not answer, an error that says what happened. With `failed`, that case
// returns nullopt and says why in *failed, for a caller that has the dataset's guess to give.
std::optional<mcp::ToolResult> hub_answer(const Dataset& ds, hub::Fetcher* hub, const std::string& name,
                                          const AnswerOptions& options, std::string* failed = nullptr);

}  // namespace openness::bindings
