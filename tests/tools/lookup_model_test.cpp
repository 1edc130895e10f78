#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{
    "lookup_model", {{{"name", "OLMo-7B"}}, {{"name", "gpt-4o"}, {"picture", true}}, {{"name", "Llama 9 Ultra"}}}};

TEST_CASE("lookup_model: the name as typed, one concise answer", "[tools][lookup_model]") {
  const Json a = answer("lookup_model", {{"name", "allenai/OLMo-7B"}});
  CHECK(a["status"] == "found");
  CHECK(a["model"]["id"] == "olmo-7b");
  CHECK(a["verdicts"]["spectrum"]["tier"] == "fully-open");
  CHECK(a["full_record"] == "openness://models/olmo-7b");
  CHECK_FALSE(a["sources"].empty());
  for (const auto& s : a["sources"]) CHECK(s["url"].get<std::string>().rfind("https://", 0) == 0);
  const Json r = call("lookup_model", {{"name", "allenai/OLMo-7B"}});
  CHECK(text(r).find("Fully open") != std::string::npos);
  CHECK(r.dump().size() < 6000);  // a few hundred tokens, not the full record
}

TEST_CASE("lookup_model: closed models are closed, with the provider's page", "[tools][lookup_model]") {
  for (const char* name : {"GPT-4o", "Claude 3.5 Sonnet", "gemini-2.5-pro"}) {
    INFO(name);
    const Json a = answer("lookup_model", {{"name", name}});
    CHECK(a["verdicts"]["spectrum"]["tier"] == "closed");
    CHECK_FALSE(a["sources"].empty());
  }
}

TEST_CASE("lookup_model: a distillation shows its base's license terms", "[tools][lookup_model][lineage]") {
  const Json a = answer("lookup_model", {{"name", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"}});
  CHECK(a["verdicts"]["spectrum"]["tier"] == "open-weights-restrictive-license");
  bool from_base = false;
  for (const auto& x : a["restrictions"])
    from_base = from_base || x.value("from", "").find("llama-3.1-8b") != std::string::npos;
  CHECK(from_base);
  CHECK(a["components"][0]["status"].get<std::string>().find("derived from llama-3.1-8b") != std::string::npos);
}

TEST_CASE("lookup_model: an EOSAI score of another model says whose it is", "[tools][lookup_model]") {
  // Llama-3.1-8B has EOSAI's Llama 3.1 family score, which EOSAI gave the 405B Instruct model.
  const Json family = answer("lookup_model", {{"name", "llama3.1:8b"}});
  CHECK(family["verdicts"]["eosai"]["scored_model"] == "Llama-3.1-405B-Instruct");
  CHECK(family["summary"].get<std::string>().find("(its family's, scored on Llama-3.1-405B-Instruct)") !=
        std::string::npos);
  // The Tülu family's score was given to this very model: no such note.
  const Json own = answer("lookup_model", {{"name", "allenai/Llama-3.1-Tulu-3-405B"}});
  CHECK(own["verdicts"]["eosai"]["scored_model"] == "Llama-3.1-Tulu-3-405B");
  CHECK(own["summary"].get<std::string>().find("its family's") == std::string::npos);
  // An EOSAI family score no longer reaches an older generation of the family.
  CHECK(answer("lookup_model", {{"name", "microsoft/phi-1"}})["verdicts"]["eosai"].is_null());
}

TEST_CASE("lookup_model: re-uploads, typos and the full record", "[tools][lookup_model]") {
  const Json re = answer("lookup_model", {{"name", "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"}});
  CHECK(re["model"]["id"] == "llama-3.1-8b-instruct");
  CHECK(re["match"]["note"].get<std::string>().find("re-upload") != std::string::npos);
  const Json full = answer("lookup_model", {{"name", "OLMo-7B"}, {"detail", "full"}});
  CHECK(full.contains("licenses"));
  CHECK(full.contains("disagreements"));
  CHECK(full["verdicts"].contains("osaid"));
}

TEST_CASE("lookup_model: unknown and invalid names are clear errors", "[tools][lookup_model]") {
  const Json none = call("lookup_model", {{"name", "Llama 7 Ultra 900B"}});
  CHECK(failed(none));
  CHECK(text(none).find("No model named") != std::string::npos);  // not "matches several models"
  CHECK(text(none).find("matches several") == std::string::npos);
  CHECK(failed(call("lookup_model", Json::object())));                     // name is required
  CHECK(failed(call("lookup_model", {{"name", 42}})));                     // and a string
  CHECK(failed(call("lookup_model", {{"name", std::string(600, 'a')}})));  // longer than a name can be
  CHECK(failed(call("lookup_model", {{"name", "x"}, {"detail", "everything"}})));
}

TEST_CASE("lookup_model: MOT's \"Component not included\" filler is not read as a license", "[tools][lookup_model]") {
  // MOT's GPT-3 entry lists the training data as "Component Component not included".
  const Json a = answer("lookup_model", {{"name", "GPT-3"}});
  REQUIRE(a["model"]["id"] == "gpt-3");
  bool data_seen = false;
  for (const auto& c : a["components"]) {
    const std::string status = c["status"].get<std::string>();
    INFO(c.dump());
    CHECK(status.find("released under Component") == std::string::npos);
    if (c["component"] == "training data") {
      data_seen = true;
      CHECK(status == "not included in MOT's entry");
    }
  }
  CHECK(data_seen);
  CHECK(text(call("lookup_model", {{"name", "GPT-3"}})).find("released under Component") == std::string::npos);
}

TEST_CASE("lookup_model: a family with no verdict of its own answers with its models'", "[tools][lookup_model]") {
  // "Mistral Large" names the family record, which states nothing about weights: the answer was
  // "Cannot tell from the data" with an empty "Sources" line, while the dataset holds its models
  // (the first API-only, the later ones open weights under Mistral's research license).
  const Json r = call("lookup_model", {{"name", "Mistral Large"}});
  const Json& a = r["structuredContent"];
  CHECK(a["model"]["id"] == "mistral-large");
  CHECK(a["verdicts"]["spectrum"]["tier"] == "unknown");  // the family's own verdict stays what it is
  REQUIRE(a.contains("members"));
  bool closed = false;
  for (const auto& m : a["members"]) closed = closed || (m["id"] == "mistral-large-2402" && m["tier"] == "closed");
  CHECK(closed);
  const std::string summary = a["summary"].get<std::string>();
  CHECK(summary.find("names a family") != std::string::npos);
  CHECK(summary.find("open weights under a restrictive license (mistral-large-instruct-") != std::string::npos);
  CHECK(summary.find("; 1 closed (mistral-large-2402).") != std::string::npos);
  CHECK_FALSE(a["sources"].empty());
  CHECK(text(r).find("\nSources: web-mistral-docs-models-overview <https://docs.mistral.ai/getting-started/models/>") !=
        std::string::npos);
  // The family's own statement, once recorded, is its verdict: Kimi K2's repository puts the
  // weights under the Modified MIT License.
  const Json kimi = answer("lookup_model", {{"name", "Kimi K2"}});
  CHECK(kimi["model"]["id"] == "kimi-k2");
  CHECK(kimi["verdicts"]["spectrum"]["tier"] == "open-weights-restrictive-license");
  CHECK_FALSE(kimi.contains("members"));
  // A family with a verdict of its own lists no members.
  const Json mixtral = answer("lookup_model", {{"name", "mixtral"}});
  CHECK(mixtral["model"]["id"] == "mixtral");
  CHECK(mixtral["verdicts"]["spectrum"]["tier"] != "unknown");
  CHECK_FALSE(mixtral.contains("members"));
}

TEST_CASE("lookup_model: a name whose models differ says what each of them is", "[tools][lookup_model]") {
  // "SmolLM2" names base models (data and code released: fully open) and instruct models (open
  // weights): a list of ids alone would leave the person's question unanswered.
  const Json r = call("lookup_model", {{"name", "SmolLM2"}});
  const Json& a = r["structuredContent"];
  REQUIRE(a["status"] == "ambiguous");
  REQUIRE(a["candidates"].size() >= 2);
  std::set<std::string> tiers;
  for (const auto& c : a["candidates"]) {
    REQUIRE(c.contains("tier"));
    tiers.insert(c["tier"].get<std::string>());
    if (c["id"] == "smollm2-1.7b") CHECK(c["tier"] == "fully-open");
  }
  CHECK(tiers.size() >= 2);
  const std::string t = text(r);
  CHECK(t.find("models with different verdicts: ") != std::string::npos);
  CHECK(t.find(" fully open; ") != std::string::npos);
  CHECK(t.find("\n- smollm2-1.7b (SmolLM2 1.7B, Hugging Face): fully open") != std::string::npos);
}

TEST_CASE("lookup_model: candidates of one tier, or one uncertain candidate, are said to be so",
          "[tools][lookup_model]") {
  // Cohere's Command models share a tier, but one family's terms add Cohere's acceptable use
  // policy: no single verdict to answer with, and "different verdicts" would be false.
  const Json r = call("lookup_model", {{"name", "Command"}});
  REQUIRE(r["structuredContent"]["status"] == "ambiguous");
  for (const auto& c : r["structuredContent"]["candidates"]) CHECK(c["tier"] == "open-weights-restrictive-license");
  CHECK(text(r).find("all open weights under a restrictive license, whose weights' terms differ") != std::string::npos);
  CHECK(text(r).find("different verdicts") == std::string::npos);
  CHECK(text(r).find(", weights CC-BY-NC-4.0 and C4AI acceptable use policy") != std::string::npos);
  // One candidate the resolver is unsure of is a suggestion, not "1 models with different verdicts".
  const Json one = call("lookup_model", {{"name", "llava:13b"}});
  REQUIRE(one["structuredContent"]["candidates"].size() == 1);
  CHECK(text(one).find("'llava:13b' names no record exactly; the nearest is:\n- llava-v1.5-13b") != std::string::npos);
}
