#include "names.h"

#include "index.h"

#include <algorithm>
#include <array>

namespace openness::detail {

namespace {

bool is_sep(char c) {
  return c == ' ' || c == '-' || c == '_' || c == ':' || c == '/' || c == ',' || c == '(' || c == ')' || c == '\t' ||
         c == '[' || c == ']' || c == '"' || c == '\'' || c == '|' || c == '@' || c == '=';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

bool is_quant_head(std::string_view t) {  // q4, q8, iq3, ...
  if (t.size() == 2 && t[0] == 'q' && t[1] >= '2' && t[1] <= '8') return true;
  if (t.size() == 3 && t[0] == 'i' && t[1] == 'q' && t[2] >= '1' && t[2] <= '4') return true;
  return false;
}

bool is_quant_tail(std::string_view t) {  // the "k_m" of q4_k_m, the "0" of q8_0
  return t == "k" || t == "m" || t == "s" || t == "l" || t == "xs" || t == "xl" || t == "xxs" || t == "0" || t == "1";
}

bool all_digits(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c); });
}

// A release date or revision stamp: "2407", "0528", "20240620".
bool is_date_stamp(std::string_view t) { return (t.size() == 4 || t.size() == 6 || t.size() == 8) && all_digits(t); }

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

}  // namespace

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

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
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

// Joins the alphanumeric runs of an already lower-cased string, '+' as "plus" (see Resolver::fold).
std::string compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool boundary = false;
  for (char c : s) {
    if (is_sep(c)) {
      boundary = !out.empty();
      continue;
    }
    if (c == '+') {
      out += "plus";
      boundary = false;
      continue;
    }
    if (boundary && is_digit(c) && !out.empty() && is_digit(out.back())) out.push_back('_');
    out.push_back(c);
    boundary = false;
  }
  return out;
}

std::string without_digit_breaks(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key)
    if (c != '_') out.push_back(c);
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

bool is_packaging(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "gguf",  "ggml", "awq",   "gptq", "exl2", "mlx",     "onnx",  "fp16",    "hf",        "bnb",  "nf4",
      "w4a16", "w8a8", "mxfp4", "f16",  "f32",  "dynamic", "bf16",  "fp8",     "fp32",      "int4", "int8",
      "4bit",  "8bit", "3bit",  "2bit", "6bit", "5bit",    "gguf.", "imatrix", "quantized", "q4f16"};
  for (auto w : kWords)
    if (t == w) return true;
  return is_quant_head(t);
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

std::string first_word(std::string_view name) {
  const std::string text = lower_ascii(strip_prefixes(name, true));
  for (const auto w : tokens(text))
    if (!is_vendor(w)) return compact(w);
  return {};
}

// A version number alone ("2", "3.1"): never dropped to reach a shorter name (OLMo 2 is not OLMo).
bool is_version(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == '.'; });
}

bool is_size_of(std::string_view word, std::string_view size) {
  if (word.size() < 2 || !is_digit(word.front()) || !std::isalpha(static_cast<unsigned char>(word.back())) ||
      size.size() < word.size())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) != std::tolower(static_cast<unsigned char>(size[i])))
      return false;
  return size.size() == word.size() || !std::isalnum(static_cast<unsigned char>(size[word.size()]));
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

std::vector<std::string> size_words(std::string_view name) {
  static constexpr std::string_view kSizes[] = {"tiny",  "mini", "small", "base", "medium",
                                                "large", "xl",   "xxl",   "huge", "giant"};
  std::vector<std::string> out;
  for (std::string_view t : tokens(name)) {
    std::string w = lower_ascii(t);
    if (std::find(std::begin(kSizes), std::end(kSizes), w) != std::end(kSizes)) out.push_back(std::move(w));
  }
  return out;
}

std::string join(const std::vector<std::string_view>& toks, std::size_t n, std::size_t from) {
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

// Levenshtein distance, bit-parallel (Myers 1999, in Hyyrö's form) when the shorter string fits in
// 64 bits: one pass over the longer string instead of the |a| x |b| table; the same number.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  a = a.substr(0, 128);
  b = b.substr(0, 128);
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty()) return b.size();
  if (a.size() > 64 || fuzzy_reference()) return edit_distance_table(a, b);
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

double osa_similarity(std::string_view a, std::string_view b) {
  const std::size_t m = std::max(a.size(), b.size());
  if (m == 0 || m > 128) return 0;
  return 1.0 - static_cast<double>(osa_distance(a, b)) / static_cast<double>(m);
}

bool one_swap(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

double similarity(std::string_view a, std::string_view b) {
  const std::size_t m = std::max(a.size(), b.size());
  if (m == 0) return 0;
  return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(std::min<std::size_t>(m, 128));
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

}  // namespace openness::detail
