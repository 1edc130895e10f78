// Shared helpers for the core tests.
#pragma once
#include <openness/licenses.h>

#include <cstddef>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define OPENNESS_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OPENNESS_TEST_ASAN 1
#endif
#endif

namespace test {

// How many of its questions a randomised equivalence test asks: all of them in the default build,
// a quarter under AddressSanitizer (the same code paths, each call about ten times slower).
inline std::size_t questions(std::size_t all) {
#ifdef OPENNESS_TEST_ASAN
  return all / 4;
#else
  return all;
#endif
}

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
