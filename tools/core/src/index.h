// Internal: the name index behind Resolver, as plain arrays so that it can be built at load (user
// records) or at build time by openness-pack and used straight from the embedded bundle.
#pragma once
#include <openness/record.h>

#include "big_alloc.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace openness::detail {

// One folded key of one record. 24 bytes, trivially copyable (stored as is in the bundle).
struct Slot {
  std::uint64_t hash;
  std::uint32_t rec;      // record index within the segment's record space
  std::uint32_t key_off;  // folded key in the segment's key strings
  std::uint16_t key_len;
  std::uint16_t which;  // 0 id, 1 name, 2 + i alias i
  std::uint8_t tier;    // 0 id, 1 name, 2 alias, 3 family name
  std::uint8_t used;
  std::uint8_t pad[2];
};
static_assert(sizeof(Slot) == 24);

// A distinct folded key of a record, for fuzzy search.
struct FKey {
  std::uint32_t rec;
  std::uint32_t key_off;
  std::uint16_t key_len;
  std::uint16_t which;
};
static_assert(sizeof(FKey) == 12);

struct SegmentView {
  std::span<const Slot> table;  // power-of-two size; empty = no segment
  std::span<const FKey> fkeys;
  std::span<const std::uint32_t> offsets;   // bucket -> first posting (size buckets + 1)
  std::span<const std::uint32_t> postings;  // fkey indices
  std::string_view keys;                    // folded key strings
  std::uint32_t rec_base = 0;               // added to Slot::rec / FKey::rec to get the dataset index
  std::uint32_t record_count = UINT32_MAX;  // records of the segment (bounds check for bundles)
};

struct Segment {
  BigVector<Slot> table;
  BigVector<FKey> fkeys;
  BigVector<std::uint32_t> offsets, postings;
  BigVector<char> keys;
  std::size_t key_count = 0;
  SegmentView view(std::uint32_t rec_base) const {
    return {table, fkeys, offsets, postings, std::string_view(keys.data(), keys.size()), rec_base, UINT32_MAX};
  }
  std::size_t bytes() const {
    return table.size() * sizeof(Slot) + fkeys.size() * sizeof(FKey) + (offsets.size() + postings.size()) * 4 +
           keys.size();
  }
};

// Collects the folded keys of records (which may then be discarded), then builds a segment.
class SegmentBuilder {
 public:
  void add(std::uint32_t rec, const Record& r);  // rec: the record's index in the segment
  void append(SegmentBuilder&& other);           // other's record indices must already be final
  void shift(std::uint32_t offset) {             // adds offset to every record index
    for (auto& p : pending_) p.rec += offset;
  }
  Segment finish(std::size_t n_records);
  std::size_t bytes() const { return keys_.capacity() + pending_.capacity() * sizeof(Pending); }

 private:
  struct Pending {
    std::uint64_t hash;
    std::uint32_t rec, off;
    std::uint16_t len, which;
    std::uint8_t tier;
    bool fuzzy;  // org-prefixed forms are for exact lookups only
  };
  BigVector<char> keys_;
  BigVector<Pending> pending_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen_;
};

// Builds a segment over records [0, n) given by `get`.
Segment build_segment(std::size_t n, const std::function<const Record&(std::uint32_t)>& get);

std::uint32_t bucket_of_trigram(std::uint32_t trigram, std::uint32_t bucket_mask);

// The segment's fuzzy keys that share at least half the best count of trigram buckets with the
// query's trigrams `qt`, as (count, key) pairs; bounded work per query.
void count_shared_trigrams(const SegmentView& seg, const std::vector<std::uint32_t>& qt,
                           std::vector<std::pair<std::uint16_t, std::uint32_t>>& pool);

// A record's indexed texts by number ("which"): its id, its name, then alias i as 2 + i; and the
// tier of each (0 id, 1 name, 2 alias, 3 family name).
std::string_view which_text(const Record& r, std::uint16_t which);
std::uint8_t which_tier(const Record& r, std::uint16_t which);

// For tests, on this thread: the fuzzy matcher as it was first written (every posting of every
// list counted, edit distances from the full table), to compare the fast one with.
bool fuzzy_reference();
void set_fuzzy_reference(bool on);

}  // namespace openness::detail

namespace openness {
class Resolver;
}
namespace openness::detail {
// `members`: the live models whose family is the given record (Dataset::members_of).
std::unique_ptr<Resolver> make_resolver(std::function<const Record&(std::uint32_t)> record,
                                        std::function<bool(std::uint32_t)> live,
                                        std::function<std::vector<const Record*>(const Record&)> members,
                                        std::vector<SegmentView> views, std::vector<Segment> owned,
                                        std::size_t key_count);
}  // namespace openness::detail
