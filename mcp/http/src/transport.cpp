#include "transport.h"

#include "server_impl.h"

#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <unistd.h>

namespace mcp::http {

namespace detail {

RequestContext& current_request() {
  thread_local RequestContext context;
  return context;
}

Transport::Transport(ConnectionHandler serve) : serve_(std::move(serve)) {
  // httplib's default sets SO_REUSEPORT, which lets a second process bind the same port and take
  // a share of the connections. Only SO_REUSEADDR: a restart may reuse the port, nobody may share it.
  set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_sock_ = sock;
  });
}

void Transport::stop_accepting() {
  const socket_t s = listen_sock_.load();
  if (s != INVALID_SOCKET) ::shutdown(s, SHUT_RDWR);
}

bool Transport::deepen_backlog(int backlog) {
  const socket_t s = listen_sock_.load();
  return s != INVALID_SOCKET && ::listen(s, backlog) == 0;
}

namespace {

// httplib gives up on a request line that broke a limit without a word; say why.
void answer_broken_limit(Connection& conn) {
  const bool big = conn.header_overflow();
  const std::string body = error_body(limit_message(big));
  conn.write_all(std::string(big ? "HTTP/1.1 431 Request Header Fields Too Large" : "HTTP/1.1 408 Request Timeout") +
                 "\r\nContent-Type: " + kJsonType + "\r\nContent-Length: " + std::to_string(body.size()) +
                 "\r\nConnection: close\r\n\r\n" + body);
}

}  // namespace

}  // namespace detail

using detail::Clock;
using detail::Connection;
using detail::current_request;
using detail::kMaxRequestsPerConnection;

// Serves the connection until it closes, or gives its thread up: a new connection that has sent
// nothing while others wait for a thread goes back to the end of the queue, with the idle
// deadline it was accepted with (closing it would lose a client that was about to send).
bool HttpServer::Impl::serve_connection(socket_t sock, Clock::time_point first_idle_deadline) {
  Connection conn(sock, limits);
  auto& rq = current_request();
  rq.conn = &conn;
  bool ret = true;
  for (std::size_t served = 0; served < kMaxRequestsPerConnection; ++served) {
    auto* p = pool.load();
    const bool fresh = served == 0;
    const auto wait = p ? conn.wait_for_request(stop_fd, *p, fresh, fresh ? first_idle_deadline : Clock::time_point{})
                        : Connection::Wait::kStopping;
    if (wait == Connection::Wait::kCongested && fresh) {
      rq.conn = nullptr;
      p->enqueue([this, sock, first_idle_deadline] { serve_connection(sock, first_idle_deadline); });
      return true;
    }
    if (wait != Connection::Wait::kRequest) break;
    conn.begin_request();
    rq.start = Clock::now();
    rq.rpc = "-";
    rq.routed = false;
    const bool last = stopping.load() || served + 1 == kMaxRequestsPerConnection;
    bool client_closes = false;
    ret = svr->serve_request(conn, last, client_closes);
    if (!conn.flush()) ret = false;
    if (!ret && !conn.responded() && (conn.header_overflow() || conn.timed_out())) detail::answer_broken_limit(conn);
    if (!ret || client_closes || last || conn.closing() || stopping.load()) break;
  }
  rq.conn = nullptr;
  if (conn.closing() && !conn.timed_out()) conn.linger_close();
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

// What httplib does around the handlers: error and exception responses, the connection header,
// and the access log.
void HttpServer::Impl::install_hooks() {
  using detail::reply_error;
  svr->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    auto& rq = current_request();
    if (rq.conn && (rq.conn->header_overflow() || rq.conn->timed_out())) {
      reply_error(res, rq.conn->header_overflow() ? 431 : 408, detail::limit_message(rq.conn->header_overflow()));
    } else if (res.body.empty()) {
      reply_error(res, res.status, detail::status_text(res.status));
    }
    if (!rq.routed) {
      // httplib could not parse the request (its line or its headers): where the next request
      // would start is unknown, so the connection closes after this answer; and "Handled" makes
      // httplib frame the body with Content-Length, which it omits on this path otherwise.
      if (rq.conn) rq.conn->must_close();
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }));
  svr->set_exception_handler([](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("http: {} {} failed: {}", req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("http: {} {} failed", req.method, req.path);
    }
    reply_error(res, 500, "Internal server error");
  });
  svr->set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    auto* conn = current_request().conn;
    if (stopping.load() || (conn && conn->closing())) {  // this connection ends after the response
      res.headers.erase("Keep-Alive");
      res.headers.erase("Connection");
      res.set_header("Connection", "close");
    }
  });
  svr->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const auto& rq = current_request();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - rq.start).count();
    spdlog::info("http: {} {} {} {} {} {:.2f} ms", req.remote_addr, req.method, detail::printable(req.path), rq.rpc,
                 res.status, ms);
  });
}

}  // namespace mcp::http
