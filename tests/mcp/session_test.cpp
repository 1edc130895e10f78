#include <mcp/server.h>
#include <mcp/worker_pool.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "test_support.h"

using namespace mcp;
using namespace mcp::test;
using namespace std::chrono_literals;

namespace {

const Json kEchoIn = Json::parse(R"({"type":"object","properties":{"text":{"type":"string","maxLength":20}},
                                     "required":["text"],"additionalProperties":false})");
const Json kEchoOut = Json::parse(R"({"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"]})");
const Json kNoArgs = Json::parse(R"({"type":"object","properties":{}})");

Tool make_tool(std::string name, Json in, ToolHandler h, std::optional<Json> out = std::nullopt) {
  Tool t;
  t.name = std::move(name);
  t.title = "Title of " + t.name;
  t.description = "Description of " + t.name;
  t.input_schema = std::move(in);
  t.output_schema = std::move(out);
  t.annotations.read_only = true;
  t.annotations.idempotent = true;
  t.annotations.open_world = false;
  t.handler = std::move(h);
  return t;
}

struct Fixture {
  Server server;
  std::atomic<bool> slow_saw_cancel{false};

  explicit Fixture(bool check_outputs = true)
      : server{{"test-server", "Test Server", "1.2.3", "A server for tests", "", nullptr},
               "Use it for tests.",
               ServerOptions{2, false, check_outputs}} {
    REQUIRE(server.add_tool(make_tool(
        "echo", kEchoIn,
        [](const Json& a, RequestContext&) {
          return ToolResult::structured_result({{"echo", a["text"]}}, "Echo: " + a["text"].get<std::string>());
        },
        kEchoOut)));
    REQUIRE(server.add_tool(make_tool("slow", kNoArgs, [this](const Json&, RequestContext& ctx) {
      for (int i = 0; i < 400 && !ctx.cancelled(); ++i) std::this_thread::sleep_for(5ms);
      slow_saw_cancel = ctx.cancelled();
      return ToolResult::text("done");
    })));
    REQUIRE(server.add_tool(make_tool(
        "throws", kNoArgs, [](const Json&, RequestContext&) -> ToolResult { throw std::runtime_error("boom"); })));
    REQUIRE(server.add_tool(make_tool(
        "bad_output", kNoArgs,
        [](const Json&, RequestContext&) {
          return ToolResult::structured_result({{"wrong", 1}});
        },
        kEchoOut)));
    REQUIRE(server.add_tool(make_tool(
        "no_structured", kNoArgs, [](const Json&, RequestContext&) { return ToolResult::text("plain"); }, kEchoOut)));
    REQUIRE(server.add_tool(make_tool(
        "fails", kNoArgs,
        [](const Json&, RequestContext&) {
          ToolResult r = ToolResult::error("it failed; try X");
          r.structured = Json{{"echo", "should not be sent"}};
          return r;
        },
        kEchoOut)));
    REQUIRE(server.add_tool(make_tool("chatty", kNoArgs, [](const Json&, RequestContext& ctx) {
      ctx.progress(1, 2, "half");
      ctx.log(LogLevel::kDebug, "debug line");
      ctx.log(LogLevel::kWarning, {{"note", "warning line"}}, "chatty");
      ctx.progress(2, 2);
      return ToolResult::text("ok");
    })));
    REQUIRE(server.add_tool(make_tool("ask", kNoArgs, [](const Json&, RequestContext& ctx) {
      auto r = ctx.ask_client("sampling/createMessage", {{"messages", Json::array()}, {"maxTokens", 5}}, 2s);
      if (!r) return ToolResult::error("ask failed: " + r.error().message);
      return ToolResult::text("client said " + r->dump());
    })));

    REQUIRE(server.add_resource({"mem://a", "a", "A", "Resource A", "text/plain", 1,
                                 [](const std::string& uri, RequestContext&) -> Result<Json> {
                                   return Json::array({text_resource_contents(uri, "text/plain", "a")});
                                 }}));
    ResourceTemplate t;
    t.uri_template = "mem://items/{id}";
    t.name = "item";
    t.description = "An item";
    t.mime_type = "application/json";
    t.read = [](const std::string& uri, const std::map<std::string, std::string>& v, RequestContext&) -> Result<Json> {
      if (v.at("id") == "missing") return Error::resource_not_found(uri);
      return Json::array({text_resource_contents(uri, "application/json", Json{{"id", v.at("id")}}.dump())});
    };
    t.completers["id"] = [](std::string_view value, const Json&) {
      std::vector<std::string> all = {"alpha", "alps", "beta"}, out;
      for (auto& s : all)
        if (s.rfind(std::string(value), 0) == 0) out.push_back(s);
      return out;
    };
    // Outside REQUIRE: Catch2 repeats the expression in an unevaluated branch, which reads as a use after move.
    const auto added_t = server.add_resource_template(std::move(t));
    REQUIRE(added_t);

    Prompt p{"greet",
             "Greet",
             "Greets someone",
             {{"name", "", "Who", true}, {"tone", "", "How", false}},
             [](const std::map<std::string, std::string>& a, RequestContext&) -> Result<Json> {
               return Json{{"messages", {{{"role", "user"}, {"content", text_content("Hello " + a.at("name"))}}}}};
             },
             {}};
    p.completers["name"] = [](std::string_view, const Json& ctx) {
      std::vector<std::string> out(150, "x");
      if (ctx.contains("tone")) out[0] = "tone=" + ctx["tone"].get<std::string>();
      return out;
    };
    // Outside REQUIRE: Catch2 repeats the expression in an unevaluated branch, which reads as a use after move.
    const auto added_p = server.add_prompt(std::move(p));
    REQUIRE(added_p);
  }
};

Json tool_call(Json id, const std::string& name, Json args = Json::object(), Json meta = nullptr) {
  Json params = {{"name", name}, {"arguments", std::move(args)}};
  if (!meta.is_null()) params["_meta"] = std::move(meta);
  return request(std::move(id), "tools/call", std::move(params));
}

}  // namespace

TEST_CASE("initialize negotiates the revision and describes the server") {
  Fixture f;
  for (auto v : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) {
    Session s(f.server);
    Recorder out;
    auto r = call(s, out, request(1, "initialize", initialize_params(v)));
    REQUIRE(r.contains("result"));
    CHECK(r["result"]["protocolVersion"] == v);
    CHECK(s.protocol_version() == v);
  }
  Session s(f.server);
  Recorder out;
  auto r = call(s, out, request(1, "initialize", initialize_params("1999-01-01")));
  REQUIRE(r.contains("result"));
  const Json& res = r["result"];
  CHECK(res["protocolVersion"] == "2025-11-25");
  CHECK(res["serverInfo"]["name"] == "test-server");
  CHECK(res["serverInfo"]["title"] == "Test Server");
  CHECK(res["serverInfo"]["version"] == "1.2.3");
  CHECK(res["serverInfo"]["description"] == "A server for tests");
  CHECK(res["instructions"] == "Use it for tests.");
  const Json& caps = res["capabilities"];
  CHECK(caps.contains("tools"));
  CHECK(caps.contains("resources"));
  CHECK(caps["resources"]["subscribe"] == false);
  CHECK(caps.contains("prompts"));
  CHECK(caps.contains("completions"));
  CHECK(caps.contains("logging"));
}

TEST_CASE("capabilities list only what is registered") {
  Server bare({"bare", "", "0", "", "", nullptr}, "");
  Session s(bare);
  Recorder out;
  auto r = call(s, out, request(1, "initialize", initialize_params()));
  const Json& caps = r["result"]["capabilities"];
  CHECK_FALSE(caps.contains("tools"));
  CHECK_FALSE(caps.contains("resources"));
  CHECK_FALSE(caps.contains("prompts"));
  CHECK_FALSE(caps.contains("completions"));
  CHECK_FALSE(r["result"].contains("instructions"));
  // A registry that is empty still answers its list method with an empty list.
  CHECK(call(s, out, request(2, "tools/list"))["result"]["tools"].empty());
}

// A tool whose _meta (an MCP App's resourceUri) is tied to the extension "io.example/ui".
Tool ui_tool() {
  Tool t = make_tool("pic", kNoArgs, [](const Json&, RequestContext&) { return ToolResult::text("ok"); });
  t.meta = {{"ui", {{"resourceUri", "ui://x/app"}}}};
  t.meta_extension = "io.example/ui";
  return t;
}

TEST_CASE("an extension and a tool's _meta tied to it reach only the clients that announce it") {
  Server server({"ext", "", "0", "", "", nullptr}, "");
  REQUIRE(server.add_tool(ui_tool()));
  server.add_extension("io.example/ui", {{"v", 1}});
  server.add_extension("io.example/other");
  for (const bool announces : {false, true}) {
    INFO("announces: " << announces);
    Session s(server);
    Recorder out;
    Json params = initialize_params();
    if (announces)
      params["capabilities"]["extensions"] = {{"io.example/ui", Json::object()}, {"io.example/unknown", 1}};
    const Json caps = call(s, out, request(1, "initialize", params))["result"]["capabilities"];
    const Json tool = call(s, out, request(2, "tools/list"))["result"]["tools"][0];
    if (announces) {
      CHECK(caps["extensions"] == Json{{"io.example/ui", {{"v", 1}}}});  // not the one it did not announce
      CHECK(tool["_meta"]["ui"]["resourceUri"] == "ui://x/app");
    } else {
      CHECK_FALSE(caps.contains("extensions"));
      CHECK_FALSE(tool.contains("_meta"));
    }
  }
}

TEST_CASE("an extension's own check of the client's settings, and stateless sessions") {
  Server server({"ext", "", "0", "", "", nullptr}, "");
  REQUIRE(server.add_tool(ui_tool()));
  server.add_extension("io.example/ui", Json::object(), [](const Json& s) { return s.value("v", 0) == 2; });
  CHECK(server.offers_extension("io.example/ui", {{"extensions", {{"io.example/ui", {{"v", 2}}}}}}));
  CHECK_FALSE(server.offers_extension("io.example/ui", {{"extensions", {{"io.example/ui", {{"v", 1}}}}}}));
  CHECK_FALSE(server.offers_extension("io.example/other", {{"extensions", {{"io.example/other", Json::object()}}}}));
  Session s(server);
  Recorder out;
  Json params = initialize_params();
  params["capabilities"]["extensions"] = {{"io.example/ui", {{"v", 1}}}};  // settings the server does not take
  CHECK_FALSE(call(s, out, request(1, "initialize", params))["result"]["capabilities"].contains("extensions"));
  CHECK_FALSE(call(s, out, request(2, "tools/list"))["result"]["tools"][0].contains("_meta"));
  // Stateless: a request carries no client capabilities, so the _meta is listed for hosts that use it.
  SessionOptions stateless;
  stateless.require_initialize = false;
  Session each(server, stateless);
  CHECK(call(each, out, request(3, "tools/list"))["result"]["tools"][0]["_meta"]["ui"]["resourceUri"] == "ui://x/app");
}

TEST_CASE("a tool's title is listed once: top-level from 2025-06-18, in its annotations before") {
  Fixture f;
  for (const char* version : {"2025-03-26", "2025-06-18", "2025-11-25"}) {
    INFO(version);
    Session s(f.server);
    Recorder out;
    initialize(s, out, version);
    const Json tool = call(s, out, request(2, "tools/list"))["result"]["tools"][0];
    const bool top_level = std::string(version) >= "2025-06-18";
    CHECK(tool.contains("title") == top_level);
    CHECK(tool["annotations"].contains("title") == !top_level);
    CHECK(tool.value("title", tool["annotations"].value("title", "")) == "Title of echo");
    CHECK(tool["annotations"]["readOnlyHint"] == true);
  }
}

TEST_CASE("base64 and image blocks") {
  const std::pair<const char*, const char*> rfc4648[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [in, want] : rfc4648) {
    CHECK(base64(in) == want);
    CHECK(unbase64(want) == std::optional<std::string>(in));
  }
  CHECK_FALSE(unbase64("Zg="));   // not a multiple of four
  CHECK_FALSE(unbase64("Z!=="));  // not in the alphabet
  CHECK_FALSE(unbase64("A==="));  // one character alone holds no byte
  CHECK_FALSE(unbase64("Zh=="));  // bits after the last byte ("Zg==" is "f")
  CHECK_FALSE(unbase64("+/8", true));
  CHECK(unbase64("-_8", true) == std::optional<std::string>("\xfb\xff"));
  CHECK(base64("\xfb\xff") == "+/8=");
  CHECK(base64("\xfb\xff", true) == "-_8");
  CHECK(image_content("<svg/>", "image/svg+xml") ==
        Json{{"type", "image"}, {"data", "PHN2Zy8+"}, {"mimeType", "image/svg+xml"}});
}

TEST_CASE("initialize with malformed params is -32602; a second initialize is refused") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  CHECK(call(s, out, request(1, "initialize", Json::object()))["error"]["code"] == -32602);
  CHECK(call(s, out, request(2, "initialize", {{"protocolVersion", 5}}))["error"]["code"] == -32602);
  CHECK(call(s, out,
             request(3, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", 1}}))["error"]["code"] ==
        -32602);
  CHECK(call(s, out, request(4, "initialize", initialize_params()))["result"]["protocolVersion"] == "2025-11-25");
  CHECK(call(s, out, request(5, "initialize", initialize_params()))["error"]["code"] == -32600);
}

TEST_CASE("initialize with a clientInfo whose name or version is not a string is served, not a crash") {
  // fuzz_jsonrpc found it (regressions/jsonrpc/client-version-not-a-string): the log line of
  // initialize read clientInfo.version as a string, and an array there threw out of the session
  // and aborted the server, over stdio or HTTP, before it answered.
  Fixture f;
  for (const Json& odd : {Json::array({"a"}), Json::object(), Json(7), Json(nullptr), Json(true), Json(1.5)}) {
    for (const char* field : {"name", "version"}) {
      CAPTURE(odd.dump(), field);
      Session s(f.server);
      Recorder out;
      Json params = initialize_params();
      params["clientInfo"][field] = odd;
      const Json r = call(s, out, request(1, "initialize", params));
      REQUIRE(r.contains("result"));
      CHECK(r["result"]["protocolVersion"] == "2025-11-25");
      CHECK(call(s, out, request(2, "ping"))["result"] == Json::object());  // and the session goes on
    }
  }
}

TEST_CASE("before initialize only ping is served") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  CHECK(call(s, out, request(1, "ping"))["result"] == Json::object());
  auto r = call(s, out, request(2, "tools/list"));
  CHECK(r["error"]["code"] == -32600);
  CHECK(r["error"]["message"].get<std::string>().find("initialize") != std::string::npos);
  initialize(s, out);
  CHECK(call(s, out, request(3, "tools/list")).contains("result"));
}

TEST_CASE("a stateless session needs no initialize and speaks the assumed revision") {
  Fixture f;
  Session s(f.server, SessionOptions{false, "2025-06-18"});
  Recorder out;
  CHECK(s.protocol_version() == "2025-06-18");
  CHECK(call(s, out, tool_call(1, "echo", {{"text", "hi"}}))["result"]["structuredContent"]["echo"] == "hi");
}

TEST_CASE("notifications are never answered") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  s.receive(notification("notifications/initialized"), out);
  s.receive(notification("notifications/unknown"), out);
  s.receive(notification("notifications/cancelled", {{"requestId", 999}}), out);
  s.receive(Json::parse(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":3})"), out);
  CHECK(out.size() == 0);
}

TEST_CASE("unknown methods are -32601 and bad messages get their codes") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  auto r = call(s, out, request(1, "no/such/method"));
  CHECK(r["error"]["code"] == -32601);
  CHECK(r["error"]["message"].get<std::string>().find("no/such/method") != std::string::npos);

  s.receive_text("this is not json", out);
  s.receive_text(R"({"jsonrpc":"2.0","id":2})", out);
  s.receive_text(R"({"jsonrpc":"2.0","id":null,"method":"ping"})", out);
  s.receive_text(R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":"x"})", out);
  auto msgs = out.messages();
  REQUIRE(msgs.size() == 5);
  CHECK(msgs[1]["error"]["code"] == -32700);
  CHECK(msgs[1]["id"].is_null());
  CHECK(msgs[2]["error"]["code"] == -32600);
  CHECK(msgs[2]["id"] == 2);
  CHECK(msgs[3]["error"]["code"] == -32600);
  CHECK(msgs[4]["error"]["code"] == -32602);
  CHECK(msgs[4]["id"] == 3);
  // Resources subscription is not offered by this server.
  CHECK(call(s, out, request(4, "resources/subscribe", {{"uri", "mem://a"}}))["error"]["code"] == -32601);
}

TEST_CASE("lists are paginated with opaque cursors in registration order") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  std::vector<std::string> names;
  Json cursor;
  int pages = 0;
  do {
    Json params = cursor.is_null() ? Json::object() : Json{{"cursor", cursor}};
    auto r = call(s, out, request(100 + pages, "tools/list", params));
    REQUIRE(r.contains("result"));
    CHECK(r["result"]["tools"].size() <= 2);
    for (const auto& t : r["result"]["tools"]) names.push_back(t["name"]);
    cursor = r["result"].value("nextCursor", Json());
    ++pages;
  } while (!cursor.is_null() && pages < 10);
  CHECK(pages == 4);
  CHECK(names ==
        std::vector<std::string>{"echo", "slow", "throws", "bad_output", "no_structured", "fails", "chatty", "ask"});

  auto bad = call(s, out, request(1, "tools/list", {{"cursor", "garbage"}}));
  CHECK(bad["error"]["code"] == -32602);
  auto foreign = call(s, out, request(2, "prompts/list", {{"cursor", encode_cursor('t', 1)}}));
  CHECK(foreign["error"]["code"] == -32602);
  CHECK(call(s, out, request(3, "tools/list", {{"cursor", 5}}))["error"]["code"] == -32602);
}

TEST_CASE("tool listings carry title, annotations and schemas as the revision allows") {
  Fixture f;
  {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-11-25");
    auto t = call(s, out, request(1, "tools/list"))["result"]["tools"][0];
    CHECK(t["name"] == "echo");
    CHECK(t["title"] == "Title of echo");
    CHECK(t["description"] == "Description of echo");
    CHECK(t["inputSchema"] == kEchoIn);
    CHECK(t["outputSchema"] == kEchoOut);
    CHECK(t["annotations"]["readOnlyHint"] == true);
    CHECK(t["annotations"]["idempotentHint"] == true);
    CHECK(t["annotations"]["openWorldHint"] == false);
    CHECK_FALSE(t["annotations"].contains("destructiveHint"));
  }
  {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2024-11-05");
    auto t = call(s, out, request(1, "tools/list"))["result"]["tools"][0];
    CHECK_FALSE(t.contains("title"));
    CHECK_FALSE(t.contains("outputSchema"));
    CHECK_FALSE(t.contains("annotations"));
  }
}

TEST_CASE("tools/call: success, validation, errors") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);

  SECTION("a success with an output schema carries structuredContent and the tool's own text, once") {
    auto r = call(s, out, tool_call(1, "echo", {{"text", "hi"}}))["result"];
    CHECK(r["structuredContent"] == Json{{"echo", "hi"}});
    CHECK_FALSE(r.contains("isError"));
    REQUIRE(r["content"].size() == 1);
    CHECK(r["content"][0]["text"] == "Echo: hi");
  }
  SECTION("unknown tool is a protocol error -32602 naming the tools") {
    auto r = call(s, out, tool_call(1, "nope"));
    CHECK(r["error"]["code"] == -32602);
    CHECK(r["error"]["message"].get<std::string>().find("echo") != std::string::npos);
    CHECK(call(s, out, request(2, "tools/call", {{"arguments", Json::object()}}))["error"]["code"] == -32602);
    CHECK(call(s, out, request(3, "tools/call", {{"name", "echo"}, {"arguments", "x"}}))["error"]["code"] == -32602);
  }
  SECTION("arguments that break the input schema give isError with the reason, no structuredContent") {
    auto r = call(s, out, tool_call(1, "echo", {{"text", 5}}))["result"];
    CHECK(r["isError"] == true);
    CHECK_FALSE(r.contains("structuredContent"));
    CHECK(r["content"][0]["text"].get<std::string>().find("/text") != std::string::npos);
    auto missing = call(s, out, tool_call(2, "echo", Json::object()))["result"];
    CHECK(missing["isError"] == true);
    auto extra = call(s, out, tool_call(3, "echo", {{"text", "a"}, {"more", 1}}))["result"];
    CHECK(extra["isError"] == true);
    auto toolong = call(s, out, tool_call(4, "echo", {{"text", std::string(21, 'x')}}))["result"];
    CHECK(toolong["isError"] == true);
  }
  SECTION("missing arguments count as an empty object") {
    auto r = call(s, out, request(1, "tools/call", {{"name", "chatty"}}))["result"];
    CHECK_FALSE(r.contains("isError"));
  }
  SECTION("a throwing handler becomes isError, and the session keeps serving") {
    auto r = call(s, out, tool_call(1, "throws"))["result"];
    CHECK(r["isError"] == true);
    CHECK(r["content"][0]["text"].get<std::string>().find("internal error") != std::string::npos);
    CHECK(call(s, out, request(2, "ping"))["result"] == Json::object());
  }
  SECTION("output that breaks the output schema is never sent as structuredContent") {
    auto r = call(s, out, tool_call(1, "bad_output"))["result"];
    CHECK(r["isError"] == true);
    CHECK_FALSE(r.contains("structuredContent"));
    auto r2 = call(s, out, tool_call(2, "no_structured"))["result"];
    CHECK(r2["isError"] == true);
    CHECK_FALSE(r2.contains("structuredContent"));
  }
  SECTION("an error result drops the structuredContent a handler left on it") {
    auto r = call(s, out, tool_call(1, "fails"))["result"];
    CHECK(r["isError"] == true);
    CHECK_FALSE(r.contains("structuredContent"));
    CHECK(r["content"][0]["text"] == "it failed; try X");
  }
}

TEST_CASE("output checks are an option: off, a tool's output goes out unchecked") {
  Fixture f(false);
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  auto r = call(s, out, tool_call(1, "bad_output"))["result"];
  CHECK_FALSE(r.contains("isError"));
  CHECK(r["structuredContent"] == Json{{"wrong", 1}});
  // Without any structuredContent the result breaks the protocol, checks or not.
  auto r2 = call(s, out, tool_call(2, "no_structured"))["result"];
  CHECK(r2["isError"] == true);
}

TEST_CASE("progress goes only to callers with a token; logs respect logging/setLevel") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);

  call(s, out, tool_call(1, "chatty"));
  auto msgs = out.messages();
  int progress = 0, logs = 0;
  for (const auto& m : msgs) {
    if (m.value("method", "") == "notifications/progress") ++progress;
    if (m.value("method", "") == "notifications/message") ++logs;
  }
  CHECK(progress == 0);
  CHECK(logs == 2);  // no level set: everything is sent

  out.clear();
  CHECK(call(s, out, request(2, "logging/setLevel", {{"level", "warning"}}))["result"] == Json::object());
  call(s, out, tool_call(3, "chatty", Json::object(), {{"progressToken", "tok"}}));
  msgs = out.messages();
  std::vector<Json> prog, log;
  for (const auto& m : msgs) {
    if (m.value("method", "") == "notifications/progress") prog.push_back(m["params"]);
    if (m.value("method", "") == "notifications/message") log.push_back(m["params"]);
  }
  REQUIRE(prog.size() == 2);
  CHECK(prog[0]["progressToken"] == "tok");
  CHECK(prog[0]["progress"] == 1);
  CHECK(prog[0]["total"] == 2);
  CHECK(prog[0]["message"] == "half");
  REQUIRE(log.size() == 1);
  CHECK(log[0]["level"] == "warning");
  CHECK(log[0]["logger"] == "chatty");
  CHECK(log[0]["data"]["note"] == "warning line");

  CHECK(call(s, out, request(4, "logging/setLevel", {{"level", "loud"}}))["error"]["code"] == -32602);
  CHECK(call(s, out, request(5, "logging/setLevel"))["error"]["code"] == -32602);
}

TEST_CASE("a cancelled request gets no reply, and the handler sees the cancellation") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  WorkerPool pool(2);
  Session::Executor exec = [&pool](std::function<void()> w) { pool.post(std::move(w)); };

  s.receive(tool_call("slow-1", "slow"), out, exec);
  // ping is answered while the slow tool runs.
  s.receive(request("p", "ping"), out, exec);
  CHECK(out.reply("p", 1s)["result"] == Json::object());
  s.receive(notification("notifications/cancelled", {{"requestId", "slow-1"}, {"reason", "user"}}), out, exec);
  s.wait_idle();
  CHECK(f.slow_saw_cancel);
  CHECK(out.reply("slow-1", 200ms).is_null());
  // The id is free again after the cancelled request ended.
  s.receive(tool_call("slow-1", "echo", {{"text", "again"}}), out, exec);
  CHECK(out.reply("slow-1", 2s)["result"]["structuredContent"]["echo"] == "again");
}

TEST_CASE("a request id in flight cannot be reused") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  WorkerPool pool(2);
  Session::Executor exec = [&pool](std::function<void()> w) { pool.post(std::move(w)); };
  s.receive(tool_call(7, "slow"), out, exec);
  s.receive(tool_call(7, "echo", {{"text", "dup"}}), out, exec);
  auto dup = out.reply(7, 1s);
  CHECK(dup["error"]["code"] == -32600);
  CHECK(dup["error"]["message"].get<std::string>().find("already in use") != std::string::npos);
  s.receive(notification("notifications/cancelled", {{"requestId", 7}}), out, exec);
  s.wait_idle();
}

TEST_CASE("asking the client: capability check, routing of the answer, errors") {
  Fixture f;
  SECTION("without the capability the tool gets -32601 and reports it") {
    Session s(f.server);
    Recorder out;
    initialize(s, out);
    auto r = call(s, out, tool_call(1, "ask"))["result"];
    CHECK(r["isError"] == true);
    CHECK(r["content"][0]["text"].get<std::string>().find("sampling") != std::string::npos);
  }
  SECTION("with it, the request goes out and the answer comes back to the handler") {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-11-25", {{"sampling", Json::object()}});
    WorkerPool pool(2);
    Session::Executor exec = [&pool](std::function<void()> w) { pool.post(std::move(w)); };
    s.receive(tool_call(1, "ask"), out, exec);
    Json req = out.first("sampling/createMessage");
    REQUIRE(req.contains("id"));
    CHECK(req["params"]["maxTokens"] == 5);
    s.receive({{"jsonrpc", "2.0"}, {"id", req["id"]}, {"result", {{"content", {{"type", "text"}, {"text", "42"}}}}}},
              out, exec);
    auto r = out.reply(1, 2s)["result"];
    CHECK(r["content"][0]["text"].get<std::string>().find("42") != std::string::npos);
    // An answer to an id we never sent is ignored, not answered.
    const auto before = out.size();
    s.receive({{"jsonrpc", "2.0"}, {"id", "srv-999"}, {"result", Json::object()}}, out, exec);
    CHECK(out.size() == before);
  }
  SECTION("an error answer reaches the handler") {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-11-25", {{"sampling", Json::object()}});
    WorkerPool pool(2);
    Session::Executor exec = [&pool](std::function<void()> w) { pool.post(std::move(w)); };
    s.receive(tool_call(1, "ask"), out, exec);
    Json req = out.first("sampling/createMessage");
    REQUIRE(req.contains("id"));
    s.receive({{"jsonrpc", "2.0"}, {"id", req["id"]}, {"error", {{"code", -1}, {"message", "user declined"}}}}, out,
              exec);
    auto r = out.reply(1, 2s)["result"];
    CHECK(r["isError"] == true);
    CHECK(r["content"][0]["text"].get<std::string>().find("user declined") != std::string::npos);
  }
  SECTION("closing the session fails the wait instead of hanging") {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-11-25", {{"sampling", Json::object()}});
    WorkerPool pool(2);
    Session::Executor exec = [&pool](std::function<void()> w) { pool.post(std::move(w)); };
    s.receive(tool_call(1, "ask"), out, exec);
    REQUIRE(out.first("sampling/createMessage").contains("id"));
    s.close();
    s.wait_idle();
    CHECK(out.reply(1, 200ms).is_null());  // closed means cancelled: no reply
  }
}

TEST_CASE("resources: list, read, templates, not found") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  auto list = call(s, out, request(1, "resources/list"))["result"]["resources"];
  REQUIRE(list.size() == 1);
  CHECK(list[0] == Json{{"uri", "mem://a"},
                        {"name", "a"},
                        {"title", "A"},
                        {"description", "Resource A"},
                        {"mimeType", "text/plain"},
                        {"size", 1}});
  auto tl = call(s, out, request(2, "resources/templates/list"))["result"]["resourceTemplates"];
  REQUIRE(tl.size() == 1);
  CHECK(tl[0]["uriTemplate"] == "mem://items/{id}");

  CHECK(call(s, out, request(3, "resources/read", {{"uri", "mem://a"}}))["result"]["contents"][0]["text"] == "a");
  auto item = call(s, out, request(4, "resources/read", {{"uri", "mem://items/x1"}}))["result"]["contents"][0];
  CHECK(item["uri"] == "mem://items/x1");
  CHECK(Json::parse(item["text"].get<std::string>())["id"] == "x1");

  auto nf = call(s, out, request(5, "resources/read", {{"uri", "mem://nothing"}}));
  CHECK(nf["error"]["code"] == -32002);
  CHECK(nf["error"]["data"]["uri"] == "mem://nothing");
  CHECK(call(s, out, request(6, "resources/read", {{"uri", "mem://items/missing"}}))["error"]["code"] == -32002);
  CHECK(call(s, out, request(7, "resources/read"))["error"]["code"] == -32602);
}

TEST_CASE("prompts: list, get, argument checks") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  auto list = call(s, out, request(1, "prompts/list"))["result"]["prompts"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["name"] == "greet");
  CHECK(list[0]["description"] == "Greets someone");
  CHECK(list[0]["arguments"][0] == Json{{"name", "name"}, {"description", "Who"}, {"required", true}});

  auto ok = call(s, out, request(2, "prompts/get", {{"name", "greet"}, {"arguments", {{"name", "Ada"}}}}));
  CHECK(ok["result"]["messages"][0]["content"]["text"] == "Hello Ada");
  CHECK(call(s, out, request(3, "prompts/get", {{"name", "greet"}}))["error"]["code"] == -32602);
  CHECK(call(s, out, request(4, "prompts/get", {{"name", "greet"}, {"arguments", {{"name", 1}}}}))["error"]["code"] ==
        -32602);
  CHECK(call(s, out,
             request(5, "prompts/get",
                     {{"name", "greet"}, {"arguments", {{"name", "a"}, {"x", "b"}}}}))["error"]["code"] == -32602);
  CHECK(call(s, out, request(6, "prompts/get", {{"name", "nope"}}))["error"]["code"] == -32602);
}

TEST_CASE("completion/complete for prompt arguments and template variables") {
  Fixture f;
  Session s(f.server);
  Recorder out;
  initialize(s, out);
  auto r = call(s, out,
                request(1, "completion/complete",
                        {{"ref", {{"type", "ref/resource"}, {"uri", "mem://items/{id}"}}},
                         {"argument", {{"name", "id"}, {"value", "al"}}}}));
  CHECK(r["result"]["completion"]["values"] == Json{"alpha", "alps"});
  CHECK(r["result"]["completion"]["hasMore"] == false);

  auto many = call(s, out,
                   request(2, "completion/complete",
                           {{"ref", {{"type", "ref/prompt"}, {"name", "greet"}}},
                            {"argument", {{"name", "name"}, {"value", ""}}},
                            {"context", {{"arguments", {{"tone", "warm"}}}}}}));
  CHECK(many["result"]["completion"]["values"].size() == 100);
  CHECK(many["result"]["completion"]["total"] == 150);
  CHECK(many["result"]["completion"]["hasMore"] == true);
  CHECK(many["result"]["completion"]["values"][0] == "tone=warm");

  auto none = call(s, out,
                   request(3, "completion/complete",
                           {{"ref", {{"type", "ref/prompt"}, {"name", "greet"}}},
                            {"argument", {{"name", "tone"}, {"value", "x"}}}}));
  CHECK(none["result"]["completion"]["values"].empty());

  CHECK(call(s, out,
             request(4, "completion/complete",
                     {{"ref", {{"type", "ref/prompt"}, {"name", "nope"}}},
                      {"argument", {{"name", "a"}, {"value", ""}}}}))["error"]["code"] == -32602);
  CHECK(call(s, out,
             request(5, "completion/complete",
                     {{"ref", {{"type", "ref/other"}}},
                      {"argument", {{"name", "a"}, {"value", ""}}}}))["error"]["code"] == -32602);
  CHECK(call(s, out,
             request(6, "completion/complete",
                     {{"ref", {{"type", "ref/prompt"}, {"name", "greet"}}}}))["error"]["code"] == -32602);
}

TEST_CASE("batches only where 2025-03-26 was negotiated") {
  Fixture f;
  Json batch = Json::array({request(1, "ping"), notification("notifications/initialized"), request(2, "tools/list")});
  {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-06-18");
    s.receive(batch, out);
    auto msgs = out.messages();
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0]["error"]["code"] == -32600);
    CHECK(msgs[0]["id"].is_null());
  }
  {
    Session s(f.server);
    Recorder out;
    initialize(s, out, "2025-03-26");
    s.receive(batch, out);
    auto msgs = out.messages();
    REQUIRE(msgs.size() == 1);
    REQUIRE(msgs[0].is_array());
    REQUIRE(msgs[0].size() == 2);  // the notification is not answered
    CHECK(msgs[0][0]["id"] == 1);
    CHECK(msgs[0][1]["id"] == 2);
    out.clear();
    s.receive(Json::array(), out);
    CHECK(out.messages().at(0)["error"]["code"] == -32600);
    out.clear();
    s.receive(Json::array({notification("notifications/initialized")}), out);
    CHECK(out.size() == 0);  // a batch of notifications gets no reply at all
  }
}

TEST_CASE("registration refuses what clients would reject") {
  Server s({"x", "", "0", "", "", nullptr}, "");
  auto h = [](const Json&, RequestContext&) { return ToolResult::text("x"); };
  CHECK_FALSE(s.add_tool(make_tool("bad name", kNoArgs, h)));
  CHECK_FALSE(s.add_tool(make_tool("", kNoArgs, h)));
  CHECK_FALSE(s.add_tool(make_tool(std::string(129, 'a'), kNoArgs, h)));
  CHECK_FALSE(s.add_tool(make_tool("no_props", Json::parse(R"({"type":"object"})"), h)));
  CHECK_FALSE(s.add_tool(
      make_tool("array_no_items", Json::parse(R"({"type":"object","properties":{"a":{"type":"array"}}})"), h)));
  CHECK_FALSE(s.add_tool(make_tool("bad_out", kNoArgs, h, Json::parse(R"({"type":"string"})"))));
  Tool nodesc = make_tool("nodesc", kNoArgs, h);
  nodesc.description.clear();
  CHECK_FALSE(s.add_tool(nodesc));
  CHECK(s.add_tool(make_tool("good", kNoArgs, h)));
  auto dup = s.add_tool(make_tool("good", kNoArgs, h));
  REQUIRE_FALSE(dup);
  CHECK(dup.error().message.find("twice") != std::string::npos);
  CHECK_FALSE(s.add_prompt({"p", "", "", {}, [](const auto&, RequestContext&) -> Result<Json> { return Json(); }, {}}));
  CHECK_FALSE(s.add_resource({"", "n", "", "", "", std::nullopt, nullptr}));
  ResourceTemplate t;
  t.uri_template = "x://{a";
  t.name = "t";
  t.read = [](const std::string&, const std::map<std::string, std::string>&, RequestContext&) -> Result<Json> {
    return Json();
  };
  CHECK_FALSE(s.add_resource_template(t));
}

#include <mcp/local.h>

TEST_CASE("LocalClient runs requests in-process through the same dispatch path") {
  Fixture f;
  std::vector<Json> notes;
  LocalClient c(f.server, "2025-11-25", [&](const Json& n) { notes.push_back(n); });
  auto r = c.call_tool("echo", {{"text", "local"}});
  REQUIRE(r);
  CHECK((*r)["structuredContent"]["echo"] == "local");
  auto bad = c.call_tool("echo", {{"text", 3}});
  REQUIRE(bad);
  CHECK((*bad)["isError"] == true);
  auto unknown = c.call_tool("nope", Json::object());
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == -32602);
  auto list = c.request("tools/list");
  REQUIRE(list);
  CHECK((*list)["tools"].size() == 2);  // page size 2
  REQUIRE(c.call_tool("chatty", Json::object()));
  CHECK(notes.size() == 2);  // the two log messages (no progress token was sent)
}

TEST_CASE("a precomputed answer goes out as its text, and is checked as the JSON a client reads") {
  Server server{{"test-server", "Test Server", "1.2.3", "", "", nullptr}, "", ServerOptions{2, false, true}};
  auto precomputed = [](std::string text) {
    return [text](const Json&, RequestContext&) { return ToolResult::precomputed(text, R"(Echo: \"hi\")"); };
  };
  REQUIRE(server.add_tool(make_tool("pre", kNoArgs, precomputed(R"({"echo":"hi \u00e9 \"x\""})"), kEchoOut)));
  REQUIRE(server.add_tool(make_tool("pre_wrong", kNoArgs, precomputed(R"({"wrong":1})"), kEchoOut)));
  REQUIRE(server.add_tool(make_tool("pre_broken", kNoArgs, precomputed(R"({"echo":)"), kEchoOut)));
  REQUIRE(server.add_tool(make_tool(
      "pre_bad_text", kNoArgs,
      [](const Json&, RequestContext&) { return ToolResult::precomputed(R"({"echo":"x"})", R"(a " b)"); }, kEchoOut)));
  Session s(server);
  Recorder out;
  initialize(s, out);

  const Json reply = call(s, out, tool_call(7, "pre"));
  const std::string line = jsonrpc::serialize(reply);
  // Written as given, escapes and all, as the result's member.
  CHECK(line.find(R"("structuredContent":{"echo":"hi \u00e9 \"x\""})") != std::string::npos);
  const Json parsed = Json::parse(line);
  CHECK(parsed["id"] == 7);
  CHECK(parsed["jsonrpc"] == "2.0");
  CHECK(parsed["result"]["structuredContent"]["echo"] == "hi \u00e9 \"x\"");
  CHECK(parsed["result"]["content"][0]["text"] == "Echo: \"hi\"");
  CHECK(parsed["result"]["content"][0]["type"] == "text");
  CHECK(without_raw(reply["result"]) == parsed["result"]);
  CHECK(line.find('\n') == std::string::npos);

  // Checked as what it says, when outputs are checked: neither goes out.
  for (const char* bad : {"pre_wrong", "pre_broken", "pre_bad_text"}) {
    INFO(bad);
    auto r = call(s, out, tool_call(8, bad))["result"];
    CHECK(r["isError"] == true);
    CHECK_FALSE(r.contains("structuredContent"));
    CHECK(jsonrpc::serialize(r).find("bytes") == std::string::npos);
  }

  // In a batch's array of replies too (2025-03-26).
  Session batching(server);
  Recorder batch_out;
  initialize(batching, batch_out, "2025-03-26");
  batching.receive(Json::array({tool_call(1, "pre"), request(2, "ping"), tool_call(3, "pre")}), batch_out);
  REQUIRE(batch_out.size() == 1);
  const Json replies = Json::parse(jsonrpc::serialize(batch_out.messages().front()));
  REQUIRE(replies.is_array());
  REQUIRE(replies.size() == 3);
  for (const auto& m : replies)
    if (m["id"] != 2) CHECK(m["result"]["structuredContent"]["echo"] == "hi \u00e9 \"x\"");

  // An in-process client reads it parsed.
  LocalClient client(server);
  const auto r = client.call_tool("pre", Json::object());
  REQUIRE(r);
  CHECK(r->at("structuredContent") == Json{{"echo", "hi \u00e9 \"x\""}});
  CHECK_FALSE(raw_json_text(r->at("structuredContent")));
}

TEST_CASE("raw JSON: only a raw value is raw; other values pass without_raw unchanged") {
  const Json raw = raw_json(R"([1,"two"])");
  REQUIRE(raw_json_text(raw));
  CHECK(*raw_json_text(raw) == R"([1,"two"])");
  CHECK(without_raw(raw) == Json::array({1, "two"}));
  const Json binary = Json::binary({1, 2, 3}, 5);  // a binary value of another subtype
  CHECK_FALSE(raw_json_text(binary));
  CHECK_FALSE(raw_json_text(Json("[1]")));
  const Json plain = {{"a", 1}, {"b", {{"c", "d"}}}};
  CHECK(without_raw(plain) == plain);
  // Without a raw member, serialize writes what dump writes.
  const Json msg = {{"jsonrpc", "2.0"}, {"id", 1}, {"result", {{"x", "y"}}}};
  CHECK(jsonrpc::serialize(msg) == msg.dump());
}

TEST_CASE("a quick tool runs on the thread that read the call; others go to the executor") {
  Server server{{"test-server", "Test Server", "1.2.3", "", "", nullptr}, "", ServerOptions{2, false, true}};
  std::thread::id ran_on;
  std::mutex mu;
  auto record = [&](const Json&, RequestContext&) {
    std::lock_guard lock(mu);
    ran_on = std::this_thread::get_id();
    return ToolResult::text("ok");
  };
  Tool quick = make_tool("quick", kNoArgs, record);
  quick.quick = true;
  REQUIRE(server.add_tool(std::move(quick)));
  REQUIRE(server.add_tool(make_tool("queued", kNoArgs, record)));
  Session s(server);
  Recorder out;
  initialize(s, out);
  std::vector<std::thread> workers;
  std::size_t posted = 0;
  const Session::Executor executor = [&](std::function<void()> work) {
    ++posted;
    workers.emplace_back(std::move(work));
  };
  s.receive(tool_call(1, "quick"), out, executor);
  CHECK(posted == 0);
  CHECK(out.reply(1, 2000ms)["result"]["content"][0]["text"] == "ok");
  {
    std::lock_guard lock(mu);
    CHECK(ran_on == std::this_thread::get_id());
  }
  s.receive(tool_call(2, "queued"), out, executor);
  CHECK(out.reply(2, 2000ms)["result"]["content"][0]["text"] == "ok");
  for (auto& w : workers) w.join();
  CHECK(posted == 1);
  std::lock_guard lock(mu);
  CHECK(ran_on != std::this_thread::get_id());
}
