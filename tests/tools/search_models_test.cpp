#include "fixture.h"

using namespace tooltest;

// The calls eras_test.cpp makes of this tool in both eras of the protocol.
const ExampleCalls kExamples{"search_models", {{{"tier", "open-source"}, {"limit", 3}}, Json::object()}};

TEST_CASE("search_models: filters, most open first, pages with a cursor", "[tools][search_models]") {
  const Json a = answer("search_models", {{"min_tier", "fully-open"}, {"modality", "text"}, {"limit", 3}});
  REQUIRE(a["results"].size() == 3);
  CHECK(a["total"].get<int>() > 3);
  for (const auto& m : a["results"]) {
    CHECK(m["tier"] == "fully-open");
    CHECK(m["modality"].dump().find("text") != std::string::npos);
  }
  REQUIRE(a.contains("next_cursor"));
  const Json b = answer("search_models",
                        {{"min_tier", "fully-open"}, {"modality", "text"}, {"limit", 3}, {"cursor", a["next_cursor"]}});
  REQUIRE_FALSE(b["results"].empty());
  CHECK(b["results"][0]["id"] != a["results"][0]["id"]);
  const Json ai2 = answer("search_models", {{"producer", "Ai2"}, {"limit", 50}});
  for (const auto& m : ai2["results"]) CHECK(m["producer"] == "Ai2");
}

TEST_CASE("search_models: bad filters and cursors are clear errors", "[tools][search_models]") {
  CHECK(failed(call("search_models", {{"tier", "mostly-open"}})));
  CHECK(failed(call("search_models", {{"limit", "ten"}})));
  CHECK(failed(call("search_models", {{"cursor", "not-a-cursor"}})));
}

TEST_CASE("search_models: each license once; a family with no verdict names its models", "[tools][search_models]") {
  const Json r = call("search_models", {{"query", "mistral large"}, {"limit", 50}});
  const Json& a = r["structuredContent"];
  REQUIRE_FALSE(a["results"].empty());
  bool family = false;
  for (const auto& m : a["results"]) {
    // A license named by several sources (the producer, MOT, EOSAI) is listed once.
    std::set<std::string> seen;
    for (const auto& l : m["licenses"]) CHECK(seen.insert(l.get<std::string>()).second);
    if (m["id"] == "mistral-large") {
      family = true;
      CHECK(m["tier"] == "unknown");
      REQUIRE(m.contains("members"));
      CHECK_FALSE(m["members"].empty());
    }
  }
  CHECK(family);
  CHECK(text(r).find("mistral-large (Mistral Large, Mistral AI): unknown (a family; its models: ") !=
        std::string::npos);
}
