// The records of --data-dir directories and of texts given to Dataset::load: each file read once
// into private memory, every record validated at load and kept as text, ids and family links
// checked across files, and user records replacing bundled ones of the same id.
#include "dataset_parts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace openness {

namespace fs = std::filesystem;
using detail::Val;

std::unique_ptr<Mapping> detail::read_file(const fs::path& p, std::size_t max) {
  struct Fd {
    int fd;
    ~Fd() {
      if (fd >= 0) ::close(fd);
    }
  } f{::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) throw DataError(p.string(), "", "cannot read the file");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw DataError(p.string(), "", "cannot read the file");
  if (!S_ISREG(st.st_mode)) throw DataError(p.string(), "", "not a regular file");
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max) throw DataError(p.string(), "", "file larger than the limit of " + std::to_string(max) + " bytes");
  auto m = std::make_unique<Mapping>();
  if (size == 0) return m;
  // Page-aligned (bundles are read in place and need 8-byte alignment), and given back whole; the
  // zeroed bytes after the file let the JSON reader read it in place (json_nodes::kPadding).
  const std::size_t mapped = size + json_nodes::kPadding;
  void* a = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (a == MAP_FAILED) throw DataError(p.string(), "", "not enough memory to read the file");
  m->data = static_cast<const char*>(a);
  m->mapped = mapped;
  char* out = static_cast<char*>(a);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(f.fd, out + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw DataError(p.string(), "", std::string("cannot read the file: ") + std::strerror(errno));
    if (n == 0) break;  // the file shrank since fstat: what was read is the file
    got += static_cast<std::size_t>(n);
  }
  m->size = got;
  ::mprotect(a, mapped, PROT_READ);  // read-only from here, as the records' text views assume
  return m;
}

namespace {

enum class Shape { Single, Array, Lines };

// The result of validating part of a file: its records as text spans, their index keys, and the
// first error (with its offset, so that parallel parts report the earliest one).
struct Chunk {
  std::vector<Dataset::Entry> entries;
  detail::SegmentBuilder keys;
  std::vector<std::pair<std::string_view, std::uint32_t>> families;  // (family id, local entry)
  json_nodes::StringArena persist;                                   // ids that needed unescaping
  std::vector<json_nodes::StringArena> persist_more;
  std::size_t aliases = 0, sources = 0;
  std::optional<DataError> error;
  std::size_t error_offset = 0;
};

std::string where(std::string_view path, std::string_view text, std::size_t offset, Shape shape) {
  if (shape != Shape::Lines) return std::string(path);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return std::string(path) + ":" + std::to_string(line);
}

// Validates the records of text[begin, end): every record is parsed and checked by RecordParser
// into scratch storage, its keys go to the index builder, and only its text span is kept.
void validate_range(std::string_view path, std::string_view text, std::size_t readable_after, std::size_t begin,
                    std::size_t end, Shape shape, std::uint32_t origin, Chunk& out) {
  Dataset::Storage scratch;
  std::vector<json_nodes::Node> nodes;
  nodes.reserve(256);
  const std::string_view part = text.substr(0, end);
  const std::size_t readable = text.size() - end + readable_after;  // bytes after `part`
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t pos = begin;
  auto skip = [&] {
    while (pos < end && is_ws(part[pos])) ++pos;
  };
  auto fail = [&](std::size_t at, std::string pointer, std::string msg) {
    out.error = DataError(where(path, text, at, shape), std::move(pointer), std::move(msg));
    out.error_offset = at;
  };
  // One record at pos; false on error.
  auto one = [&](const std::string& prefix) -> bool {
    const std::size_t start = pos;
    json_nodes::Error err;
    if (!json_nodes::parse_value(part, pos, nodes, scratch.arena, err, {}, readable)) {
      auto [line, col] = json_nodes::line_col(text, err.offset);
      fail(start, prefix + err.pointer,
           "invalid JSON: " + err.message + " (line " + std::to_string(line) + ", column " + std::to_string(col) + ")");
      return false;
    }
    detail::Ctx ctx{path, &nodes};
    try {
      const Record r = detail::parse_record(Val(ctx, 0, nullptr), path, scratch);
      const auto local = static_cast<std::uint32_t>(out.entries.size());
      auto inside = [&](std::string_view s) {
        return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
      };
      const std::string_view id = inside(r.id) ? r.id : out.persist.store(r.id);
      out.entries.push_back(Dataset::Entry{text.data() + start, static_cast<std::uint32_t>(pos - start), origin, id});
      out.keys.add(local, r);
      if (!r.family_id.empty())
        out.families.emplace_back(inside(r.family_id) ? r.family_id : out.persist.store(r.family_id), local);
      out.aliases += r.aliases.size();
      out.sources += r.sources.size();
    } catch (const DataError& e) {
      fail(start, prefix + e.pointer(), e.message());
      return false;
    }
    scratch.reset();
    return true;
  };
  skip();
  if (shape == Shape::Lines) {
    while (pos < end) {
      if (!one("")) return;
      while (pos < end && (part[pos] == ' ' || part[pos] == '\t' || part[pos] == '\r')) ++pos;
      if (pos < end && part[pos] != '\n')
        return fail(pos, "", "one JSON record per line expected (content after the record)");
      skip();
    }
    return;
  }
  if (pos >= end) return fail(pos, "", "empty file");
  if (part[pos] == '[') {
    ++pos;
    skip();
    if (pos < end && part[pos] == ']') {
      ++pos;
    } else {
      for (std::size_t i = 0;; ++i) {
        if (!one("/" + std::to_string(i))) return;
        skip();
        if (pos < end && part[pos] == ',') {
          ++pos;
          skip();
          continue;
        }
        if (pos < end && part[pos] == ']') {
          ++pos;
          break;
        }
        return fail(pos, "/" + std::to_string(i + 1), "expected ',' or ']' between records");
      }
    }
  } else if (!one("")) {
    return;
  }
  skip();
  if (pos != end) fail(pos, "", "unexpected content after the JSON value");
}

// Validates one file's text, in two parallel halves when it is a large JSON Lines file.
Chunk validate_text(std::string_view path, std::string_view text, std::size_t readable_after, Shape shape,
                    std::uint32_t origin) {
  Chunk a;
  if (shape == Shape::Lines && text.size() > (std::size_t{8} << 20) && std::thread::hardware_concurrency() > 1) {
    std::size_t mid = text.size() / 2;
    while (mid < text.size() && text[mid] != '\n') ++mid;
    Chunk b;
    std::thread t([&] { validate_range(path, text, readable_after, mid, text.size(), shape, origin, b); });
    validate_range(path, text, readable_after, 0, mid, shape, origin, a);
    t.join();
    if (a.error) return a;
    if (b.error) return b;
    const auto offset = static_cast<std::uint32_t>(a.entries.size());
    a.entries.insert(a.entries.end(), b.entries.begin(), b.entries.end());
    b.keys.shift(offset);
    a.keys.append(std::move(b.keys));
    for (auto [f, i] : b.families) a.families.emplace_back(f, i + offset);
    a.aliases += b.aliases;
    a.sources += b.sources;
    a.persist_more.push_back(std::move(b.persist));
    return a;
  }
  validate_range(path, text, readable_after, 0, text.size(), shape, origin, a);
  if (!a.error && a.entries.empty() && shape != Shape::Array) {
    a.error = DataError(std::string(path), "", "empty file");
  }
  return a;
}

}  // namespace

// What load_texts gathers on its way: the texts to validate, the user bundles, and the index
// keys, family links and id tables of the texts, for the checks that follow.
struct Dataset::TextLoad {
  struct Text {
    std::string_view path, text;
    Shape shape;
    bool user;
    std::size_t readable_after = 0;  // bytes readable past the text (a file read by read_file)
  };
  std::vector<Text> texts;
  std::vector<fs::path> bundles;
  std::size_t first_user_pack = 0;  // packs_ index of the first user bundle
  std::size_t first_user = 0;       // entries_ index of the first user text record
  detail::SegmentBuilder keys;
  std::vector<std::pair<std::string_view, std::uint32_t>> families;  // (family id, entries_ index)
  std::vector<std::pair<std::uint64_t, std::uint32_t>> user_texts;   // (hash of id, dataset index), sorted
};

namespace {

using Keyed = std::vector<std::pair<std::uint64_t, std::uint32_t>>;  // (hash of id, dataset index)

std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

Keyed sorted(Keyed v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

// Validates and adds the texts of `files` (as base records) and of the user directories.
void Dataset::load_texts(std::span<const TextFile> files, const LoadOptions& opts) {
  TextLoad load;
  for (const auto& f : files) load.texts.push_back({storage_->arena.store(f.path), f.text, Shape::Single, false});
  for (const auto& dir : opts.data_dirs) list_user_dir(dir, opts, load);
  load.first_user_pack = packs_.size();
  open_user_bundles(opts, load);
  validate_texts(load);
  entry_dead_.assign(entries_.size(), false);
  lazy_ = std::make_unique<std::atomic<LazyRecord*>[]>(entries_.size());
  check_ids(load);
  Keyed all;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) all.emplace_back(id_hash(entries_[i].id), i);
  ids_ = sorted(std::move(all));
  check_families(load);
  if (!entries_.empty()) {
    const auto tf = std::chrono::steady_clock::now();
    storage_->segments.push_back(load.keys.finish(entries_.size()));
    stats_.index_build_ms += detail::ms_since(tf);
  }
  uncount_replaced(load);
}

void Dataset::list_user_dir(const std::string& dir, const LoadOptions& opts, TextLoad& load) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DataError(dir, "", "--data-dir is not a directory");
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const auto name = e.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const auto ext = e.path().extension().string();
    if ((ext == ".json" || ext == ".jsonl" || ext == ".bundle") && e.is_regular_file()) paths.push_back(e.path());
  }
  if (ec) throw DataError(dir, "", "cannot list the directory: " + ec.message());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    if (p.extension() == ".bundle") {
      load.bundles.push_back(p);
      continue;
    }
    auto& m = storage_->maps.emplace_back(detail::read_file(p, opts.max_file_bytes));
    const bool lines = p.extension() == ".jsonl";
    load.texts.push_back({storage_->arena.store(p.string()), std::string_view(m->data, m->size),
                          lines ? Shape::Lines : Shape::Array, true, m->mapped - m->size});
  }
}

// User bundles (written by openness-pack --records) take the index space after the bundled one.
void Dataset::open_user_bundles(const LoadOptions& opts, const TextLoad& load) {
  for (const auto& p : load.bundles) {
    auto m = detail::read_file(p, opts.max_file_bytes);
    const auto path = storage_->arena.store(p.string());
    const auto tv = std::chrono::steady_clock::now();
    auto pk = open_bundle(std::string_view(m->data, m->size), path, true);
    stats_.validate_ms += detail::ms_since(tv);
    pk->map = std::move(m);
    pk->user = true;
    pk->base = text_base_;
    text_base_ += pk->count;
    stats_.aliases += pk->header->alias_count;
    stats_.sources += pk->header->source_count;
    stats_.bytes += pk->map->size;
    ++stats_.files;
    packs_.push_back(std::move(pk));
  }
}

// JSON texts: every record validated now, kept as text.
void Dataset::validate_texts(TextLoad& load) {
  bool seen_user = false;
  for (const auto& s : load.texts) {
    if (s.user && !seen_user) {
      load.first_user = entries_.size();
      seen_user = true;
    }
    const auto origin = static_cast<std::uint32_t>(origins_.size());
    origins_.push_back(s.path);
    const auto tv = std::chrono::steady_clock::now();
    Chunk c = validate_text(s.path, s.text, s.readable_after, s.shape, origin);
    stats_.validate_ms += detail::ms_since(tv);
    if (c.error) throw DataError(std::move(*c.error));
    const auto offset = static_cast<std::uint32_t>(entries_.size());
    entries_.insert(entries_.end(), c.entries.begin(), c.entries.end());
    c.keys.shift(offset);
    load.keys.append(std::move(c.keys));
    for (auto [f, i] : c.families) load.families.emplace_back(f, i + offset);
    stats_.aliases += c.aliases;
    stats_.sources += c.sources;
    storage_->arenas.push_back(std::move(c.persist));
    for (auto& a : c.persist_more) storage_->arenas.push_back(std::move(a));
    stats_.bytes += s.text.size();
    ++stats_.files;
  }
  if (!seen_user) load.first_user = entries_.size();
}

std::string_view Dataset::id_at(std::uint32_t g) const {
  if (g >= text_base_) return entries_[g - text_base_].id;
  const Packed& p = *pack_of(g);
  return p.id(g - p.base);
}

std::string Dataset::origin_at(std::uint32_t g) const {
  if (g >= text_base_) return std::string(origins_[entries_[g - text_base_].origin]);
  return std::string(pack_of(g)->origin);
}

void Dataset::duplicate_id(std::uint32_t a, std::uint32_t b) const {
  const auto later = std::max(a, b), earlier = std::min(a, b);
  throw DataError(origin_at(later), "/id",
                  "record id \"" + std::string(id_at(later)) + "\" is also defined in " + origin_at(earlier));
}

// Ids are unique among the base texts, and among the user texts and bundles together (each
// bundle's ids are unique and sorted, checked when it was packed); a user record replaces the
// base record of its id.
void Dataset::check_ids(TextLoad& load) {
  auto check_unique = [&](const Keyed& v) {
    for (std::size_t k = 1; k < v.size(); ++k)
      for (std::size_t j = k; j-- > 0 && v[j].first == v[k].first;)
        if (id_at(v[j].second) == id_at(v[k].second)) duplicate_id(v[j].second, v[k].second);
  };
  Keyed base;  // base texts (Dataset::load's files)
  for (std::uint32_t i = 0; i < load.first_user; ++i) base.emplace_back(id_hash(entries_[i].id), text_base_ + i);
  check_unique(sorted(std::move(base)));
  for (auto i = static_cast<std::uint32_t>(load.first_user); i < entries_.size(); ++i)
    load.user_texts.emplace_back(id_hash(entries_[i].id), text_base_ + i);
  load.user_texts = sorted(std::move(load.user_texts));
  check_unique(load.user_texts);
  for (const auto& [h, g] : load.user_texts)
    if (auto other = in_user_packs(id_at(g), load)) duplicate_id(g, *other);
  for (std::size_t pi = load.first_user_pack + 1; pi < packs_.size(); ++pi) {
    // Walk the smaller of the packs before pi against pi.
    for (std::size_t qi = load.first_user_pack; qi < pi; ++qi) {
      const Packed& a = packs_[qi]->count <= packs_[pi]->count ? *packs_[qi] : *packs_[pi];
      const Packed& b = &a == packs_[qi].get() ? *packs_[pi] : *packs_[qi];
      for (std::uint32_t k = 0; k < a.count; ++k)
        if (auto j = b.find(a.id(k))) duplicate_id(a.base + k, b.base + *j);
    }
  }
  mark_replaced(load);
}

std::optional<std::uint32_t> Dataset::in_user_packs(std::string_view id, const TextLoad& load) const {
  for (std::size_t pi = load.first_user_pack; pi < packs_.size(); ++pi)
    if (auto k = packs_[pi]->find(id)) return packs_[pi]->base + *k;
  return std::nullopt;
}

void Dataset::mark_replaced(const TextLoad& load) {
  if (load.user_texts.empty() && packs_.size() == load.first_user_pack) return;
  auto in_texts = [&](std::string_view id) {
    const auto h = id_hash(id);
    for (auto it = std::lower_bound(load.user_texts.begin(), load.user_texts.end(), std::pair{h, std::uint32_t{0}});
         it != load.user_texts.end() && it->first == h; ++it)
      if (id_at(it->second) == id) return true;
    return false;
  };
  auto user_has = [&](std::string_view id) { return in_texts(id) || in_user_packs(id, load).has_value(); };
  for (std::uint32_t i = 0; i < load.first_user; ++i)
    if (user_has(entries_[i].id)) {
      entry_dead_[i] = true;
      overridden_.emplace_back(entries_[i].id);
    }
  for (std::size_t pi = 0; pi < load.first_user_pack; ++pi)
    for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
      if (user_has(packs_[pi]->id(k))) {
        packs_[pi]->dead[k] = true;
        overridden_.emplace_back(packs_[pi]->id(k));
      }
}

// Family links resolve.
void Dataset::check_families(const TextLoad& load) const {
  for (const auto& [fam, i] : load.families)
    if (!find(fam))
      throw DataError(std::string(origins_[entries_[i].origin]), "/family/id",
                      "family \"" + std::string(fam) + "\" is not a record id");
  for (std::size_t pi = load.first_user_pack; pi < packs_.size(); ++pi)
    for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
      if (auto fam = packs_[pi]->family(k); !fam.empty() && !find(fam))
        throw DataError(std::string(packs_[pi]->origin) + " (record " + std::string(packs_[pi]->id(k)) + ")",
                        "/family/id", "family \"" + std::string(fam) + "\" is not a record id");
}

// Replaced records leave the counts.
void Dataset::uncount_replaced(const TextLoad& load) {
  auto uncount = [&](std::uint32_t g) {
    const Record& r = record(g);
    stats_.aliases -= r.aliases.size();
    stats_.sources -= r.sources.size();
  };
  for (std::uint32_t i = 0; i < entries_.size(); ++i)
    if (entry_dead_[i]) uncount(text_base_ + i);
  for (std::size_t pi = 0; pi < load.first_user_pack; ++pi)
    for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
      if (packs_[pi]->dead[k]) uncount(packs_[pi]->base + k);
}

}  // namespace openness
