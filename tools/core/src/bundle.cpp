// The bundle format (pack.h): opening and checking a bundle, loading the embedded one, and
// writing one (openness-pack).
#include "dataset_parts.h"

#include <algorithm>
#include <cstring>

namespace openness {

using detail::ms_since;

namespace {

// 64-bit checksum of a byte range, 8 bytes at a time (a bundle's integrity check).
std::uint64_t checksum(std::string_view b) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ b.size();
  std::size_t i = 0;
  for (; i + 8 <= b.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, b.data() + i, 8);
    h = (h ^ (w * 0xff51afd7ed558ccdull)) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
  }
  for (; i < b.size(); ++i) h = (h ^ static_cast<unsigned char>(b[i])) * 0x100000001b3ull;
  return h;
}

}  // namespace

namespace detail {
std::uint64_t bundle_checksum(std::string_view bundle) { return checksum(bundle.substr(sizeof(BundleHeader))); }
}  // namespace detail

// Checks a bundle's header and sections (and, for a user file, its checksum) and views it.
std::unique_ptr<Dataset::Packed> Dataset::open_bundle(std::string_view blob, std::string_view origin, bool verify) {
  const std::string where(origin);
  auto pk = std::make_unique<Packed>();
  if (blob.size() < sizeof(detail::BundleHeader) || reinterpret_cast<std::uintptr_t>(blob.data()) % 8 != 0)
    throw DataError(where, "", "bundle missing, truncated or misaligned");
  const auto* h = reinterpret_cast<const detail::BundleHeader*>(blob.data());
  if (std::memcmp(h->magic, detail::kBundleMagic, 8) != 0 || h->version != 1)
    throw DataError(where, "", "not an openness bundle of version 1 (write one with openness-pack --records)");
  if (verify && detail::bundle_checksum(blob) != h->checksum)
    throw DataError(where, "", "bundle checksum mismatch: the file is damaged; pack it again");
  auto section = [&](const detail::Section& s, std::size_t elem) {
    if (s.off % 8 != 0 || s.off > blob.size() || s.len > (blob.size() - s.off) / elem)
      throw DataError(where, "", "bundle section out of bounds");
    return blob.data() + s.off;
  };
  pk->origin = origin;
  pk->header = h;
  pk->count = h->record_count;
  pk->entries = {reinterpret_cast<const detail::RecordEntry*>(section(h->records, sizeof(detail::RecordEntry))),
                 static_cast<std::size_t>(h->records.len)};
  if (pk->entries.size() != pk->count) throw DataError(where, "", "bundle record table size mismatch");
  pk->text = {section(h->text, 1), static_cast<std::size_t>(h->text.len)};
  for (const auto& e : pk->entries)
    if (e.text_off > pk->text.size() || e.text_len > pk->text.size() - e.text_off || e.id_off > pk->text.size() ||
        e.id_len > pk->text.size() - e.id_off || e.family_off > pk->text.size() ||
        e.family_len > pk->text.size() - e.family_off)  // family: found by fuzz_dataset (an escaped std::out_of_range)
      throw DataError(where, "", "bundle record out of bounds");
  // A user bundle's id table is searched by bisection: its ids must be unique and in order, as
  // openness-pack writes them (a forged table could otherwise hide records from find()).
  if (verify)
    for (std::uint32_t i = 1; i < pk->count; ++i)
      if (!(pk->id(i - 1) < pk->id(i)))
        throw DataError(where, "",
                        "bundle id table not sorted or not unique at record " + std::to_string(i) + " (\"" +
                            std::string(pk->id(i)) + "\"): pack it again");
  pk->licenses = {section(h->licenses, 1), static_cast<std::size_t>(h->licenses.len)};
  auto& ix = pk->index;
  ix.table = {reinterpret_cast<const detail::Slot*>(section(h->table, sizeof(detail::Slot))),
              static_cast<std::size_t>(h->table.len)};
  ix.fkeys = {reinterpret_cast<const detail::FKey*>(section(h->fkeys, sizeof(detail::FKey))),
              static_cast<std::size_t>(h->fkeys.len)};
  ix.offsets = {reinterpret_cast<const std::uint32_t*>(section(h->offsets, 4)),
                static_cast<std::size_t>(h->offsets.len)};
  ix.postings = {reinterpret_cast<const std::uint32_t*>(section(h->postings, 4)),
                 static_cast<std::size_t>(h->postings.len)};
  ix.keys = {section(h->keys, 1), static_cast<std::size_t>(h->keys.len)};
  if (ix.table.empty() || (ix.table.size() & (ix.table.size() - 1)) != 0 || ix.offsets.size() < 2 ||
      ((ix.offsets.size() - 1) & (ix.offsets.size() - 2)) != 0 || ix.offsets.back() != ix.postings.size())
    throw DataError(where, "", "bundle index malformed");
  // Index entries are bounds-checked where the resolver reads them (cheap per query), so a
  // hostile bundle cannot make a lookup read outside it.
  ix.record_count = pk->count;
  pk->lazy = std::make_unique<std::atomic<LazyRecord*>[]>(pk->count);
  pk->dead.assign(pk->count, false);
  return pk;
}

std::shared_ptr<const Dataset> Dataset::load_packed(std::string_view blob, const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  auto pk = open_bundle(blob, "bundled", false);  // validated at build time, embedded in the binary
  ds->licenses_text_ = pk->licenses;
  if (!opts.bundled) {  // keep the license knowledge, drop the bundled records
    pk->count = 0;
    pk->entries = {};
  } else {
    ds->stats_.aliases = pk->header->alias_count;
    ds->stats_.sources = pk->header->source_count;
  }
  ds->stats_.bytes = blob.size();
  ds->stats_.files = 1;
  ds->text_base_ = pk->count;
  ds->packs_.push_back(std::move(pk));
  ds->load_texts({}, opts);
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->finish_index();
  ds->stats_.index_ms = ms_since(t1);
  return ds;
}

namespace detail {

namespace {
// Copies a JSON text without the whitespace outside strings.
void minify(std::string_view in, std::string& out) {
  bool str = false, esc = false;
  for (char c : in) {
    if (str) {
      out.push_back(c);
      if (esc)
        esc = false;
      else if (c == '\\')
        esc = true;
      else if (c == '"')
        str = false;
    } else if (c == '"') {
      str = true;
      out.push_back(c);
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out.push_back(c);
    }
  }
}
}  // namespace

// Each record's text is parsed once more (scratch storage, so memory stays flat at a million
// records), minified into the bundle, and its keys go to the index.
std::string write_bundle(const Dataset& ds, std::string_view licenses_json) {
  if (!ds.packs_.empty()) throw std::logic_error("write_bundle: only for datasets loaded from texts");
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < ds.entries_.size(); ++i)
    if (!ds.entry_dead_[i]) order.push_back(i);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return ds.entries_[a].id < ds.entries_[b].id; });
  BundleHeader h{};
  std::memcpy(h.magic, kBundleMagic, 8);
  h.version = 1;
  h.record_count = static_cast<std::uint32_t>(order.size());
  std::string text;
  std::vector<RecordEntry> entries;
  entries.reserve(order.size());
  SegmentBuilder keys;
  Dataset::Storage scratch;
  std::vector<json_nodes::Node> nodes;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    const auto& en = ds.entries_[order[k]];
    const std::string_view src(en.text, en.len);
    scratch.reset();
    parse_or_throw(src, ds.origins_[en.origin], nodes, scratch.arena);
    Ctx ctx{ds.origins_[en.origin], &nodes};
    const Record r = parse_record(Val(ctx, 0, nullptr), ds.origins_[en.origin], scratch);
    RecordEntry e{};
    e.text_off = static_cast<std::uint32_t>(text.size());
    minify(src, text);
    e.text_len = static_cast<std::uint32_t>(text.size() - e.text_off);
    e.id_off = static_cast<std::uint32_t>(text.size());
    e.id_len = static_cast<std::uint32_t>(r.id.size());
    text += r.id;
    e.family_off = static_cast<std::uint32_t>(text.size());
    e.family_len = static_cast<std::uint32_t>(r.family_id.size());
    text += r.family_id;
    entries.push_back(e);
    h.alias_count += r.aliases.size();
    h.source_count += r.sources.size();
    keys.add(k, r);
  }
  const Segment seg = keys.finish(order.size());
  h.key_count = seg.key_count;
  std::string out(sizeof(BundleHeader), '\0');
  auto put = [&](Section& s, const void* data, std::size_t bytes, std::size_t elems) {
    while (out.size() % 8) out.push_back('\0');
    s.off = out.size();
    s.len = elems;
    out.append(static_cast<const char*>(data), bytes);
  };
  put(h.licenses, licenses_json.data(), licenses_json.size(), licenses_json.size());
  put(h.records, entries.data(), entries.size() * sizeof(RecordEntry), entries.size());
  put(h.text, text.data(), text.size(), text.size());
  put(h.table, seg.table.data(), seg.table.size() * sizeof(Slot), seg.table.size());
  put(h.fkeys, seg.fkeys.data(), seg.fkeys.size() * sizeof(FKey), seg.fkeys.size());
  put(h.offsets, seg.offsets.data(), seg.offsets.size() * 4, seg.offsets.size());
  put(h.postings, seg.postings.data(), seg.postings.size() * 4, seg.postings.size());
  put(h.keys, seg.keys.data(), seg.keys.size(), seg.keys.size());
  while (out.size() % 8) out.push_back('\0');
  std::memcpy(out.data(), &h, sizeof h);
  h.checksum = bundle_checksum(out);
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace detail

}  // namespace openness
