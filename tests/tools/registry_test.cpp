#include "fixture.h"

#include <filesystem>

using namespace tooltest;

TEST_CASE("every registered tool has tests here, and annotations that say what it does", "[tools]") {
  for (const auto& name : tools()) {
    INFO(name);
    CHECK(std::filesystem::exists(std::string(OPENNESS_TOOL_TEST_DIR) + "/" + name + "_test.cpp"));
    CHECK(openness::bindings::instructions().find(name) != std::string_view::npos);
  }
  mcp::LocalClient client(server().server);
  std::set<std::string> listed;
  Json cursor = nullptr;
  do {
    Json params = Json::object();
    if (!cursor.is_null()) params["cursor"] = cursor;
    auto page = client.request("tools/list", params);
    REQUIRE(page);
    for (const auto& t : (*page)["tools"]) {
      listed.insert(t["name"].get<std::string>());
      INFO(t["name"]);
      CHECK(t["inputSchema"]["type"] == "object");
      CHECK(t.contains("outputSchema"));
      CHECK(t["annotations"]["readOnlyHint"] == true);
      CHECK(t["annotations"]["openWorldHint"] == false);
    }
    cursor = page->value("nextCursor", Json(nullptr));
  } while (!cursor.is_null());
  CHECK(listed == std::set<std::string>(tools().begin(), tools().end()));
}

TEST_CASE("an unknown tool is a protocol error, bad arguments a tool error", "[tools]") {
  mcp::LocalClient client(server().server);
  auto unknown = client.call_tool("no_such_tool", Json::object());
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == -32602);
  for (const auto& name : tools()) {
    INFO(name);
    auto r = client.call_tool(name, Json::array({1, 2}));  // arguments that are not an object
    REQUIRE_FALSE(r);
    CHECK(r.error().code == -32602);
    CHECK(failed(call(name, {{"no_such_argument", true}})));  // every input schema is closed
  }
}
