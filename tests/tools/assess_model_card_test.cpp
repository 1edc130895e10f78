#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"assess_model_card", {{{"card", "---\nlicense: llama3.1\n---\n"}}}};

TEST_CASE("assess_model_card: a README's front matter read as a release", "[tools][assess_model_card]") {
  const Json a = answer("assess_model_card",
                        {{"card", "---\nlicense: apache-2.0\ndatasets:\n- allenai/dolma\n---\n# My model\n"}});
  CHECK(a["declared"]["datasets"].dump().find("allenai/dolma") != std::string::npos);
  CHECK(a["verdicts"]["spectrum"]["tier"] == "open-weights");
  bool inferred = false;
  for (const auto& c : a["components"]) inferred = inferred || c.value("inferred", false);
  CHECK(inferred);  // weights' license taken from the card, and said so
  const Json llama = answer("assess_model_card", {{"card", "---\nlicense: llama3.1\n---\n"}});
  CHECK(llama["verdicts"]["spectrum"]["tier"] == "open-weights-restrictive-license");
}

TEST_CASE("assess_model_card: a card is required; broken front matter is not a crash", "[tools][assess_model_card]") {
  CHECK(failed(call("assess_model_card", Json::object())));
  const Json r = call("assess_model_card", {{"card", "---\nlicense: [unclosed\n"}});
  CHECK(r.contains("content"));  // answered or refused, never an internal error
  CHECK(text(r).find("internal error") == std::string::npos);
}
