// Shared helpers for the core tests.
#pragma once
#include <openness/licenses.h>

#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// data/licenses.json from the source tree (kept alive for the process).
inline const openness::LicenseDb& licenses() {
  static const std::string text = read_file(OPENNESS_DATA_DIR "/licenses.json");
  static const auto db = openness::LicenseDb::parse(text, "data/licenses.json");
  return *db;
}

}  // namespace test
