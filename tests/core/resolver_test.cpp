// Name resolution on the bundled dataset: each step, ambiguity, and hostile queries.
#include <openness/bundled.h>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index.h"
#include "test_util.h"

using namespace openness;

namespace {
const Dataset& ds() {
  static const auto d = load_dataset();
  return *d;
}
Resolution resolve(std::string_view q) { return ds().resolver().resolve(q); }
}  // namespace

TEST_CASE("resolver: exact id, name, alias", "[resolver]") {
  auto r = resolve("olmo-7b");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.candidates[0].record->id == "olmo-7b");
  CHECK(r.candidates[0].method == MatchMethod::Id);
  CHECK(r.candidates[0].confidence == 1.0);

  r = resolve("Llama 3.1 8B Instruct");  // case and separators folded
  REQUIRE(r.match());
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::Name);

  r = resolve("meta-llama/Llama-3.1-8B-Instruct");  // Hugging Face repo id
  REQUIRE(r.match());
  CHECK(r.match()->id == "llama-3.1-8b-instruct");

  r = resolve("https://huggingface.co/EleutherAI/pythia-70m/tree/main");  // a URL
  REQUIRE(r.match());
  CHECK(r.match()->id == "pythia-70m");

  r = resolve("Llama-3-70B-Instruct");  // two MOT files with this name were merged into one record
  REQUIRE(r.match());
  CHECK(r.match()->id == "meta-llama-3-70b-instruct");
}

TEST_CASE("resolver: resolve_exact takes the exact steps only", "[resolver]") {
  const Resolver& rv = ds().resolver();
  auto r = rv.resolve_exact("Llama 3.1 8B Instruct");
  REQUIRE(r.match());
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::Name);
  CHECK(rv.resolve_exact("olmo-7b").candidates.at(0).method == MatchMethod::Id);
  // What resolve() reaches by dropping a suffix or by spelling, resolve_exact() does not.
  REQUIRE(rv.resolve("Llama-3.1-8B-Instruct-GGUF").match());
  CHECK(rv.resolve_exact("Llama-3.1-8B-Instruct-GGUF").status == ResolveStatus::NotFound);
  REQUIRE(rv.resolve("Llama 3.1 8B Instrcut").match());
  auto typo = rv.resolve_exact("Llama 3.1 8B Instrcut");
  CHECK(typo.status == ResolveStatus::NotFound);
  CHECK(typo.candidates.empty());
  CHECK(rv.resolve_exact(std::string(600, 'a')).status == ResolveStatus::InvalidQuery);
  // A family name stands for the model EOSAI scores on it, never for a base model.
  REQUIRE(rv.resolve("Granite").candidates.at(0).method == MatchMethod::FamilyName);
  CHECK_FALSE(rv.resolve_exact("Granite").match());
}

TEST_CASE("resolver: Ollama name:tag and packaging suffixes", "[resolver]") {
  // Ollama's qwen2.5:7b is the instruct model (its library page): the tag as typed is that
  // record's alias, and outranks the base model's id, which only folds alike.
  auto r = resolve("qwen2.5:7b");
  REQUIRE(r.match());
  CHECK(r.match()->id == "qwen2.5-7b-instruct");
  r = resolve("Qwen2.5-7B");
  REQUIRE(r.match());
  CHECK(r.match()->id == "qwen2.5-7b");
  r = resolve("smollm2:1.7b");
  REQUIRE(r.match());
  CHECK(r.match()->id == "smollm2-1.7b-instruct");
  // A text both records hold as typed settles nothing: the ranking decides, as before.
  r = resolve("T5");
  REQUIRE(r.match());
  CHECK(r.match()->id == "t5");

  r = resolve("meta-llama/Llama-3.1-8B-Instruct-GGUF");
  REQUIRE(r.match());
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::PackagingSuffix);
  CHECK(r.candidates[0].confidence < 1.0);
  CHECK(r.candidates[0].note.find("gguf") != std::string::npos);

  r = resolve("Mistral-7B-Instruct-v0.2-Q4_K_M");
  REQUIRE(r.match());
  CHECK(r.match()->id == "mistral-7b-instruct-v0.2");

  r = resolve("OLMo-7B-AWQ");
  REQUIRE(r.match());
  CHECK(r.match()->id == "olmo-7b");
}

TEST_CASE("resolver: a missing variant is answered as a related record, and said so", "[resolver]") {
  const auto r = resolve("Falcon-180B-Instruct");  // only the base model is in the dataset
  REQUIRE(r.match());
  CHECK(r.match()->id == "falcon-180b");
  CHECK(r.candidates[0].method == MatchMethod::VariantSuffix);
  CHECK(r.candidates[0].confidence <= 0.6);
  CHECK(r.candidates[0].note.find("no record for the 'instruct' variant") != std::string::npos);
}

TEST_CASE("resolver: a family and a size name the family's models of that size", "[resolver]") {
  // Mistral Large has a 123B model under two dates, a 675B one and a closed one.
  auto r = resolve("mistral-large:123b");
  REQUIRE(r.status == ResolveStatus::Ambiguous);
  std::vector<std::string> ids;
  for (const auto& c : r.candidates) {
    ids.emplace_back(c.record->id);
    CHECK(c.method == MatchMethod::Family);
    CHECK(c.record->size.substr(0, 4) == "123B");
  }
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"mistral-large-instruct-2407", "mistral-large-instruct-2411"});
  CHECK(r.message.find("of the family 'mistral-large', the dataset holds 2 models of the size '123b'") !=
        std::string::npos);
  // A size no model of the family has is the family, as before.
  r = resolve("mistral-large:7b");
  REQUIRE(r.match());
  CHECK(r.match()->id == "mistral-large");
  CHECK(r.candidates[0].note.find("no record for the variant '7b'") != std::string::npos);
  // A version is no size.
  r = resolve("magistral:2509");
  CHECK((r.status != ResolveStatus::Ambiguous || r.message.find("of the size") == std::string::npos));
}

TEST_CASE("resolver: a name and a size, where no family goes by the name", "[resolver]") {
  // A versioned name: the one model of that size whose name starts with it.
  auto r = resolve("phi3.5:3.8b");
  REQUIRE(r.match());
  CHECK(r.match()->id == "phi-3.5-mini-instruct");
  CHECK(r.candidates[0].method == MatchMethod::VariantSuffix);
  CHECK(r.candidates[0].confidence <= 0.6);
  CHECK(r.candidates[0].note.find("only model of the size '3.8b' whose names start with 'phi3.5'") !=
        std::string::npos);
  // Several models of that size: the candidates.
  r = resolve("aya:8b");
  REQUIRE(r.status == ResolveStatus::Ambiguous);
  std::vector<std::string> ids;
  for (const auto& c : r.candidates) ids.emplace_back(c.record->id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"aya-23-8b", "aya-expanse-8b", "aya-vision-8b"});
  // A name without a version spans versions the dataset may not hold: even its one model of that
  // size is offered, not taken.
  r = resolve("llava:13b");
  REQUIRE(r.status == ResolveStatus::Ambiguous);
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].record->id == "llava-v1.5-13b");
  r = resolve("llava:7b");
  REQUIRE(r.status == ResolveStatus::Ambiguous);
  CHECK(r.candidates.size() == 3);
}

TEST_CASE("resolver: a model and its EOSAI family with one name resolve to the model", "[resolver]") {
  const auto r = resolve("T5");
  REQUIRE(r.match());
  CHECK(r.match()->id == "t5");
  CHECK(r.candidates[0].note.find("t5-family") != std::string::npos);
}

TEST_CASE("resolver: EOSAI family names", "[resolver]") {
  const auto r = resolve("Granite");
  REQUIRE(r.match());
  CHECK(r.match()->id == "granite-4.0-h-small");  // EOSAI's Granite entry scores this model
  CHECK(r.candidates[0].method == MatchMethod::FamilyName);
  CHECK(r.candidates[0].confidence < 0.9);
}

TEST_CASE("resolver: a near spelling in another organisation's repository is another model", "[resolver]") {
  // One letter from BAAI's bge-large-en-v1.5, in another organisation's repository (as Alibaba's
  // gte-large-en-v1.5 is): offered, not taken.
  auto r = resolve("acme-ai/bge-large-em-v1.5");
  CHECK(r.status != ResolveStatus::Found);
  REQUIRE_FALSE(r.candidates.empty());
  CHECK(r.candidates[0].record->id == "bge-large-en-v1.5");
  // Under BAAI's own name, the same slip is read as BAAI's model.
  r = resolve("BAAI/bge-large-em-v1.5");
  REQUIRE(r.match());
  CHECK(r.match()->id == "bge-large-en-v1.5");
  // And Alibaba's own model is Alibaba's.
  r = resolve("Alibaba-NLP/gte-large-en-v1.5");
  REQUIRE(r.match());
  CHECK(r.match()->id == "gte-large-en-v1.5");
  // A typo under the model's own organisation is still read as the model.
  r = resolve("meta-llama/Llama-3.1-8B-Instrcut");
  REQUIRE(r.match());
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::Fuzzy);
}

TEST_CASE("resolver: a near spelling that changes a size word names another model", "[resolver]") {
  // Pile-T5 XL is not in the dataset; Pile-T5 XXL, one letter away, is another model.
  auto r = resolve("EleutherAI/pile-t5-xl");
  CHECK(r.status != ResolveStatus::Found);
  CHECK(std::any_of(r.candidates.begin(), r.candidates.end(),
                    [](const Candidate& c) { return c.record->id == "pile-t5-xxl"; }));
  // A misspelt size word is a typo of the name that has it.
  r = resolve("Pixtral Lagre");
  REQUIRE(r.match());
  CHECK(r.match()->name.find("Large") != std::string_view::npos);
}

TEST_CASE("resolver: fuzzy match, ambiguity and not found", "[resolver]") {
  auto r = resolve("lama 3.1 8b instrct");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::Fuzzy);
  CHECK(r.candidates[0].confidence < 0.85);

  r = resolve("pythia-1");  // close to several sizes: candidates, not a guess
  CHECK(r.status == ResolveStatus::Ambiguous);
  CHECK(r.match() == nullptr);
  CHECK(r.candidates.size() >= 2);

  r = resolve("zzzzqqqq-no-such-model-xyz");
  CHECK(r.status == ResolveStatus::NotFound);
  CHECK(r.match() == nullptr);
}

TEST_CASE("resolver: hostile queries", "[resolver][hostile]") {
  CHECK(resolve("").status == ResolveStatus::InvalidQuery);
  CHECK(resolve("   ").status == ResolveStatus::InvalidQuery);
  CHECK(resolve(std::string(513, 'a')).status == ResolveStatus::InvalidQuery);
  CHECK(resolve("llama\xC3\x28").status == ResolveStatus::InvalidQuery);
  CHECK(resolve(std::string("ab\0cd", 5)).status != ResolveStatus::Found);
  for (const char* q : {"/", "//", ":", "-", "q4_k_m", "gguf", "https://", "hf.co/", "a/b/c/d/e", "...", "+"})
    CHECK_NOTHROW(resolve(q));
  std::string noise;
  for (int i = 0; i < 512; ++i) noise.push_back(static_cast<char>(' ' + (i * 37) % 90));
  CHECK_NOTHROW(resolve(noise));
}

TEST_CASE("resolver: fold", "[resolver]") {
  CHECK(Resolver::fold("Llama-3.1-8B") == "llama3.1_8b");
  CHECK(Resolver::fold("llama3.1:8b") == "llama3.1_8b");
  CHECK(Resolver::fold("meta-llama/Llama-3.1-8B") == "llama3.1_8b");
  CHECK(Resolver::fold("meta-llama/Llama-3.1-8B", false) == "metallamallama3.1_8b");
  CHECK(Resolver::fold("Command-R+") == "commandrplus");
  CHECK(Resolver::fold("command-r-plus") == "commandrplus");
  CHECK(Resolver::fold("CodeT5+ 220M") == "codet5plus220m");
  CHECK(Resolver::fold("codet5-220m") == "codet5_220m");  // without its sign, another name
}

TEST_CASE("resolver: a '+' in a name is its 'plus'", "[resolver]") {
  // Ollama's tag for Command R+ is command-r-plus: it found no model, and offered Command R.
  for (const char* q : {"command-r-plus", "Command R Plus", "command-r+", "Command R+", "c4ai-command-r-plus"}) {
    INFO(q);
    const auto r = resolve(q);
    REQUIRE(r.status == ResolveStatus::Found);
    CHECK(r.match()->id == "command-r+");
  }
  CHECK(resolve("command-r").match()->id == "command-r");
  CHECK(resolve("CodeT5+ 770M").match()->id == "codet5+-770m");
}

TEST_CASE("resolver: a family prefix gives its models, a short near-miss is not taken", "[resolver]") {
  // "Mixtral" is one edit from "Mistral" (another model): it names the Mixtral family record.
  auto r = resolve("Mixtral");
  REQUIRE(r.match());
  CHECK(r.match()->id == "mixtral");
  r = resolve("gpt");
  CHECK(r.status == ResolveStatus::Ambiguous);
  CHECK(r.match() == nullptr);
  // Long names tolerate typos.
  r = resolve("Llama-3.1-8B-Instrukt");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "llama-3.1-8b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::Fuzzy);
}

TEST_CASE("resolver: a typo of a name a model shares with its family is the model", "[resolver]") {
  // Both deepseek-coder and deepseek-coder-family are named "DeepSeek-Coder".
  for (const auto& [typo, id] : std::vector<std::pair<std::string, std::string>>{{"DepeSeek-Coder", "deepseek-coder"},
                                                                                 {"DeepSeke R1", "deepseek-r1"}}) {
    INFO(typo);
    const auto r = resolve(typo);
    REQUIRE(r.status == ResolveStatus::Found);
    CHECK(r.match()->id == id);
    CHECK(r.candidates[0].confidence < 0.9);  // a spelling guess, said to be one
    CHECK_FALSE(r.candidates[0].note.empty());
  }
}

TEST_CASE("resolver: a long name that starts one model's name alone is that model, said so", "[resolver]") {
  // Qwen-Coder (an EOSAI family) holds the instruct model's name as an alias: no rival.
  auto r = resolve("Qwen3-Coder-480B-A35B");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "qwen3-coder-480b-a35b-instruct");
  CHECK(r.candidates[0].method == MatchMethod::VariantSuffix);
  CHECK(r.candidates[0].note.find("only model whose name starts with it") != std::string::npos);
  // Several models start with it: a list, not a pick.
  r = resolve("pythia-1");
  CHECK(r.status == ResolveStatus::Ambiguous);
}

TEST_CASE("resolver: two letters swapped in a short name are a typo, other edits are not", "[resolver]") {
  for (const auto& [typo, id] : std::vector<std::pair<std::string, std::string>>{
           {"OmnGien", "omnigen"}, {"DeBETRa", "deberta"}, {"PanuG-\xce\xb1", "pangu-a"}}) {
    INFO(typo);
    const auto r = resolve(typo);
    REQUIRE(r.status == ResolveStatus::Found);
    CHECK(r.match()->id == id);
  }
  // One letter replaced in a 7-letter name can be another model: offered, not taken.
  const auto r = resolve("Mistrel");
  CHECK(r.status != ResolveStatus::Found);
  // Nor is a swap in a name of five letters.
  CHECK(resolve("Gmema").status != ResolveStatus::Found);
}

TEST_CASE("resolver: a separator moved between digits keeps the name", "[resolver]") {
  // "70B2-509" has the digits of "70B-2509" in the same order; "70B-2510" would be another release.
  const auto r = resolve("Apertus-70B2-509");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "apertus-70b-2509");
  CHECK(r.candidates[0].method == MatchMethod::Fuzzy);
}

TEST_CASE("resolver: a name with its last word dropped is another model, not a typo", "[resolver]") {
  // "Stable Diffusion XL" is two letters longer than "Stable Diffusion" (another model); the one
  // model whose name starts with it is meant. A remark in parentheses after the name is not part
  // of it.
  for (const char* q : {"Stable Diffusion XL", "stable-diffusion-xl", "Stable Diffusion XL (SDXL)"}) {
    INFO(q);
    const auto r = resolve(q);
    REQUIRE(r.status == ResolveStatus::Found);
    CHECK(r.match()->id == "stable-diffusion-xl-base-1.0");
  }
  const auto r = resolve("Stbale Diffusion (version unknown)");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "stable-diffusion");
}

TEST_CASE("resolver: two letters swapped in the first word of a longer name", "[resolver]") {
  // The whole name is too far from any record for a spelling match; with the first word put
  // right, the packaging suffix step settles it, and the answer says what was read.
  const auto r = resolve("Qwne2.5-7B-Instruct-AWQ");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "qwen2.5-7b-instruct");
  CHECK(r.candidates[0].note.find("as 'qwen2.5' (two letters swapped)") != std::string::npos);
  CHECK(r.candidates[0].confidence < 0.9);
  // Only the first word: a swap further on, in a name far from any record, is no answer.
  CHECK(resolve("Qwen2.5-7B-Instrcut-AWQ-zzzz-yyyy").status != ResolveStatus::Found);
}

// The fuzzy matcher reads far fewer postings than it was first written to, and computes edit
// distances bit-parallel: the answers must be the very same, on the bundled dataset and on a
// synthetic one, for names misspelt in many ways and for unrelated strings.
namespace {

std::vector<std::string> misspellings(const std::vector<std::string>& names, std::size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-. ";
  for (std::size_t i = 0; i < count; ++i) {
    std::string n = names[rng() % names.size()];
    const int edits = static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !n.empty(); ++e) {
      const std::size_t at = rng() % n.size();
      switch (rng() % 5) {
        case 0: n.erase(at, 1); break;                             // dropped
        case 1: n.insert(at, 1, n[at]); break;                     // doubled
        case 2: n[at] = alphabet[rng() % alphabet.size()]; break;  // replaced
        case 3:
          if (at + 1 < n.size()) std::swap(n[at], n[at + 1]);
          break;
        default: n = n.substr(0, std::max<std::size_t>(3, at)); break;  // cut short
      }
    }
    out.push_back(std::move(n));
  }
  for (const char* s : {"gpt", "llama", "xyzzy", "an entirely unrelated sentence about nothing", "b", "7b",
                        "qwen-coder", "mistrall", "olmo 7 b instruct", "stable difusion"})
    out.emplace_back(s);
  return out;
}

void same_answers(const Dataset& d, const std::vector<std::string>& queries) {
  std::size_t fuzzy = 0;
  for (const auto& q : queries) {
    detail::set_fuzzy_reference(true);
    const auto expected = d.resolver().resolve(q).to_json();
    detail::set_fuzzy_reference(false);
    const auto got = d.resolver().resolve(q).to_json();
    INFO("query: " << q);
    REQUIRE(got == expected);
    fuzzy += expected.dump().find("\"fuzzy\"") != std::string::npos;
  }
  CHECK(fuzzy > queries.size() / 4);  // most queries reached the fuzzy step
}

}  // namespace

TEST_CASE("resolver: a size tag that is the model's own size names the model", "[resolver]") {
  // Ollama's "deepseek-r1:671b" is DeepSeek-R1 itself (671B), not a variant of the R1 family.
  auto r = resolve("deepseek-r1:671b");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "deepseek-r1");
  CHECK(r.candidates[0].note.find("size") != std::string::npos);
  // A size no record has stays the family's variant.
  r = resolve("deepseek-r1:1000b");
  REQUIRE(r.status == ResolveStatus::Found);
  CHECK(r.match()->id == "deepseek-r1-family");
}

TEST_CASE("resolver: an upstream placeholder is no model's name", "[resolver]") {
  // EOSAI's lumo.yaml gives its end model as "Undisclosed": that named Lumo AI, and the
  // misspelt "Undislcosed" found it as the closest name.
  for (const char* q : {"Undisclosed", "Undislcosed", "unknown"}) {
    INFO(q);
    const auto r = resolve(q);
    CHECK(r.status != ResolveStatus::Found);
    for (const auto& c : r.candidates) CHECK(c.record->id != "lumo");
  }
}

TEST_CASE("resolver: the fast fuzzy matcher answers as the reference one, bundled dataset", "[resolver]") {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < ds().size(); ++i) names.emplace_back(ds().record(static_cast<std::uint32_t>(i)).name);
  same_answers(ds(), misspellings(names, test::questions(3000), 1));
}

TEST_CASE("resolver: the fast fuzzy matcher answers as the reference one, synthetic dataset", "[resolver]") {
  // Names of the shape bench/synth.cpp writes: few stems, sizes and variants, so that trigram
  // lists are long and the pruning matters.
  const char* stems[] = {"nova", "lumen", "atlas", "zephyr", "orion", "vega", "lyra", "nimbus", "quill", "raven"};
  const char* sizes[] = {"0.5B", "1B", "3B", "7B", "8B", "13B", "70B"};
  const char* variants[] = {"", "-Instruct", "-Chat", "-Base", "-Coder"};
  const auto dir = std::filesystem::temp_directory_path() / ("resolver-synth-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::mt19937 rng(7);  // NOLINT(cert-msc32-c,cert-msc51-cpp): a fixed seed, so that a failure replays
  std::vector<std::string> names;
  {
    std::ofstream out(dir / "synthetic.jsonl");
    for (int i = 0; i < 30000; ++i) {
      const std::string name = std::string(stems[rng() % 10]) + std::to_string(1 + i / 20 % 500) + "-" +
                               sizes[rng() % 7] + variants[rng() % 5] + "-s" + std::to_string(i);
      std::string id;
      for (char c : name) id.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      const std::string src = "synthetic:" + std::to_string(i);
      out << "{\"id\":\"" << id << "\",\"kind\":\"model\",\"name\":\"" << name
          << "\",\"producer\":\"Acme AI\",\"field_sources\":{\"name\":\"" << src << "\",\"producer\":\"" << src
          << "\"},\"aliases\":[{\"value\":\"synth-org/" << name << "\",\"kind\":\"huggingface\",\"source\":\"" << src
          << "\"}],\"links\":[],\"mof\":{\"source\":\"" << src
          << "\",\"licenses\":{\"distribution\":{\"name\":\"MIT\"}},\"components\":[{\"name\":\"Model "
             "architecture\"}]},\"disagreements\":[],\"quirks\":[],\"sources\":[{\"id\":\""
          << src << "\",\"title\":\"Synthetic\",\"url\":\"https://example.invalid/s/" << i
          << "\",\"as_of\":\"2026-01-01\"}]}\n";
      names.push_back(name);
    }
  }
  LoadOptions opts;
  opts.bundled = false;
  opts.data_dirs = {dir.string()};
  const auto d = load_dataset(opts);
  std::filesystem::remove_all(dir);
  REQUIRE(d->size() == 30000);
  same_answers(*d, misspellings(names, test::questions(1500), 2));
}
