#include "fixture.h"

using namespace tooltest;

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
