// Internal: the bundle format written by openness-pack and read by Dataset::load_packed.
// All integers little-endian (the build and run hosts are the same machine); sections 8-aligned.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace openness {
class Dataset;
}

namespace openness::detail {

inline constexpr char kBundleMagic[8] = {'O', 'P', 'N', 'B', 'N', 'D', 'L', '1'};

struct Section {
  std::uint64_t off, len;  // byte offset in the bundle; len in elements
};

struct BundleHeader {
  char magic[8];
  std::uint32_t version;  // 1
  std::uint32_t record_count;
  std::uint64_t checksum;  // bundle_checksum(): of every byte after the header
  std::uint64_t key_count, alias_count, source_count;
  Section licenses;  // chars: data/licenses.json
  Section records;   // RecordEntry, sorted by id
  Section text;      // chars: record JSON texts and ids
  Section table;     // Slot
  Section fkeys;     // FKey
  Section offsets;   // uint32
  Section postings;  // uint32
  Section keys;      // chars
};

struct RecordEntry {
  std::uint32_t text_off, text_len;      // the record's JSON, in `text`
  std::uint32_t id_off, id_len;          // its id, in `text`
  std::uint32_t family_off, family_len;  // its family id (len 0: none), in `text`
};

std::uint64_t bundle_checksum(std::string_view bundle);

// Serialises the records of a dataset loaded with Dataset::load (texts, no bundles) into a bundle,
// sorted by id, with their name index. `licenses_json` may be empty (a user bundle).
std::string write_bundle(const Dataset& ds, std::string_view licenses_json);

}  // namespace openness::detail
