// The dataset: every record, the license knowledge and the name index, loaded once and then
// read without locks by any number of threads.
//
//   auto ds = openness::load_dataset({.data_dirs = {"/path/to/mine"}});   // bundled.h
//   for (const Record& r : ds->records()) ...                             // search_models
//   const Record* r = ds->find("olmo-7b");                                // exact id
//   Resolution res = ds->resolver().resolve("meta-llama/Llama-3.1-8B-Instruct-GGUF");
//
// Loading (see DESIGN in dataset.cpp): the bundled records are JSON files embedded in the binary.
// Each file is parsed by json_lite into a flat node array and converted straight into typed,
// read-only structs whose strings point into the embedded text; there is no DOM kept and no
// per-string allocation. The conversion is the validation: types, required members, enums,
// dates, unknown members, and that every fact names one of the record's sources, which must each
// have a URL and an as-of date. A bad file fails the whole load with its path and the JSON pointer
// of the problem (DataError): a server must refuse to start rather than serve a partial dataset.
//
// User files (--data-dir DIR): every *.json file in DIR (one record, or an array of records) and
// every *.jsonl file (one record per line), in name order, non-recursive. A user record whose id
// equals a bundled one replaces it (reported in overridden()); two user records with one id are an
// error.
#pragma once
#include <openness/errors.h>
#include <openness/licenses.h>
#include <openness/record.h>
#include <openness/resolver.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace openness {

// A named text to load (the embedded files, or a test's fixture).
struct TextFile {
  std::string_view path;  // shown in errors
  std::string_view text;  // must outlive the Dataset
};

struct LoadOptions {
  bool bundled = true;                 // include the embedded dataset (load_dataset in bundled.h)
  std::vector<std::string> data_dirs;  // user directories, in order
  std::size_t max_file_bytes = std::size_t{4} << 30;
};

struct LoadStats {
  std::size_t records = 0, aliases = 0, sources = 0, files = 0, bytes = 0;
  double parse_ms = 0, index_ms = 0;
};

class Dataset {
 public:
  // Loads from in-memory texts (the bundled ones) plus the user directories of `opts`.
  // `licenses_json` is the text of data/licenses.json. Throws DataError.
  static std::shared_ptr<const Dataset> load(std::string_view licenses_json, std::span<const TextFile> files,
                                             const LoadOptions& opts);

  std::span<const Record> records() const { return records_; }
  const Record* find(std::string_view id) const;  // exact id
  const LicenseDb& licenses() const { return *licenses_; }
  const Resolver& resolver() const { return *resolver_; }

  // The EOSAI family record of a model (null if none), and the models linked to a family record.
  const Record* family_of(const Record& r) const;
  std::vector<const Record*> members_of(const Record& family) const;

  std::span<const std::string> overridden() const { return overridden_; }  // ids replaced by user files
  const LoadStats& stats() const { return stats_; }

  ~Dataset();
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  struct Storage;  // arenas (dataset.cpp)

 private:
  Dataset();
  std::unique_ptr<Storage> storage_;
  std::shared_ptr<const LicenseDb> licenses_;
  std::vector<Record> records_;
  std::vector<std::uint32_t> id_index_;  // record indices sorted by id
  std::vector<std::string> overridden_;
  std::unique_ptr<Resolver> resolver_;
  LoadStats stats_;
};

}  // namespace openness
