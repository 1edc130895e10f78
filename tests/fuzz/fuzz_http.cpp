// libFuzzer target: the Streamable HTTP transport's request handling, black box over loopback.
// Each input is the bytes a client sends on one TCP connection (request line, headers, body; one
// request or several pipelined), written to an in-process mcp::http::HttpServer, which is then
// read to the end. So the fuzzer drives httplib's parser, our connection limits (header size,
// body size, chunked bodies), the Host/Origin/Accept/Content-Length checks, the session and
// protocol-version headers, JSON-RPC over POST, SSE streams and their resumption with
// Last-Event-ID, DELETE, /healthz and the error paths.
//
// Placeholders let the fuzzer reach past the checks it cannot guess: "{SID}" becomes the id of a
// live session the harness keeps, "{HOST}" the server's host:port. The first byte picks the
// server: one with sessions, or a stateless one. Sessions the input opens are ended afterwards,
// so every input starts from the same state: one initialized session.
//
// The oracle: no crash or sanitizer report in the server (its threads share this process), every
// answer is an HTTP/1.1 response, never a 500, and the server answers a plain request after
// every input.
#include <mcp/http.h>
#include <mcp/server.h>

#include <spdlog/spdlog.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

using mcp::Json;

mcp::Server* make_server() {
  auto* s = new mcp::Server({"fuzz-http", "Fuzz HTTP", "0", "", "", nullptr}, "");
  // "text" is mirrored into Mcp-Param-Text by 2026-07-28 clients (x-mcp-header).
  const Json text_arg = Json::parse(
      R"({"type":"object","properties":{"text":{"type":"string","maxLength":256,"x-mcp-header":"Text"}}})");
  auto add = [&](const char* name, mcp::ToolHandler h) {
    mcp::Tool t;
    t.name = name;
    t.description = name;
    t.input_schema = text_arg;
    t.handler = std::move(h);
    if (!s->add_tool(std::move(t))) __builtin_trap();
  };
  add("echo", [](const Json& a, mcp::RequestContext&) { return mcp::ToolResult::text(a.value("text", "")); });
  add("progress", [](const Json& a, mcp::RequestContext& ctx) {  // streams: SSE when accepted
    ctx.progress(1, 2, "half");
    ctx.log(mcp::LogLevel::kInfo, a);
    return mcp::ToolResult::text("done");
  });
  add("ask", [](const Json&, mcp::RequestContext& ctx) {  // a request to the client, answered or not
    auto r = ctx.ask_client("roots/list", Json::object(), std::chrono::milliseconds(20));
    return r ? mcp::ToolResult::text("roots") : mcp::ToolResult::error(r.error().message);
  });
  add("close", [](const Json&, mcp::RequestContext& ctx) {  // a resumable stream, resumed with GET
    ctx.progress(1, 2);
    ctx.close_stream();
    ctx.progress(2, 2);
    return mcp::ToolResult::text("after close");
  });
  (void)s->add_resource({"mem://a", "a", "", "A", "text/plain", std::nullopt,
                         [](const std::string& uri, mcp::RequestContext&) -> mcp::Result<Json> {
                           return Json::array({mcp::text_resource_contents(uri, "text/plain", "a")});
                         }});
  return s;
}

struct Target {
  std::unique_ptr<mcp::http::HttpServer> http;
  std::string sid;  // the harness's session ("" when stateless)
  bool stateless = false;
};

mcp::http::HttpOptions options(bool stateless) {
  mcp::http::HttpOptions o;
  o.port = 0;
  o.stateless = stateless;
  o.max_body_bytes = 4096;  // small limits, so that inputs reach them
  o.max_header_bytes = 2048;
  o.max_sessions = 8;
  o.threads = 4;
  o.read_timeout = std::chrono::milliseconds(500);
  o.write_timeout = std::chrono::milliseconds(500);
  o.idle_timeout = std::chrono::milliseconds(500);
  o.shutdown_grace = std::chrono::milliseconds(500);
  o.sse_retry = std::chrono::milliseconds(100);
  return o;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_http: %s: %s\n", what, std::strerror(errno));
  __builtin_trap();
}

// One connection: sends `bytes`, half-closes, and reads until the server closes (or `wait` passes).
//
// Two things a long campaign met (tests/reliability/README.md): libFuzzer's timeout alarm
// (SIGALRM every 16 s with -timeout=30) interrupts blocking calls, so each one goes on after
// EINTR; and the harness makes a few thousand connections a second, so a client port is reused
// while the server side still holds the old connection in TIME_WAIT and connect() can stall for a
// SYN retransmission. So each connection comes from the next of 65,280 loopback source addresses
// (127.1.1.0 to 127.1.255.255; a server listening on 127.0.0.1 answers them all).
std::string exchange(int port, const std::string& bytes, std::chrono::seconds wait = std::chrono::seconds(5)) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  static std::uint32_t next_source = 0;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  from.sin_addr.s_addr = htonl(0x7f010100U + next_source++ % (255U * 256U));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) fail("bind to a loopback source address");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    if (errno != EINTR) fail("connect to the server");  // the server is gone
    // Interrupted: the connection goes on being made; wait for it.
    pollfd p{fd, POLLOUT, 0};
    int r;
    while ((r = ::poll(&p, 1, 30000)) < 0 && errno == EINTR) {
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (r <= 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) fail("connect to the server (after EINTR)");
    if (err != 0) {
      errno = err;
      fail("connect to the server (after EINTR)");
    }
  }
  for (std::size_t off = 0; off < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server refused the rest (and closed): fine
    off += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  char buf[16384];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

std::string host_of(const Target& t) { return "127.0.0.1:" + std::to_string(t.http->port()); }

std::string post(const Target& t, const std::string& body, const std::string& sid,
                 std::chrono::seconds wait = std::chrono::seconds(5)) {
  std::string req = "POST /mcp HTTP/1.1\r\nHost: " + host_of(t) +
                    "\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
                    "MCP-Protocol-Version: 2025-11-25\r\nConnection: close\r\n";
  if (!sid.empty()) req += "Mcp-Session-Id: " + sid + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return exchange(t.http->port(), req, wait);
}

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return static_cast<int>(std::strtol(response.substr(9, 3).c_str(), nullptr, 10));
}

std::vector<std::string> session_ids_in(const std::string& response) {
  std::vector<std::string> ids;
  const std::string h = "Mcp-Session-Id: ";
  for (std::size_t p = response.find(h); p != std::string::npos; p = response.find(h, p + 1))
    ids.push_back(response.substr(p + h.size(), 64));
  return ids;
}

// Opens the harness's session (initialized) when there is none: at the start, and after an input
// ended it (the ping after each input finds that out, so no extra request per input).
void ensure_session(Target& t) {
  if (t.stateless || !t.sid.empty()) return;
  const std::string r =
      post(t,
           R"({"jsonrpc":"2.0","id":"h","method":"initialize","params":{"protocolVersion":"2025-11-25",)"
           R"("capabilities":{"roots":{}},"clientInfo":{"name":"fuzz","version":"0"}}})",
           "");
  const auto ids = session_ids_in(r);
  if (status_of(r) != 200 || ids.empty()) __builtin_trap();  // the server cannot open a session any more
  t.sid = ids.front();
  if (status_of(post(t, R"({"jsonrpc":"2.0","method":"notifications/initialized"})", t.sid)) != 202) __builtin_trap();
}

Target& target(bool stateless) {
  static const mcp::Server* server = [] {
    spdlog::set_level(spdlog::level::off);
    return make_server();
  }();
  static Target* targets[2] = {nullptr, nullptr};
  Target*& t = targets[stateless ? 1 : 0];
  if (!t) {
    t = new Target;
    t->stateless = stateless;
    t->http = std::make_unique<mcp::http::HttpServer>(*server, options(stateless));
    if (!t->http->start()) __builtin_trap();
  }
  return *t;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Target& t = target((data[0] & 1) != 0);
  ensure_session(t);
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  replace_all(bytes, "{SID}", t.sid);
  replace_all(bytes, "{HOST}", host_of(t));

  const std::string response = exchange(t.http->port(), bytes);
  if (!response.empty() && response.rfind("HTTP/1.1 ", 0) != 0) __builtin_trap();  // not HTTP
  // An internal error: a status line of 500 (at the start, or after the previous response; a body
  // may quote the input, e.g. a refused Host header, but holds no raw newline before it).
  if (response.rfind("HTTP/1.1 500", 0) == 0 || response.find("\nHTTP/1.1 500") != std::string::npos) __builtin_trap();

  // End the sessions the input opened, so the next input starts from the same state.
  for (const auto& id : session_ids_in(response)) {
    if (id == t.sid) continue;
    exchange(t.http->port(), "DELETE /mcp HTTP/1.1\r\nHost: " + host_of(t) + "\r\nMcp-Session-Id: " + id +
                                 "\r\nConnection: close\r\n\r\n");
  }
  // The server still serves a plain request. Once more, with 30 s to answer, when it did not
  // answer in 5: a run at nice 19 on a loaded machine (1 execution/s) once got no answer in 5 s
  // after an input that passed when replayed alone, several times.
  std::string ping = post(t, R"({"jsonrpc":"2.0","id":"after","method":"ping"})", t.sid);
  if (status_of(ping) == 0)
    ping = post(t, R"({"jsonrpc":"2.0","id":"after","method":"ping"})", t.sid, std::chrono::seconds(30));
  if (status_of(ping) == 404 && !t.stateless) {
    t.sid.clear();  // the input ended the harness's session (DELETE {SID}): the next input opens one
  } else if (status_of(ping) != 200) {
    __builtin_trap();
  }
  return 0;
}
