#include "fixture.h"

#include <cstdlib>

namespace test_http {

namespace {

using mcp::Json;
using mcp::RequestContext;
using mcp::ToolResult;

const Json kNoArgs = {{"type", "object"}, {"properties", Json::object()}};

void add(mcp::Server& s, std::string name, Json schema, mcp::ToolHandler handler) {
  mcp::Tool t;
  t.name = std::move(name);
  t.description = "test tool " + t.name;
  t.input_schema = std::move(schema);
  t.handler = std::move(handler);
  auto st = s.add_tool(std::move(t));
  if (!st) FAIL("tool registration failed: " << st.error().message);
}

mcp::http::HttpOptions make_options(const std::function<void(mcp::http::HttpOptions&)>& configure) {
  mcp::http::HttpOptions o;
  o.port = 0;
  o.threads = 16;
  o.read_timeout = std::chrono::seconds(2);
  o.idle_timeout = std::chrono::seconds(5);
  o.shutdown_grace = std::chrono::seconds(5);
  if (configure) configure(o);
  return o;
}

}  // namespace

TestServer::TestServer(std::function<void(mcp::http::HttpOptions&)> configure)
    : server({"http-test", "HTTP test server", "1.0.0", "", "", nullptr}, ""), http(server, make_options(configure)) {
  add(server, "echo", {{"type", "object"}, {"properties", {{"text", {{"type", "string"}}}}}, {"required", {"text"}}},
      [](const Json& a, RequestContext&) { return ToolResult::text(a["text"].get<std::string>()); });
  // Parameters mirrored into Mcp-Param-* headers by 2026-07-28 clients (x-mcp-header).
  add(server, "regional", Json::parse(R"({"type":"object","properties":{
        "region":{"type":"string","x-mcp-header":"Region"},"count":{"type":"integer","x-mcp-header":"Count"},
        "options":{"type":"object","properties":{"dry":{"type":"boolean","x-mcp-header":"Dry-Run"}}},
        "query":{"type":"string"}},"required":["query"]})"),
      [](const Json& a, RequestContext&) { return ToolResult::text("ran " + a["query"].get<std::string>()); });
  add(server, "progress", kNoArgs, [](const Json&, RequestContext& ctx) {
    for (int i = 1; i <= 3; ++i) ctx.progress(i, 3);
    return ToolResult::text("progress done");
  });
  add(server, "gate", kNoArgs, [this](const Json&, RequestContext& ctx) {
    return gate.wait([&] { return ctx.cancelled(); }) ? ToolResult::text("gate opened") : ToolResult::text("cancelled");
  });
  add(server, "ask", kNoArgs, [](const Json&, RequestContext& ctx) {
    Json params = {{"messages", {{{"role", "user"}, {"content", {{"type", "text"}, {"text", "2+2?"}}}}}},
                   {"maxTokens", 10}};
    auto r = ctx.ask_client("sampling/createMessage", params, std::chrono::seconds(5));
    if (!r) return ToolResult::error("ask failed: " + r.error().message);
    return ToolResult::text("answer: " + (*r)["content"].value("text", std::string("?")));
  });
  add(server, "close", kNoArgs, [this](const Json&, RequestContext& ctx) {
    ctx.close_stream();
    gate.wait([&] { return ctx.cancelled(); });
    return ToolResult::text("after close");
  });
  auto started = http.start();
  if (!started) FAIL("the HTTP server did not start: " << started.error().message);
}

std::string TestServer::open_session(const std::string& version) {
  const std::string init = R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":")" + version +
                           R"(","capabilities":{"sampling":{}},"clientInfo":{"name":"test","version":"0"}}})";
  Response r = post(init);
  REQUIRE(r.status == 200);
  std::string sid = r.header("mcp-session-id");
  Response n = post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", sid);
  REQUIRE(n.status == 202);
  return sid;
}

Response TestServer::post(const std::string& body, const std::string& session,
                          std::vector<std::pair<std::string, std::string>> headers, bool sse) {
  Request req;
  req.body = body;
  req.default_accept = false;
  req.headers.push_back({"Accept", sse ? "application/json, text/event-stream" : "application/json"});
  if (!session.empty()) req.headers.push_back({"Mcp-Session-Id", session});
  for (auto& h : headers) req.headers.push_back(std::move(h));
  return request(port(), req);
}

std::string call(int id, const std::string& tool, const std::string& arguments, const std::string& meta) {
  std::string params = R"({"name":")" + tool + R"(","arguments":)" + arguments;
  if (!meta.empty()) params += R"(,"_meta":)" + meta;
  params += "}";
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":"tools/call","params":)" + params + "}";
}

mcp::Json json_of(const Response& r) {
  auto j = mcp::Json::parse(r.body, nullptr, false);
  if (j.is_discarded()) FAIL("not JSON: " << r.body);
  return j;
}

}  // namespace test_http
