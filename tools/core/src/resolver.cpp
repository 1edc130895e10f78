#include <openness/json_lite.h>
#include <openness/record.h>
#include <openness/resolver.h>

#include "index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <unordered_map>

namespace openness {

std::string_view to_string(MatchMethod m) {
  switch (m) {
    case MatchMethod::Id: return "id";
    case MatchMethod::Name: return "name";
    case MatchMethod::Alias: return "alias";
    case MatchMethod::FamilyName: return "family-name";
    case MatchMethod::PackagingSuffix: return "packaging-suffix-dropped";
    case MatchMethod::VariantSuffix: return "variant-suffix-dropped";
    case MatchMethod::Family: return "family";
    case MatchMethod::Fuzzy: return "fuzzy";
  }
  return "?";
}

std::string_view to_string(ResolveStatus s) {
  switch (s) {
    case ResolveStatus::Found: return "found";
    case ResolveStatus::Ambiguous: return "ambiguous";
    case ResolveStatus::NotFound: return "not-found";
    case ResolveStatus::InvalidQuery: return "invalid-query";
  }
  return "?";
}

namespace {

constexpr std::size_t kMaxQuery = 512;
constexpr std::uint16_t kWhichId = 0, kWhichName = 1;  // 2 + i: alias i

std::uint64_t hash64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

bool is_sep(char c) {
  return c == ' ' || c == '-' || c == '_' || c == ':' || c == '/' || c == ',' || c == '(' || c == ')' || c == '\t' ||
         c == '[' || c == ']' || c == '"' || c == '\'' || c == '|' || c == '@' || c == '=';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A weights file's name, as llama.cpp and friends write it: "Qwen3-8B-Q4_K_M-00001-of-00003.gguf",
// "mistral-7b-instruct-v0.2.Q4_K_M.gguf". The extension and shard counter go; the '.' before a
// quantisation tag becomes a separator (a version's '.', as in "v0.2", stays).
void strip_file_name(std::string& s) {
  for (std::string_view ext : {".gguf", ".safetensors", ".bin", ".ggml", ".onnx", ".pth", ".pt"})
    if (ends_with(s, ext)) {
      s.erase(s.size() - ext.size());
      break;
    }
  auto digits = [&](std::size_t at, std::size_t n) {
    for (std::size_t i = at; i < at + n; ++i)
      if (i >= s.size() || !is_digit(s[i])) return false;
    return true;
  };
  if (const std::size_t n = s.size();
      n >= 15 && s[n - 15] == '-' && digits(n - 14, 5) && s.compare(n - 9, 4, "-of-") == 0 && digits(n - 5, 5))
    s.erase(n - 15);
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '.') continue;
    const std::string_view rest = std::string_view(s).substr(i + 1);
    const bool quant = (rest.size() >= 2 && rest[0] == 'q' && is_digit(rest[1])) ||
                       (rest.size() >= 3 && rest.substr(0, 2) == "iq" && is_digit(rest[2]));
    bool tag = quant;
    for (std::string_view t : {"f16", "f32", "bf16", "fp16", "fp8", "mxfp4"})
      tag = tag || rest.substr(0, t.size()) == t;
    if (tag) s[i] = '-';
  }
}

// Lower case, URL / hub prefixes removed, org prefix optionally removed.
std::string strip_prefixes(std::string_view text, bool drop_org) {
  std::string s = lower_ascii(text.substr(0, kMaxQuery));
  auto starts = [&](std::string_view p) { return s.compare(0, p.size(), p) == 0; };
  for (std::string_view p : {"https://", "http://"})
    if (starts(p)) s.erase(0, p.size());
  if (starts("www.")) s.erase(0, 4);
  for (std::string_view p : {"huggingface.co/", "hf.co/", "ollama.com/library/", "ollama.com/", "github.com/"})
    if (starts(p)) {
      s.erase(0, p.size());
      break;
    }
  // Hugging Face URLs: drop "/tree/main", "/blob/...", "/resolve/..." tails.
  for (std::string_view t : {"/tree/", "/blob/", "/resolve/", "/discussions"}) {
    if (auto pos = s.find(t); pos != std::string::npos) s.erase(pos);
  }
  while (!s.empty() && (s.back() == '/' || s.back() == ' ')) s.pop_back();
  strip_file_name(s);
  if (drop_org) {
    if (auto pos = s.rfind('/'); pos != std::string::npos) s.erase(0, pos + 1);
  }
  return s;
}

// Joins the alphanumeric runs of an already lower-cased string (see Resolver::fold).
std::string compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool boundary = false;
  for (char c : s) {
    if (is_sep(c)) {
      boundary = !out.empty();
      continue;
    }
    if (boundary && is_digit(c) && !out.empty() && is_digit(out.back())) out.push_back('_');
    out.push_back(c);
    boundary = false;
  }
  return out;
}

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_sep(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_sep(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_quant_head(std::string_view t) {  // q4, q8, iq3, ...
  if (t.size() == 2 && t[0] == 'q' && t[1] >= '2' && t[1] <= '8') return true;
  if (t.size() == 3 && t[0] == 'i' && t[1] == 'q' && t[2] >= '1' && t[2] <= '4') return true;
  return false;
}

bool is_packaging(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "gguf",  "ggml", "awq",   "gptq", "exl2", "mlx",     "onnx",  "fp16",    "hf",        "bnb",  "nf4",
      "w4a16", "w8a8", "mxfp4", "f16",  "f32",  "dynamic", "bf16",  "fp8",     "fp32",      "int4", "int8",
      "4bit",  "8bit", "3bit",  "2bit", "6bit", "5bit",    "gguf.", "imatrix", "quantized", "q4f16"};
  for (auto w : kWords)
    if (t == w) return true;
  return is_quant_head(t);
}

bool is_quant_tail(std::string_view t) {  // the "k_m" of q4_k_m, the "0" of q8_0
  return t == "k" || t == "m" || t == "s" || t == "l" || t == "xs" || t == "xl" || t == "xxs" || t == "0" || t == "1";
}

bool is_variant(std::string_view t) {
  return t == "instruct" || t == "chat" || t == "it" || t == "base" || t == "sft" || t == "dpo" || t == "pretrain" ||
         t == "pretrained" || t == "pt" || t == "deduped";
}

// A producer's name typed before a model's ("Meta-Llama-3-8B", "xai grok 3", "google gemma 3"),
// for producers whose name does not also start their models' names.
bool is_vendor(std::string_view t) {
  static constexpr std::string_view kVendors[] = {
      "meta",       "xai",         "google", "microsoft", "mistralai",  "openai", "anthropic",  "alibaba",
      "nvidia",     "ibm",         "cohere", "allenai",   "ai2",        "tii",    "eleutherai", "stabilityai",
      "bigscience", "huggingface", "apple",  "amazon",    "moonshotai", "zhipu",  "thudm"};
  return std::find(std::begin(kVendors), std::end(kVendors), t) != std::end(kVendors);
}

bool all_digits(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c); });
}

// A release date or revision stamp: "2407", "0528", "20240620".
bool is_date_stamp(std::string_view t) { return (t.size() == 4 || t.size() == 6 || t.size() == 8) && all_digits(t); }

// A version number alone ("2", "3.1"): never dropped to reach a shorter name (OLMo 2 is not OLMo).
bool is_version(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == '.'; });
}

// The numbers of a folded key, in order ("olmo2_7b" -> 2, 7): a spelling match that changes them
// names another version or size, not a typo.
std::vector<std::string_view> numbers(std::string_view key) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < key.size()) {
    if (!is_digit(key[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < key.size() && (is_digit(key[j]) || (key[j] == '.' && j + 1 < key.size() && is_digit(key[j + 1])))) ++j;
    out.push_back(key.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join(const std::vector<std::string_view>& toks, std::size_t n, std::size_t from = 0) {
  std::string s;
  for (std::size_t i = from; i < n; ++i) {
    if (i > from) s.push_back('-');
    s.append(toks[i]);
  }
  return s;
}

// Drops trailing packaging tokens (and quantisation tails such as "k_m" after "q4"). Returns
// the number of tokens kept.
std::size_t drop_packaging(const std::vector<std::string_view>& t, bool dates) {
  std::size_t n = t.size();
  while (n > 1) {
    if (is_packaging(t[n - 1]) || (dates && is_date_stamp(t[n - 1]))) {
      --n;
      continue;
    }
    // A quant tail counts only when a quant head precedes it within the tail.
    std::size_t k = n;
    while (k > 1 && is_quant_tail(t[k - 1])) --k;
    if (k < n && k >= 1 && is_quant_head(t[k - 1]) && k - 1 >= 1) {
      n = k - 1;
      continue;
    }
    break;
  }
  return n;
}

std::size_t edit_distance_table(std::string_view a, std::string_view b) {
  std::array<std::uint16_t, 129> prev{}, cur{};
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<std::uint16_t>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<std::uint16_t>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::uint16_t sub = static_cast<std::uint16_t>(prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
      cur[j] = std::min<std::uint16_t>(
          {static_cast<std::uint16_t>(prev[j] + 1), static_cast<std::uint16_t>(cur[j - 1] + 1), sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Levenshtein distance, bit-parallel (Myers 1999, in Hyyrö's form) when the shorter string fits in
// 64 bits: one pass over the longer string instead of the |a| x |b| table; the same number.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, 128);
  b = b.substr(0, 128);
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty()) return b.size();
  if (a.size() > 64 || detail::fuzzy_reference()) return edit_distance_table(a, b);
  std::array<std::uint64_t, 256> peq{};
  for (std::size_t i = 0; i < a.size(); ++i) peq[static_cast<unsigned char>(a[i])] |= std::uint64_t{1} << i;
  const std::uint64_t last = std::uint64_t{1} << (a.size() - 1);
  std::uint64_t pv = ~std::uint64_t{0}, mv = 0;
  std::size_t score = a.size();
  for (char c : b) {
    const std::uint64_t eq = peq[static_cast<unsigned char>(c)];
    const std::uint64_t xv = eq | mv;
    const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
    std::uint64_t ph = mv | ~(xh | pv);
    std::uint64_t mh = pv & xh;
    if (ph & last) ++score;
    if (mh & last) --score;
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

// Optimal string alignment distance: Levenshtein with a swap of two adjacent letters as one edit
// ("Cluade" is one slip from "Claude", two for Levenshtein). Used to re-rank the few best names.
std::size_t osa_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

double osa_similarity(std::string_view a, std::string_view b) {
  const std::size_t m = std::max(a.size(), b.size());
  if (m == 0 || m > 128) return 0;
  return 1.0 - static_cast<double>(osa_distance(a, b)) / static_cast<double>(m);
}

double similarity(std::string_view a, std::string_view b) {
  const std::size_t m = std::max(a.size(), b.size());
  if (m == 0) return 0;
  return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(std::min<std::size_t>(m, 128));
}

MatchMethod tier_method(std::uint8_t tier) {
  switch (tier) {
    case 0: return MatchMethod::Id;
    case 1: return MatchMethod::Name;
    case 2: return MatchMethod::Alias;
    default: return MatchMethod::FamilyName;
  }
}

double tier_confidence(std::uint8_t tier) {
  switch (tier) {
    case 0: return 1.0;
    case 1: return 0.98;
    case 2: return 0.95;
    default: return 0.85;
  }
}

// The distinct trigrams of "\x01" + key + "\x02" (at most the first 128 bytes of the key).
void trigrams(std::string_view key, std::vector<std::uint32_t>& out) {
  out.clear();
  key = key.substr(0, 128);
  auto at = [&](std::size_t i) -> std::uint32_t {  // i indexes the padded string
    if (i == 0) return 1;
    if (i == key.size() + 1) return 2;
    return static_cast<unsigned char>(key[i - 1]);
  };
  const std::size_t n = key.size() + 2;
  for (std::size_t i = 0; i + 3 <= n; ++i) {
    const std::uint32_t t = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    // Insertion into a small sorted set.
    auto it = std::lower_bound(out.begin(), out.end(), t);
    if (it == out.end() || *it != t) out.insert(it, t);
  }
}

std::uint32_t mix32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

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

}  // namespace

namespace detail {
namespace {
thread_local bool t_fuzzy_reference = false;
}
bool fuzzy_reference() { return t_fuzzy_reference; }
void set_fuzzy_reference(bool on) { t_fuzzy_reference = on; }
}  // namespace detail

std::string Resolver::fold(std::string_view text, bool drop_org) { return compact(strip_prefixes(text, drop_org)); }

std::string Resolver::organisation(std::string_view text) {
  std::string s = strip_prefixes(text, false);
  const auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0) return {};
  s.erase(slash);
  return s;
}

namespace detail {

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

}  // namespace detail

struct Resolver::Impl {
  std::function<const Record&(std::uint32_t)> record;  // dataset index -> record (materialised on demand)
  std::function<bool(std::uint32_t)> live;             // false for bundled records a user file replaced
  std::vector<detail::SegmentView> segments;
  std::vector<detail::Segment> owned;  // segments built at load
  std::size_t key_count = 0;
};

Resolver::Resolver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Resolver::~Resolver() = default;

std::size_t Resolver::key_count() const { return impl_->key_count; }

std::size_t Resolver::memory_bytes() const {
  std::size_t b = 0;
  for (const auto& s : impl_->owned) b += s.bytes();
  return b;
}

namespace detail {
std::unique_ptr<Resolver> make_resolver(std::function<const Record&(std::uint32_t)> record,
                                        std::function<bool(std::uint32_t)> live, std::vector<SegmentView> views,
                                        std::vector<Segment> owned, std::size_t key_count) {
  auto impl = std::make_unique<Resolver::Impl>();
  impl->record = std::move(record);
  impl->live = std::move(live);
  impl->segments = std::move(views);
  impl->owned = std::move(owned);
  impl->key_count = key_count;
  return std::make_unique<Resolver>(std::move(impl));
}
}  // namespace detail

namespace {

struct Hit {
  std::uint32_t rec;  // dataset index
  std::uint16_t which;
  std::uint8_t tier;
};

}  // namespace

Resolution Resolver::resolve(std::string_view query, std::size_t max_candidates) const {
  Resolution res;
  max_candidates = std::clamp<std::size_t>(max_candidates, 1, 50);
  if (query.size() > kMaxQuery) {
    res.status = ResolveStatus::InvalidQuery;
    res.message = "query longer than 512 bytes";
    return res;
  }
  if (!json_lite::valid_utf8(query)) {
    res.status = ResolveStatus::InvalidQuery;
    res.message = "query is not valid UTF-8";
    return res;
  }
  res.query = std::string(query);
  while (!query.empty() && (query.front() == ' ' || query.front() == '\t' || query.front() == '\n'))
    query.remove_prefix(1);
  while (!query.empty() && (query.back() == ' ' || query.back() == '\t' || query.back() == '\n'))
    query.remove_suffix(1);
  if (query.empty()) {
    res.status = ResolveStatus::InvalidQuery;
    res.message = "empty query";
    return res;
  }
  const Impl& m = *impl_;
  auto candidate = [&](const Hit& h, double conf, MatchMethod method, std::string note) {
    Candidate c;
    c.record = &m.record(h.rec);
    c.confidence = conf;
    c.method = method;
    c.matched = std::string(which_text(*c.record, h.which));
    c.note = std::move(note);
    if (method == MatchMethod::FamilyName && c.note.empty())
      c.note = "'" + c.matched + "' names an EOSAI model family; EOSAI scores the family on this model";
    return c;
  };
  // Hits for a folded key: best tier per live record.
  std::vector<Hit> hits;
  auto lookup = [&](const std::string& key) {
    hits.clear();
    if (key.empty()) return;
    const std::uint64_t h = hash64(key);
    for (const auto& seg : m.segments) {
      if (seg.table.empty()) continue;
      const std::uint64_t mask = seg.table.size() - 1;
      // At most one lap: a table built here always keeps free slots, but a user bundle's table
      // may have none, and the probe must end anyway (it looped for ever on such a bundle).
      std::uint64_t probes = 0;
      for (std::uint64_t i = h & mask; seg.table[i].used && probes++ < seg.table.size(); i = (i + 1) & mask) {
        const auto& s = seg.table[i];
        if (s.hash != h || s.rec >= seg.record_count || s.key_off > seg.keys.size()) continue;
        if (seg.keys.substr(s.key_off, s.key_len) != key) continue;
        const std::uint32_t rec = seg.rec_base + s.rec;
        if (!m.live(rec)) continue;
        // A folded id counts as a name; only the exact id (step 1) is an id match.
        const std::uint8_t tier = std::max<std::uint8_t>(s.tier, 1);
        bool merged = false;
        for (auto& x : hits)
          if (x.rec == rec) {
            if (tier < x.tier || (tier == x.tier && s.which == kWhichId)) x = Hit{rec, s.which, tier};
            merged = true;
          }
        if (!merged) hits.push_back(Hit{rec, s.which, tier});
      }
    }
  };
  const std::string key = fold(query, true);
  res.folded = key;
  // 1. Exact id.
  lookup(key);
  for (const auto& h : hits) {
    if (h.which != kWhichId) continue;
    const Record& r = m.record(h.rec);
    if (r.id == query) {
      res.status = ResolveStatus::Found;
      res.candidates.push_back(candidate(h, 1.0, MatchMethod::Id, ""));
      return res;
    }
  }
  // Decide from hits; returns true if it settled the answer.
  auto decide = [&](double factor, std::optional<MatchMethod> method, const std::string& note) {
    if (hits.empty()) return false;
    std::uint8_t best = 255;
    for (const auto& h : hits) best = std::min(best, h.tier);
    std::vector<Hit> top;
    for (const auto& h : hits)
      if (h.tier == best) top.push_back(h);
    if (top.size() > 1) {
      // A model and the EOSAI family record it belongs to share a name: the model is meant.
      std::vector<Hit> models;
      for (const auto& h : top)
        if (m.record(h.rec).kind == RecordKind::Model) models.push_back(h);
      if (models.size() == 1) {
        std::string fam_note = note;
        for (const auto& h : top)
          if (h.rec != models[0].rec)
            fam_note += (fam_note.empty() ? "" : "; ") + std::string("the EOSAI family record '") +
                        std::string(m.record(h.rec).id) + "' has the same name";
        res.status = ResolveStatus::Found;
        res.candidates.push_back(
            candidate(models[0], tier_confidence(best) * factor * 0.98, method.value_or(tier_method(best)), fam_note));
        return true;
      }
    }
    if (top.size() == 1) {
      res.status = ResolveStatus::Found;
      res.candidates.push_back(
          candidate(top[0], tier_confidence(best) * factor, method.value_or(tier_method(best)), note));
      return true;
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.tier < b.tier; });
    res.status = ResolveStatus::Ambiguous;
    res.message = "several records match equally well; pick one by id";
    for (const auto& h : hits) {
      if (res.candidates.size() >= max_candidates) break;
      res.candidates.push_back(
          candidate(h, tier_confidence(h.tier) * factor * 0.5, method.value_or(tier_method(h.tier)), note));
    }
    return true;
  };
  // 2. Folded forms: without and with the org prefix.
  if (decide(1.0, std::nullopt, "")) return res;
  if (query.find('/') != std::string_view::npos) {
    lookup(fold(query, false));
    if (decide(1.0, std::nullopt, "")) return res;
  }
  // 3. Packaging, quantisation and date suffixes, and a leading vendor word ("Meta-Llama-3-8B").
  const std::string stripped = strip_prefixes(query, true);
  const auto toks = tokens(stripped);
  // Packaging first, then date stamps too: "Magistral-Small-2509-GGUF" is the 2509 release.
  const std::size_t from = toks.size() > 1 && is_vendor(toks[0]) ? 1 : 0;
  std::size_t kept = toks.size();
  for (const bool dates : {false, true}) {
    const std::size_t k = drop_packaging(toks, dates);
    if (dates && k == kept) break;
    kept = k;
    if ((kept == toks.size() && from == 0) || kept <= from) continue;
    std::string suffix;
    for (std::size_t i = kept; i < toks.size(); ++i) suffix += "-" + std::string(toks[i]);
    const std::string dropped = (from ? "'" + std::string(toks[0]) + "-'" : std::string()) +
                                (from && !suffix.empty() ? " and " : "") + (suffix.empty() ? "" : "'" + suffix + "'");
    lookup(compact(join(toks, kept, from)));
    if (decide(0.9, MatchMethod::PackagingSuffix,
               "ignored " + dropped +
                   " (a vendor prefix, or a packaging, quantisation or date suffix): such a build has the "
                   "openness of the release it was made from"))
      return res;
  }
  // 4. Variant suffixes (after packaging): a related record, said so.
  if (kept > from + 1 && is_variant(toks[kept - 1])) {
    lookup(compact(join(toks, kept - 1, from)));
    if (decide(0.6, MatchMethod::VariantSuffix,
               "the dataset has no record for the '" + std::string(toks[kept - 1]) +
                   "' variant you asked for; this is the record without that suffix (a related model, whose "
                   "components and licenses may differ)"))
      return res;
  }
  // 4b. The family: shorter and shorter prefixes of the name, never past a bare version number
  // ("OLMo 2 7B" may reach "OLMo 2", never "OLMo"); only a family record is taken here. Tried after
  // a clear spelling match, before the lists of near names.
  auto family_fallback = [&]() {
    for (std::size_t n = kept; n > from + 1; --n) {
      if (is_version(toks[n - 1])) break;
      lookup(compact(join(toks, n - 1, from)));
      std::erase_if(hits, [&](const Hit& h) { return m.record(h.rec).kind != RecordKind::Family; });
      if (hits.size() != 1) continue;
      std::string rest;
      for (std::size_t i = n - 1; i < kept; ++i) rest += (rest.empty() ? "" : "-") + std::string(toks[i]);
      res.status = ResolveStatus::Found;
      res.candidates.clear();
      res.candidates.push_back(
          candidate(hits[0], 0.6, MatchMethod::Family,
                    "the dataset has no record for the variant '" + rest +
                        "'; this is its family's record, whose facts may not all hold for the variant"));
      return true;
    }
    return false;
  };
  // 5. Fuzzy: count shared trigrams per key (bounded work), keep the best-sharing keys, rank them
  // by edit-distance similarity.
  std::vector<std::uint32_t> qt;
  trigrams(key, qt);
  struct Scored {
    std::uint32_t rec;
    std::uint16_t which;
    double score;
  };
  std::vector<Scored> scored, prefixed;
  thread_local std::vector<std::uint16_t> counts;
  thread_local std::vector<std::uint32_t> touched;
  for (const auto& seg : m.segments) {
    if (seg.fkeys.empty()) continue;
    if (counts.size() < seg.fkeys.size()) counts.assign(seg.fkeys.size(), 0);
    touched.clear();
    const auto bucket_mask = static_cast<std::uint32_t>(seg.offsets.size() - 2);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> lists;
    const auto npost = static_cast<std::uint32_t>(seg.postings.size());
    for (auto t : qt) {
      const std::uint32_t b = detail::bucket_of_trigram(t, bucket_mask);
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
    // Counting every posting of the `used` lists (shortest first) gives each key its count of
    // shared trigram buckets. The keys kept below are those with at least half the best count;
    // once the lists left are fewer than that, a key not met yet cannot be kept, so the lists left
    // need only be searched (each is sorted) for the keys met so far that can still reach it: the
    // same counts for every key kept, in the same order, with far fewer postings read.
    std::uint16_t best_count = 0;
    std::size_t next = 0;
    for (; next < used; ++next) {
      const std::size_t left = used - next;
      if (!detail::fuzzy_reference() && left < std::max<std::size_t>(1, best_count / 2)) {
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
    if (next < used) {
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
    const auto floor = static_cast<std::uint16_t>(std::max<int>(1, best_count / 2));
    thread_local std::vector<std::pair<std::uint16_t, std::uint32_t>> pool;  // kept: it can be large
    pool.clear();
    for (auto fk : touched) {
      if (counts[fk] >= floor) pool.emplace_back(counts[fk], fk);
      counts[fk] = 0;
    }
    const std::size_t limit = std::min<std::size_t>(pool.size(), 256);
    std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(limit), pool.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < limit; ++i) {
      const auto& fk = seg.fkeys[pool[i].second];
      if (fk.rec >= seg.record_count || fk.key_off > seg.keys.size()) continue;
      const std::uint32_t rec = seg.rec_base + fk.rec;
      if (!m.live(rec)) continue;
      const std::string_view candidate_key = seg.keys.substr(fk.key_off, fk.key_len);
      const double s = similarity(key, candidate_key);
      if (candidate_key.size() > key.size() && candidate_key.substr(0, key.size()) == key &&
          std::none_of(prefixed.begin(), prefixed.end(), [&](const Scored& x) { return x.rec == rec; }))
        prefixed.push_back({rec, fk.which, s});
      bool merged = false;
      for (auto& x : scored)
        if (x.rec == rec) {
          if (s > x.score) x = Scored{rec, fk.which, s};
          merged = true;
        }
      if (!merged) scored.push_back({rec, fk.which, s});
    }
  }
  auto by_score = [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.rec < b.rec;
  };
  std::sort(scored.begin(), scored.end(), by_score);
  // The best few again, counting a swap of two adjacent letters as one slip.
  for (std::size_t i = 0; i < std::min<std::size_t>(scored.size(), 16); ++i)
    scored[i].score = std::max(scored[i].score,
                               osa_similarity(key, fold(which_text(m.record(scored[i].rec), scored[i].which), true)));
  std::sort(scored.begin(), scored.end(), by_score);
  auto add = [&](const Scored& s, double conf, std::string note) {
    res.candidates.push_back(candidate({s.rec, s.which, 0}, conf, MatchMethod::Fuzzy, std::move(note)));
  };
  auto pct = [](double s) { return std::to_string(static_cast<int>(s * 100)) + "%"; };
  std::sort(prefixed.begin(), prefixed.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;  // the shortest names first
    return a.rec < b.rec;
  });
  // A near spelling that changes a number names another version or size ("FLUX.1" is not "FLUX.2"):
  // those names are offered, never taken; names with the query's numbers rank first.
  const auto qnum = numbers(key);
  auto same_numbers = [&](const Scored& x) {
    const Record& r = m.record(x.rec);
    return numbers(fold(which_text(r, x.which), true)) == qnum;
  };
  const auto first_other = std::stable_partition(scored.begin(), scored.end(), same_numbers);
  // The runner-up that matters has the same numbers: a name with others is no rival for a typo.
  const std::size_t same = static_cast<std::size_t>(first_other - scored.begin());
  const bool long_enough = key.size() >= 8 || (!scored.empty() && scored[0].score >= 0.95);
  if (same >= 1 && long_enough && scored[0].score >= 0.85 && (same == 1 || scored[1].score <= scored[0].score - 0.1)) {
    res.status = ResolveStatus::Found;
    add(scored[0], 0.8 * scored[0].score, "closest name by spelling (similarity " + pct(scored[0].score) + ")");
    return res;
  }
  if (family_fallback()) return res;
  // Names that start with the query ("mixtral" -> Mixtral-8x7B-v0.1, Mixtral-8x22B-v0.1, ...) are
  // the user's family of models, not a typo of another name: offer them, never pick one.
  if (!prefixed.empty()) {
    res.status = ResolveStatus::Ambiguous;
    res.message = "several models' names start with this; pick one";
    for (const auto& s : prefixed) {
      if (res.candidates.size() >= max_candidates) break;
      add(s, 0.5, "the name starts with '" + key + "'");
    }
    return res;
  }
  // A spelling match is taken only when it is clearly the best and the name is long enough that
  // one or two edits are a typo: in a short name ("mixtral" / "mistral") they change the model.
  if (!scored.empty() && scored[0].score >= 0.5) {
    res.status = ResolveStatus::Ambiguous;
    res.message = "no exact match; these names are close";
    res.near_spellings = true;
    for (const auto& s : scored) {
      if (res.candidates.size() >= max_candidates || s.score < 0.5) break;
      add(s, 0.5 * s.score, "similarity " + pct(s.score));
    }
    return res;
  }
  res.status = ResolveStatus::NotFound;
  res.message = "no model of that name in the dataset";
  for (const auto& s : scored) {
    if (res.candidates.size() >= std::min<std::size_t>(3, max_candidates) || s.score < 0.3) break;
    add(s, 0.3 * s.score, "a distant suggestion (similarity " + pct(s.score) + ")");
  }
  return res;
}

nlohmann::json Resolution::to_json() const {
  nlohmann::json j{{"status", to_string(status)}, {"query", query}};
  if (!folded.empty()) j["folded"] = folded;
  if (!message.empty()) j["message"] = message;
  auto& cs = j["candidates"] = nlohmann::json::array();
  for (const auto& c : candidates) {
    nlohmann::json x{{"id", c.record->id},         {"name", c.record->name},        {"kind", to_string(c.record->kind)},
                     {"confidence", c.confidence}, {"method", to_string(c.method)}, {"matched", c.matched}};
    if (!c.record->producer.empty()) x["producer"] = c.record->producer;
    if (!c.note.empty()) x["note"] = c.note;
    cs.push_back(x);
  }
  return j;
}

}  // namespace openness
