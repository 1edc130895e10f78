// The state of an HttpServer, shared by its units: the transport and its connection loop
// (transport.cpp), the checks before a request is read (admission.cpp), the handling of each
// endpoint (routing.cpp, exchange.cpp), the sessions (session_table.cpp), and start and stop
// (http_server.cpp).
#pragma once
#include <mcp/http.h>

#include "connection.h"
#include "event_stream.h"
#include "exchange.h"
#include "http_util.h"
#include "security.h"
#include "session_table.h"
#include "transport.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace mcp::http {

struct HttpServer::Impl {
  using HandlerResponse = httplib::Server::HandlerResponse;

  Impl(const Server& s, HttpOptions o);
  ~Impl();

  Status start();
  void stop();

  // start(), step by step
  void configure_transport();
  void install_routes();
  void install_hooks();
  Status bind();
  void start_housekeeper();
  void join_listener();

  // the connection loop (transport.cpp)
  bool serve_connection(socket_t sock, detail::Clock::time_point first_idle_deadline);

  // admission (admission.cpp): what is refused before a handler reads the request
  HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res);
  HandlerResponse check_framing(const httplib::Request& req, httplib::Response& res);
  bool check_percent_headers(httplib::Response& res);
  HandlerResponse check_body_length(const httplib::Request& req, httplib::Response& res);
  bool admit(const httplib::Request& req, httplib::Response& res);
  void cors(const httplib::Request& req, httplib::Response& res);

  // routes (routing.cpp)
  void handle_post(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader);
  bool read_body(const httplib::ContentReader& reader, std::string& body, httplib::Response& res);
  void open_and_respond(httplib::Response& res, const Json& message, const detail::Accepts& accepts);
  std::shared_ptr<detail::HttpSession> stateful_session(const httplib::Request& req, httplib::Response& res,
                                                        const char* stateless_refusal);
  void handle_get(const httplib::Request& req, httplib::Response& res);
  void handle_delete(const httplib::Request& req, httplib::Response& res);
  void healthz(const httplib::Request& req, httplib::Response& res);
  // The GetRoute whose prefix and suffix enclose the path, or null.
  const GetRoute* get_route_for(const std::string& path) const;
  void serve_get_route(const GetRoute& route, const httplib::Request& req, httplib::Response& res);
  bool check_version(const httplib::Request& req, httplib::Response& res, const Json& id = nullptr);
  std::shared_ptr<detail::HttpSession> session_for(const httplib::Request& req, httplib::Response& res,
                                                   const Json& id = nullptr);
  // `modern`: a request of a stateless revision, whose errors map to HTTP statuses (404 for an
  // unknown method, 400 for the revision's own errors).
  void respond(httplib::Response& res, std::shared_ptr<detail::HttpSession> hs, std::shared_ptr<Session> stateless,
               const Json& message, const detail::Accepts& accepts, bool modern = false);
  // the stateless revisions (modern_route.cpp)
  static bool is_modern(const httplib::Request& req, const Json& message);
  void handle_modern(const httplib::Request& req, httplib::Response& res, const Json& message,
                     const detail::Accepts& accepts);
  void stream_response(httplib::Response& res, std::shared_ptr<detail::EventStream> stream, std::uint64_t writer,
                       std::shared_ptr<void> hold);

  const Server& server;
  HttpOptions opts;
  detail::ConnectionLimits limits;
  detail::SessionTable sessions;
  std::unique_ptr<detail::AllowList> allow;
  std::unique_ptr<detail::Transport> svr;
  std::atomic<detail::ConnectionPool*> pool{nullptr};
  int stop_fd = -1;
  int port = 0;
  std::thread listener;
  std::thread housekeeper;
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
  std::mutex stop_mu;  // serialises stop()
  std::mutex hk_mu;
  std::condition_variable hk_cv;
  bool hk_quit = false;
  detail::LiveExchanges live;
};

}  // namespace mcp::http
