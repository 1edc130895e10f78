#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"explain_openness", {Json::object(), {{"name", "OLMo-7B"}}}};

TEST_CASE("explain_openness: what a person can and cannot do", "[tools][explain_openness]") {
  const Json a = answer("explain_openness", {{"name", "OLMo-7B"}});
  CHECK(a["tier"] == "fully-open");
  REQUIRE_FALSE(a["blocks"].empty());
  for (const auto& b : a["blocks"]) CHECK(b["answer"] == "yes");
  const Json g = answer("explain_openness", {{"name", "GPT-4"}});
  CHECK(g["tier"] == "closed");
  bool cannot_run = false;
  for (const auto& b : g["blocks"]) cannot_run = cannot_run || (b["what"] == "run it" && b["answer"] == "no");
  CHECK(cannot_run);
}

TEST_CASE("explain_openness: a release described by the caller; nothing to explain is an error",
          "[tools][explain_openness]") {
  const Json a =
      answer("explain_openness", {{"release",
                                   {{"name", "mine"},
                                    {"licenses", {{"distribution", "Apache-2.0"}}},
                                    {"components", Json::array({{{"name", "Model parameters (Final)"}}})}}}});
  CHECK(a["tier"] == "open-weights");
  CHECK(failed(call("explain_openness", Json::object())));
  CHECK(failed(call("explain_openness", {{"name", "OLMo-7B"}, {"audience", "children"}})));
}

TEST_CASE("explain_openness: says what the verdict rests on, and a family's models", "[tools][explain_openness]") {
  // Without a MOT entry the text said the verdict rested on EOSAI's grades, also where it rests on
  // the producer's statement (Qwen3-8B) or on nothing (Mistral Large, a family of API-only and
  // research-licensed models).
  const std::string qwen = text(call("explain_openness", {{"name", "Qwen3-8B"}}));
  CHECK(qwen.find("the verdict rests on the producer's own statements") != std::string::npos);
  CHECK(qwen.find("rests on the European Open Source AI Index") == std::string::npos);
  const Json r = call("explain_openness", {{"name", "Mistral Large"}});
  const std::string t = text(r);
  CHECK(t.find("rests on") == std::string::npos);
  // Its models are at different tiers: the family varies, model by model.
  CHECK(t.find("Mistral Large: Varies by model.") != std::string::npos);
  CHECK(t.find("- run it: depends on the model") != std::string::npos);
  CHECK(t.find("Mistral Large names a family; its models: 1 open weights (mistral-large-3-675b-instruct-2512); 2 "
               "open weights under a restrictive license") != std::string::npos);
  REQUIRE(r["structuredContent"].contains("members"));
  CHECK(r["structuredContent"]["members"].size() == 4);
  CHECK_FALSE(answer("explain_openness", {{"name", "Qwen3-8B"}}).contains("members"));
}

TEST_CASE("explain_openness: a derivative's verdict rests on its base's license", "[tools][explain_openness]") {
  // SQLCoder has no MOT entry; Code Llama's license decides it, which the text used to put down
  // to EOSAI's grades and then to the producer's statements.
  const std::string t = text(call("explain_openness", {{"name", "sqlcoder"}}));
  CHECK(t.find("the verdict rests on the license of the model it derives from") != std::string::npos);
  CHECK(t.find("rests on the producer's own statements") == std::string::npos);
}
