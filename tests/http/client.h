// A small raw HTTP/1.1 client for the transport tests: it sends exactly the bytes a test wants
// (foreign Host headers, oversized headers, partial requests) and reads responses with Content-Length
// or chunked bodies, or SSE event by event. Every wait is bounded.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace test_http {

using namespace std::chrono_literals;

struct Response {
  int status = 0;                              // 0: no response (connection closed or timed out)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool has(const std::string& name) const { return headers.count(name) > 0; }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct SseEvent {
  std::string id;
  std::string event;
  std::string data;
  std::optional<long> retry;
};

class Connection {
 public:
  explicit Connection(int port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send_raw(const std::string& bytes);
  // Reads the status line and headers (a body, if any, is read by the calls below).
  Response read_head(std::chrono::milliseconds timeout = 5s);
  // The whole body of a response whose head was read: Content-Length, chunked, or to EOF.
  bool read_body(Response& r, std::chrono::milliseconds timeout = 5s);
  Response read_response(std::chrono::milliseconds timeout = 5s);
  // The next SSE event (or comment-free block) of a chunked text/event-stream body; nullopt at its
  // end or on timeout (`ended()` tells which).
  std::optional<SseEvent> next_event(std::chrono::milliseconds timeout = 5s);
  bool ended() const { return ended_; }
  // True once the server has closed the connection (EOF within the timeout).
  bool closed_by_server(std::chrono::milliseconds timeout = 5s);

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  std::optional<std::string> read_line(std::chrono::steady_clock::time_point deadline);
  bool read_exact(std::size_t n, std::string& out, std::chrono::steady_clock::time_point deadline);
  std::optional<std::string> next_chunk(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buf_;
  bool eof_ = false;
  bool ended_ = false;
  std::string sse_pending_;
};

struct Request {
  std::string method = "POST";
  std::string path = "/mcp";
  std::vector<std::pair<std::string, std::string>> headers;  // added after the defaults
  std::string body;
  bool default_host = true;    // Host: 127.0.0.1:<port>
  bool default_accept = true;  // Accept: application/json, text/event-stream
};

std::string serialize(const Request& r, int port);
// One request on a fresh connection.
Response request(int port, const Request& r, std::chrono::milliseconds timeout = 5s);

// A free TCP port on 127.0.0.1 (bound once, then released).
int free_port();

// Polls GET /healthz until it answers 200 (a server process starting up); false after `timeout`.
bool wait_healthy(int port, std::chrono::milliseconds timeout = 10s);

}  // namespace test_http
