// cpp-httplib's server as the HTTP layer uses it: each connection is served by the server's own
// loop through a Connection (see connection.h), and the listening socket can stop accepting
// without cutting the response streams in progress.
#pragma once
#include "connection.h"
#include "http_util.h"

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace mcp::http::detail {

constexpr std::size_t kMaxRequestsPerConnection = 1'000'000;

// What the thread serving a connection knows about its current request.
struct RequestContext {
  Connection* conn = nullptr;
  Clock::time_point start;
  std::string rpc;      // the JSON-RPC method, for the access log
  bool routed = false;  // httplib parsed the request and handed it to pre_route
};
RequestContext& current_request();

class Transport final : public httplib::Server {
 public:
  using ConnectionHandler = std::function<bool(socket_t)>;
  // `serve` serves an accepted connection until it closes (or gives its thread up), calling
  // serve_request for each request.
  explicit Transport(ConnectionHandler serve);

  // httplib's handling of one request read from `strm`: parse, route, write the response.
  bool serve_request(httplib::Stream& strm, bool last, bool& client_closes) {
    return process_request(strm, last, client_closes, nullptr);
  }

  // Shuts the listening socket down: accept() fails, httplib's accept loop closes the socket and
  // joins the connection threads once their requests are done. Unlike httplib::Server::stop(),
  // this does not cut the response streams in progress (their chunk loop checks for that stop).
  void stop_accepting();
  // httplib (Debian's build, a shared library) listens with a backlog of 5: when dozens of clients
  // connect at once, the kernel drops the SYNs past it and the clients retry after 1, 3, 7 s.
  // listen() again on the bound socket sets a deeper queue (the kernel caps it at somaxconn).
  bool deepen_backlog(int backlog);
  // After the accept loop ended (it closed the socket itself).
  void forget_listener() { listen_sock_ = INVALID_SOCKET; }

 private:
  // httplib 0.11's public API cannot serve a connection through a Stream of ours (connection.h).
  bool process_and_close_socket(socket_t sock) override { return serve_(sock); }

  ConnectionHandler serve_;
  // The listening socket, as the socket-options callback saw it (the last socket httplib created
  // for binding is the one it bound).
  std::atomic<socket_t> listen_sock_{INVALID_SOCKET};
};

}  // namespace mcp::http::detail
