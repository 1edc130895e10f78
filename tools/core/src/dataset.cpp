// The dataset: records by index (bundled ones parsed on first use), lookup by id, families, the
// license table. Loading is in user_files.cpp (texts, --data-dir) and bundle.cpp (bundles); a
// record's JSON becomes a Record in record_parser.cpp.
#include "dataset_parts.h"

#include <algorithm>
#include <mutex>

namespace openness {

using detail::ms_since;
using detail::Val;

Dataset::Dataset() : storage_(std::make_unique<Storage>()) {}
Dataset::~Dataset() {
  if (lazy_)
    for (std::size_t i = 0; i < entries_.size(); ++i) delete lazy_[i].load(std::memory_order_acquire);
}

void Dataset::finish_index() {
  std::vector<detail::SegmentView> views;
  std::size_t keys = 0;
  for (const auto& p : packs_) {
    for (std::uint32_t i = 0; i < p->count; ++i)
      if (!p->dead[i]) order_.push_back(p->base + i);
    if (p->count) {
      auto v = p->index;
      v.rec_base = p->base;
      views.push_back(v);
      keys += p->header->key_count;
    }
  }
  for (std::uint32_t i = 0; i < entries_.size(); ++i)
    if (!entry_dead_[i]) order_.push_back(text_base_ + i);
  std::vector<detail::Segment> owned;
  for (auto& s : storage_->segments) {
    keys += s.key_count;
    owned.push_back(std::move(s));
  }
  storage_->segments.clear();
  for (const auto& s : owned) views.push_back(s.view(text_base_));
  const Dataset* self = this;
  resolver_ = detail::make_resolver([self](std::uint32_t i) -> const Record& { return self->record(i); },
                                    [self](std::uint32_t i) { return self->live(i); },
                                    [self](const Record& family) { return self->members_of(family); }, std::move(views),
                                    std::move(owned), keys);
  stats_.records = order_.size();
}

std::shared_ptr<const Dataset> Dataset::load(std::string_view licenses_json, std::span<const TextFile> files,
                                             const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  ds->licenses_text_ = licenses_json;
  ds->licenses_ = LicenseDb::parse(licenses_json, "licenses.json");  // validated now
  std::call_once(ds->licenses_once_, [] {});  // mark licenses_ as set: licenses() must not parse again
  ds->load_texts(files, opts);
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->finish_index();
  ds->stats_.index_ms = ms_since(t1);
  return ds;
}

const Dataset::Packed* Dataset::pack_of(std::uint32_t i) const {
  for (auto it = packs_.rbegin(); it != packs_.rend(); ++it)
    if (i >= (*it)->base && i < (*it)->base + (*it)->count) return it->get();
  return nullptr;
}

bool Dataset::live(std::uint32_t i) const {
  if (i >= text_base_) return !entry_dead_[i - text_base_];
  const Packed* p = pack_of(i);
  return p && !p->dead[i - p->base];
}

namespace {
// Parses one record's text on first use; lock-free: the first thread to finish publishes its copy.
// `table_id` (a user bundle's id table entry; empty: none) is checked against the parsed record
// before it is published, so a record whose text and table disagree is never kept, and a record
// that passed costs nothing more on later reads.
const Record& materialise(std::atomic<LazyRecord*>& slot, std::string_view text, std::string_view origin,
                          std::optional<std::string_view> table_id = std::nullopt) {
  if (LazyRecord* p = slot.load(std::memory_order_acquire)) return p->rec;
  auto fresh = std::make_unique<LazyRecord>();
  thread_local std::vector<json_nodes::Node> nodes;
  // Validated when the dataset was loaded (or built), so this cannot fail on unchanged text.
  detail::parse_or_throw(text, origin, nodes, fresh->st.arena);
  detail::Ctx ctx{origin, &nodes};
  fresh->rec = detail::parse_record(Val(ctx, 0, nullptr), origin, fresh->st);
  if (table_id && fresh->rec.id != *table_id)
    throw DataError(std::string(origin), "/id",
                    "bundle record says id \"" + std::string(fresh->rec.id) + "\" but the id table says \"" +
                        std::string(*table_id) + "\": pack it again");
  LazyRecord* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) return fresh.release()->rec;
  return expected->rec;  // another thread won; ours is discarded
}
}  // namespace

const Record& Dataset::record(std::uint32_t i) const {
  if (i < text_base_) {
    const Packed& p = *pack_of(i);
    const auto& e = p.entries[i - p.base];
    // A user bundle's id table and record texts are checked against each other when a record is
    // first read, so that loading stays lazy; a forged bundle whose tables disagree is refused
    // rather than serving a record that find() cannot reach.
    return materialise(p.lazy[i - p.base], p.text.substr(e.text_off, e.text_len), p.origin,
                       p.user ? std::optional(p.id(i - p.base)) : std::nullopt);
  }
  const Entry& e = entries_[i - text_base_];
  return materialise(lazy_[i - text_base_], std::string_view(e.text, e.len), origins_[e.origin]);
}

namespace {

// Every dataset a process loads carries the same license table (the bundled one, 188 KB of JSON,
// 1 to 5 ms to parse): parsed once and shared, instead of once for each dataset, which each
// --data-dir reload makes anew. The text is compared whole (a few µs), not by address, so a
// caller's blob freed and another loaded at the same address cannot get a stale table. The table
// holds views into the text it was parsed from, so each parse owns a copy of its text, kept alive
// with the table (an aliasing shared_ptr) for as long as any dataset holds it.
std::shared_ptr<const LicenseDb> shared_license_db(std::string_view text) {
  struct Parsed {
    std::string text;
    std::shared_ptr<const LicenseDb> db;
  };
  static std::mutex mu;
  static std::shared_ptr<const Parsed> last;
  const std::lock_guard lock(mu);
  if (!last || last->text != text) {
    auto p = std::make_shared<Parsed>();
    p->text = text;
    p->db = LicenseDb::parse(p->text, "<bundled>/licenses.json");
    last = std::move(p);
  }
  return {last, last->db.get()};
}

}  // namespace

const LicenseDb& Dataset::licenses() const {
  std::call_once(licenses_once_, [this] { licenses_ = shared_license_db(licenses_text_); });
  return *licenses_;
}

const Record* Dataset::find(std::string_view id) const {
  const auto h = std::hash<std::string_view>{}(id);
  for (auto it = std::lower_bound(ids_.begin(), ids_.end(), std::pair{h, std::uint32_t{0}});
       it != ids_.end() && it->first == h; ++it)
    if (!entry_dead_[it->second] && entries_[it->second].id == id) return &record(text_base_ + it->second);
  for (auto it = packs_.rbegin(); it != packs_.rend(); ++it)
    if (auto i = (*it)->find(id); i && !(*it)->dead[*i]) return &record((*it)->base + *i);
  return nullptr;
}

const Record* Dataset::family_of(const Record& r) const {
  if (r.eosai) return &r;
  return r.family_id.empty() ? nullptr : find(r.family_id);
}

std::vector<const Record*> Dataset::members_of(const Record& family) const {
  std::vector<const Record*> out;
  for (const Record& r : *this)
    if (r.family_id == family.id) out.push_back(&r);
  return out;
}

}  // namespace openness
