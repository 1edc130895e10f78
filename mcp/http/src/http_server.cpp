#include "server_impl.h"

#include <spdlog/spdlog.h>

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mcp::http {

namespace {

constexpr int kListenBacklog = 1024;  // connections waiting for accept() (httplib's own is 5)

}  // namespace

using detail::Clock;

HttpServer::Impl::Impl(const Server& s, HttpOptions o)
    : server(s), opts(std::move(o)), sessions(s, opts.max_sessions, opts.session_idle_timeout) {
  limits.read_timeout = opts.read_timeout;
  limits.write_timeout = opts.write_timeout;
  limits.idle_timeout = opts.idle_timeout;
  limits.max_header_bytes = opts.max_header_bytes;
}

HttpServer::Impl::~Impl() { stop(); }

Status HttpServer::Impl::start() {
  if (started.exchange(true)) return Error::internal("the HTTP server was already started");
  if (auto problems = validate(opts); !problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    return Error::invalid_params(all);
  }
  stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd < 0) return Error::internal(std::string("eventfd: ") + std::strerror(errno));

  configure_transport();
  install_routes();
  install_hooks();
  if (auto bound = bind(); !bound) {
    ::close(stop_fd);
    stop_fd = -1;
    return bound;
  }
  listener = std::thread([this] { svr->listen_after_bind(); });
  if (!opts.stateless) start_housekeeper();
  return ok_status();
}

// The connection pool, the connection loop and the limits httplib applies itself.
void HttpServer::Impl::configure_transport() {
  svr = std::make_unique<detail::Transport>(
      [this](socket_t sock) { return serve_connection(sock, Clock::now() + limits.idle_timeout); });
  svr->new_task_queue = [this] {
    auto* p = new detail::ConnectionPool(opts.threads);
    pool = p;
    return p;
  };
  svr->set_tcp_nodelay(true);
  svr->set_keep_alive_max_count(detail::kMaxRequestsPerConnection);
  svr->set_keep_alive_timeout(
      std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(opts.idle_timeout).count()));
  svr->set_payload_max_length(opts.max_body_bytes);
}

void HttpServer::Impl::install_routes() {
  svr->set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return pre_route(req, res); });
  svr->set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (pre_route(req, res) == HandlerResponse::Handled) {
      auto* conn = detail::current_request().conn;
      if (conn) conn->must_close();  // the client holds its body back: don't read it as a request
      return res.status;
    }
    return 100;
  });
  const std::string path = detail::regex_escape(opts.path);
  svr->Post(path, [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    handle_post(req, res, &reader);
  });
  svr->Post(path, [this](const httplib::Request& req, httplib::Response& res) { handle_post(req, res, nullptr); });
  svr->Get(path, [this](const httplib::Request& req, httplib::Response& res) { handle_get(req, res); });
  svr->Delete(path, [this](const httplib::Request& req, httplib::Response& res) { handle_delete(req, res); });
}

Status HttpServer::Impl::bind() {
  const int bound =
      opts.port == 0 ? svr->bind_to_any_port(opts.host) : (svr->bind_to_port(opts.host, opts.port) ? opts.port : -1);
  if (bound <= 0)
    return Error::internal("cannot listen on " + opts.host + ":" + std::to_string(opts.port) +
                           " (address in use, or not an address of this machine?)");
  port = bound;
  if (!svr->deepen_backlog(kListenBacklog))
    spdlog::warn("http: could not deepen the listen backlog: {}", std::strerror(errno));
  allow = std::make_unique<detail::AllowList>(port, opts.host, opts.allow_hosts, opts.allow_origins);
  return ok_status();
}

// Ends idle sessions every quarter of the idle timeout (within 0.25 to 60 s).
void HttpServer::Impl::start_housekeeper() {
  housekeeper = std::thread([this] {
    const auto every = std::clamp<std::chrono::milliseconds>(
        opts.session_idle_timeout / 4, std::chrono::milliseconds(250), std::chrono::milliseconds(60'000));
    std::unique_lock lock(hk_mu);
    while (!hk_quit) {
      if (hk_cv.wait_for(lock, every, [&] { return hk_quit; })) break;
      lock.unlock();
      sessions.reap_idle();
      lock.lock();
    }
  });
}

void HttpServer::Impl::stop() {
  std::lock_guard serial(stop_mu);
  if (!started.load() || !listener.joinable()) return;
  stopping = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] auto w = ::write(stop_fd, &one, sizeof one);  // idle keep-alive connections close
  svr->stop_accepting();
  join_listener();
  svr->forget_listener();
  pool = nullptr;

  {
    std::lock_guard lock(hk_mu);
    hk_quit = true;
  }
  hk_cv.notify_all();
  if (housekeeper.joinable()) housekeeper.join();
  sessions.end_all();
  ::close(stop_fd);
  stop_fd = -1;
}

// In-flight requests finish; after the grace period their sessions are cancelled.
void HttpServer::Impl::join_listener() {
  std::mutex m;
  std::condition_variable cv;
  bool joined = false;
  std::thread joiner([&] {
    listener.join();
    std::lock_guard lock(m);
    joined = true;
    cv.notify_all();
  });
  {
    std::unique_lock lock(m);
    if (!cv.wait_for(lock, opts.shutdown_grace, [&] { return joined; })) {
      spdlog::warn("http: requests still running after {} ms; cancelling them", opts.shutdown_grace.count());
      lock.unlock();
      live.abort_all();
      sessions.end_all();
    }
  }
  joiner.join();
}

// ---- HttpServer -----------------------------------------------------------------------------------------------------

std::vector<std::string> validate(const HttpOptions& o) {
  std::vector<std::string> problems;
  if (o.port < 0 || o.port > 65535) problems.push_back("the port must be 0 to 65535");
  if (o.path.empty() || o.path.front() != '/' || o.path == "/healthz" ||
      o.path.find_first_of("?# \t\r\n") != std::string::npos)
    problems.push_back("the path must start with '/', hold no '?', '#' or space, and not be /healthz");
  for (const auto& h : detail::AllowList::invalid_hosts(o.allow_hosts))
    problems.push_back("--allow-host \"" + h + "\" is not a host or host:port");
  for (const auto& h : detail::AllowList::invalid_origins(o.allow_origins))
    problems.push_back("--allow-origin \"" + h + "\" is not an origin such as https://app.example.com");
  if (o.auth_token.find_first_of(" \t\r\n") != std::string::npos)
    problems.push_back("the auth token may not contain spaces");
  if (o.max_body_bytes < 1024) problems.push_back("the body limit must be at least 1024 bytes");
  if (o.max_header_bytes < 1024) problems.push_back("the header limit must be at least 1024 bytes");
  if (o.max_sessions == 0 && !o.stateless) problems.push_back("the session limit must be at least 1");
  if (o.threads == 0 || o.threads > 4096) problems.push_back("the thread count must be 1 to 4096");
  if (o.session_idle_timeout.count() <= 0) problems.push_back("the session idle timeout must be positive");
  if (o.read_timeout.count() <= 0 || o.write_timeout.count() <= 0 || o.idle_timeout.count() <= 0)
    problems.push_back("timeouts must be positive");
  return problems;
}

HttpServer::HttpServer(const Server& server, HttpOptions options)
    : impl_(std::make_unique<Impl>(server, std::move(options))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::start() { return impl_->start(); }
int HttpServer::port() const { return impl_->port; }
void HttpServer::stop() { impl_->stop(); }

std::string HttpServer::url() const {
  std::string host = impl_->opts.host;
  if (host == "0.0.0.0" || host.empty())
    host = "127.0.0.1";
  else if (host == "::")
    host = "[::1]";
  else if (host.find(':') != std::string::npos && host.front() != '[')
    host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + impl_->opts.path;
}

std::size_t HttpServer::session_count() const { return impl_->sessions.size(); }

}  // namespace mcp::http
