// Name resolution: from whatever a user types ("Llama 3.1 8B Instruct", "meta-llama/Llama-3.1-8B-
// Instruct-GGUF", "llama3.1:8b", "https://huggingface.co/allenai/OLMo-7B") to a record, with a
// confidence, or to the candidates when it is ambiguous; never a silent wrong guess.
//
// Steps, first hit wins:
//   1. exact record id                                               confidence 1.0
//   2. folded key (case, separators, URL and org prefix, Ollama name:tag folded) equal to a
//      record's id, name or alias; a unique best-tier hit is a match (name 0.98, alias 0.95,
//      EOSAI family name 0.85), several records at the best tier are "ambiguous"
//   3. packaging suffixes dropped (-GGUF, -AWQ, -GPTQ, -MLX, -fp16, -Q4_K_M, -4bit, ...)   x0.9
//   4. variant suffixes dropped (-Instruct, -chat, -it, -base, ...): reported as a *related*
//      record, never as the variant asked for                                           0.6
//   4b. family: shorter prefixes of the name (never past a bare version number) that name a
//      family record: the family, said so                                               0.6
//   5. fuzzy: trigram candidates ranked by edit-distance similarity; a clear winner (>= 0.85 and
//      0.1 ahead of the next record) is a match at 0.8 x similarity, else the candidates.
// Every answer says which step matched and why (method, note).
//
// Index: an open-addressing hash table of folded keys (O(1) lookups) and a trigram posting index
// (CSR arrays) for fuzzy search. The bundled records' index is built at build time (openness-pack)
// and used in place from the binary; user records get theirs at load. Read-only after load, so
// concurrent resolve() calls need no locks (per-call scratch is local or thread_local).
// Hostile input: queries longer than 512 bytes or not valid UTF-8 are rejected (InvalidQuery).
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness {

struct Record;

enum class MatchMethod : std::uint8_t { Id, Name, Alias, FamilyName, PackagingSuffix, VariantSuffix, Family, Fuzzy };
std::string_view to_string(MatchMethod m);

enum class ResolveStatus : std::uint8_t { Found, Ambiguous, NotFound, InvalidQuery };
std::string_view to_string(ResolveStatus s);

struct Candidate {
  const Record* record = nullptr;
  double confidence = 0;
  MatchMethod method = MatchMethod::Id;
  std::string matched;  // the id, name or alias that matched
  std::string note;     // e.g. "ignored packaging suffix 'gguf'"
};

struct Resolution {
  ResolveStatus status = ResolveStatus::NotFound;
  std::string query;
  std::string folded;                 // the query's folded key
  std::vector<Candidate> candidates;  // Found: [0] is the match; Ambiguous: the choices; NotFound: suggestions
  std::string message;
  // Ambiguous only: whether the candidates are names close in spelling to a name the dataset does
  // not hold (never an answer), rather than records sharing the name or starting with it.
  bool near_spellings = false;

  const Record* match() const { return status == ResolveStatus::Found ? candidates.front().record : nullptr; }
  nlohmann::json to_json() const;
};

class Resolver {
 public:
  struct Impl;
  explicit Resolver(std::unique_ptr<Impl> impl);  // built by Dataset
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  Resolution resolve(std::string_view query, std::size_t max_candidates = 5) const;
  // Only the exact steps: Found for the record whose id, name or alias the query is (as folded),
  // when exactly one record is; never a spelling, a suffix dropped, a family name or a prefix.
  Resolution resolve_exact(std::string_view query) const;

  // The folding used for keys: lower case; URL, "hf.co/" and org/ prefixes dropped; separators
  // (space, '-', '_', ':', '/') dropped, except that a '_' is kept between two digits so that
  // "3.1-8b" and "31-8b" stay apart; '+' reads "plus". E.g. "Llama-3.1-8B" and "llama3.1:8b" ->
  // "llama3.1_8b"; "Command R+" and "command-r-plus" -> "commandrplus".
  static std::string fold(std::string_view text, bool drop_org = true);
  // The organisation of a repository id or URL, lower case ("bartowski" for
  // "https://huggingface.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"), or "" when it names none.
  static std::string organisation(std::string_view text);
  // Whether the organisation a query names ("bartowski/...") is one that publishes `r` on Hugging
  // Face (one of its Hugging Face ids); nothing when the query names none or `r` has no such id.
  static std::optional<bool> own_organisation(std::string_view query, const Record& r);

  std::size_t key_count() const;
  std::size_t memory_bytes() const;  // index arrays built at load (not the embedded ones)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace openness
