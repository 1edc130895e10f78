// The Streamable HTTP transport of MCP (revision 2025-11-25), served with cpp-httplib.
//
// One endpoint (default /mcp): POST carries one JSON-RPC message and is answered with JSON, with
// an SSE stream when the request sends notifications or requests before its response and the
// client accepts text/event-stream, or with 202 for notifications and responses. GET resumes a
// response stream (Last-Event-ID), otherwise 405: this server sends nothing unsolicited. DELETE
// ends a session. GET /healthz answers 200 for load balancers. Plain GET resources may be served
// beside the endpoint (HttpOptions::get_routes), such as a badge a README embeds.
//
// Sessions: one mcp::Session per Mcp-Session-Id, created by initialize. In stateless mode every
// request gets a fresh Session speaking the revision of its MCP-Protocol-Version header, so any
// replica can serve any request.
//
// Before any body is read: the body's framing (one Content-Length, or Transfer-Encoding: chunked,
// never both: 400), Host and Origin against an allow-list (403; a missing or repeated Host is 400),
// the bearer token when one is configured (401, compared in constant time), and the declared body
// size (413).
#pragma once
#include <mcp/error.h>
#include <mcp/server.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mcp::http {

// A plain GET resource beside the MCP endpoint: GET `prefix` NAME `suffix` is answered with
// `read(NAME)` (404 when it gives nothing), with an ETag (If-None-Match answers 304) and
// Cache-Control: public, max-age (private when a bearer token is required). Host, Origin and the
// bearer token are checked as for MCP.
struct GetRoute {
  std::string prefix;  // e.g. "/badge/"
  std::string suffix;  // e.g. ".svg"
  std::string content_type;
  std::function<std::optional<std::string>(const std::string& name)> read;
  std::chrono::seconds max_age{3600};
};

struct HttpOptions {
  std::string host = "127.0.0.1";  // bind address
  int port = 8080;                 // 0: any free port (HttpServer::port() tells which)
  std::string path = "/mcp";
  bool stateless = false;

  // Beyond localhost, 127.0.0.1 and [::1] with the server's port: "name" (any port) or
  // "name:port"; "*" allows any Host.
  std::vector<std::string> allow_hosts;
  // Origins allowed besides those whose host is allowed: "https://app.example.com"; "*" allows any.
  std::vector<std::string> allow_origins;
  // When set, every request but /healthz needs "Authorization: Bearer <token>".
  std::string auth_token;
  std::vector<GetRoute> get_routes;

  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::size_t max_header_bytes = std::size_t{32} << 10;
  std::size_t max_sessions = 1024;
  std::chrono::seconds session_idle_timeout{3600};

  // Threads that serve connections: one per open connection, which also runs its requests' handlers.
  unsigned threads = 128;
  std::chrono::milliseconds read_timeout{30'000};   // to receive a whole request, from its first byte
  std::chrono::milliseconds write_timeout{10'000};  // for the client to accept each write
  std::chrono::milliseconds idle_timeout{30'000};   // keep-alive connections between requests
  // On stop: how long in-flight requests may take before their sessions are cancelled.
  std::chrono::milliseconds shutdown_grace{10'000};
  std::chrono::milliseconds sse_retry{1'000};       // the SSE retry field of resumable streams
  std::chrono::milliseconds sse_heartbeat{15'000};  // comment line on an otherwise quiet stream
};

// The options' mistakes, one message each (empty when they are fine).
std::vector<std::string> validate(const HttpOptions& options);

class HttpServer {
 public:
  HttpServer(const Server& server, HttpOptions options);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads.
  Status start();
  int port() const;  // the bound port, once started
  std::string url() const;

  // Graceful: stops accepting connections, lets in-flight requests finish (those still running
  // after shutdown_grace have their sessions cancelled), closes idle connections, then returns.
  // Idempotent; safe from any thread but the server's own.
  void stop();

  std::size_t session_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Serves until SIGINT or SIGTERM, then stops gracefully (HttpServer::stop). Returns 0 after a clean
// stop, 1 when the options are invalid or the address cannot be bound. A second signal, or requests
// still running 10 s after their cancellation, end the process at once with status 1.
int serve_http(const Server& server, const HttpOptions& options);

}  // namespace mcp::http
