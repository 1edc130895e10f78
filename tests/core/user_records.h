// Temporary --data-dir folders and user records of the record schema (schemas/model.schema.json):
// shared by the loader tests and the fault tests (tests/reliability), which run the server on them.
#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace test {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("openness-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

inline nlohmann::json user_record(const std::string& id, const std::string& name) {
  using nlohmann::json;
  return json{
      {"id", id},
      {"kind", "model"},
      {"name", name},
      {"producer", "Example Lab"},
      {"field_sources", {{"name", "mine"}, {"producer", "mine"}}},
      {"aliases", json::array({{{"value", "example-lab/" + name}, {"kind", "huggingface"}, {"source", "mine"}}})},
      {"mof",
       {{"source", "mine"},
        {"licenses", {{"distribution", {{"name", "Apache-2.0"}}}}},
        {"components", json::array({{{"name", "Model parameters (Final)"}}, {{"name", "Model architecture"}}})}}},
      {"sources",
       json::array(
           {{{"id", "mine"}, {"title", "My notes"}, {"url", "https://example.org/notes"}, {"as_of", "2026-01-02"}}})}};
}

}  // namespace test
