#include "fixture.h"

using namespace tooltest;

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
