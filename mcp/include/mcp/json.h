// The JSON type used across the MCP library.
#pragma once
#include <nlohmann/json.hpp>

namespace mcp {
using Json = nlohmann::json;
}  // namespace mcp
