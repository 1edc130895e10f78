// The stateless revision (2026-07-28) in the session, apart from any transport: per-request _meta,
// server/discover, the methods it removed, what every result carries, multi round-trip requests
// under both eras, and a handshake session serving stateless requests beside its own.
#include <mcp/server.h>

#include <catch2/catch.hpp>

#include <thread>

#include "test_support.h"

using namespace mcp;
using namespace mcp::test;

namespace {

const Json kNoArgs = Json::parse(R"({"type":"object","properties":{}})");

Json meta(Json caps = Json::object(), std::string version = "2026-07-28") {
  return {{"io.modelcontextprotocol/protocolVersion", std::move(version)},
          {"io.modelcontextprotocol/clientCapabilities", std::move(caps)},
          {"io.modelcontextprotocol/clientInfo", {{"name", "modern-test"}, {"version", "1"}}}};
}

Json with_meta(Json params, Json m = meta()) {
  params["_meta"] = std::move(m);
  return params;
}

Tool tool(std::string name, ToolHandler h) {
  Tool t;
  t.name = std::move(name);
  t.description = "Description of " + t.name;
  t.input_schema = kNoArgs;
  t.handler = std::move(h);
  return t;
}

const Json kAskName = {
    {"user_name",
     {{"method", "elicitation/create"},
      {"params",
       {{"message", "What is your name?"},
        {"requestedSchema",
         {{"type", "object"}, {"properties", {{"name", {{"type", "string"}}}}}, {"required", {"name"}}}}}}}}};

struct Fixture {
  Server server{{"modern-server", "Modern Server", "2.0.0", "A server for tests", "", nullptr}, "Be brief."};
  Fixture() {
    REQUIRE(server.add_tool(tool("hello", [](const Json&, RequestContext&) { return ToolResult::text("hi"); })));
    // Asks for a name (elicitation) until it has one; the state says which round asked.
    REQUIRE(server.add_tool(tool("greet", [](const Json&, RequestContext& ctx) {
      const Json& answer = member(ctx.input_responses(), "user_name");
      if (member(answer, "action") != "accept") return ToolResult::ask(kAskName, "round-1");
      return ToolResult::text("Hello, " + member(member(answer, "content"), "name").get<std::string>() + " (" +
                              std::string(ctx.request_state()) + ")");
    })));
    // Trusts only the state it gave; anything else is rejected as a protocol error.
    REQUIRE(server.add_tool(tool("guarded", [](const Json&, RequestContext& ctx) {
      if (ctx.request_state().empty()) return ToolResult::ask(Json::object(), "signed-by-me");
      if (ctx.request_state() != "signed-by-me")
        return ToolResult::reject(Error::invalid_params("requestState failed its integrity check"));
      return ToolResult::text("trusted");
    })));
    // Asks for nothing and keeps no state: a malformed input_required result.
    REQUIRE(server.add_tool(
        tool("empty_ask", [](const Json&, RequestContext&) { return ToolResult::ask(Json::object()); })));
    Prompt p;
    p.name = "asks";
    p.description = "Asks for a name before it is written";
    p.get = [](const std::map<std::string, std::string>&, RequestContext& ctx) -> Result<Json> {
      const Json& answer = member(ctx.input_responses(), "user_name");
      if (member(answer, "action") != "accept") return input_required(kAskName);
      return Json{
          {"messages",
           Json::array({{{"role", "user"},
                         {"content", {{"type", "text"}, {"text", member(member(answer, "content"), "name")}}}}})}};
    };
    REQUIRE(server.add_prompt(std::move(p)));
    REQUIRE(server.add_tool(tool("chatty", [](const Json&, RequestContext& ctx) {
      ctx.log(LogLevel::kDebug, "debug line");
      ctx.log(LogLevel::kWarning, "warning line");
      return ToolResult::text("ok");
    })));
    Resource r;
    r.uri = "test://here";
    r.name = "here";
    r.read = [](const std::string& uri, RequestContext&) -> Result<Json> {
      return Json::array({text_resource_contents(uri, "text/plain", "here")});
    };
    REQUIRE(server.add_resource(std::move(r)));
    ResourceTemplate t;
    t.uri_template = "test://item/{id}";
    t.name = "item";
    t.read = [](const std::string& uri, const std::map<std::string, std::string>&, RequestContext&) -> Result<Json> {
      return Error::resource_not_found(uri);
    };
    REQUIRE(server.add_resource_template(std::move(t)));
  }
};

Json error_code(const Json& reply) { return reply["error"]["code"]; }

}  // namespace

TEST_CASE("server/discover: versions, capabilities, instructions, serverInfo and caching hints") {
  Fixture f;
  Session s(f.server);  // a session that would want initialize: a stateless request needs none
  Recorder out;
  Json r = call(s, out, request(1, "server/discover", with_meta(Json::object())))["result"];
  CHECK(r["supportedVersions"] == Json::array({"2026-07-28"}));
  CHECK(r["capabilities"].contains("tools"));
  CHECK(r["capabilities"]["resources"]["subscribe"] == false);
  CHECK(r["instructions"] == "Be brief.");
  CHECK(r["resultType"] == "complete");
  CHECK(r["ttlMs"] == 3600000);
  CHECK(r["cacheScope"] == "public");
  CHECK(r["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "modern-server");
  CHECK(r["_meta"]["io.modelcontextprotocol/serverInfo"]["version"] == "2.0.0");
  CHECK_FALSE(s.initialized());
}

TEST_CASE("a stateless request names its revision and capabilities in _meta, or gets -32602") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  CHECK(error_code(call(s, out, request(1, "server/discover"))) == -32602);  // no _meta at all
  Json no_caps = meta();
  no_caps.erase("io.modelcontextprotocol/clientCapabilities");
  Json reply = call(s, out, request(2, "tools/list", with_meta(Json::object(), no_caps)));
  CHECK(error_code(reply) == -32602);
  CHECK(reply["error"]["message"].get<std::string>().find("clientCapabilities") != std::string::npos);
  Json no_version = meta();
  no_version.erase("io.modelcontextprotocol/protocolVersion");
  CHECK(error_code(call(s, out, request(3, "server/discover", with_meta(Json::object(), no_version)))) == -32602);
  Json bad_level = meta();
  bad_level["io.modelcontextprotocol/logLevel"] = "loud";
  CHECK(error_code(call(s, out, request(4, "server/discover", with_meta(Json::object(), bad_level)))) == -32602);
  Json no_info = meta();
  no_info.erase("io.modelcontextprotocol/clientInfo");  // a SHOULD: served without it
  CHECK(call(s, out, request(5, "server/discover", with_meta(Json::object(), no_info))).contains("result"));
}

TEST_CASE("an unsupported revision gets -32022 with what is supported and what was asked") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  Json reply = call(s, out, request(7, "tools/list", with_meta(Json::object(), meta(Json::object(), "v999.0.0"))));
  CHECK(reply["id"] == 7);
  CHECK(error_code(reply) == -32022);
  CHECK(reply["error"]["data"]["supported"] == Json::array({"2026-07-28"}));
  CHECK(reply["error"]["data"]["requested"] == "v999.0.0");
  // A handshake revision named per request is not served that way: it starts with initialize.
  reply = call(s, out, request(8, "tools/list", with_meta(Json::object(), meta(Json::object(), "2025-11-25"))));
  CHECK(error_code(reply) == -32022);
  CHECK(reply["error"]["message"].get<std::string>().find("initialize") != std::string::npos);
}

TEST_CASE("the methods the stateless revision removed are not found") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  int id = 0;
  for (auto m : {"initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe",
                 "subscriptions/listen", "no/such"})
    CHECK(error_code(call(s, out, request(++id, m, with_meta(Json::object())))) == -32601);
}

TEST_CASE("every stateless result carries resultType and serverInfo; lists and reads the caching hints") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  Json list = call(s, out, request(1, "tools/list", with_meta(Json::object())))["result"];
  CHECK(list["tools"].size() == 5);
  CHECK(list["resultType"] == "complete");
  CHECK(list["ttlMs"] == 3600000);
  CHECK(list["cacheScope"] == "public");
  Json read = call(s, out, request(2, "resources/read", with_meta({{"uri", "test://here"}})))["result"];
  CHECK(read["contents"][0]["text"] == "here");
  CHECK(read.contains("ttlMs"));
  Json called = call(s, out, request(3, "tools/call", with_meta({{"name", "hello"}})))["result"];
  CHECK(called["resultType"] == "complete");
  CHECK(called["content"][0]["text"] == "hi");
  CHECK_FALSE(called.contains("ttlMs"));  // a tool's answer is not cacheable
  CHECK(called["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "modern-server");
}

TEST_CASE("a resource that is not there is -32602 from 2026-07-28 on, -32002 before") {
  Fixture f;
  Session modern(f.server);
  Recorder out;
  Json reply = call(modern, out, request(1, "resources/read", with_meta({{"uri", "test://item/7"}})));
  CHECK(error_code(reply) == -32602);
  CHECK(reply["error"]["data"]["uri"] == "test://item/7");
  CHECK(error_code(call(modern, out, request(2, "resources/read", with_meta({{"uri", "test://nothing"}})))) == -32602);
  Session legacy(f.server);
  initialize(legacy, out);
  CHECK(error_code(call(legacy, out, request(3, "resources/read", {{"uri", "test://item/7"}}))) == -32002);
}

TEST_CASE("multi round-trip: input_required, then the answer on a retry that is never cached") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  Json first =
      call(s, out, request(1, "tools/call", with_meta({{"name", "greet"}}, meta({{"elicitation", Json::object()}}))));
  Json r = first["result"];
  CHECK(r["resultType"] == "input_required");
  CHECK(r["inputRequests"]["user_name"]["method"] == "elicitation/create");
  CHECK(r["requestState"] == "round-1");
  CHECK_FALSE(r.contains("ttlMs"));
  Json retry = with_meta({{"name", "greet"},
                          {"inputResponses", {{"user_name", {{"action", "accept"}, {"content", {{"name", "Alice"}}}}}}},
                          {"requestState", "round-1"}},
                         meta({{"elicitation", Json::object()}}));
  r = call(s, out, request(2, "tools/call", retry))["result"];
  CHECK(r["resultType"] == "complete");
  CHECK(r["content"][0]["text"] == "Hello, Alice (round-1)");
  // A wrong key is asked again rather than failed.
  retry["inputResponses"] = {{"someone_else", {{"action", "accept"}}}};
  CHECK(call(s, out, request(3, "tools/call", retry))["result"]["resultType"] == "input_required");
}

TEST_CASE("input the client did not declare a capability for is -32021 naming it") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  Json reply =
      call(s, out, request(1, "tools/call", with_meta({{"name", "greet"}}, meta({{"sampling", Json::object()}}))));
  CHECK(error_code(reply) == -32021);
  CHECK(reply["error"]["data"]["requiredCapabilities"] == Json{{"elicitation", Json::object()}});
}

TEST_CASE("under a handshake revision the session asks the client itself and calls the tool again") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out, "2025-11-25", {{"elicitation", Json::object()}});
  std::vector<std::thread> threads;
  const Session::Executor executor = [&](std::function<void()> work) { threads.emplace_back(std::move(work)); };
  s.receive(request(1, "tools/call", {{"name", "greet"}}), out, executor);
  const Json asked = out.first("elicitation/create");
  REQUIRE(asked.is_object());
  CHECK(asked["params"]["message"] == "What is your name?");
  s.receive(
      {{"jsonrpc", "2.0"}, {"id", asked["id"]}, {"result", {{"action", "accept"}, {"content", {{"name", "Bo"}}}}}},
      out);
  const Json r = out.reply(1)["result"];
  for (auto& t : threads) t.join();
  CHECK(r["content"][0]["text"] == "Hello, Bo (round-1)");
  CHECK_FALSE(r.contains("resultType"));  // the handshake revisions have no resultType

  // A client without the capability gets a tool error, not a hang.
  Session plain(f.server);
  initialize(plain, out);
  const Json failed = call(plain, out, request(2, "tools/call", {{"name", "greet"}}))["result"];
  CHECK(failed["isError"] == true);
  CHECK(failed["content"][0]["text"].get<std::string>().find("elicitation/create") != std::string::npos);
}

TEST_CASE("a stateless request is sent log messages only at the level its _meta names") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  call(s, out, request(1, "tools/call", with_meta({{"name", "chatty"}})));
  CHECK_FALSE(out.first("notifications/message", std::chrono::milliseconds(50)).is_object());
  Json m = meta();
  m["io.modelcontextprotocol/logLevel"] = "warning";
  call(s, out, request(2, "tools/call", with_meta({{"name", "chatty"}}, m)));
  int logs = 0;
  for (const auto& msg : out.messages()) logs += msg.value("method", "") == "notifications/message";
  CHECK(logs == 1);
}

TEST_CASE("a handshake session serves a stateless request beside its own, each by its rules") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out, "2025-06-18");
  Json modern = call(s, out, request(1, "tools/list", with_meta(Json::object())))["result"];
  CHECK(modern["resultType"] == "complete");
  Json legacy = call(s, out, request(2, "tools/list"))["result"];
  CHECK_FALSE(legacy.contains("resultType"));
  CHECK_FALSE(legacy.contains("ttlMs"));
  CHECK(s.protocol_version() == "2025-06-18");
}

TEST_CASE("a tool may reject a retry as a protocol error, and malformed answers are -32602") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  Json r = call(s, out, request(1, "tools/call", with_meta({{"name", "guarded"}})))["result"];
  CHECK(r["resultType"] == "input_required");
  CHECK_FALSE(r.contains("inputRequests"));  // a state alone is a valid input_required result
  CHECK(call(s, out,
             request(2, "tools/call",
                     with_meta({{"name", "guarded"},
                                {"requestState", "signed-by-me"}})))["result"]["content"][0]["text"] == "trusted");
  Json tampered = call(s, out, request(3, "tools/call", with_meta({{"name", "guarded"}, {"requestState", "forged"}})));
  CHECK(error_code(tampered) == -32602);
  CHECK(error_code(call(s, out, request(4, "tools/call", with_meta({{"name", "guarded"}, {"inputResponses", 7}})))) ==
        -32602);
  CHECK(error_code(call(s, out, request(5, "tools/call", with_meta({{"name", "guarded"}, {"requestState", 7}})))) ==
        -32602);
}

TEST_CASE("a prompt asks for input: input_required when stateless, the session asks in a handshake") {
  Fixture f;
  Session modern(f.server);
  Recorder out;
  const Json caps = {{"elicitation", Json::object()}};
  Json r = call(modern, out, request(1, "prompts/get", with_meta({{"name", "asks"}}, meta(caps))))["result"];
  CHECK(r["resultType"] == "input_required");
  CHECK(r["inputRequests"]["user_name"]["method"] == "elicitation/create");

  Session legacy(f.server);
  initialize(legacy, out, "2025-11-25", caps);
  std::vector<std::thread> threads;
  const Session::Executor executor = [&](std::function<void()> work) { threads.emplace_back(std::move(work)); };
  legacy.receive(request(2, "prompts/get", {{"name", "asks"}}), out, executor);
  const Json asked = out.first("elicitation/create");
  REQUIRE(asked.is_object());
  legacy.receive(
      {{"jsonrpc", "2.0"}, {"id", asked["id"]}, {"result", {{"action", "accept"}, {"content", {{"name", "Cy"}}}}}},
      out);
  const Json got = out.reply(2)["result"];
  for (auto& t : threads) t.join();
  CHECK(got["messages"][0]["content"]["text"] == "Cy");
}

TEST_CASE("x-mcp-header annotations: where they may sit, which names and types they take") {
  auto params = modern::header_params(Json::parse(R"({"type":"object","properties":{
      "a":{"type":"string","x-mcp-header":"Alpha"},
      "nested":{"type":"object","properties":{"b":{"type":"integer","x-mcp-header":"Beta"}}},
      "c":{"type":"number"}}})"));
  REQUIRE(params);
  REQUIRE(params->size() == 2);
  CHECK((*params)[1].header == "Beta");
  CHECK((*params)[1].path == std::vector<std::string>{"nested", "b"});
  CHECK(modern::header_value(Json::parse(R"({"nested":{"b":7}})"), (*params)[1]) == 7);
  CHECK(modern::header_value(Json::parse(R"({"a":"x"})"), (*params)[1]).is_null());
  for (const char* bad :
       {R"({"type":"object","properties":{"n":{"type":"number","x-mcp-header":"N"}}})",
        R"({"type":"object","properties":{"s":{"type":"string","x-mcp-header":"Has Space"}}})",
        R"({"type":"object","properties":{"s":{"type":"string","x-mcp-header":""}}})",
        R"({"type":"object","properties":{"a":{"type":"string","x-mcp-header":"X"},
                                                            "b":{"type":"string","x-mcp-header":"x"}}})",
        R"({"type":"object","properties":{"l":{"type":"array","items":{"type":"string","x-mcp-header":"L"}}}})",
        R"({"type":"object","oneOf":[{"properties":{"o":{"type":"string","x-mcp-header":"O"}}}]})"}) {
    INFO(bad);
    CHECK_FALSE(modern::header_params(Json::parse(bad)));
  }
  CHECK(modern::header_matches("42.0", 42));
  CHECK_FALSE(modern::header_matches("42x", 42));
  CHECK(modern::header_matches("false", false));
  CHECK_FALSE(modern::header_matches("False", false));
  // A tool with an invalid annotation is not registered.
  Server server{{"s", "", "1", "", "", nullptr}, ""};
  Tool t = tool("bad", [](const Json&, RequestContext&) { return ToolResult::text(""); });
  t.input_schema = Json::parse(R"({"type":"object","properties":{"n":{"type":"number","x-mcp-header":"N"}}})");
  CHECK_FALSE(server.add_tool(std::move(t)));
}

TEST_CASE("review: the revision is checked first, retries keep their hints, legacy params stay out") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  // A client of another revision learns what is spoken, whatever else its _meta lacks.
  Json only_version = {{"io.modelcontextprotocol/protocolVersion", "2027-01-01"}};
  CHECK(error_code(call(s, out, request(1, "server/discover", with_meta(Json::object(), only_version)))) == -32022);
  // An answer-carrying request of a list keeps its hints; a read retried with answers is stale at once.
  Json list = call(s, out, request(2, "tools/list", with_meta({{"inputResponses", Json::object()}})))["result"];
  CHECK(list["ttlMs"] == 3600000);
  Json read =
      call(s, out, request(3, "resources/read", with_meta({{"uri", "test://here"}, {"requestState", "x"}})))["result"];
  CHECK(read["ttlMs"] == 0);
  CHECK(read["cacheScope"] == "private");
  // An input_required result with neither input requests nor state is the server's error.
  CHECK(error_code(call(s, out, request(4, "tools/call", with_meta({{"name", "empty_ask"}})))) == -32603);
  // Under a handshake revision a request's own requestState is not the handler's: the session's
  // round trip alone gives it one.
  Session legacy(f.server);
  initialize(legacy, out);
  Json r = call(legacy, out, request(5, "tools/call", {{"name", "guarded"}, {"requestState", "forged"}}));
  CHECK(r["result"]["content"][0]["text"] == "trusted");  // the forged state never reached the tool
}

TEST_CASE("a handler that asks for input round after round gets an error, under a handshake revision") {
  Fixture f;
  // Asks again whatever it gets (only a state to carry, nothing for the client to answer).
  REQUIRE(f.server.add_tool(
      tool("insatiable", [](const Json&, RequestContext&) { return ToolResult::ask(Json::object(), "more"); })));
  Prompt p;
  p.name = "insatiable";
  p.description = "Asks again whatever it gets";
  p.get = [](const std::map<std::string, std::string>&, RequestContext&) -> Result<Json> {
    return input_required(Json::object(), "more");
  };
  REQUIRE(f.server.add_prompt(std::move(p)));
  Session s(f.server);
  Recorder out;
  initialize(s, out, "2025-11-25");
  const Json tool_result = call(s, out, request(1, "tools/call", {{"name", "insatiable"}}))["result"];
  CHECK(tool_result["isError"] == true);
  CHECK(tool_result["content"][0]["text"] == "Tool insatiable still needed input after 8 rounds");
  const Json prompt_reply = call(s, out, request(2, "prompts/get", {{"name", "insatiable"}}));
  CHECK(error_code(prompt_reply) == -32603);
  CHECK(prompt_reply["error"]["message"] == "prompts/get of insatiable still needed input after 8 rounds");
}
