// The openness server in process: every tool is called through mcp::LocalClient, the same
// dispatch path as stdio and HTTP clients (argument validation against the input schema, the
// handler, the output-schema check, error shaping), without node or a transport.
#pragma once
#include <mcp/local.h>
#include <mcp/server.h>
#include <openness/bundled.h>

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include "binding.h"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace tooltest {

using mcp::Json;

struct Server {
  openness::bindings::Context ctx{openness::load_dataset()};
  mcp::Server server{openness::bindings::server_info(), std::string(openness::bindings::instructions()),
                     mcp::ServerOptions{100, false, true}};  // every answer checked against its outputSchema
  Server() {
    spdlog::set_level(spdlog::level::off);
    if (!openness::bindings::register_all(server, ctx)) throw std::runtime_error("register_all failed");
  }
};

inline Server& server() {
  static Server s;
  return s;
}

// One tools/call: the CallToolResult ({content, structuredContent?, isError?}).
inline Json call(const std::string& tool, Json args) {
  mcp::LocalClient client(server().server);
  auto r = client.call_tool(tool, std::move(args));
  REQUIRE(r);
  return *r;
}

inline std::string text(const Json& result) {
  REQUIRE(result.contains("content"));
  REQUIRE(!result["content"].empty());
  return result["content"][0].value("text", std::string());
}

inline bool failed(const Json& result) { return result.value("isError", false); }

// A call the tool answers (not an error), with its structured content.
inline Json answer(const std::string& tool, Json args) {
  const Json r = call(tool, std::move(args));
  INFO(text(r));
  REQUIRE_FALSE(failed(r));
  REQUIRE(r.contains("structuredContent"));
  return r["structuredContent"];
}

// The registered tools, in tools/list order (the registry is the one list).
inline const std::vector<std::string>& tools() {
  static const std::vector<std::string> t = openness::bindings::tool_names();
  return t;
}

// Calls each tool answers, declared in the tool's own test file (a static ExampleCalls): the tests
// that go over every tool (eras_test.cpp) make them, and fail for a tool that declares none.
inline std::map<std::string, std::vector<Json>>& example_calls() {
  static std::map<std::string, std::vector<Json>> calls;
  return calls;
}
struct ExampleCalls {
  ExampleCalls(const std::string& tool, std::vector<Json> args) {
    auto& calls = example_calls()[tool];
    calls.insert(calls.end(), args.begin(), args.end());
  }
};

}  // namespace tooltest
