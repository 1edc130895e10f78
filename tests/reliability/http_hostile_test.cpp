// The hostile-input corpus over Streamable HTTP: the real openness server (bundled dataset, every
// tool) in process behind mcp::http::HttpServer, driven byte by byte by a raw client. Every case
// checks the status and JSON-RPC error the specifications ask for, and then that the server still
// serves a real tool call correctly (on a fresh connection, and in the same session).
#include "client.h"
#include "fixture.h"

#include <mcp/http.h>
#include <mcp/server.h>
#include <openness/bundled.h>

#include <catch2/catch.hpp>

#include <spdlog/spdlog.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <memory>
#include <optional>
#include <thread>

#include "binding.h"

using namespace test_http;
using mcp::Json;

namespace {

// Built once and kept for the whole run (the servers under test borrow it); both parts stay
// reachable from the static, so LeakSanitizer does not report the tools' context.
const mcp::Server& openness_server() {
  struct Built {
    std::unique_ptr<openness::bindings::Context> ctx;
    std::unique_ptr<mcp::Server> server;
  };
  static const Built* built = [] {
    spdlog::set_level(spdlog::level::warn);
    auto* b = new Built;
    b->ctx = std::make_unique<openness::bindings::Context>(openness::load_dataset());
    b->server = std::make_unique<mcp::Server>(openness::bindings::server_info(),
                                              std::string(openness::bindings::instructions()));
    if (!openness::bindings::register_all(*b->server, *b->ctx)) throw std::runtime_error("register_all failed");
    return b;
  }();
  return *built->server;
}

struct Live {
  explicit Live(const std::function<void(mcp::http::HttpOptions&)>& configure = {})
      : http(openness_server(), opts(configure)) {
    auto st = http.start();
    if (!st) FAIL("the server did not start: " << st.error().message);
    sid = open();
  }
  ~Live() { http.stop(); }

  static mcp::http::HttpOptions opts(const std::function<void(mcp::http::HttpOptions&)>& configure) {
    mcp::http::HttpOptions o;
    o.port = 0;
    o.threads = 16;
    o.max_sessions = 16;
    o.read_timeout = std::chrono::seconds(1);
    o.idle_timeout = std::chrono::seconds(5);
    o.shutdown_grace = std::chrono::seconds(2);
    if (configure) configure(o);
    return o;
  }
  int port() const { return http.port(); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port()); }
  // The start of a POST in this session, for tests that write the rest of the request themselves.
  std::string post_head() const {
    return "POST /mcp HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/json\r\nMcp-Session-Id: " + sid +
           "\r\n";
  }

  // initialize + notifications/initialized; "" when refused.
  std::string open() {
    Response r = post(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
                      R"("capabilities":{},"clientInfo":{"name":"hostile","version":"0"}}})",
                      "");
    if (r.status != 200) return "";
    std::string id = r.header("mcp-session-id");
    if (post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", id).status != 202) return "";
    return id;
  }

  Response post(const std::string& body, const std::string& session,
                std::vector<std::pair<std::string, std::string>> headers = {}) const {
    Request req;
    req.body = body;
    req.headers.push_back({"MCP-Protocol-Version", "2025-11-25"});
    if (!session.empty()) req.headers.push_back({"Mcp-Session-Id", session});
    for (auto& h : headers) req.headers.push_back(std::move(h));
    return request(port(), req);
  }
  Response send(const std::string& raw_bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    Connection c(port());
    if (!c.send_raw(raw_bytes)) return {};
    return c.read_response(timeout);
  }

  // The server still answers a real tool call, correctly, in this session.
  void still_serves() const {
    static int n = 1000;
    const int id = ++n;
    Response r = post(call(id, "lookup_model", R"({"name":"OLMo-7B"})"), sid);
    REQUIRE(r.status == 200);
    const Json j = json_of(r);
    CHECK(j["id"] == id);
    REQUIRE(j.contains("result"));
    CHECK_FALSE(j["result"].value("isError", false));
    CHECK(j["result"]["structuredContent"]["model"]["id"] == "olmo-7b");
    CHECK(request(port(), healthz()).status == 200);
  }
  static Request healthz() {
    Request h;
    h.method = "GET";
    h.path = "/healthz";
    return h;
  }

  mcp::http::HttpServer http;
  std::string sid;
};

const std::string kPing = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";

int error_code(const Response& r) {
  const Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return 0;
  return j["error"].value("code", 0);
}

std::string post_with(const Live& s, const std::vector<std::string>& header_lines, const std::string& body = kPing) {
  std::string req = "POST /mcp HTTP/1.1\r\n";
  for (const auto& h : header_lines) req += h + "\r\n";
  req += "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\nMcp-Session-Id: " + s.sid +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return req;
}

}  // namespace

// ---- Host and Origin tricks (DNS rebinding): 403 before the body is read ---------------------------------

TEST_CASE("hostile http: Host tricks are 403", "[hostile][http]") {
  Live s;
  const std::string port = std::to_string(s.port());
  for (const std::string& host : std::vector<std::string>{
           "evil.example", "evil.example:" + port, "localhost.evil.example:" + port, "127.0.0.1.nip.io:" + port,
           "127.0.0.1:" + port + "@evil.example", "127.0.0.1:1", "localhost:" + port + ".evil.example",
           "[::1]:" + port + "]", "127.0.0.1:" + port + " evil", "0x7f000001:" + port}) {
    INFO("Host: " << host);
    Response r = s.send(post_with(s, {"Host: " + host}));
    CHECK(r.status == 403);
    CHECK(error_code(r) == -32000);
  }
  s.still_serves();
}

TEST_CASE("hostile http: percent-encoding in the headers the server reads is 400 (httplib would decode it)",
          "[hostile][http]") {
  Live s;
  // Regression: httplib percent-decodes header values, so "%6c%6f%63%61%6c%68%6f%73%74" passed the
  // DNS-rebinding check as "localhost", and a session id or token could be spelled two ways.
  const std::string port = std::to_string(s.port());
  const std::vector<std::vector<std::string>> cases = {
      {"Host: %6c%6f%63%61%6c%68%6f%73%74:" + port},
      {"Host: 127.0.0.1%3a" + port},
      {"Host: " + s.host(), "Origin: http://%6c%6f%63%61%6c%68%6f%73%74:" + port},
      {"Host: " + s.host(), "MCP-Protocol-Version: 2025%2D11%2D25"},
      {"Host: " + s.host(), "Authorization: Bearer %41"},
  };
  for (const auto& headers : cases) {
    INFO(headers.back());
    const Response r = s.send(post_with(s, headers));
    CHECK(r.status == 400);
    CHECK(error_code(r) == -32000);
  }
  // The session id spelled with an escape does not name the session.
  std::string escaped = s.sid;
  escaped.replace(
      0, 1, "%" + [&] {
        char h[3];
        (void)std::snprintf(h, sizeof h, "%02x", s.sid[0]);
        return std::string(h);
      }());
  CHECK(s.post(kPing, escaped).status == 400);
  // A '%' in a header the server does not read is no business of it.
  CHECK(s.send(post_with(s, {"Host: " + s.host(), "Referer: http://127.0.0.1/a%20b"})).status == 200);
  s.still_serves();
}

TEST_CASE("hostile http: a request without a Host header is 400 (RFC 9112 3.2)", "[hostile][http]") {
  Live s;
  const Response r = s.send(post_with(s, {}));
  CHECK(r.status == 400);
  CHECK(error_code(r) == -32000);
  s.still_serves();
}

TEST_CASE("hostile http: two Host headers are 400, whichever comes first", "[hostile][http]") {
  Live s;
  for (const auto& hosts : {std::vector<std::string>{"Host: " + s.host(), "Host: evil.example"},
                            std::vector<std::string>{"Host: evil.example", "Host: " + s.host()},
                            std::vector<std::string>{"Host: " + s.host(), "Host: " + s.host()}}) {
    const Response r = s.send(post_with(s, hosts));
    CHECK(r.status == 400);
    CHECK(error_code(r) == -32000);
  }
  s.still_serves();
}

TEST_CASE("hostile http: two Origin headers are 403, even when one is allowed", "[hostile][http]") {
  Live s;
  const Response r =
      s.send(post_with(s, {"Host: " + s.host(), "Origin: http://" + s.host(), "Origin: http://evil.example"}));
  CHECK(r.status == 403);
  s.still_serves();
}

TEST_CASE("hostile http: Origin tricks are 403, the server's own origin passes", "[hostile][http]") {
  Live s;
  const std::string port = std::to_string(s.port());
  for (const std::string& origin : std::vector<std::string>{
           "http://evil.example", "null", "http://localhost.evil.example:" + port,
           "http://localhost:" + port + ".evil.example", "http://127.0.0.1:" + port + "@evil.example", "file://",
           "http://evil.example/http://127.0.0.1:" + port, "http://[::1]:" + port + ".x", "javascript:alert(1)"}) {
    INFO("Origin: " << origin);
    Response r = s.send(post_with(s, {"Host: " + s.host(), "Origin: " + origin}));
    CHECK(r.status == 403);
    CHECK(error_code(r) == -32000);
  }
  CHECK(s.send(post_with(s, {"Host: " + s.host(), "Origin: http://127.0.0.1:" + port})).status == 200);
  s.still_serves();
}

// ---- oversized and slow requests -------------------------------------------------------------------------------

TEST_CASE("hostile http: a declared 10 MiB body is 413 before it is read, and the connection closes",
          "[hostile][http]") {
  Live s;
  Connection c(s.port());
  REQUIRE(c.send_raw(s.post_head() + "Content-Length: 10485760\r\n\r\n{\"jsonrpc\":"));
  Response r = c.read_response();
  CHECK(r.status == 413);
  CHECK(error_code(r) == -32000);
  CHECK(c.closed_by_server());
  s.still_serves();
}

TEST_CASE("hostile http: a 10 MiB JSON string sent in full is 413", "[hostile][http]") {
  Live s;
  const std::string body =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_model","arguments":{"name":")" +
      std::string(10u << 20, 'x') + "\"}}}";
  // Sent without waiting: the server answers 413 from the headers and drains what follows.
  Connection c(s.port());
  auto sender = std::async(std::launch::async, [&] { return c.send_raw(post_with(s, {"Host: " + s.host()}, body)); });
  Response r = c.read_response(std::chrono::seconds(10));
  CHECK(r.status == 413);
  sender.wait();
  s.still_serves();
}

TEST_CASE("hostile http: a chunked body over the limit is 413", "[hostile][http]") {
  Live s([](auto& o) { o.max_body_bytes = 64 * 1024; });
  std::string wire = s.post_head() + "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) wire += "1000\r\n" + std::string(4096, ' ') + "\r\n";
  wire += "0\r\n\r\n";
  CHECK(s.send(wire).status == 413);
  s.still_serves();
}

TEST_CASE("hostile http: 64 KiB of headers is 431", "[hostile][http]") {
  Live s;
  std::vector<std::string> lines = {"Host: " + s.host()};
  for (int i = 0; i < 64; ++i) lines.push_back("X-Pad-" + std::to_string(i) + ": " + std::string(1024, 'p'));
  CHECK(s.send(post_with(s, lines)).status == 431);
  s.still_serves();
}

TEST_CASE("hostile http: one header line of 1 MiB is 431", "[hostile][http]") {
  Live s;
  CHECK(s.send(post_with(s, {"Host: " + s.host(), "X-Big: " + std::string(1u << 20, 'b')})).status == 431);
  s.still_serves();
}

TEST_CASE("hostile http: a request line of 1 MiB is 431, a 9 KiB one 414", "[hostile][http]") {
  Live s;
  // Regression: past the header limit in the request line, httplib closed without a response.
  const std::string tail = " HTTP/1.1\r\nHost: " + s.host() + "\r\n\r\n";
  Connection c(s.port());
  auto sender =
      std::async(std::launch::async, [&] { return c.send_raw("GET /mcp?" + std::string(1u << 20, 'q') + tail); });
  const Response r = c.read_response();
  CHECK(r.status == 431);
  CHECK(error_code(r) == -32000);
  sender.wait();
  CHECK(s.send("GET /mcp?" + std::string(9000, 'q') + tail).status == 414);
  s.still_serves();
}

TEST_CASE("hostile http: a request line that never ends in time is 408", "[hostile][http]") {
  Live s;
  Connection c(s.port());
  REQUIRE(c.send_raw("POST /mcp?slow"));
  const Response r = c.read_response(std::chrono::seconds(4));
  CHECK(r.status == 408);
  CHECK(c.closed_by_server());
  s.still_serves();
}

TEST_CASE("hostile http: a POST without Content-Length or chunked is 411 at once, not a read until EOF",
          "[hostile][http]") {
  Live s;
  for (const std::string& extra : std::vector<std::string>{"", "Content-Length:  \r\n"}) {
    const std::string wire = s.post_head() + extra + "\r\n" + kPing;
    Connection c(s.port());
    REQUIRE(c.send_raw(wire));
    const auto start = std::chrono::steady_clock::now();
    const Response r = c.read_response(std::chrono::seconds(3));
    CHECK(r.status == 411);
    CHECK(error_code(r) == -32000);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
    CHECK(c.closed_by_server());
  }
  s.still_serves();
}

TEST_CASE("hostile http: slow headers (slowloris) are cut off at the read timeout; others are served meanwhile",
          "[hostile][http]") {
  Live s;
  std::vector<std::unique_ptr<Connection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<Connection>(s.port()));
    REQUIRE(slow.back()->send_raw("POST /mcp HTTP/1.1\r\nHost: " + s.host() + "\r\nX-Slow: "));
  }
  const auto start = std::chrono::steady_clock::now();
  s.still_serves();  // while eight slow clients hold their connections
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(900));
  for (auto& c : slow) {
    c->send_raw("x");
    Response r = c->read_response(std::chrono::seconds(3));
    CHECK(r.status == 408);
    CHECK(c->closed_by_server());
  }
  s.still_serves();
}

TEST_CASE("hostile http: a body that trickles in is cut off at the read timeout with 408", "[hostile][http]") {
  Live s;
  Connection c(s.port());
  REQUIRE(c.send_raw(s.post_head() + "Content-Length: 1000\r\n\r\n{\"jsonrpc\":"));
  const auto start = std::chrono::steady_clock::now();
  Response r;
  for (int i = 0; i < 40 && r.status == 0; ++i) {
    c.send_raw(" ");
    r = c.read_response(std::chrono::milliseconds(100));
  }
  CHECK(r.status == 408);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  s.still_serves();
}

// ---- many sessions and connections -----------------------------------------------------------------------------

TEST_CASE("hostile http: sessions past the cap are 503 with Retry-After; ending one makes room", "[hostile][http]") {
  Live s([](auto& o) { o.max_sessions = 64; });
  std::vector<std::string> ids;
  for (int i = 1; i < 64; ++i) {  // the fixture's own session is the first
    const std::string id = s.open();
    REQUIRE(!id.empty());
    ids.push_back(id);
  }
  CHECK(s.http.session_count() == 64);
  const Response r = s.post(
      R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}})",
      "");
  CHECK(r.status == 503);
  CHECK(r.header("retry-after") == "60");
  CHECK(error_code(r) == -32000);
  Request del;
  del.method = "DELETE";
  del.headers = {{"Mcp-Session-Id", ids.back()}};
  CHECK(request(s.port(), del).status == 200);
  CHECK_FALSE(s.open().empty());
  s.still_serves();
}

TEST_CASE("hostile http: 300 idle connections do not starve a new client", "[hostile][http]") {
  Live s([](auto& o) {
    o.threads = 16;
    o.idle_timeout = std::chrono::seconds(30);
  });
  std::vector<std::unique_ptr<Connection>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<Connection>(s.port()));
    REQUIRE(idle.back()->connected());
  }
  const auto start = std::chrono::steady_clock::now();
  s.still_serves();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

// ---- bodies that are not JSON-RPC requests ----------------------------------------------------------------------

TEST_CASE("hostile http: malformed, deep, invalid UTF-8 and NUL bodies are 400 with their JSON-RPC code",
          "[hostile][http]") {
  Live s;
  struct Case {
    std::string name, body;
    int code;
  };
  const std::vector<Case> cases = {
      {"truncated", R"({"jsonrpc":"2.0","id":1,"method":"ping")", -32700},
      {"empty", "", -32700},
      {"not json", "hello", -32700},
      {"100k levels", std::string(100000, '[') + std::string(100000, ']'), -32600},
      {"invalid UTF-8", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"\xff\xfe\"}}", -32700},
      {"overlong UTF-8", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"\xc0\xaf\"}}", -32700},
      {"NUL byte", std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\0\"method\":\"ping\"}", 39), -32700},
      {"number overflow", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":1e99999}})", -32700},
      {"scalar", "42", -32600},
      {"batch on 2025-11-25", "[" + kPing + "]", -32600},
      {"id null", R"({"jsonrpc":"2.0","id":null,"method":"ping"})", -32600},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    Response r = s.post(c.body, s.sid);
    CHECK(r.status == 400);
    CHECK(error_code(r) == c.code);
    CHECK(json_of(r)["id"].is_null());
  }
  s.still_serves();
}

TEST_CASE("hostile http: unknown methods, wrong params and duplicate initialize are answered in-band",
          "[hostile][http]") {
  Live s;
  Response r = s.post(R"({"jsonrpc":"2.0","id":"u","method":"tools/explode"})", s.sid);
  CHECK(r.status == 200);
  CHECK(error_code(r) == -32601);
  r = s.post(R"({"jsonrpc":"2.0","id":"p","method":"tools/call","params":{"name":"lookup_model","arguments":[1]}})",
             s.sid);
  CHECK(error_code(r) == -32602);
  r = s.post(
      R"({"jsonrpc":"2.0","id":"w","method":"tools/call","params":{"name":"lookup_model","arguments":{"name":7}}})",
      s.sid);
  CHECK(r.status == 200);
  CHECK(json_of(r)["result"]["isError"] == true);
  s.still_serves();
}

TEST_CASE("hostile http: responses and notifications where requests belong are 202 with no body", "[hostile][http]") {
  Live s;
  for (const std::string& body : std::vector<std::string>{
           R"({"jsonrpc":"2.0","id":"srv-9","result":{}})",
           R"({"jsonrpc":"2.0","id":5,"error":{"code":1,"message":"x"}})",
           R"({"jsonrpc":"2.0","method":"tools/call","params":{"name":"lookup_model","arguments":{"name":"x"}}})",
           R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":[]}})"}) {
    INFO(body);
    Response r = s.post(body, s.sid);
    CHECK(r.status == 202);
    CHECK(r.body.empty());
  }
  s.still_serves();
}

TEST_CASE("hostile http: a request id reused while in flight is refused; the first call completes", "[hostile][http]") {
  TestServer t;  // its gate tool holds a call in flight
  const std::string sid = t.open_session();
  auto first = std::async(std::launch::async, [&] { return t.post(call(5, "gate"), sid); });
  REQUIRE(t.gate.wait_for_waiters(1));
  Response dup = t.post(call(5, "echo", R"({"text":"again"})"), sid);
  CHECK(dup.status == 200);
  CHECK(json_of(dup)["error"]["code"] == -32600);
  CHECK(json_of(dup)["error"]["message"].get<std::string>().find("already in use") != std::string::npos);
  t.gate.open();
  Response r = first.get();
  CHECK(r.status == 200);
  CHECK(r.body.find("gate opened") != std::string::npos);
  CHECK(t.post(call(6, "echo", R"({"text":"next"})"), sid).body.find("next") != std::string::npos);
}

// ---- session and protocol headers ----------------------------------------------------------------------------------

TEST_CASE("hostile http: session ids that are not ours are 404, a missing one 400", "[hostile][http]") {
  Live s;
  for (const std::string& sid : std::vector<std::string>{std::string(64, '0'), s.sid.substr(0, 63), s.sid + "0",
                                                         std::string("../") + s.sid, std::string(4000, 'a')}) {
    Response r = s.post(kPing, sid);
    CHECK(r.status == 404);
    CHECK(error_code(r) == -32000);
  }
  Response r = s.post(kPing, "");
  CHECK(r.status == 400);
  CHECK(json_of(r)["id"] == 1);
  s.still_serves();
}

TEST_CASE("hostile http: an unsupported or malformed MCP-Protocol-Version is 400", "[hostile][http]") {
  Live s;
  for (const std::string& v :
       std::vector<std::string>{"1999-01-01", "2025-11-25, 2024-11-05", "latest", std::string(1000, '9')}) {
    Request req;
    req.body = kPing;
    req.headers = {{"MCP-Protocol-Version", v}, {"Mcp-Session-Id", s.sid}};
    Response r = request(s.port(), req);
    CHECK(r.status == 400);
    CHECK(error_code(r) == -32022);  // UnsupportedProtocolVersion, naming the revisions spoken
    CHECK(json_of(r)["error"]["data"]["supported"].size() == 5);
  }
  s.still_serves();
}

TEST_CASE("hostile http: Content-Length that is not a number, negative or doubled is 400", "[hostile][http]") {
  Live s;
  for (const std::string& cl : std::vector<std::string>{"abc", "-1", "1e3", "18446744073709551617", "40, 40", "0x28",
                                                        "40\r\nContent-Length: 41", "40\r\nContent-Length: 40"}) {
    INFO("Content-Length: " << cl);
    std::string wire = s.post_head() + "Content-Length: " + cl + "\r\n\r\n" + kPing;
    Connection c(s.port());
    REQUIRE(c.send_raw(wire));
    const Response r = c.read_response();
    CHECK(r.status == 400);
    CHECK(c.closed_by_server());  // the body's end is unknown: the connection cannot carry another request
  }
  s.still_serves();
}

TEST_CASE("hostile http: Content-Length with Transfer-Encoding is 400 and cannot smuggle a request",
          "[hostile][http]") {
  Live s;
  // A body framed two ways (RFC 9112 6.3: ought to be handled as an error). Were Content-Length to
  // rule, the DELETE after the chunked body would be read as a second request.
  const std::string smuggled =
      "DELETE /mcp HTTP/1.1\r\nHost: " + s.host() + "\r\nMcp-Session-Id: " + s.sid + "\r\n\r\n";
  char hex[16];
  (void)std::snprintf(hex, sizeof hex, "%zx", kPing.size());
  const std::string chunked = std::string(hex) + "\r\n" + kPing + "\r\n0\r\n\r\n";
  for (const std::string& order : std::vector<std::string>{"cl-first", "te-first"}) {
    std::string wire = s.post_head();
    const std::string cl = "Content-Length: " + std::to_string(chunked.size()) + "\r\n",
                      te = "Transfer-Encoding: chunked\r\n";
    wire += order == "cl-first" ? cl + te : te + cl;
    wire += "\r\n" + chunked + smuggled;
    Connection c(s.port());
    REQUIRE(c.send_raw(wire));
    CHECK(c.read_response().status == 400);
    CHECK(c.closed_by_server());
  }
  s.still_serves();  // the session was not deleted by a smuggled request
}

TEST_CASE("hostile http: a Transfer-Encoding other than chunked is refused", "[hostile][http]") {
  Live s;
  for (const std::string& te : std::vector<std::string>{"gzip", "chunked, gzip", "identity", "xchunked",
                                                        "chunked\r\nTransfer-Encoding: chunked"}) {
    INFO("Transfer-Encoding: " << te);
    const std::string wire = s.post_head() + "Transfer-Encoding: " + te + "\r\n\r\n" + kPing;
    Connection c(s.port());
    REQUIRE(c.send_raw(wire));
    const Response r = c.read_response(std::chrono::seconds(3));
    CHECK((r.status == 400 || r.status == 501));
    CHECK(c.closed_by_server());
  }
  s.still_serves();
}

TEST_CASE("hostile http: other methods, paths and traversal are 405 or 404", "[hostile][http]") {
  Live s;
  for (const std::string& m : std::vector<std::string>{"PUT", "PATCH", "TRACE", "CONNECT"}) {
    Request r;
    r.method = m;
    r.headers = {{"Mcp-Session-Id", s.sid}};
    CHECK(request(s.port(), r).status == 405);
  }
  for (const std::string& p : std::vector<std::string>{"/mcp/../mcp", "/%2e%2e/mcp", "/mcp/", "/MCP", "//mcp",
                                                       "/mcp%00", "/../../etc/passwd", "/healthz/.."}) {
    INFO(p);
    Request r;
    r.path = p;
    r.body = kPing;
    r.headers = {{"Mcp-Session-Id", s.sid}};
    const int status = request(s.port(), r).status;
    CHECK((status == 404 || status == 400));
  }
  s.still_serves();
}

TEST_CASE("hostile http: a request line that is not HTTP is 400 with a framed body, and the connection closes",
          "[hostile][http]") {
  Live s;
  // Regression: httplib answered these 400 without Content-Length on a connection it kept open,
  // so a client could not tell where the answer ended; and it read on after the garbage.
  for (const std::string& line : std::vector<std::string>{
           "GET\r\n\r\n", "POST /mcp HTTP/9.9\r\nHost: " + s.host() + "\r\n\r\n", " / HTTP/1.1\r\n\r\n",
           std::string("\0\0\0\0\r\n\r\n", 8), "GET /mcp HTTP/1.1\r\nNo colon here\r\n\r\n"}) {
    Connection c(s.port());
    REQUIRE(c.send_raw(line + "GET /healthz HTTP/1.1\r\nHost: " + s.host() + "\r\n\r\n"));
    const Response r = c.read_response();
    CHECK(r.status == 400);
    CHECK(r.header("content-length") == std::to_string(r.body.size()));
    CHECK(error_code(r) == -32000);
    // The request after the garbage is not served, and the server closes at once: well before
    // the 5 s idle timeout (a header line without a colon was once skipped, the request served and
    // the connection kept open until it idled out).
    CHECK(c.closed_by_server(std::chrono::seconds(2)));
  }
  // Bytes that never make a line (a TLS ClientHello to a plain-HTTP port) wait for the read timeout.
  Connection tls(s.port());
  REQUIRE(tls.send_raw(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)));
  CHECK(tls.read_response(std::chrono::seconds(3)).status == 408);
  s.still_serves();
}

TEST_CASE("hostile http: an Accept the server cannot satisfy is 406", "[hostile][http]") {
  Live s;
  Request req;
  req.body = kPing;
  req.default_accept = false;
  req.headers = {{"Accept", "image/png"}, {"Mcp-Session-Id", s.sid}};
  const Response r = request(s.port(), req);
  CHECK(r.status == 406);
  CHECK(error_code(r) == -32000);
  s.still_serves();
}

TEST_CASE("hostile http: Last-Event-ID values that name no stream are 400", "[hostile][http]") {
  Live s;
  for (const std::string& id :
       std::vector<std::string>{"garbage", "1/99999999999999999999", "-1/0", "999/0", "0/0", std::string(500, '1')}) {
    Request req;
    req.method = "GET";
    req.headers = {{"Mcp-Session-Id", s.sid}, {"Last-Event-ID", id}};
    CHECK(request(s.port(), req).status == 400);
  }
  s.still_serves();
}

TEST_CASE("hostile http: cursors and resource URIs that are not ours get -32602 and -32002", "[hostile][http]") {
  Live s;
  Response r = s.post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"bWNwMTpwOjE"}})", s.sid);
  CHECK(r.status == 200);
  CHECK(error_code(r) == -32602);
  for (const std::string& uri : std::vector<std::string>{
           "file:///etc/passwd", "openness://models/..%2F..%2Fetc%2Fpasswd", "openness://models/../../etc/passwd",
           "openness://licenses/%2e%2e", "http://127.0.0.1/"}) {
    r = s.post(R"({"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":)" + Json(uri).dump() + "}}",
               s.sid);
    CHECK(r.status == 200);
    CHECK(error_code(r) == -32002);
  }
  s.still_serves();
}

namespace {

// The listen backlog of the TCP socket listening on `port` (what `ss -lt` shows as Send-Q), read
// with sock_diag; nullopt when the kernel does not say.
std::optional<unsigned> listen_backlog(int port) {
  const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr nlh;
    inet_diag_req_v2 req;
  } msg{};
  msg.nlh.nlmsg_len = sizeof msg;
  msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  msg.req.sdiag_family = AF_INET;
  msg.req.sdiag_protocol = IPPROTO_TCP;
  msg.req.idiag_states = 1u << TCP_LISTEN;
  std::optional<unsigned> found;
  if (::send(fd, &msg, sizeof msg, 0) == static_cast<ssize_t>(sizeof msg)) {
    alignas(nlmsghdr) char buf[16384];
    for (bool done = false; !done;) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      auto len = static_cast<unsigned>(n);
      for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        const auto* m = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
        if (ntohs(m->id.idiag_sport) == port) found = m->idiag_wqueue;  // a listener's wqueue: its backlog
      }
    }
  }
  ::close(fd);
  return found;
}

}  // namespace

TEST_CASE("hostile http: a burst of connections is queued, not dropped: the listen backlog is not httplib's 5",
          "[hostile][http]") {
  // Regression (the soak): httplib listens with a backlog of 5, so when 64 or 128 clients connect
  // at once the kernel drops their SYNs and they retry after 1, 3 and 7 s: the soak's multi-second
  // tail latencies and wrk timeouts.
  Live s;
  const auto backlog = listen_backlog(s.port());
  REQUIRE(backlog.has_value());
  CHECK(*backlog >= 128);
  // And a burst of 256 connections at once is served.
  std::vector<std::unique_ptr<Connection>> burst;
  burst.reserve(256);
  for (int i = 0; i < 256; ++i) burst.push_back(std::make_unique<Connection>(s.port()));
  for (auto& c : burst) {
    REQUIRE(c->connected());
    REQUIRE(c->send_raw("GET /healthz HTTP/1.1\r\nHost: " + s.host() + "\r\nConnection: close\r\n\r\n"));
  }
  for (auto& c : burst) CHECK(c->read_response(std::chrono::seconds(20)).status == 200);
  s.still_serves();
}
