// Claims ("X says Y is open source") and the model-card reader.
#include <openness/bundled.h>
#include <openness/claims.h>
#include <openness/model_card.h>

#include <catch2/catch.hpp>

#include <string>

using namespace openness;

namespace {
const Dataset& ds() {
  static const auto d = load_dataset();
  return *d;
}
Assessment of(const char* id) {
  const Record* r = ds().find(id);
  REQUIRE(r);
  return assess(*r, ds(), MofMode::Normalized);
}
}  // namespace

TEST_CASE("claims: free text is read as the most specific openness it claims") {
  CHECK(read_claim("fully open") == ClaimKind::FullyOpen);
  CHECK(read_claim("Our FULLY open-source model") == ClaimKind::FullyOpen);
  CHECK(read_claim("open source") == ClaimKind::OpenSource);
  CHECK(read_claim("our open-source model Llama 3.1") == ClaimKind::OpenSource);
  CHECK(read_claim("Open Weights") == ClaimKind::OpenWeights);
  CHECK(read_claim("open-weight model") == ClaimKind::OpenWeights);
  CHECK(read_claim("an open model") == ClaimKind::Open);
  CHECK(read_claim("openly available") == ClaimKind::Open);
  CHECK(read_claim("proprietary") == ClaimKind::Closed);
  CHECK(read_claim("OpenAI's best model") == ClaimKind::Unrecognised);  // "OpenAI" is not "open"
  CHECK(read_claim("state of the art") == ClaimKind::Unrecognised);
  CHECK(read_claim("") == ClaimKind::Unrecognised);
  CHECK(read_claim(std::string(100000, 'x') + " open source") == ClaimKind::Unrecognised);  // bounded read
}

TEST_CASE("claims: verdicts follow the tier, and OSI's own outcome for open source") {
  const Assessment olmo = of("olmo-7b");  // fully open; OSI: pass
  CHECK(judge_claim(ClaimKind::FullyOpen, olmo, "OLMo-7B").outcome == ClaimOutcome::Accurate);
  CHECK(judge_claim(ClaimKind::OpenSource, olmo, "OLMo-7B").outcome == ClaimOutcome::Accurate);
  CHECK(judge_claim(ClaimKind::Closed, olmo, "OLMo-7B").outcome == ClaimOutcome::False);

  const Assessment llama = of("llama-3.1-8b");  // weights under a restrictive license
  const ClaimVerdict os = judge_claim(ClaimKind::OpenSource, llama, "Llama-3.1-8B");
  CHECK(os.outcome == ClaimOutcome::Misleading);
  CHECK(os.headline.rfind("Misleading", 0) == 0);
  CHECK_FALSE(os.reasons.empty());
  CHECK(judge_claim(ClaimKind::OpenWeights, llama, "Llama-3.1-8B").outcome == ClaimOutcome::Misleading);
  CHECK(judge_claim(ClaimKind::FullyOpen, llama, "Llama-3.1-8B").outcome == ClaimOutcome::Misleading);

  const Assessment gpt4 = of("gpt-4");  // closed
  CHECK(judge_claim(ClaimKind::OpenSource, gpt4, "GPT-4").outcome == ClaimOutcome::False);
  CHECK(judge_claim(ClaimKind::Open, gpt4, "GPT-4").outcome == ClaimOutcome::False);
  CHECK(judge_claim(ClaimKind::Closed, gpt4, "GPT-4").outcome == ClaimOutcome::Accurate);

  CHECK(judge_claim(ClaimKind::Unrecognised, olmo, "OLMo-7B").outcome == ClaimOutcome::CannotTell);

  // OSI said Llama 2 does not pass: "open source" is misleading (its weights are out), not accurate.
  const Assessment llama2 = of("llama-2-7b");
  REQUIRE(llama2.osaid.osi_validation);
  CHECK(judge_claim(ClaimKind::OpenSource, llama2, "Llama-2-7B").outcome == ClaimOutcome::Misleading);

  // When the spectrum cannot place a model (here T5 and Phi-2 read from MOT's listing alone, which
  // does not cover their weights), an "open source" claim is still judged on OSI's own
  // validation; any other claim cannot be.
  auto listing_only = [](const char* id) {
    Assessment a = of(id);
    const Release rel = ds().find(id)->release();
    a.spectrum = evaluate_spectrum(&rel, nullptr, ds().licenses(), MofMode::Normalized, Listing::Partial);
    return a;
  };
  const Assessment t5 = listing_only("t5");  // OSI: pass
  REQUIRE(t5.spectrum.tier == Tier::Unknown);
  const ClaimVerdict t5os = judge_claim(ClaimKind::OpenSource, t5, "T5");
  CHECK(t5os.outcome == ClaimOutcome::Accurate);
  CHECK(t5os.headline ==
        "Accurate: OSI's own validation finds that T5 meets the Open Source AI Definition; the "
        "dataset cannot place its weights on the spectrum.");
  CHECK(judge_claim(ClaimKind::OpenWeights, t5, "T5").outcome == ClaimOutcome::CannotTell);
  const Assessment phi2 = listing_only("phi-2");  // OSI: fail
  REQUIRE(phi2.spectrum.tier == Tier::Unknown);
  const ClaimVerdict phios = judge_claim(ClaimKind::OpenSource, phi2, "Phi-2");
  CHECK(phios.outcome == ClaimOutcome::Misleading);
  CHECK(phios.headline.find("does not meet the Open Source AI Definition") != std::string::npos);
  // With the producer's statement of the weights (Hugging Face, MIT), Phi-2 is open weights.
  CHECK(judge_claim(ClaimKind::OpenWeights, of("phi-2"), "Phi-2").outcome == ClaimOutcome::Accurate);
}

TEST_CASE("tier ranks order the spectrum") {
  CHECK(tier_rank(Tier::Unknown) < tier_rank(Tier::Closed));
  CHECK(tier_rank(Tier::Closed) < tier_rank(Tier::RestrictedWeights));
  CHECK(tier_rank(Tier::RestrictedWeights) < tier_rank(Tier::OpenWeights));
  CHECK(tier_rank(Tier::OpenWeights) < tier_rank(Tier::OpenSource));
  CHECK(tier_rank(Tier::OpenSource) < tier_rank(Tier::FullyOpen));
}

TEST_CASE("model card: front matter keys, block and flow lists, links in the body") {
  const ModelCard c = parse_model_card(
      "---\r\n"
      "license: other\n"
      "license_name: llama3.1\n"
      "license_link: https://www.llama.com/llama3_1/license/\n"
      "datasets:\n"
      "  - allenai/dolma   # comment\n"
      "  - 'HuggingFaceFW/fineweb'\n"
      "language: [en, de, \"fr\"]\n"
      "base_model:\n"
      "- meta-llama/Llama-3.1-8B\n"
      "tags:\n"
      "- arxiv:2407.21783\n"
      "pipeline_tag: text-generation\n"
      "library_name: transformers\n"
      "model-index:\n"
      "- name: x\n"
      "  results:\n"
      "  - task: {type: y}\n"
      "---\n"
      "# Model\nCode: https://github.com/meta-llama/llama-models/tree/main. Paper: "
      "https://arxiv.org/pdf/2407.21783v3.pdf.\n"
      "Data: https://huggingface.co/datasets/allenai/tulu-3-sft-mixture/viewer\n");
  CHECK(c.has_front_matter);
  CHECK(c.license == "other");
  CHECK(c.license_name == "llama3.1");
  CHECK(c.license_link == "https://www.llama.com/llama3_1/license/");
  CHECK(c.datasets == std::vector<std::string>{"allenai/dolma", "HuggingFaceFW/fineweb"});
  CHECK(c.languages == std::vector<std::string>{"en", "de", "fr"});
  CHECK(c.base_models == std::vector<std::string>{"meta-llama/Llama-3.1-8B"});
  CHECK(c.pipeline_tag == "text-generation");
  CHECK(c.library_name == "transformers");
  CHECK(c.has_model_index);
  CHECK(c.arxiv_ids == std::vector<std::string>{"2407.21783"});  // from the tag and the PDF link, once
  CHECK(c.code_links == std::vector<std::string>{"https://github.com/meta-llama/llama-models"});
  CHECK(c.dataset_links == std::vector<std::string>{"allenai/tulu-3-sft-mixture"});
  CHECK(c.warnings.empty());
}

TEST_CASE("model card: no front matter, an unclosed one, hostile input") {
  CHECK_FALSE(parse_model_card("# Just a README\nlicense: mit\n").has_front_matter);
  CHECK(parse_model_card("# Just a README\nlicense: mit\n").license.empty());
  const ModelCard unclosed = parse_model_card("---\nlicense: mit\n# never closed\n");
  CHECK_FALSE(unclosed.has_front_matter);
  CHECK_FALSE(unclosed.warnings.empty());
  CHECK(parse_model_card("").license.empty());

  // Deep flow nesting, long lines, NUL bytes, invalid UTF-8, thousands of list items: bounded.
  std::string hostile = "---\nlicense: " + std::string(100000, '[') + "\ndatasets:\n";
  for (int i = 0; i < 5000; ++i) hostile += "- d" + std::to_string(i) + "\n";
  static const char kTags[] = "tags: [a\0b, \xff\xfe]\n";
  hostile += std::string(kTags, sizeof kTags - 1) + "---\n" + std::string(200000, 'h') + "http";
  const ModelCard h = parse_model_card(hostile);
  CHECK(h.has_front_matter);
  CHECK(h.datasets.size() == 64);  // capped
  CHECK(h.license.size() <= 512);
  std::string huge(2u << 20, 'x');
  const ModelCard big = parse_model_card(huge);
  CHECK_FALSE(big.warnings.empty());  // read only the first 1 MiB
}
