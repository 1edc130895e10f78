// Whole-file reading and writing for the build tools (openness-import, openness-pack). The server
// reads user files through the dataset loader, which maps them and bounds their size.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace openness {

// The file's bytes; throws std::runtime_error("cannot read PATH") when it cannot be opened.
std::string read_whole_file(const std::filesystem::path& p);

// Replaces the file with `bytes`; throws std::runtime_error("cannot write PATH") on failure.
void write_whole_file(const std::filesystem::path& p, std::string_view bytes);

}  // namespace openness
