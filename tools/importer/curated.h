// The curated layer (tools/importer/curated/*.yaml, shape in its README): the models people ask
// about, variant by variant, each fact from its producer's own page.
#pragma once
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace importer {

using ojson = nlohmann::ordered_json;

// ASCII lower case (ids, aliases and producer names are compared this way).
inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

struct CuratedModel {
  YAML::Node node;
  std::string file, producer;
};

struct CuratedSet {
  std::map<std::string, ojson> sources;         // by id, across every file
  std::vector<CuratedModel> models;             // in file order
  std::vector<YAML::Node> new_licenses;         // the shape of model_licenses.yaml's `licenses`
  std::vector<CuratedModel> alias_corrections;  // `alias_corrections` entries (record, remove, why, source)
  std::vector<std::string> files;
};

// Reads and checks every *.yaml of `dir` (sorted by name): unique model and source ids, every
// source reference defined, every enum value known. Throws std::runtime_error naming the file.
CuratedSet read_curated(const std::filesystem::path& dir);

struct CuratedCounts {
  std::size_t files = 0, models = 0, new_records = 0, merged_records = 0, aliases_added = 0, statements = 0,
              inherited_facts = 0, disagreements = 0, aliases_removed = 0;
};

// Merges the curated models into `records` (an existing id gains the curated facts, a new id is
// appended). `license_id` gives the licenses.json id of a license id or free text, or "" when it
// names none; `producer` normalises a producer's name. A fact the producer's page states and an upstream fact that
// differs are both kept, as a disagreement; the producer's wins.
CuratedCounts merge_curated(const CuratedSet& set, std::vector<ojson*>& records, std::vector<ojson>& added,
                            const std::function<std::string(const std::string&)>& license_id,
                            const std::function<std::string(const std::string&)>& producer);

}  // namespace importer
