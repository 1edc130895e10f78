// Internal: the parts of a Dataset shared by the files that build it: dataset.cpp (lookup and
// records on demand), record_parser.cpp (a record's JSON into a Record, validating it),
// user_files.cpp (--data-dir files and texts) and bundle.cpp (the bundle format).
#pragma once
#include <openness/dataset.h>

#include <sys/mman.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "index.h"
#include "pack.h"
#include "reader.h"

namespace openness {

// A private copy of a user file, read once at load into anonymous memory. The records stay there
// as text and are parsed again, lazily, when used; so the dataset must never read the file again:
// a file mapping would show whatever the user writes to the file later (records that were never
// validated, or a half-written file), and touching a mapped page past the end of a file that was
// truncated meanwhile kills the process with SIGBUS.
struct Mapping {
  const char* data = nullptr;
  std::size_t size = 0;    // bytes read
  std::size_t mapped = 0;  // bytes of the anonymous mapping
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (data) ::munmap(const_cast<char*>(data), mapped);
  }
};

struct Dataset::Storage {
  // `small`: one record's worth (a lazily parsed bundled record), so chunks start tiny.
  explicit Storage(bool small = false) : arena(small ? 1024 : std::size_t{256} * 1024) {}
  std::vector<std::unique_ptr<Mapping>> maps;   // user files, read once, kept while the dataset lives
  std::vector<json_nodes::StringArena> arenas;  // ids that needed unescaping
  std::vector<detail::Segment> segments;        // index of the text records, until finish_index
  Arena arena;                                  // every part of a record, and unescaped strings, paths

  void reset() { arena.reset(); }
};

// A bundled record parsed on first use.
struct LazyRecord {
  Record rec;
  Dataset::Storage st{true};
};

struct Dataset::Packed {
  std::unique_ptr<Mapping> map;  // user bundles: the file, read once
  std::string_view origin;       // "bundled" or the file path
  std::uint32_t base = 0;        // dataset index of the first record
  std::string_view licenses;     // data/licenses.json text (the bundled bundle only)
  const detail::BundleHeader* header = nullptr;
  detail::SegmentView index;
  std::span<const detail::RecordEntry> entries;
  std::string_view text;
  std::unique_ptr<std::atomic<LazyRecord*>[]> lazy;
  std::vector<bool> dead;  // replaced by a user record
  std::uint32_t count = 0;

  bool user = false;  // from a --data-dir (replaces bundled records; cannot be replaced)
  std::string_view id(std::uint32_t i) const { return text.substr(entries[i].id_off, entries[i].id_len); }
  std::string_view family(std::uint32_t i) const { return text.substr(entries[i].family_off, entries[i].family_len); }
  std::optional<std::uint32_t> find(std::string_view id_) const {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (id(mid) < id_)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < count && id(lo) == id_) return lo;
    return std::nullopt;
  }
  ~Packed() {
    if (!lazy) return;
    for (std::uint32_t i = 0; i < count; ++i) delete lazy[i].load(std::memory_order_acquire);
  }
};

// A record kept as text (a user file, or a text given to Dataset::load), parsed when first used.
struct Dataset::Entry {
  const char* text;
  std::uint32_t len;
  std::uint32_t origin;  // index in origins_
  std::string_view id;
};

namespace detail {

// Converts one record's JSON (json_nodes nodes) into a Record whose parts live in `st`, checking
// it as schemas/model.schema.json does; throws DataError with the JSON pointer of the problem.
Record parse_record(const Val& root, std::string_view origin, Dataset::Storage& st);

// Reads a user file once, whole, into private read-only memory (at most `max` bytes).
std::unique_ptr<Mapping> read_file(const std::filesystem::path& p, std::size_t max);

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace detail

}  // namespace openness
