#include <openness/resolver.h>

#include "index.h"
#include "names.h"

#include <algorithm>
#include <bit>

namespace openness::detail {

namespace {
thread_local bool t_fuzzy_reference = false;
}  // namespace

bool fuzzy_reference() { return t_fuzzy_reference; }
void set_fuzzy_reference(bool on) { t_fuzzy_reference = on; }

std::string_view which_text(const Record& r, std::uint16_t which) {
  if (which == kWhichId) return r.id;
  if (which == kWhichName || static_cast<std::size_t>(which - 2) >= r.aliases.size()) return r.name;
  return r.aliases[which - 2].value;
}

std::uint8_t which_tier(const Record& r, std::uint16_t which) {
  if (which == kWhichId) return 0;
  if (which == kWhichName) return 1;
  const auto kind = r.aliases[which - 2].kind;
  if (kind == "name") return 1;
  if (kind == "family-name") return 3;
  return 2;
}

std::uint32_t bucket_of_trigram(std::uint32_t t, std::uint32_t bucket_mask) { return mix32(t) & bucket_mask; }

void SegmentBuilder::add(std::uint32_t rec, const Record& r) {
  seen_.clear();
  const std::size_t count = 2 + std::min<std::size_t>(r.aliases.size(), 65000);
  for (std::uint16_t w = 0; w < count; ++w) {
    const auto text = which_text(r, w);
    const auto tier = which_tier(r, w);
    for (int org = 0; org < 2; ++org) {
      if (org == 1 && text.find('/') == std::string_view::npos) break;
      const std::string key = Resolver::fold(text, org == 0).substr(0, 1024);
      if (key.empty()) continue;
      bool dup = false;
      for (const auto& [o, l] : seen_) dup = dup || std::string_view(keys_.data() + o, l) == key;
      if (dup) continue;  // one entry per distinct key of a record: the first (best) tier wins
      const auto off = static_cast<std::uint32_t>(keys_.size());
      keys_.insert(keys_.end(), key.begin(), key.end());
      seen_.emplace_back(off, static_cast<std::uint32_t>(key.size()));
      pending_.push_back(Pending{hash64(key), rec, off, static_cast<std::uint16_t>(key.size()), w, tier, org == 0});
    }
  }
}

void SegmentBuilder::append(SegmentBuilder&& other) {
  const auto base = static_cast<std::uint32_t>(keys_.size());
  keys_.insert(keys_.end(), other.keys_.begin(), other.keys_.end());
  pending_.reserve(pending_.size() + other.pending_.size());
  for (auto p : other.pending_) {
    p.off += base;
    pending_.push_back(p);
  }
  other = SegmentBuilder();
}

Segment SegmentBuilder::finish(std::size_t n_records) {
  Segment seg;
  seg.keys = std::move(keys_);
  std::size_t cap = 16;
  while (cap < pending_.size() * 2) cap <<= 1;
  seg.table.assign(cap, Slot{0, 0, 0, 0, 0, 0, 0, {0, 0}});
  const std::uint64_t mask = cap - 1;
  std::size_t fuzzy = 0;
  for (const auto& p : pending_) fuzzy += p.fuzzy;
  seg.fkeys.reserve(fuzzy);
  for (const auto& p : pending_) {
    std::uint64_t i = p.hash & mask;
    while (seg.table[i].used) i = (i + 1) & mask;
    seg.table[i] = Slot{p.hash, p.rec, p.off, p.len, p.which, p.tier, 1, {0, 0}};
    if (p.fuzzy) seg.fkeys.push_back(FKey{p.rec, p.off, p.len, p.which});
  }
  seg.key_count = pending_.size();
  pending_ = {};
  std::uint32_t buckets = 1024;
  while (buckets < n_records * 4 && buckets < (1u << 21)) buckets <<= 1;
  const std::uint32_t bucket_mask = buckets - 1;
  // Trigram postings (CSR), counted then filled. The trigrams of each key are computed once and
  // kept in a flat temporary array.
  BigVector<std::uint32_t> tri;        // bucket of each (key, trigram), key by key
  BigVector<std::uint32_t> tri_start;  // first entry of key k in tri
  tri_start.reserve(seg.fkeys.size() + 1);
  tri.reserve(seg.fkeys.size() * 24);
  std::vector<std::uint32_t> tg;
  seg.offsets.assign(static_cast<std::size_t>(buckets) + 1, 0);
  for (const auto& fk : seg.fkeys) {
    tri_start.push_back(static_cast<std::uint32_t>(tri.size()));
    trigrams(std::string_view(seg.keys.data() + fk.key_off, fk.key_len), tg);
    for (auto t : tg) {
      const std::uint32_t b = bucket_of_trigram(t, bucket_mask);
      tri.push_back(b);
      ++seg.offsets[b + 1];
    }
  }
  tri_start.push_back(static_cast<std::uint32_t>(tri.size()));
  for (std::size_t b = 0; b < buckets; ++b) seg.offsets[b + 1] += seg.offsets[b];
  seg.postings.resize(seg.offsets[buckets]);
  BigVector<std::uint32_t> fill(seg.offsets.begin(), seg.offsets.end() - 1);
  for (std::uint32_t k = 0; k < seg.fkeys.size(); ++k)
    for (std::uint32_t x = tri_start[k]; x < tri_start[k + 1]; ++x) seg.postings[fill[tri[x]]++] = k;
  return seg;
}

Segment build_segment(std::size_t n, const std::function<const Record&(std::uint32_t)>& get) {
  SegmentBuilder b;
  for (std::uint32_t i = 0; i < n; ++i) b.add(i, get(i));
  return b.finish(n);
}

namespace {

// Counting every posting of the `used` lists (shortest first) gives each key its count of
// shared trigram buckets. The keys kept are those with at least half the best count; once the
// lists left are fewer than that, a key not met yet cannot be kept, so the lists left need only
// be searched (each is sorted) for the keys met so far (search_rest): the same counts for every
// key kept, with far fewer postings read. Returns the first list not counted.
std::size_t count_postings(const SegmentView& seg, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& lists,
                           std::size_t used, std::vector<std::uint16_t>& counts, std::vector<std::uint32_t>& touched,
                           std::uint16_t& best_count) {
  std::size_t next = 0;
  for (; next < used; ++next) {
    const std::size_t left = used - next;
    if (!fuzzy_reference() && left < std::max<std::size_t>(1, best_count / 2)) {
      std::size_t scan = 0, search = 0;
      for (std::size_t j = next; j < used; ++j) {
        const std::size_t len = lists[j].second - lists[j].first;
        scan += len;
        search += 2 * (std::bit_width(len) + 1);
      }
      if (touched.size() * search < scan) break;
    }
    const auto [b, e] = lists[next];
    for (std::uint32_t p = b; p < e; ++p) {
      const std::uint32_t fk = seg.postings[p];
      if (fk >= seg.fkeys.size()) continue;
      if (counts[fk]++ == 0) touched.push_back(fk);
      best_count = std::max(best_count, counts[fk]);
    }
  }
  return next;
}

void search_rest(const SegmentView& seg, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& lists,
                 std::size_t next, std::size_t used, std::vector<std::uint16_t>& counts,
                 const std::vector<std::uint32_t>& touched, std::uint16_t& best_count) {
  const std::size_t left = used - next;
  const std::size_t reach = std::max<std::size_t>(1, best_count / 2);
  for (auto fk : touched) {
    if (counts[fk] + left < reach) continue;  // cannot be kept, cannot be the best
    for (std::size_t j = next; j < used; ++j) {
      const auto* first = seg.postings.data() + lists[j].first;
      const auto* last = seg.postings.data() + lists[j].second;
      const auto [lo, hi] = std::equal_range(first, last, fk);
      counts[fk] = static_cast<std::uint16_t>(counts[fk] + (hi - lo));
    }
    best_count = std::max(best_count, counts[fk]);
  }
}

}  // namespace

// The segment's fuzzy keys that share at least half the best count of trigram buckets with the
// query, as (count, key) pairs; bounded work per query.
void count_shared_trigrams(const SegmentView& seg, const std::vector<std::uint32_t>& qt,
                           std::vector<std::pair<std::uint16_t, std::uint32_t>>& pool) {
  thread_local std::vector<std::uint16_t> counts;
  thread_local std::vector<std::uint32_t> touched;
  if (counts.size() < seg.fkeys.size()) counts.assign(seg.fkeys.size(), 0);
  touched.clear();
  const auto bucket_mask = static_cast<std::uint32_t>(seg.offsets.size() - 2);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lists;
  const auto npost = static_cast<std::uint32_t>(seg.postings.size());
  for (auto t : qt) {
    const std::uint32_t b = bucket_of_trigram(t, bucket_mask);
    const std::uint32_t lo = std::min(seg.offsets[b], npost), hi = std::min(seg.offsets[b + 1], npost);
    if (lo < hi) lists.emplace_back(lo, hi);
  }
  std::sort(lists.begin(), lists.end(),
            [](const auto& a, const auto& b) { return a.second - a.first < b.second - b.first; });
  std::size_t work = 0, used = 0;
  for (const auto& [b, e] : lists) {
    if (work > 4'000'000) break;  // bound the work per query
    work += e - b;
    ++used;
  }
  std::uint16_t best_count = 0;
  const std::size_t next = count_postings(seg, lists, used, counts, touched, best_count);
  if (next < used) search_rest(seg, lists, next, used, counts, touched, best_count);
  const auto floor = static_cast<std::uint16_t>(std::max<int>(1, best_count / 2));
  for (auto fk : touched) {
    if (counts[fk] >= floor) pool.emplace_back(counts[fk], fk);
    counts[fk] = 0;
  }
}

}  // namespace openness::detail
