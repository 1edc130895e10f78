#include "fixture.h"

using namespace tooltest;

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
