#pragma once
#include <string_view>

namespace openness {
// The project version, from CMake's project(VERSION).
std::string_view version();
}  // namespace openness
