#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"compare_models", {{{"names", {"OLMo-7B", "Llama-3.1-8B"}}}}};

TEST_CASE("compare_models: a matrix of components, the most open first", "[tools][compare_models]") {
  const Json a = answer("compare_models", {{"names", {"OLMo-7B", "GPT-4", "Llama-3.1-8B"}}});
  REQUIRE(a["models"].size() == 3);
  CHECK(a["unresolved"].empty());
  bool weights = false;
  for (const auto& d : a["matrix"])
    if (d["dimension"] == "weights") {
      weights = true;
      CHECK(d["most_open"] == Json::array({"olmo-7b"}));
      for (const auto& v : d["values"])
        if (v["id"] == "gpt-4") CHECK(v["value"] == "not released");
    }
  CHECK(weights);
}

TEST_CASE("compare_models: names it cannot resolve are listed, not dropped", "[tools][compare_models]") {
  const Json a = answer("compare_models", {{"names", {"OLMo-7B", "GPT-4", "Llama 7 Ultra 900B"}}});
  CHECK(a["models"].size() == 2);
  REQUIRE(a["unresolved"].size() == 1);
  CHECK(a["unresolved"][0].dump().find("Llama 7 Ultra 900B") != std::string::npos);
  // Fewer than two that resolve: nothing to compare, and the answer says so.
  const Json one = call("compare_models", {{"names", {"OLMo-7B", "Llama 7 Ultra 900B"}}});
  CHECK(failed(one));
  CHECK(text(one).find("at least two") != std::string::npos);
  CHECK(failed(call("compare_models", {{"names", "OLMo-7B"}})));  // an array is required
  CHECK(failed(call("compare_models", Json::object())));
}

TEST_CASE("compare_models: a family with no verdict of its own shows its models", "[tools][compare_models]") {
  // "Mistral Large" names a family whose models differ (one closed, the later ones open weights
  // under Mistral's research license): the comparison says what they are instead of "unknown" alone.
  const Json r = call("compare_models", {{"names", {"Mistral Large", "Llama 3"}}});
  REQUIRE_FALSE(failed(r));
  const Json& a = r["structuredContent"];
  const Json* family = nullptr;
  for (const auto& m : a["models"])
    if (m["id"] == "mistral-large") family = &m;
  REQUIRE(family != nullptr);
  CHECK((*family)["tier"] == "unknown");
  REQUIRE(family->contains("members"));
  bool closed = false, restricted = false;
  for (const auto& m : (*family)["members"]) {
    closed = closed || (m["id"] == "mistral-large-2402" && m["tier"] == "closed");
    restricted = restricted || m["tier"] == "open-weights-restrictive-license";
  }
  CHECK(closed);
  CHECK(restricted);
  CHECK(text(r).find("Mistral Large: Varies by model (a family with no verdict of its own; its models: ") !=
        std::string::npos);
  CHECK(text(r).find("1 closed (mistral-large-2402)") != std::string::npos);
  // A model, or a family with a verdict, carries no member list.
  for (const auto& m : a["models"])
    if (m["id"] != "mistral-large") CHECK_FALSE(m.contains("members"));
}

TEST_CASE("compare_models: the matrix reads the producer's statements as the verdicts do", "[tools][compare_models]") {
  // Olmo 3 7B Instruct is fully open on Ai2's statements (code and data released), which no MOT
  // entry lists: its matrix row said "unknown" beside a "Fully open" headline.
  const Json a = answer("compare_models", {{"names", {"Olmo-3-7B-Instruct", "GPT-4o"}}});
  REQUIRE(a["models"].size() == 2);
  REQUIRE(a["models"][0]["id"] == "olmo-3-7b-instruct");  // the most open first
  const Json& olmo = a["models"][0];
  CHECK(olmo["tier"] == "fully-open");
  CHECK(olmo["training_code"] == "open");
  CHECK(olmo["training_data"] == "open");
  for (const auto& d : a["matrix"])
    if (d["dimension"] == "training data") CHECK(d["most_open"] == Json::array({"olmo-3-7b-instruct"}));
}
