#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"classify_release",
                             {{{"components", Json::array({{{"name", "Model parameters (Final)"}}})}}}};

TEST_CASE("classify_release: a described release, its tier and what is missing", "[tools][classify_release]") {
  const Json a =
      answer("classify_release",
             {{"name", "m"},
              {"licenses", {{"distribution", "Apache-2.0"}}},
              {"components", Json::array({{{"name", "Model parameters (Final)"}}, {{"name", "Training code"}}})}});
  CHECK(a["verdicts"]["spectrum"]["tier"] == "open-weights");
  CHECK_FALSE(a["next_steps"].empty());
  const Json closed = answer("classify_release", {{"components", Json::array({{{"name", "Model card"}}})}});
  CHECK(closed["verdicts"]["spectrum"]["tier"] == "closed");
}

TEST_CASE("classify_release: components are required and must be known", "[tools][classify_release]") {
  CHECK(failed(call("classify_release", {{"name", "m"}})));
  CHECK(failed(call("classify_release", {{"components", Json::array({{{"name", "Secret sauce"}}})}})));
}
