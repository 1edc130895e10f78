// The Streamable HTTP transport end to end, in-process, through raw HTTP: the rules of the issue
// (403, 401, 413, 404 after DELETE, 400 on a bad protocol header, 405 or SSE on GET, 202 on
// notifications, stateless mode, graceful stop) and the behaviour clients rely on.
#include "fixture.h"

#include <catch2/catch.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <future>
#include <sstream>
#include <thread>

using namespace test_http;
using mcp::Json;

namespace {

const std::string kPing = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";

Request raw(std::string method, std::string body = {}) {
  Request r;
  r.method = std::move(method);
  r.body = std::move(body);
  return r;
}

}  // namespace

// ---- sessions --------------------------------------------------------------------------------------------

TEST_CASE("initialize answers JSON with a fresh Mcp-Session-Id of 64 visible characters") {
  TestServer s;
  Response r = s.post(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
  const std::string sid = r.header("mcp-session-id");
  CHECK(sid.size() == 64);
  CHECK(std::all_of(sid.begin(), sid.end(), [](char c) { return c >= 0x21 && c <= 0x7e; }));
  Json j = json_of(r);
  CHECK(j["id"] == 1);
  CHECK(j["result"]["protocolVersion"] == "2025-11-25");
  CHECK(s.open_session() != s.open_session());
  CHECK(s.http.session_count() == 3);
}

TEST_CASE("initialize is accepted with a stale session id and whatever protocol header it carries") {
  TestServer s;
  Response r = s.post(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})",
      "no-such-session", {{"MCP-Protocol-Version", "1999-01-01"}});
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["result"]["protocolVersion"] == "2025-06-18");
  CHECK(r.header("mcp-session-id").size() == 64);
}

TEST_CASE("a failed initialize opens no session") {
  TestServer s;
  Response r = s.post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["error"]["code"] == -32602);
  CHECK_FALSE(r.has("mcp-session-id"));
  CHECK(s.http.session_count() == 0);
}

TEST_CASE("requests need a session id: missing is 400, unknown is 404") {
  TestServer s;
  Response missing = s.post(kPing);
  CHECK(missing.status == 400);
  CHECK(json_of(missing)["error"]["message"].get<std::string>().find("Mcp-Session-Id") != std::string::npos);
  Response unknown = s.post(kPing, std::string(64, 'a'));
  CHECK(unknown.status == 404);
  CHECK(json_of(unknown)["id"] == 1);
}

TEST_CASE("notifications and responses get 202 with no body") {
  TestServer s;
  const std::string sid = s.open_session();
  Response n = s.post(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}})", sid);
  CHECK(n.status == 202);
  CHECK(n.body.empty());
  Response resp = s.post(R"({"jsonrpc":"2.0","id":"srv-404","result":{}})", sid);
  CHECK(resp.status == 202);
  CHECK(resp.body.empty());
}

TEST_CASE("DELETE ends a session: later requests get 404") {
  TestServer s;
  const std::string sid = s.open_session();
  CHECK(s.post(kPing, sid).status == 200);
  Request del = raw("DELETE");
  del.headers.push_back({"Mcp-Session-Id", sid});
  CHECK(request(s.port(), del).status == 200);
  CHECK(s.post(kPing, sid).status == 404);
  CHECK(request(s.port(), del).status == 404);
  Request no_id = raw("DELETE");
  CHECK(request(s.port(), no_id).status == 400);
  CHECK(s.http.session_count() == 0);
}

TEST_CASE("MCP-Protocol-Version: unsupported is 400, absent means 2025-03-26, supported passes") {
  TestServer s;
  const std::string sid = s.open_session();
  Response bad = s.post(kPing, sid, {{"MCP-Protocol-Version", "2099-01-01"}});
  CHECK(bad.status == 400);
  CHECK(json_of(bad)["error"]["message"].get<std::string>().find("2099-01-01") != std::string::npos);
  CHECK(s.post(kPing, sid, {{"MCP-Protocol-Version", "2025-11-25"}}).status == 200);
  CHECK(s.post(kPing, sid, {{"MCP-Protocol-Version", "2025-03-26"}}).status == 200);  // the suite sends this
  CHECK(s.post(kPing, sid).status == 200);
  Request get = raw("GET");
  get.headers = {{"Mcp-Session-Id", sid}, {"MCP-Protocol-Version", "nope"}};
  CHECK(request(s.port(), get).status == 400);
  Request del = raw("DELETE");
  del.headers = {{"Mcp-Session-Id", sid}, {"MCP-Protocol-Version", "nope"}};
  CHECK(request(s.port(), del).status == 400);
  CHECK(s.http.session_count() == 1);
}

TEST_CASE("the session cap answers 503 until a session ends") {
  TestServer s([](auto& o) { o.max_sessions = 2; });
  const std::string a = s.open_session();
  s.open_session();
  Response full = s.post(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})");
  CHECK(full.status == 503);
  CHECK(full.has("retry-after"));
  Request del = raw("DELETE");
  del.headers.push_back({"Mcp-Session-Id", a});
  REQUIRE(request(s.port(), del).status == 200);
  CHECK_FALSE(s.open_session().empty());
}

TEST_CASE("an idle session expires and then answers 404") {
  TestServer s([](auto& o) { o.session_idle_timeout = std::chrono::seconds(1); });
  const std::string sid = s.open_session();
  CHECK(s.post(kPing, sid).status == 200);
  // Expiry takes a second of idleness (any request would renew it): watch the count, bounded.
  const auto start = std::chrono::steady_clock::now();
  while (s.http.session_count() > 0 && std::chrono::steady_clock::now() - start < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(s.http.session_count() == 0);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));
  CHECK(s.post(kPing, sid).status == 404);
}

// ---- security ---------------------------------------------------------------------------------------------

TEST_CASE("a foreign Host or Origin gets 403 before the body is parsed") {
  TestServer s;
  Request evil = raw("POST", "this is not JSON");
  evil.default_host = false;
  evil.headers = {{"Host", "evil.example.com"}};
  Response r = request(s.port(), evil);
  CHECK(r.status == 403);
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("Host") != std::string::npos);

  Request wrong_port = raw("POST", kPing);
  wrong_port.default_host = false;
  wrong_port.headers = {{"Host", "localhost:1"}};
  CHECK(request(s.port(), wrong_port).status == 403);

  Request evil_origin = raw("POST", "not JSON either");
  evil_origin.headers = {{"Origin", "http://evil.example.com"}};
  r = request(s.port(), evil_origin);
  CHECK(r.status == 403);
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("Origin") != std::string::npos);

  Request no_host = raw("POST", kPing);
  no_host.default_host = false;
  CHECK(request(s.port(), no_host).status == 400);  // RFC 9112 3.2: a missing Host is a bad request
}

TEST_CASE("the loopback names with the port are accepted, as Host and as Origin") {
  TestServer s;
  const std::string port = std::to_string(s.port());
  for (const std::string& host : {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port}) {
    Request init = raw(
        "POST",
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})");
    init.default_host = false;
    init.headers = {{"Host", host}, {"Origin", "http://" + host}};
    Response r = request(s.port(), init);
    CHECK(r.status == 200);
    CHECK(r.header("access-control-allow-origin") == "http://" + host);
  }
}

TEST_CASE("--allow-host and --allow-origin extend the allow-list") {
  TestServer s([](auto& o) {
    o.allow_hosts = {"mcp.example.com"};
    o.allow_origins = {"https://app.example.com"};
  });
  const std::string sid = s.open_session();
  Request r = raw("POST", kPing);
  r.default_host = false;
  r.headers = {{"Host", "mcp.example.com"}, {"Origin", "https://app.example.com"}, {"Mcp-Session-Id", sid}};
  CHECK(request(s.port(), r).status == 200);
  r.headers[1].second = "https://other.example.com";
  CHECK(request(s.port(), r).status == 403);
}

TEST_CASE("a bearer token is required when configured: 401 with WWW-Authenticate") {
  TestServer s([](auto& o) { o.auth_token = "t0ken-with-enough-entropy"; });
  const std::string init =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})";
  Response none = s.post(init);
  CHECK(none.status == 401);
  CHECK(none.header("www-authenticate").rfind("Bearer", 0) == 0);
  Response wrong = s.post(init, {}, {{"Authorization", "Bearer t0ken-with-enough-entropY"}});
  CHECK(wrong.status == 401);
  CHECK(wrong.header("www-authenticate").find("invalid_token") != std::string::npos);
  Response basic = s.post(init, {}, {{"Authorization", "Basic dXNlcjpwYXNz"}});
  CHECK(basic.status == 401);
  Response right = s.post(init, {}, {{"Authorization", "Bearer t0ken-with-enough-entropy"}});
  CHECK(right.status == 200);
  // A foreign host is refused as such, before the token is looked at.
  Request evil = raw("POST", init);
  evil.default_host = false;
  evil.headers = {{"Host", "evil.example.com"}};
  CHECK(request(s.port(), evil).status == 403);
  // Load balancers' health checks need no token.
  CHECK(request(s.port(), raw("GET")).status == 401);
  Request health = raw("GET");
  health.path = "/healthz";
  CHECK(request(s.port(), health).status == 200);
}

TEST_CASE("a body over the limit gets 413, declared or chunked, and the connection closes") {
  TestServer s([](auto& o) { o.max_body_bytes = 4096; });
  const std::string sid = s.open_session();
  // Declared too large: refused from the headers, the body never read.
  Connection c(s.port());
  Request big = raw("POST");
  big.headers = {{"Content-Type", "application/json"}, {"Content-Length", "5000000"}, {"Mcp-Session-Id", sid}};
  REQUIRE(c.send_raw(serialize(big, s.port())));
  Response r = c.read_response();
  CHECK(r.status == 413);
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("4096") != std::string::npos);
  CHECK(c.closed_by_server());

  // Chunked: refused once the limit is crossed.
  Connection c2(s.port());
  Request chunked = raw("POST");
  chunked.headers = {{"Content-Type", "application/json"}, {"Transfer-Encoding", "chunked"}, {"Mcp-Session-Id", sid}};
  std::string wire = serialize(chunked, s.port());
  const std::string part(3000, ' ');
  for (int i = 0; i < 3; ++i) wire += "bb8\r\n" + part + "\r\n";
  wire += "0\r\n\r\n";
  REQUIRE(c2.send_raw(wire));
  CHECK(c2.read_response().status == 413);

  // Exactly at the limit is fine.
  std::string padded = kPing;
  padded.insert(padded.size() - 1, std::string(4096 - kPing.size(), ' '));
  REQUIRE(padded.size() == 4096);
  CHECK(s.post(padded, sid).status == 200);
}

TEST_CASE("an oversized header block gets 431") {
  TestServer s([](auto& o) { o.max_header_bytes = 4096; });
  Request r = raw("POST", kPing);
  for (int i = 0; i < 10; ++i) r.headers.push_back({"X-Padding-" + std::to_string(i), std::string(1000, 'x')});
  CHECK(request(s.port(), r).status == 431);
}

TEST_CASE("a client that sends its request too slowly is cut off at the read timeout") {
  TestServer s([](auto& o) { o.read_timeout = std::chrono::seconds(1); });
  Connection c(s.port());
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(c.send_raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) + "\r\nX-Slow: "));
  // Keep trickling bytes: each arrives well within any per-read timeout, the whole never completes.
  bool closed = false;
  for (int i = 0; i < 40 && !closed; ++i) {
    c.send_raw("x");
    closed = c.closed_by_server(std::chrono::milliseconds(100));
  }
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(closed);
  CHECK(took >= std::chrono::milliseconds(900));
  CHECK(took < std::chrono::seconds(4));
}

TEST_CASE("idle keep-alive connections are closed after the idle timeout") {
  TestServer s([](auto& o) { o.idle_timeout = std::chrono::seconds(1); });
  Connection c(s.port());
  Request health = raw("GET");
  health.path = "/healthz";
  REQUIRE(c.send_raw(serialize(health, s.port())));
  REQUIRE(c.read_response().status == 200);
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.closed_by_server(std::chrono::seconds(4)));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));
}

TEST_CASE("idle keep-alive connections give their thread up when others wait for one") {
  TestServer s([](auto& o) {
    o.threads = 2;
    o.idle_timeout = std::chrono::seconds(30);
  });
  Request health = raw("GET");
  health.path = "/healthz";
  Connection a(s.port()), b(s.port());
  for (Connection* c : {&a, &b}) {
    REQUIRE(c->send_raw(serialize(health, s.port())));
    REQUIRE(c->read_response().status == 200);
  }
  // Both threads now sit with an idle connection; a third client must not wait 30 s.
  const auto start = std::chrono::steady_clock::now();
  Connection c(s.port());
  REQUIRE(c.send_raw(serialize(health, s.port())));
  CHECK(c.read_response(std::chrono::seconds(3)).status == 200);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK((a.closed_by_server(std::chrono::milliseconds(100)) || b.closed_by_server(std::chrono::milliseconds(100))));
}

// ---- the endpoint --------------------------------------------------------------------------------------------

TEST_CASE("a request is answered with JSON when only JSON is accepted, even if it streams progress") {
  TestServer s;
  const std::string sid = s.open_session();
  Response r = s.post(call(5, "progress", "{}", R"({"progressToken":"p"})"), sid, {}, /*sse=*/false);
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
  Json j = json_of(r);
  CHECK(j["id"] == 5);
  CHECK(j["result"]["content"][0]["text"] == "progress done");
}

TEST_CASE("a call that streams progress before its result is answered with SSE when accepted") {
  TestServer s;
  const std::string sid = s.open_session();
  Connection c(s.port());
  Request req = raw("POST", call(6, "progress", "{}", R"({"progressToken":"p"})"));
  req.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(c.send_raw(serialize(req, s.port())));
  Response head = c.read_head();
  REQUIRE(head.status == 200);
  CHECK(head.header("content-type") == "text/event-stream");
  auto priming = c.next_event();
  REQUIRE(priming);
  CHECK(priming->data.empty());
  CHECK_FALSE(priming->id.empty());
  CHECK(priming->retry.has_value());
  std::vector<Json> messages;
  while (auto e = c.next_event()) messages.push_back(Json::parse(e->data));
  CHECK(c.ended());
  REQUIRE(messages.size() == 4);
  for (int i = 0; i < 3; ++i) {
    CHECK(messages[i]["method"] == "notifications/progress");
    CHECK(messages[i]["params"]["progress"] == i + 1);
  }
  CHECK(messages[3]["id"] == 6);
  CHECK(messages[3]["result"]["content"][0]["text"] == "progress done");
}

TEST_CASE("a plain call is answered with JSON although SSE is accepted; SSE-only clients get SSE") {
  TestServer s;
  const std::string sid = s.open_session();
  Response r = s.post(call(7, "echo", R"({"text":"hi"})"), sid);
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
  CHECK(json_of(r)["result"]["content"][0]["text"] == "hi");

  Request only = raw("POST", kPing);
  only.default_accept = false;
  only.headers = {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", sid}};
  Response o = request(s.port(), only);
  REQUIRE(o.status == 200);
  CHECK(o.header("content-type") == "text/event-stream");
  CHECK(o.body.find(R"("result":{})") != std::string::npos);

  Request neither = raw("POST", kPing);
  neither.default_accept = false;
  neither.headers = {{"Accept", "text/html"}, {"Mcp-Session-Id", sid}};
  CHECK(request(s.port(), neither).status == 406);
}

TEST_CASE("malformed bodies get 400 with a JSON-RPC error") {
  TestServer s;
  const std::string sid = s.open_session();
  Response r = s.post("{not json", sid);
  CHECK(r.status == 400);
  CHECK(json_of(r)["error"]["code"] == -32700);
  Response empty = s.post("", sid);
  CHECK(empty.status == 400);
  Response deep = s.post(std::string(1000, '[') + std::string(1000, ']'), sid);
  CHECK(deep.status == 400);
  Response no_version = s.post(R"({"id":3,"method":"ping"})", sid);
  CHECK(no_version.status == 200);  // a JSON-RPC error about request 3
  CHECK(json_of(no_version)["error"]["code"] == -32600);
}

TEST_CASE("GET without Last-Event-ID is 405; an unknown event id is 400") {
  TestServer s;
  const std::string sid = s.open_session();
  Request get = raw("GET");
  get.headers = {{"Mcp-Session-Id", sid}, {"Accept", "text/event-stream"}};
  Response r = request(s.port(), get);
  CHECK(r.status == 405);
  CHECK(r.header("allow").find("POST") != std::string::npos);
  get.headers.push_back({"Last-Event-ID", "999-0"});
  CHECK(request(s.port(), get).status == 400);
  Request no_session = raw("GET");
  CHECK(request(s.port(), no_session).status == 400);
}

TEST_CASE("close_stream ends the POST stream; GET with Last-Event-ID resumes it with the result") {
  TestServer s;
  const std::string sid = s.open_session();
  Connection post(s.port());
  Request req = raw("POST", call(8, "close"));
  req.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(post.send_raw(serialize(req, s.port())));
  REQUIRE(post.read_head().status == 200);
  auto priming = post.next_event();
  REQUIRE(priming);
  CHECK(priming->data.empty());
  CHECK_FALSE(post.next_event());
  CHECK(post.ended());  // the stream ended without the response

  s.gate.open();  // the tool now returns its result into the detached stream
  Connection get(s.port());
  Request resume = raw("GET");
  resume.headers = {{"Mcp-Session-Id", sid}, {"Accept", "text/event-stream"}, {"Last-Event-ID", priming->id}};
  REQUIRE(get.send_raw(serialize(resume, s.port())));
  Response head = get.read_head();
  REQUIRE(head.status == 200);
  CHECK(head.header("content-type") == "text/event-stream");
  auto result = get.next_event();
  REQUIRE(result);
  Json j = Json::parse(result->data);
  CHECK(j["id"] == 8);
  CHECK(j["result"]["content"][0]["text"] == "after close");
  CHECK_FALSE(get.next_event());
  CHECK(get.ended());
}

TEST_CASE("close_stream is ignored for a JSON-only client: the response stays on the POST") {
  TestServer s;
  const std::string sid = s.open_session();
  auto pending = std::async(std::launch::async, [&] { return s.post(call(12, "close"), sid, {}, /*sse=*/false); });
  REQUIRE(s.gate.wait_for_waiters(1));
  s.gate.open();
  Response r = pending.get();
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["result"]["content"][0]["text"] == "after close");
}

TEST_CASE("a request cancelled by the client ends its POST without a JSON-RPC response") {
  TestServer s;
  const std::string sid = s.open_session();
  auto pending = std::async(std::launch::async, [&] { return s.post(call(13, "gate"), sid); });
  REQUIRE(s.gate.wait_for_waiters(1));
  CHECK(s.post(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":13}})", sid).status == 202);
  REQUIRE(pending.wait_for(std::chrono::seconds(3)) == std::future_status::ready);
  Response r = pending.get();
  CHECK(r.status == 202);
  CHECK(r.body.empty());
}

TEST_CASE("a server request goes out on the POST stream and its answer comes back in a POST") {
  TestServer s;
  const std::string sid = s.open_session();
  Connection post(s.port());
  Request req = raw("POST", call(9, "ask"));
  req.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(post.send_raw(serialize(req, s.port())));
  REQUIRE(post.read_head().status == 200);
  std::optional<SseEvent> e;
  do e = post.next_event();
  while (e && e->data.empty());  // skip the priming event
  REQUIRE(e);
  Json ask = Json::parse(e->data);
  REQUIRE(ask["method"] == "sampling/createMessage");
  const Json answer = {
      {"jsonrpc", "2.0"},
      {"id", ask["id"]},
      {"result", {{"role", "assistant"}, {"model", "m"}, {"content", {{"type", "text"}, {"text", "4"}}}}}};
  CHECK(s.post(answer.dump(), sid).status == 202);
  auto result = post.next_event();
  REQUIRE(result);
  CHECK(Json::parse(result->data)["result"]["content"][0]["text"] == "answer: 4");
}

TEST_CASE("a server request to a JSON-only client fails at once instead of timing out") {
  TestServer s;
  const std::string sid = s.open_session();
  const auto start = std::chrono::steady_clock::now();
  Response r = s.post(call(10, "ask"), sid, {}, /*sse=*/false);
  REQUIRE(r.status == 200);
  Json j = json_of(r);
  CHECK(j["result"]["isError"] == true);
  CHECK(j["result"]["content"][0]["text"].get<std::string>().find("text/event-stream") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("keep-alive: requests follow one another, pipelined ones too") {
  TestServer s;
  const std::string sid = s.open_session();
  Connection c(s.port());
  Request a = raw("POST", call(11, "echo", R"({"text":"one"})"));
  a.headers = {{"Mcp-Session-Id", sid}};
  Request b = raw("POST", call(12, "echo", R"({"text":"two"})"));
  b.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(c.send_raw(serialize(a, s.port()) + serialize(b, s.port())));
  Response ra = c.read_response();
  Response rb = c.read_response();
  REQUIRE(ra.status == 200);
  REQUIRE(rb.status == 200);
  CHECK(json_of(ra)["result"]["content"][0]["text"] == "one");
  CHECK(json_of(rb)["result"]["content"][0]["text"] == "two");
  REQUIRE(c.send_raw(serialize(a, s.port())));
  CHECK(c.read_response().status == 200);
}

TEST_CASE("other paths are 404, other methods 405, /healthz is 200") {
  TestServer s;
  Request other = raw("POST", kPing);
  other.path = "/other";
  CHECK(request(s.port(), other).status == 404);
  Request put = raw("PUT", kPing);
  Response r = request(s.port(), put);
  CHECK(r.status == 405);
  CHECK(r.header("allow") == "GET, POST, DELETE");
  Request health = raw("GET");
  health.path = "/healthz";
  health.default_host = false;
  health.headers = {{"Host", "10.1.2.3:8080"}};  // load balancers use the backend's address
  Response h = request(s.port(), health);
  CHECK(h.status == 200);
  CHECK(h.body == "ok\n");
}

TEST_CASE("a GET route beside the endpoint: its body with an ETag, 304, 404 and 405") {
  TestServer s([](auto& o) {
    mcp::http::GetRoute route;
    route.prefix = "/badge/";
    route.suffix = ".svg";
    route.content_type = "image/svg+xml";
    route.read = [](const std::string& name) -> std::optional<std::string> {
      if (name != "known") return std::nullopt;
      return "<svg>" + name + "</svg>";
    };
    o.get_routes.push_back(route);
    o.auth_token = "s3cret";
  });
  Request get = raw("GET");
  get.path = "/badge/known.svg";
  get.headers = {{"Authorization", "Bearer s3cret"}};
  const Response r = request(s.port(), get);
  REQUIRE(r.status == 200);
  CHECK(r.body == "<svg>known</svg>");
  CHECK(r.header("content-type") == "image/svg+xml");
  CHECK(r.header("cache-control") == "private, max-age=3600");  // behind a token: no shared cache
  CHECK(r.header("x-content-type-options") == "nosniff");
  const std::string etag = r.header("etag");
  CHECK(etag.size() == 18);  // a quoted 64-bit hash
  get.headers.emplace_back("If-None-Match", etag);
  const Response again = request(s.port(), get);
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  get.headers.pop_back();
  get.path = "/badge/unknown.svg";
  CHECK(request(s.port(), get).status == 404);
  get.path = "/badge/.svg";  // no name between prefix and suffix: not the route
  CHECK(request(s.port(), get).status == 404);
  Request post = raw("POST", kPing);
  post.path = "/badge/known.svg";
  post.headers = {{"Authorization", "Bearer s3cret"}};
  const Response refused = request(s.port(), post);
  CHECK(refused.status == 405);
  CHECK(refused.header("allow") == "GET, HEAD");
  // Admission applies as to the endpoint: the token, and the Host allow-list.
  get.path = "/badge/known.svg";
  get.headers.clear();
  CHECK(request(s.port(), get).status == 401);
  get.headers = {{"Authorization", "Bearer s3cret"}, {"Host", "evil.example:80"}};
  get.default_host = false;
  CHECK(request(s.port(), get).status == 403);
}

TEST_CASE("a custom endpoint path is served, the default one is not") {
  TestServer s([](auto& o) { o.path = "/v1/mcp"; });
  Request init = raw(
      "POST",
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})");
  init.path = "/v1/mcp";
  CHECK(request(s.port(), init).status == 200);
  init.path = "/mcp";
  CHECK(request(s.port(), init).status == 404);
}

// ---- stateless ---------------------------------------------------------------------------------------------------

TEST_CASE("stateless: no session ids, any request stands alone, GET and DELETE are 405") {
  TestServer s([](auto& o) { o.stateless = true; });
  Response init = s.post(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})");
  REQUIRE(init.status == 200);
  CHECK_FALSE(init.has("mcp-session-id"));
  // No initialize needed, no session id needed; a stale id is ignored.
  Response r = s.post(call(2, "echo", R"({"text":"alone"})"), "whatever", {{"MCP-Protocol-Version", "2025-11-25"}});
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["result"]["content"][0]["text"] == "alone");
  // The header picks the revision: tools/list shows titles only from 2025-06-18 on.
  Response list =
      s.post(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})", {}, {{"MCP-Protocol-Version", "2025-11-25"}});
  REQUIRE(list.status == 200);
  // Batches exist only in 2025-03-26, the revision assumed without a header.
  Response batch = s.post(R"([{"jsonrpc":"2.0","id":4,"method":"ping"},{"jsonrpc":"2.0","id":5,"method":"ping"}])");
  REQUIRE(batch.status == 200);
  CHECK(json_of(batch).size() == 2);
  Response batch_new =
      s.post(R"([{"jsonrpc":"2.0","id":4,"method":"ping"}])", {}, {{"MCP-Protocol-Version", "2025-11-25"}});
  CHECK(batch_new.status == 400);
  CHECK(s.post(kPing, {}, {{"MCP-Protocol-Version", "2099-01-01"}}).status == 400);
  CHECK(request(s.port(), raw("GET")).status == 405);
  CHECK(request(s.port(), raw("DELETE")).status == 405);
  CHECK(s.post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").status == 202);
  CHECK(s.http.session_count() == 0);
}

TEST_CASE("stateless: progress still streams over SSE, server requests fail cleanly") {
  TestServer s([](auto& o) { o.stateless = true; });
  Connection c(s.port());
  Request req = raw("POST", call(6, "progress", "{}", R"({"progressToken":"p"})"));
  REQUIRE(c.send_raw(serialize(req, s.port())));
  REQUIRE(c.read_head().status == 200);
  std::vector<SseEvent> events;
  while (auto e = c.next_event()) events.push_back(*e);
  REQUIRE(events.size() == 4);  // no priming event: a stateless stream cannot be resumed
  CHECK(events[0].id.empty());
  CHECK(Json::parse(events[3].data)["result"]["content"][0]["text"] == "progress done");
  Response ask = s.post(call(7, "ask"));
  REQUIRE(ask.status == 200);
  CHECK(json_of(ask)["result"]["isError"] == true);
}

// ---- stopping ------------------------------------------------------------------------------------------------------

TEST_CASE("stop: no new connections, idle ones closed, the request in flight finishes") {
  TestServer s;
  const std::string sid = s.open_session();
  Connection idle(s.port());
  REQUIRE(idle.send_raw(serialize(
      [&] {
        Request r = raw("POST", kPing);
        r.headers = {{"Mcp-Session-Id", sid}};
        return r;
      }(),
      s.port())));
  REQUIRE(idle.read_response().status == 200);

  Connection busy(s.port());
  Request slow = raw("POST", call(20, "gate"));
  slow.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(busy.send_raw(serialize(slow, s.port())));
  REQUIRE(s.gate.wait_for_waiters(1));

  const int port = s.port();
  auto stopped = std::async(std::launch::async, [&] { s.http.stop(); });
  // New connections are refused once stop() began (poll: it takes effect asynchronously).
  bool refused = false;
  for (int i = 0; i < 100 && !refused; ++i) {
    refused = !Connection(port).connected();
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(refused);
  CHECK(idle.closed_by_server(std::chrono::seconds(2)));
  CHECK(stopped.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);  // still waiting for the call

  s.gate.open();
  Response r = busy.read_response();
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["result"]["content"][0]["text"] == "gate opened");
  CHECK(r.header("connection") == "close");
  CHECK(stopped.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
}

TEST_CASE("stop: a call still running after the grace period is cancelled, and stop returns") {
  TestServer s([](auto& o) { o.shutdown_grace = std::chrono::milliseconds(300); });
  const std::string sid = s.open_session();
  Connection busy(s.port());
  Request slow = raw("POST", call(21, "gate"));
  slow.headers = {{"Mcp-Session-Id", sid}};
  REQUIRE(busy.send_raw(serialize(slow, s.port())));
  REQUIRE(s.gate.wait_for_waiters(1));
  const auto start = std::chrono::steady_clock::now();
  s.http.stop();
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= std::chrono::milliseconds(250));
  CHECK(took < std::chrono::seconds(3));
  // The cancelled request gets no JSON-RPC response; the HTTP exchange still ends.
  Response r = busy.read_response();
  CHECK(r.status == 202);
}

// ---- logging ------------------------------------------------------------------------------------------------------

TEST_CASE("each request is logged with its method, status and latency; the token never is") {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  const std::string token = "secret-8d1e0b7c44";
  {
    TestServer s([&](auto& o) { o.auth_token = token; });
    const std::vector<std::pair<std::string, std::string>> auth = {{"Authorization", "Bearer " + token}};
    Response init = s.post(
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})",
        {}, auth);
    REQUIRE(init.status == 200);
    CHECK(s.post(call(2, "echo", R"({"text":"x"})"), init.header("mcp-session-id"), auth).status == 200);
    CHECK(s.post(kPing, init.header("mcp-session-id"), {{"Authorization", "Bearer wrong-" + token}}).status == 401);
  }
  spdlog::set_default_logger(previous);
  const std::string log = captured.str();
  CHECK(log.find("POST /mcp initialize 200") != std::string::npos);
  CHECK(log.find("POST /mcp tools/call 200") != std::string::npos);
  CHECK(log.find("POST /mcp - 401") != std::string::npos);
  CHECK(log.find(" ms") != std::string::npos);
  CHECK(log.find(token) == std::string::npos);
}
