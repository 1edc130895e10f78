#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"get_license", {{{"license", "llama3.1"}}, {{"license", "no-such-license"}}}};

TEST_CASE("get_license: a license by id or by name, with its restrictions", "[tools][get_license]") {
  const Json l = answer("get_license", {{"license", "llama3.1"}})["license"];
  CHECK(l["id"] == "llama3.1");
  CHECK(l["osi_approved"] == false);
  CHECK(l["open_per_mot"] == false);
  CHECK(l["restrictions"].size() >= 3);
  const Json a = answer("get_license", {{"license", "Apache 2.0"}})["license"];
  CHECK(a["id"] == "Apache-2.0");
  CHECK(a["osi_approved"] == true);
}

TEST_CASE("get_license: a license the table does not hold is an error that says so", "[tools][get_license]") {
  const Json r = call("get_license", {{"license", "Totally Made Up License 9"}});
  CHECK(failed(r));
  CHECK_FALSE(text(r).empty());
  CHECK(failed(call("get_license", Json::object())));
}
