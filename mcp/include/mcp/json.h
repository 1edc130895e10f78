// The JSON type used across the MCP library.
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace mcp {
using Json = nlohmann::json;

// A JSON value given as its serialized text: an answer computed ahead of time, which
// jsonrpc::serialize writes as it is instead of building and writing a tree on every call. It is
// carried in the tree as a binary value of its own subtype, and is written as text only as a
// member of a response's `result` (a tool's content and structuredContent); an in-process client
// gets it parsed (without_raw). The text must be one JSON value: the session checks a tool's
// precomputed answer when outputs are checked (tests, debug builds).
Json raw_json(std::string_view text);
// The text of a raw_json() value; nothing for any other value.
std::optional<std::string_view> raw_json_text(const Json& j);
// `j` with a raw_json() value, or one among its members, parsed.
Json without_raw(Json j);
// Member `key` of `object`; null when `object` is not an object or lacks it.
const Json& member(const Json& object, std::string_view key);
}  // namespace mcp
