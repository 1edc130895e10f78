// A file embedded into the binary at build time (see cmake/Embed.cmake).
#pragma once
#include <span>
#include <string_view>

namespace embedded {
struct File {
  std::string_view path;  // relative to the embedding's BASE_DIR, '/'-separated
  std::string_view data;  // the file's bytes; followed by a NUL in memory
};
}  // namespace embedded
