#include "fixture.h"

using namespace tooltest;

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
