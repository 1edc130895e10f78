// The openness tools hold no session state, so a client of the stateless revision (2026-07-28,
// per-request _meta) gets the same answers as one that opened a session with initialize
// (2025-11-25): the same content, structured content and error flag for every tool, and the same
// resources and prompts. Only the revision's own fields (resultType, _meta) are added.
#include "fixture.h"

using namespace tooltest;

namespace {

const Json kMeta = {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                    {"io.modelcontextprotocol/clientCapabilities", Json::object()},
                    {"io.modelcontextprotocol/clientInfo", {{"name", "eras-test"}, {"version", "1"}}}};

// A result without the fields only the stateless revision has.
Json legacy_shape(Json r) {
  r.erase("resultType");
  r.erase("ttlMs");
  r.erase("cacheScope");
  if (r.contains("_meta")) {
    r["_meta"].erase("io.modelcontextprotocol/serverInfo");
    if (r["_meta"].empty()) r.erase("_meta");
  }
  return r;
}

Json with_meta(Json params) {
  params["_meta"] = kMeta;
  return params;
}

}  // namespace

TEST_CASE("every tool answers a 2026-07-28 request as it answers a 2025-11-25 session", "[tools][eras]") {
  for (const auto& name : tools()) {
    INFO(name << " declares no ExampleCalls in its test file");
    REQUIRE(example_calls().count(name) == 1);
  }
  mcp::LocalClient legacy(server().server, "2025-11-25");
  mcp::LocalClient modern(server().server, "2025-11-25");  // its requests name 2026-07-28 in _meta
  for (const auto& [name, argument_sets] : example_calls()) {
    for (const auto& args : argument_sets) {
      INFO(name << " " << args.dump());
      auto old_era = legacy.request("tools/call", {{"name", name}, {"arguments", args}});
      auto new_era = modern.request("tools/call", with_meta({{"name", name}, {"arguments", args}}));
      REQUIRE(old_era);
      REQUIRE(new_era);
      CHECK((*new_era)["resultType"] == "complete");
      CHECK((*new_era)["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "openness-mcp");
      CHECK(legacy_shape(*new_era) == *old_era);
    }
  }
}

TEST_CASE("resources and prompts read the same under both eras", "[tools][eras]") {
  mcp::LocalClient legacy(server().server, "2025-11-25");
  mcp::LocalClient modern(server().server, "2025-11-25");
  for (const std::string uri : {"openness://models/olmo-7b", "openness://models/olmo-7b/card.svg", "openness://dataset",
                                "openness://licenses/llama3.1"}) {
    INFO(uri);
    auto old_era = legacy.request("resources/read", {{"uri", uri}});
    auto new_era = modern.request("resources/read", with_meta({{"uri", uri}}));
    REQUIRE(old_era);
    REQUIRE(new_era);
    CHECK((*new_era)["cacheScope"] == "public");
    CHECK(legacy_shape(*new_era) == *old_era);
  }
  // A missing resource: -32002 in a session, -32602 from 2026-07-28 on, the same message.
  auto old_missing = legacy.request("resources/read", {{"uri", "openness://models/no-such-model"}});
  auto new_missing = modern.request("resources/read", with_meta({{"uri", "openness://models/no-such-model"}}));
  REQUIRE_FALSE(old_missing);
  REQUIRE_FALSE(new_missing);
  CHECK(old_missing.error().code == -32002);
  CHECK(new_missing.error().code == -32602);
  CHECK(new_missing.error().message == old_missing.error().message);

  auto prompts = legacy.request("prompts/list");
  REQUIRE(prompts);
  for (const auto& p : (*prompts)["prompts"]) {
    INFO(p["name"]);
    Json args = Json::object();
    for (const auto& a : p["arguments"])
      if (a["required"] == true) args[a["name"].get<std::string>()] = "OLMo-7B, Llama-3.1-8B";
    auto old_era = legacy.request("prompts/get", {{"name", p["name"]}, {"arguments", args}});
    auto new_era = modern.request("prompts/get", with_meta({{"name", p["name"]}, {"arguments", args}}));
    REQUIRE(old_era);
    REQUIRE(new_era);
    CHECK(legacy_shape(*new_era) == *old_era);
  }
}
