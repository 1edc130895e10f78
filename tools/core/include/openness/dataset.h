// The dataset: every record, the license knowledge and the name index, loaded once and then
// read without locks by any number of threads.
//
//   auto ds = openness::load_dataset({.data_dirs = {"/path/to/mine"}});   // bundled.h
//   for (const Record& r : ds->records()) ...                             // search_models
//   const Record* r = ds->find("olmo-7b");                                // exact id
//   Resolution res = ds->resolver().resolve("meta-llama/Llama-3.1-8B-Instruct-GGUF");
//
// Loading (see DESIGN in dataset.cpp): JSON texts are read by simdjson into a flat node array
// and converted straight into typed, read-only structs whose strings point into the text; no DOM
// is kept. The conversion is the validation: types, required members, enums, dates, unknown
// members, and that every fact names one of the record's sources, which must each have a URL and
// an as-of date. A bad file fails the whole load with its path and the JSON pointer of the
// problem (DataError): a server must refuse to start rather than serve a partial dataset.
// The bundled records are validated that way at build time (openness-pack, which fails the
// build on a bad record) and embedded as a bundle with a prebuilt name index, so that loading
// them touches almost no memory; each is parsed, by the same parser, when first used.
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
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
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

class Dataset;
namespace detail {
std::string write_bundle(const Dataset& ds, std::string_view licenses_json);  // openness-pack (pack.h)
}

struct LoadStats {
  std::size_t records = 0, aliases = 0, sources = 0, files = 0, bytes = 0;
  double parse_ms = 0, index_ms = 0;  // load phases: reading + validating, building the resolver
  double validate_ms = 0;             // within parse_ms: parsing and validating user texts
  double index_build_ms = 0;          // within parse_ms: building their name index
};

class Dataset {
 public:
  // Loads records from in-memory JSON texts (eagerly parsed and validated) plus the user
  // directories of `opts`. `licenses_json` is the text of data/licenses.json (validated now).
  // Texts must outlive the Dataset. Used by openness-pack and by tests. Throws DataError.
  static std::shared_ptr<const Dataset> load(std::string_view licenses_json, std::span<const TextFile> files,
                                             const LoadOptions& opts);
  // Loads a bundle written by openness-pack (the embedded dataset; see bundled.h) plus the user
  // directories of `opts`. The bundle was validated record by record when it was built; here only
  // its header is checked, and records are parsed (by the same validating parser) the first time
  // they are used. The blob must outlive the Dataset. Throws DataError.
  static std::shared_ptr<const Dataset> load_packed(std::string_view bundle, const LoadOptions& opts);

  // All live records (a user record that replaced a bundled one is listed once, as the user's).
  // Access is thread-safe; a bundled record is parsed on first access (lock-free, once).
  std::size_t size() const { return order_.size(); }
  const Record& operator[](std::size_t k) const { return record(order_[k]); }
  class iterator {
   public:
    using value_type = Record;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const Dataset* d, std::size_t k) : d_(d), k_(k) {}
    const Record& operator*() const { return (*d_)[k_]; }
    const Record* operator->() const { return &(*d_)[k_]; }
    iterator& operator++() {
      ++k_;
      return *this;
    }
    iterator operator++(int) {
      auto t = *this;
      ++k_;
      return t;
    }
    bool operator==(const iterator& o) const { return k_ == o.k_; }

   private:
    const Dataset* d_ = nullptr;
    std::size_t k_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

  const Record* find(std::string_view id) const;  // exact id
  const LicenseDb& licenses() const;              // parsed on first use (thread-safe)
  const Resolver& resolver() const { return *resolver_; }

  // The EOSAI family record of a model (the record itself if it carries EOSAI data; null if none),
  // and the models linked to a family record.
  const Record* family_of(const Record& r) const;
  std::vector<const Record*> members_of(const Record& family) const;

  std::span<const std::string> overridden() const { return overridden_; }  // ids replaced by user files
  const LoadStats& stats() const { return stats_; }

  ~Dataset();
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  friend std::string detail::write_bundle(const Dataset& ds, std::string_view licenses_json);
  struct Storage;  // arenas (dataset_parts.h)
  struct Packed;   // the bundle (dataset_parts.h)
  struct Entry;    // a record kept as text (dataset_parts.h)

  // Dataset index space: [0, bundled count) are the bundle's records (in id order), then the
  // eagerly loaded ones. Exposed for the resolver.
  const Record& record(std::uint32_t index) const;
  bool live(std::uint32_t index) const;

 private:
  Dataset();
  void finish_index();
  // Loading texts and user files (user_files.cpp), step by step.
  struct TextLoad;
  void load_texts(std::span<const TextFile> files, const LoadOptions& opts);
  void list_user_dir(const std::string& dir, const LoadOptions& opts, TextLoad& load);
  void open_user_bundles(const LoadOptions& opts, const TextLoad& load);
  void validate_texts(TextLoad& load);
  void check_ids(TextLoad& load);
  std::optional<std::uint32_t> in_user_packs(std::string_view id, const TextLoad& load) const;
  void mark_replaced(const TextLoad& load);
  void check_families(const TextLoad& load) const;
  void uncount_replaced(const TextLoad& load);
  std::string_view id_at(std::uint32_t index) const;
  std::string origin_at(std::uint32_t index) const;
  [[noreturn]] void duplicate_id(std::uint32_t a, std::uint32_t b) const;
  std::unique_ptr<Storage> storage_;
  std::vector<std::unique_ptr<Packed>> packs_;  // the bundled bundle, then user bundles
  std::uint32_t text_base_ = 0;                 // dataset index of the first text record
  const Packed* pack_of(std::uint32_t index) const;
  static std::unique_ptr<Packed> open_bundle(std::string_view blob, std::string_view origin, bool verify);
  std::string_view licenses_text_;
  mutable std::once_flag licenses_once_;
  mutable std::shared_ptr<const LicenseDb> licenses_;
  std::vector<Entry> entries_;    // records kept as text, index base + i
  std::vector<bool> entry_dead_;  // replaced by a user record
  std::unique_ptr<std::atomic<struct LazyRecord*>[]> lazy_;
  std::vector<std::string_view> origins_;                   // file paths
  std::vector<std::pair<std::size_t, std::uint32_t>> ids_;  // (hash of id, entry), sorted
  std::vector<std::uint32_t> order_;                        // live dataset indices
  std::vector<std::string> overridden_;
  std::unique_ptr<Resolver> resolver_;
  LoadStats stats_;
};

}  // namespace openness
