#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"check_openness_claim", {{{"model", "Mistral Large"}, {"claim", "open source"}}}};

TEST_CASE("check_openness_claim: a claim against the evidence", "[tools][check_openness_claim]") {
  const Json m = answer("check_openness_claim", {{"model", "Llama-3.1-8B"}, {"claim", "open source"}});
  CHECK(m["verdict"] == "misleading");
  CHECK(m["claim_as_read"] == "open-source");
  CHECK_FALSE(m["evidence"]["license_restrictions"].empty());
  CHECK_FALSE(m["sources"].empty());
  const Json ok = answer("check_openness_claim", {{"model", "OLMo-7B"}, {"claim", "fully open source"}});
  CHECK(ok["verdict"] != "misleading");
}

TEST_CASE("check_openness_claim: both fields required, an unknown model an error", "[tools][check_openness_claim]") {
  CHECK(failed(call("check_openness_claim", {{"model", "OLMo-7B"}})));
  CHECK(failed(call("check_openness_claim", {{"claim", "open"}})));
  CHECK(failed(call("check_openness_claim", {{"model", "Llama 7 Ultra 900B"}, {"claim", "open"}})));
}

TEST_CASE("check_openness_claim: a family with no verdict is judged against its models",
          "[tools][check_openness_claim]") {
  // "Mistral Large is open source" answered "cannot tell", though the data holds each of its
  // models: one API-only, two under Mistral's research license, one under Apache 2.0.
  const Json r = call("check_openness_claim", {{"model", "Mistral Large"}, {"claim", "open source"}});
  const Json& a = r["structuredContent"];
  CHECK(a["verdict"] == "misleading");
  CHECK(a["headline"].get<std::string>().find("false for 1 (mistral-large-2402)") != std::string::npos);
  REQUIRE(a.contains("members"));
  CHECK(a["members"].size() == 4);
  // Models that differ make the claim misleading for the family: "closed" holds for one only.
  CHECK(answer("check_openness_claim", {{"model", "Mistral Large"}, {"claim", "closed"}})["verdict"] == "misleading");
  // A family with a verdict of its own is judged on it, with no member list.
  const Json llama = answer("check_openness_claim", {{"model", "Llama 3"}, {"claim", "open source"}});
  CHECK(llama["verdict"] == "misleading");
  CHECK_FALSE(llama.contains("members"));
}

TEST_CASE("check_openness_claim: a family's models the data cannot judge keep the claim open",
          "[tools][check_openness_claim]") {
  // Qwen3-VL: the 8B model's weights are Apache-2.0, the 235B model's license is not in the data.
  // "Open weights" holds for the one and cannot be told for the other: not "accurate".
  const Json a = answer("check_openness_claim", {{"model", "Qwen3-VL"}, {"claim", "open weights"}});
  CHECK(a["verdict"] == "cannot-tell");
  const std::string h = a["headline"].get<std::string>();
  CHECK(h.find("accurate for 1 (qwen3-vl-8b-instruct)") != std::string::npos);
  CHECK(h.find("cannot-tell for 1 (qwen3-vl-235b-a22b-instruct)") != std::string::npos);
}
