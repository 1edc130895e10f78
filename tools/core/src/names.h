// Internal: how the resolver reads a model's name. Folding (Resolver::fold), the words of a name
// (packaging, variant, vendor, version), spelling distances, trigrams and the key hash.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace openness::detail {

constexpr std::size_t kMaxQuery = 512;
constexpr std::uint16_t kWhichId = 0, kWhichName = 1;  // 2 + i: alias i

std::uint64_t hash64(std::string_view s);
std::string lower_ascii(std::string_view s);
// Lower case, URL / hub prefixes and a weights file's name removed, org prefix optionally removed.
std::string strip_prefixes(std::string_view text, bool drop_org);
// Joins the alphanumeric runs of an already lower-cased string, '+' as "plus" (see Resolver::fold).
std::string compact(std::string_view s);
// `key` (a compact() form) without the '_' that compact() puts between two numbers: "70b2_509" and
// "70b2509" are one name with a separator moved.
std::string without_digit_breaks(std::string_view key);
std::vector<std::string_view> tokens(std::string_view s);
// The first word of a name that is not a producer's, folded ("LLaVA-v1.6-Vicuna-7B" and
// "liuhaotian/llava-v1.6" -> "llava"; "Meta-Llama-3-8B" -> "llama").
std::string first_word(std::string_view name);
bool is_packaging(std::string_view t);
bool is_variant(std::string_view t);
bool is_vendor(std::string_view t);
bool is_version(std::string_view t);
// True when `word` is a size ("123b", "1.7b", "8x7b": a number and a letter) and a record's `size`
// starts with it ("123B", "671B (37B active, MoE)"), case aside.
bool is_size_of(std::string_view word, std::string_view size);
std::vector<std::string_view> numbers(std::string_view key);
// The size words of a name, lower case, in order ("google/flan-t5-xxl" -> xxl; "Whisper large-v3"
// -> large): a spelling match that changes them names another model of the line, not a typo.
std::vector<std::string> size_words(std::string_view name);
std::string join(const std::vector<std::string_view>& toks, std::size_t n, std::size_t from = 0);
// Drops trailing packaging tokens (and date stamps when `dates`); returns the count kept.
std::size_t drop_packaging(const std::vector<std::string_view>& t, bool dates);
std::size_t edit_distance(std::string_view a, std::string_view b);
double osa_similarity(std::string_view a, std::string_view b);
// True when b is a with two adjacent characters swapped ("omngien" / "omnigen").
bool one_swap(std::string_view a, std::string_view b);
double similarity(std::string_view a, std::string_view b);
void trigrams(std::string_view key, std::vector<std::uint32_t>& out);
std::uint32_t mix32(std::uint32_t x);

}  // namespace openness::detail
