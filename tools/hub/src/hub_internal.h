// What the Hub's sources share: the client's factory and the module's entry point.
#pragma once
#include <openness/hub.h>

#include <nlohmann/json_fwd.hpp>

namespace openness::hub {

// A string member of a JSON object, or "" when it is missing or not a string.
std::string string_at(const nlohmann::json& j, const char* key);

// The client itself (client.cpp): in the module, and linked directly by the tests.
std::unique_ptr<Fetcher> make_client(Options o);

// The module and the program that loads it must agree on the layout of Options and Result.
inline constexpr unsigned kModuleAbi =
    1u ^ (static_cast<unsigned>(sizeof(Options)) << 8) ^ (static_cast<unsigned>(sizeof(Result)) << 20);
inline constexpr const char* kModuleFile = "libopenness_hub_module.so";
// extern "C" Fetcher* openness_hub_module_make(unsigned abi, const Options*): a new client, or
// null when the ABI differs. The caller owns it.
using ModuleMake = Fetcher* (*)(unsigned abi, const Options* options);
inline constexpr const char* kModuleEntry = "openness_hub_module_make";

}  // namespace openness::hub
