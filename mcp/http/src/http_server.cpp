#include <mcp/http.h>
#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>

#include "connection.h"
#include "event_stream.h"
#include "security.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace mcp::http {

namespace {

using Clock = std::chrono::steady_clock;
using detail::Accepts;
using detail::Connection;
using detail::EventStream;

constexpr int kTransportError = -32000;  // errors of the transport rather than of a method
constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr std::size_t kKeepDoneStreams = 8;  // finished streams a session keeps for late resumes
constexpr std::size_t kMaxStreams = 256;     // resumable streams a session keeps at most
constexpr std::size_t kMaxRequestsPerConnection = 1'000'000;
constexpr int kListenBacklog = 1024;  // connections waiting for accept() (httplib's own is 5)

// What the thread serving a connection knows about its current request.
thread_local Connection* tl_conn = nullptr;
thread_local Clock::time_point tl_start;
thread_local std::string tl_rpc;      // the JSON-RPC method, for the access log
thread_local bool tl_routed = false;  // httplib parsed the request and handed it to pre_route

std::string printable(std::string_view s, std::size_t max = 80) {
  std::string out;
  for (unsigned char c : s.substr(0, max)) out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  if (s.size() > max) out += "...";
  return out;
}

void reply_error(httplib::Response& res, int status, const std::string& message, const Json& id = nullptr) {
  res.status = status;
  res.set_content(jsonrpc::serialize(jsonrpc::make_error(id, Error{kTransportError, message})), kJsonType);
}

std::string status_text(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 408: return "Request timeout";
    case 411: return "Length required";
    case 413: return "Payload too large";
    case 414: return "URI too long";
    case 416: return "Range not satisfiable";
    case 431: return "Request header fields too large";
    case 500: return "Internal server error";
    case 503: return "Service unavailable";
    default: return "HTTP error " + std::to_string(status);
  }
}

bool has_body(const httplib::Request& req) {
  return req.get_header_value_count("Transfer-Encoding") > 0 ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::strchr(".^$|()[]{}*+?\\", c)) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// A JSON-RPC response (or a batch of them): what ends an exchange.
bool is_final(const Json& m) {
  return m.is_array() || (m.is_object() && !m.contains("method") && (m.contains("result") || m.contains("error")));
}

bool is_initialize(const Json& m) {
  if (!m.is_object()) return false;
  auto it = m.find("method");
  return it != m.end() && it->is_string() && *it == "initialize" && m.contains("id");
}

std::string rpc_method(const Json& m) {
  if (m.is_array()) return "batch";
  if (!m.is_object()) return "-";
  if (auto it = m.find("method"); it != m.end() && it->is_string())
    return printable(it->get_ref<const std::string&>(), 64);
  return m.contains("result") || m.contains("error") ? "response" : "-";
}

class NullOutbound final : public Outbound {
 public:
  void send(const Json&) override {}
};

// ---- sessions ---------------------------------------------------------------------------------------

struct HttpSession {
  HttpSession(const Server& server, std::string sid) : id(std::move(sid)), mcp(server) {}

  const std::string id;
  Session mcp;

  std::mutex mu;
  std::map<std::uint64_t, std::shared_ptr<EventStream>> streams;  // resumable streams, oldest first
  std::uint64_t next_stream = 1;
  Clock::time_point last_seen = Clock::now();
  int busy = 0;  // requests, streams and work in progress
  bool ended = false;

  std::shared_ptr<EventStream> new_stream(std::chrono::milliseconds retry) {
    std::lock_guard lock(mu);
    // Forget streams nobody can still need: finished and delivered, beyond the last few.
    std::size_t done = 0;
    for (auto it = streams.rbegin(); it != streams.rend(); ++it)
      if (it->second->done()) ++done;
    for (auto it = streams.begin(); it != streams.end() && done > kKeepDoneStreams;) {
      if (it->second->done()) {
        it = streams.erase(it);
        --done;
      } else {
        ++it;
      }
    }
    while (streams.size() >= kMaxStreams) {
      streams.begin()->second->abort();
      streams.erase(streams.begin());
    }
    auto s = std::make_shared<EventStream>(next_stream++, retry);
    streams.emplace(s->number(), s);
    return s;
  }

  std::shared_ptr<EventStream> find_stream(std::uint64_t number) {
    std::lock_guard lock(mu);
    auto it = streams.find(number);
    return it == streams.end() ? nullptr : it->second;
  }

  // DELETE, idle expiry or shutdown: writers end, requests in flight are cancelled.
  void end() {
    std::map<std::uint64_t, std::shared_ptr<EventStream>> gone;
    {
      std::lock_guard lock(mu);
      ended = true;
      gone.swap(streams);
    }
    for (auto& [_, s] : gone) s->abort();
    mcp.close();
  }
};

// Keeps a session counted as busy (not idle, so not expired) while it lives.
class Busy {
 public:
  explicit Busy(std::shared_ptr<HttpSession> s) : s_(std::move(s)) {
    if (!s_) return;
    std::lock_guard lock(s_->mu);
    ++s_->busy;
    s_->last_seen = Clock::now();
  }
  ~Busy() {
    if (!s_) return;
    std::lock_guard lock(s_->mu);
    --s_->busy;
    s_->last_seen = Clock::now();
  }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  std::shared_ptr<HttpSession> s_;
};

}  // namespace

// ---- the server ----------------------------------------------------------------------------------------

struct HttpServer::Impl {
  class Transport;
  class Exchange;

  Impl(const Server& s, HttpOptions o);
  ~Impl();

  Status start();
  void stop();

  // routes
  httplib::Server::HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res);
  bool admit(const httplib::Request& req, httplib::Response& res);
  void handle_post(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader);
  void handle_get(const httplib::Request& req, httplib::Response& res);
  void handle_delete(const httplib::Request& req, httplib::Response& res);
  void healthz(const httplib::Request& req, httplib::Response& res);
  bool check_version(const httplib::Request& req, httplib::Response& res, const Json& id = nullptr);
  std::shared_ptr<HttpSession> session_for(const httplib::Request& req, httplib::Response& res,
                                           const Json& id = nullptr);
  void respond(httplib::Response& res, std::shared_ptr<HttpSession> hs, std::shared_ptr<Session> stateless,
               const Json& message, const Accepts& accepts);
  void stream_response(httplib::Response& res, std::shared_ptr<EventStream> stream, std::uint64_t writer,
                       std::shared_ptr<void> hold);
  void cors(const httplib::Request& req, httplib::Response& res);

  // sessions
  std::shared_ptr<HttpSession> open_session();
  std::shared_ptr<HttpSession> find_session(const std::string& id);
  void drop_session(const std::string& id);
  void reap_idle();
  void end_all_sessions();

  const Server& server;
  HttpOptions opts;
  detail::ConnectionLimits limits;
  std::unique_ptr<detail::AllowList> allow;
  std::unique_ptr<Transport> svr;
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

  mutable std::mutex sessions_mu;
  std::unordered_map<std::string, std::shared_ptr<HttpSession>> sessions;

  std::mutex live_mu;
  std::unordered_set<Exchange*> live;  // every POST exchange in progress, to cancel on a forced stop
};

// httplib's server with our connection loop: limits httplib 0.11 lacks (see connection.h) and a
// stop that lets response streams in progress finish.
class HttpServer::Impl::Transport final : public httplib::Server {
 public:
  explicit Transport(Impl& impl) : impl_(impl) {}

  // Closes the listening socket's queue: accept() fails, httplib's accept loop ends and joins the
  // connection threads once their requests are done. Unlike httplib::Server::stop(), this does
  // not cut the response streams in progress (their chunk loop checks for that stop).
  void stop_accepting() {
    const socket_t s = svr_sock_.load();
    if (s != INVALID_SOCKET) ::shutdown(s, SHUT_RDWR);
  }
  // httplib (Debian's build, a shared library) listens with a backlog of 5: when dozens of clients
  // connect at once, the kernel drops the SYNs past it and the clients retry after 1, 3, 7 s.
  // listen() again on the bound socket sets a deeper queue (the kernel caps it at somaxconn).
  bool deepen_backlog(int backlog) {
    const socket_t s = svr_sock_.load();
    return s != INVALID_SOCKET && ::listen(s, backlog) == 0;
  }
  // After the accept loop ended (it closed the socket itself).
  void forget_listener() { svr_sock_ = INVALID_SOCKET; }

 private:
  bool process_and_close_socket(socket_t sock) override {
    return serve(sock, Clock::now() + impl_.limits.idle_timeout);
  }

  // Serves the connection until it closes, or gives its thread up: a new connection that has sent
  // nothing while others wait for a thread goes back to the end of the queue, with the idle
  // deadline it was accepted with (closing it would lose a client that was about to send).
  bool serve(socket_t sock, Clock::time_point first_idle_deadline) {
    Connection conn(sock, impl_.limits);
    tl_conn = &conn;
    bool ret = true;
    for (std::size_t served = 0; served < kMaxRequestsPerConnection; ++served) {
      auto* pool = impl_.pool.load();
      const bool fresh = served == 0;
      const auto wait =
          pool ? conn.wait_for_request(impl_.stop_fd, *pool, fresh, fresh ? first_idle_deadline : Clock::time_point{})
               : Connection::Wait::kStopping;
      if (wait == Connection::Wait::kCongested && fresh) {
        tl_conn = nullptr;
        pool->enqueue([this, sock, first_idle_deadline] { serve(sock, first_idle_deadline); });
        return true;
      }
      if (wait != Connection::Wait::kRequest) break;
      conn.begin_request();
      tl_start = Clock::now();
      tl_rpc = "-";
      tl_routed = false;
      const bool last = impl_.stopping.load() || served + 1 == kMaxRequestsPerConnection;
      bool client_closes = false;
      ret = process_request(conn, last, client_closes, nullptr);
      if (!conn.flush()) ret = false;
      if (!ret && !conn.responded() && (conn.header_overflow() || conn.timed_out())) {
        // httplib gives up on a request line that broke a limit without a word; say why.
        const bool big = conn.header_overflow();
        const std::string body = jsonrpc::serialize(jsonrpc::make_error(
            Json(nullptr), Error{kTransportError, big ? "Request header fields too large"
                                                      : "Request timeout: the request did not arrive in time"}));
        conn.write_all(
            std::string(big ? "HTTP/1.1 431 Request Header Fields Too Large" : "HTTP/1.1 408 Request Timeout") +
            "\r\nContent-Type: " + kJsonType + "\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body);
      }
      if (!ret || client_closes || last || conn.closing() || impl_.stopping.load()) break;
    }
    tl_conn = nullptr;
    if (conn.closing() && !conn.timed_out()) conn.linger_close();
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ret;
  }

  Impl& impl_;
};

// One POST: the Outbound its message is handled with. The message is handled on the thread that
// serves the connection (no hand-off, which costs more than most calls). The response alone
// becomes a JSON body, written by httplib once the handler returns. Anything sent before the
// response (progress, logs, a request to the client, or close_stream) starts an SSE stream, when
// the client accepts one: the exchange then writes the response head and the events to the
// connection itself, as they come, and httplib's own response for the request is dropped.
class HttpServer::Impl::Exchange final : public Outbound {
 public:
  Exchange(Impl& impl, std::shared_ptr<HttpSession> hs, std::shared_ptr<Session> stateless, const Accepts& accepts,
           Connection* conn, const httplib::Headers& response_headers)
      : impl_(impl),
        hs_(std::move(hs)),
        stateless_(std::move(stateless)),
        busy_(hs_),
        json_ok_(accepts.json),
        sse_ok_(accepts.sse && conn != nullptr),
        conn_(conn) {
    for (const auto& [k, v] : response_headers) extra_headers_ += k + ": " + v + "\r\n";
    std::lock_guard lock(impl_.live_mu);
    impl_.live.insert(this);
  }
  ~Exchange() override {
    std::lock_guard lock(impl_.live_mu);
    impl_.live.erase(this);
  }

  Session& session() { return hs_ ? hs_->mcp : *stateless_; }
  bool resumable() const { return hs_ && sse_ok_; }

  void send(const Json& message) override {
    const bool final = is_final(message);
    std::unique_lock lock(mu_);
    if (stream_) {
      stream_->append(message, final);
      push_locked();
      return;
    }
    if (ended_) {
      spdlog::debug("http: a message sent after the response was dropped");
      return;
    }
    if (final) {
      final_ = message;
      return;
    }
    if (!sse_ok_) {
      lock.unlock();
      if (message.contains("method") && message.contains("id"))
        refuse(message);
      else
        spdlog::debug("http: notification dropped: the client does not accept text/event-stream on this request");
      return;
    }
    start_stream_locked();
    stream_->append(message, false);
    push_locked();
  }

  void close_stream() override {
    std::lock_guard lock(mu_);
    if (!resumable() || ended_) return;  // nothing could resume it: keep the response on this request
    if (!stream_) start_stream_locked();
    push_locked();  // what is there goes out first (at least the priming event to resume from)
    if (!pushing_) return;
    stream_->detach(writer_);
    end_push_locked();
    // The response is complete for the client; close the connection rather than let the client
    // send its next request on it while this handler still runs.
    conn_->shut_down_writing();
  }

  enum class Outcome { kJson, kStreamed, kAccepted };

  // After the message was handled (receive returned: the work is done). kJson: `final()` is the
  // response; kStreamed: the SSE stream was written here; kAccepted: nothing to answer.
  Outcome end_of_handler() {
    std::lock_guard lock(mu_);
    ended_ = true;
    if (!stream_) return final_ ? Outcome::kJson : Outcome::kAccepted;
    stream_->finish();
    push_locked();  // sends the end of the stream if the response never came (a cancelled request)
    conn_->swallow_response();
    return Outcome::kStreamed;
  }
  // kJson: the response, as Json or (a result given as text) as its serialized text.
  const std::optional<Json>& final() const { return final_; }
  bool json_ok() const { return json_ok_; }

  // The server is stopping and the grace period is over.
  void abort() {
    std::shared_ptr<EventStream> s;
    {
      std::lock_guard lock(mu_);
      s = stream_;
    }
    if (s) s->abort();
    session().close();
  }

 private:
  void start_stream_locked() {
    stream_ =
        resumable() ? hs_->new_stream(impl_.opts.sse_retry) : std::make_shared<EventStream>(0, impl_.opts.sse_retry);
    writer_ = *stream_->attach(std::nullopt);
    std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        "X-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\n";
    head += extra_headers_;
    if (impl_.stopping.load()) head += "Connection: close\r\n";
    head += "\r\n";
    pushing_ = conn_->write_all(head);
    if (!pushing_) stream_->detach(writer_);
  }

  // Writes what the stream has for this connection's writer, as one chunk.
  void push_locked() {
    if (!pushing_) return;
    auto chunk = stream_->take(writer_);
    if (!chunk) return;
    if (!chunk->text.empty()) {
      std::string framed;
      framed.reserve(chunk->text.size() + 16);
      char size[20];
      const int n = std::snprintf(size, sizeof size, "%zx\r\n", chunk->text.size());
      framed.append(size, static_cast<std::size_t>(n));
      framed += chunk->text;
      framed += "\r\n";
      if (!conn_->write_all(framed)) {
        stream_->detach(writer_);  // the client went away: the stream waits for a resume
        pushing_ = false;
        return;
      }
    }
    if (chunk->end) end_push_locked();
  }

  void end_push_locked() {
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    conn_->write_all(kLastChunk);
    pushing_ = false;
  }

  // A request to the client (sampling, elicitation, roots) that cannot reach it, because the
  // client takes only JSON on this POST: answer it at once with an error instead of letting the
  // handler wait for its timeout.
  void refuse(const Json& request) {
    const std::string method = request.value("method", std::string("?"));
    spdlog::warn("http: cannot send {} to the client: its POST does not accept text/event-stream", method);
    NullOutbound sink;
    session().receive(jsonrpc::make_error(request["id"], Error{kTransportError,
                                                               "The client did not accept text/event-stream on this "
                                                               "request, so the server could not send it " +
                                                                   method}),
                      sink);
  }

  Impl& impl_;
  std::shared_ptr<HttpSession> hs_;
  std::shared_ptr<Session> stateless_;
  Busy busy_;
  const bool json_ok_;
  const bool sse_ok_;
  Connection* const conn_;
  std::string extra_headers_;

  std::mutex mu_;  // also serialises the writes to conn_
  std::optional<Json> final_;
  bool ended_ = false;
  std::shared_ptr<EventStream> stream_;
  std::uint64_t writer_ = 0;
  bool pushing_ = false;
};

HttpServer::Impl::Impl(const Server& s, HttpOptions o) : server(s), opts(std::move(o)) {
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

  svr = std::make_unique<Transport>(*this);
  svr->new_task_queue = [this] {
    auto* p = new detail::ConnectionPool(opts.threads);
    pool = p;
    return p;
  };
  svr->set_tcp_nodelay(true);
  // httplib's default sets SO_REUSEPORT, which lets a second process bind the same port and take
  // a share of the connections. Only SO_REUSEADDR: a restart may reuse the port, nobody may share it.
  svr->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  svr->set_keep_alive_max_count(kMaxRequestsPerConnection);
  svr->set_keep_alive_timeout(
      std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(opts.idle_timeout).count()));
  svr->set_payload_max_length(opts.max_body_bytes);
  svr->set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return pre_route(req, res); });
  svr->set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (pre_route(req, res) == httplib::Server::HandlerResponse::Handled) {
      if (tl_conn) tl_conn->must_close();  // the client holds its body back: don't read it as a request
      return res.status;
    }
    return 100;
  });
  const std::string path = regex_escape(opts.path);
  svr->Post(path, [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    handle_post(req, res, &reader);
  });
  svr->Post(path, [this](const httplib::Request& req, httplib::Response& res) { handle_post(req, res, nullptr); });
  svr->Get(path, [this](const httplib::Request& req, httplib::Response& res) { handle_get(req, res); });
  svr->Delete(path, [this](const httplib::Request& req, httplib::Response& res) { handle_delete(req, res); });
  svr->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (tl_conn && tl_conn->header_overflow()) {
      reply_error(res, 431, "Request header fields too large");
    } else if (tl_conn && tl_conn->timed_out()) {
      reply_error(res, 408, "Request timeout: the request did not arrive in time");
    } else if (res.body.empty()) {
      reply_error(res, res.status, status_text(res.status));
    }
    if (!tl_routed) {
      // httplib could not parse the request (its line or its headers): where the next request
      // would start is unknown, so the connection closes after this answer; and "Handled" makes
      // httplib frame the body with Content-Length, which it omits on this path otherwise.
      if (tl_conn) tl_conn->must_close();
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
    if (stopping.load() || (tl_conn && tl_conn->closing())) {  // this connection ends after the response
      res.headers.erase("Keep-Alive");
      res.headers.erase("Connection");
      res.set_header("Connection", "close");
    }
  });
  svr->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - tl_start).count();
    spdlog::info("http: {} {} {} {} {} {:.2f} ms", req.remote_addr, req.method, printable(req.path), tl_rpc, res.status,
                 ms);
  });

  int bound = -1;
  if (opts.port == 0)
    bound = svr->bind_to_any_port(opts.host);
  else
    bound = svr->bind_to_port(opts.host, opts.port) ? opts.port : -1;
  if (bound <= 0) {
    ::close(stop_fd);
    stop_fd = -1;
    return Error::internal("cannot listen on " + opts.host + ":" + std::to_string(opts.port) +
                           " (address in use, or not an address of this machine?)");
  }
  port = bound;
  if (!svr->deepen_backlog(kListenBacklog))
    spdlog::warn("http: could not deepen the listen backlog: {}", std::strerror(errno));
  allow = std::make_unique<detail::AllowList>(port, opts.host, opts.allow_hosts, opts.allow_origins);
  listener = std::thread([this] { svr->listen_after_bind(); });
  if (!opts.stateless)
    housekeeper = std::thread([this] {
      const auto every = std::clamp<std::chrono::milliseconds>(
          opts.session_idle_timeout / 4, std::chrono::milliseconds(250), std::chrono::milliseconds(60'000));
      std::unique_lock lock(hk_mu);
      while (!hk_quit) {
        if (hk_cv.wait_for(lock, every, [&] { return hk_quit; })) break;
        lock.unlock();
        reap_idle();
        lock.lock();
      }
    });
  return ok_status();
}

void HttpServer::Impl::stop() {
  std::lock_guard serial(stop_mu);
  if (!started.load() || !listener.joinable()) return;
  stopping = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] auto w = ::write(stop_fd, &one, sizeof one);  // idle keep-alive connections close
  svr->stop_accepting();

  // In-flight requests finish; after the grace period their sessions are cancelled.
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
      {
        std::lock_guard live_lock(live_mu);
        for (auto* ex : live) ex->abort();
      }
      end_all_sessions();
    }
  }
  joiner.join();
  svr->forget_listener();
  pool = nullptr;

  {
    std::lock_guard lock(hk_mu);
    hk_quit = true;
  }
  hk_cv.notify_all();
  if (housekeeper.joinable()) housekeeper.join();
  end_all_sessions();
  ::close(stop_fd);
  stop_fd = -1;
}

// ---- sessions ---------------------------------------------------------------------------------------------

std::shared_ptr<HttpSession> HttpServer::Impl::open_session() {
  std::lock_guard lock(sessions_mu);
  if (sessions.size() >= opts.max_sessions) {
    // Make room from sessions idle for longer than the timeout before refusing.
    const auto now = Clock::now();
    for (auto it = sessions.begin(); it != sessions.end();) {
      bool idle;
      {
        std::lock_guard slock(it->second->mu);
        idle = it->second->busy == 0 && now - it->second->last_seen > opts.session_idle_timeout;
      }
      if (idle) {
        it->second->end();
        it = sessions.erase(it);
      } else {
        ++it;
      }
    }
    if (sessions.size() >= opts.max_sessions) return nullptr;
  }
  auto hs = std::make_shared<HttpSession>(server, detail::new_session_id());
  sessions.emplace(hs->id, hs);
  return hs;
}

std::shared_ptr<HttpSession> HttpServer::Impl::find_session(const std::string& id) {
  std::shared_ptr<HttpSession> hs;
  {
    std::lock_guard lock(sessions_mu);
    auto it = sessions.find(id);
    if (it == sessions.end()) return nullptr;
    hs = it->second;
    std::lock_guard slock(hs->mu);
    if (hs->busy > 0 || Clock::now() - hs->last_seen <= opts.session_idle_timeout) {
      hs->last_seen = Clock::now();
      return hs;
    }
    sessions.erase(it);  // expired: the housekeeper had not come by yet
  }
  spdlog::info("http: session {}... expired after {} s idle", id.substr(0, 8), opts.session_idle_timeout.count());
  hs->end();
  return nullptr;
}

void HttpServer::Impl::drop_session(const std::string& id) {
  std::shared_ptr<HttpSession> hs;
  {
    std::lock_guard lock(sessions_mu);
    auto it = sessions.find(id);
    if (it == sessions.end()) return;
    hs = std::move(it->second);
    sessions.erase(it);
  }
  hs->end();
}

void HttpServer::Impl::reap_idle() {
  std::vector<std::shared_ptr<HttpSession>> expired;
  const auto now = Clock::now();
  {
    std::lock_guard lock(sessions_mu);
    for (auto it = sessions.begin(); it != sessions.end();) {
      bool idle;
      {
        std::lock_guard slock(it->second->mu);
        idle = it->second->busy == 0 && now - it->second->last_seen > opts.session_idle_timeout;
      }
      if (idle) {
        expired.push_back(std::move(it->second));
        it = sessions.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& hs : expired) {
    spdlog::info("http: session {}... expired after {} s idle", hs->id.substr(0, 8), opts.session_idle_timeout.count());
    hs->end();
  }
}

void HttpServer::Impl::end_all_sessions() {
  std::unordered_map<std::string, std::shared_ptr<HttpSession>> all;
  {
    std::lock_guard lock(sessions_mu);
    all.swap(sessions);
  }
  for (auto& [_, hs] : all) hs->end();
}

// ---- request handling ------------------------------------------------------------------------------------------

void HttpServer::Impl::healthz(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    reply_error(res, 405, "Method not allowed: /healthz answers GET");
    return;
  }
  res.status = stopping.load() ? 503 : 200;
  res.set_content(stopping.load() ? "stopping\n" : "ok\n", "text/plain");
}

bool HttpServer::Impl::admit(const httplib::Request& req, httplib::Response& res) {
  // RFC 9112 3.2: no Host, or more than one, is a 400 (and only the first would be checked).
  if (req.get_header_value_count("Host") != 1) {
    reply_error(res, 400, "Bad request: a request needs exactly one Host header");
    return false;
  }
  const std::string host = req.get_header_value("Host");
  if (!allow->host_allowed(host)) {
    spdlog::warn("http: refused {} {} from {}: Host \"{}\" is not allowed", req.method, printable(req.path),
                 req.remote_addr, printable(host));
    reply_error(res, 403,
                "Forbidden: the Host header \"" + printable(host) +
                    "\" is not allowed (DNS rebinding protection). Start the server with --allow-host to accept it.");
    return false;
  }
  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    if (req.get_header_value_count("Origin") > 1 || !allow->origin_allowed(origin)) {
      spdlog::warn("http: refused {} {} from {}: Origin \"{}\" is not allowed", req.method, printable(req.path),
                   req.remote_addr, printable(origin));
      reply_error(res, 403,
                  "Forbidden: the Origin \"" + printable(origin) +
                      "\" is not allowed. Start the server with --allow-origin to accept it.");
      return false;
    }
  }
  if (opts.auth_token.empty() || req.method == "OPTIONS") return true;  // preflights carry no credentials
  const std::string authorization = req.get_header_value("Authorization");
  const auto token = detail::bearer_token(authorization);
  if (!token) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"mcp\"");
    reply_error(res, 401, "Unauthorized: send the header \"Authorization: Bearer <token>\"");
    return false;
  }
  if (!detail::constant_time_equals(*token, opts.auth_token)) {
    spdlog::warn("http: refused {} {} from {}: wrong bearer token", req.method, printable(req.path), req.remote_addr);
    res.set_header("WWW-Authenticate", "Bearer realm=\"mcp\", error=\"invalid_token\"");
    reply_error(res, 401, "Unauthorized: the bearer token is not valid");
    return false;
  }
  return true;
}

void HttpServer::Impl::cors(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_header("Origin")) return;  // admit() checked it, when present
  res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
  res.set_header("Vary", "Origin");
  res.set_header("Access-Control-Expose-Headers", "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate");
}

httplib::Server::HandlerResponse HttpServer::Impl::pre_route(const httplib::Request& req, httplib::Response& res) {
  using HR = httplib::Server::HandlerResponse;
  tl_routed = true;
  auto refuse_unread = [&] {
    if (has_body(req) && tl_conn) tl_conn->must_close();  // its body stays unread
    return HR::Handled;
  };
  if (tl_conn && tl_conn->malformed_header()) {
    reply_error(res, 400, "Bad request: a header line without a field name and a ':'");
    tl_conn->must_close();  // the request's real end is unknown: do not read another from here
    return HR::Handled;
  }
  // A body must have exactly one length (RFC 9112 6.3): Content-Length twice, or beside
  // Transfer-Encoding, is how requests are smuggled past a proxy that reads the other one; and
  // chunked is the only transfer coding this server reads. The connection cannot carry another
  // request after a body whose end is unknown.
  const std::size_t lengths = req.get_header_value_count("Content-Length");
  const std::size_t codings = req.get_header_value_count("Transfer-Encoding");
  if (lengths > 1 || codings > 1 || (lengths && codings) ||
      (codings && !iequals(req.get_header_value("Transfer-Encoding"), "chunked"))) {
    reply_error(res, 400,
                "Bad request: the body's length must be given once, by Content-Length or by "
                "Transfer-Encoding: chunked");
    if (tl_conn) tl_conn->must_close();
    return HR::Handled;
  }
  if (req.path == "/healthz") {
    healthz(req, res);
    return refuse_unread();
  }
  // httplib percent-decodes header values: "Host: %6c%6f%63..." would be checked as "localhost",
  // and a session id or a token could be spelled two ways. No header this server reads may hold
  // a '%' (none of their legitimate values does).
  if (tl_conn) {
    static const char* const kRead[] = {
        "host",          "origin",         "authorization",     "mcp-session-id", "mcp-protocol-version",
        "last-event-id", "content-length", "transfer-encoding", "accept"};
    for (const auto& name : tl_conn->percent_headers())
      if (std::find(std::begin(kRead), std::end(kRead), name) != std::end(kRead)) {
        reply_error(res, 400, "Bad request: the " + printable(name, 32) + " header may not hold percent-encoding");
        return refuse_unread();
      }
  }
  if (!admit(req, res)) return refuse_unread();
  if (req.path != opts.path) {
    reply_error(res, 404, "Not found: the MCP endpoint is " + opts.path);
    return refuse_unread();
  }
  cors(req, res);
  if (req.method == "OPTIONS") {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, DELETE");
    res.set_header("Access-Control-Allow-Headers",
                   "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID");
    res.set_header("Access-Control-Max-Age", "600");
    return refuse_unread();
  }
  if (req.method != "GET" && req.method != "POST" && req.method != "DELETE") {
    res.set_header("Allow", "GET, POST, DELETE");
    reply_error(res, 405, "Method not allowed: " + printable(req.method, 16));
    return refuse_unread();
  }
  if (req.method == "POST" && lengths == 0 && codings == 0) {
    // RFC 9112 6.3: such a request has no body, yet a client that sends one would see it read as
    // its next request; MCP requests always have a body.
    reply_error(res, 411, "Length required: send the body with Content-Length or Transfer-Encoding: chunked");
    if (tl_conn) tl_conn->must_close();
    return HR::Handled;
  }
  if (req.method == "POST" && req.has_header("Content-Length")) {
    const std::string cl = req.get_header_value("Content-Length");
    std::size_t declared = 0;
    const bool numeric = !cl.empty() && cl.size() <= 19 && std::all_of(cl.begin(), cl.end(), ::isdigit);
    if (numeric) declared = std::stoull(cl);
    if (!numeric || declared > opts.max_body_bytes) {
      if (numeric)
        reply_error(res, 413,
                    "Payload too large: the body may hold at most " + std::to_string(opts.max_body_bytes) + " bytes");
      else
        reply_error(res, 400, "Bad request: invalid Content-Length");
      if (tl_conn) tl_conn->must_close();
      return HR::Handled;
    }
  }
  return HR::Unhandled;
}

bool HttpServer::Impl::check_version(const httplib::Request& req, httplib::Response& res, const Json& id) {
  if (!req.has_header("MCP-Protocol-Version")) return true;  // taken to be 2025-03-26
  const std::string v = req.get_header_value("MCP-Protocol-Version");
  if (protocol::is_supported(v)) return true;
  std::string supported;
  for (auto s : protocol::supported()) supported += (supported.empty() ? "" : ", ") + std::string(s);
  reply_error(
      res, 400,
      "Bad request: unsupported MCP-Protocol-Version \"" + printable(v, 40) + "\"; this server supports " + supported,
      id);
  return false;
}

std::shared_ptr<HttpSession> HttpServer::Impl::session_for(const httplib::Request& req, httplib::Response& res,
                                                           const Json& id) {
  if (!req.has_header("Mcp-Session-Id")) {
    reply_error(res, 400, "Bad request: the Mcp-Session-Id header is required (send initialize first to get one)", id);
    return nullptr;
  }
  auto hs = find_session(req.get_header_value("Mcp-Session-Id"));
  if (!hs) reply_error(res, 404, "Session not found: it ended or expired; send initialize to start a new one", id);
  return hs;
}

void HttpServer::Impl::handle_post(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader* reader) {
  std::string body;
  if (reader) {
    bool too_large = false;
    const bool ok = (*reader)([&](const char* data, std::size_t n) {
      if (body.size() + n > opts.max_body_bytes) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (too_large) {
      if (tl_conn) tl_conn->must_close();
      reply_error(res, 413,
                  "Payload too large: the body may hold at most " + std::to_string(opts.max_body_bytes) + " bytes");
      return;
    }
    if (!ok) {
      if (tl_conn) tl_conn->must_close();
      if (tl_conn && tl_conn->timed_out())
        reply_error(res, 408, "Request timeout: the body did not arrive in time");
      else
        reply_error(res, 400, "Bad request: the body could not be read");
      return;
    }
  }

  const Accepts accepts = detail::parse_accept(req.get_header_value("Accept"), req.has_header("Accept"));
  if (!accepts.json && !accepts.sse) {
    reply_error(res, 406, "Not acceptable: the client must accept application/json or text/event-stream");
    return;
  }
  auto parsed = jsonrpc::parse(body);
  if (!parsed) {
    res.status = 400;
    res.set_content(jsonrpc::serialize(jsonrpc::make_error(Json(nullptr), parsed.error())), kJsonType);
    return;
  }
  const Json& message = *parsed;
  tl_rpc = rpc_method(message);
  const Json id = message.is_object() ? message.value("id", Json(nullptr)) : Json(nullptr);
  const bool init = is_initialize(message);
  if (!init && !check_version(req, res, id)) return;

  if (opts.stateless) {
    SessionOptions so;
    so.require_initialize = false;
    if (req.has_header("MCP-Protocol-Version")) so.assumed_version = req.get_header_value("MCP-Protocol-Version");
    respond(res, nullptr, std::make_shared<Session>(server, so), message, accepts);
    return;
  }
  if (init) {
    auto hs = open_session();
    if (!hs) {
      res.set_header("Retry-After", "60");
      reply_error(res, 503,
                  "Service unavailable: the server holds its maximum of " + std::to_string(opts.max_sessions) +
                      " sessions; retry later or end unused sessions with DELETE",
                  id);
      return;
    }
    respond(res, hs, nullptr, message, accepts);
    if (hs->mcp.initialized()) {
      res.set_header("Mcp-Session-Id", hs->id);
      spdlog::info("http: session {}... opened", hs->id.substr(0, 8));
    } else {
      drop_session(hs->id);  // initialize failed: no session
    }
    return;
  }
  auto hs = session_for(req, res, id);
  if (!hs) return;
  respond(res, hs, nullptr, message, accepts);
}

void HttpServer::Impl::respond(httplib::Response& res, std::shared_ptr<HttpSession> hs,
                               std::shared_ptr<Session> stateless, const Json& message, const Accepts& accepts) {
  Exchange ex(*this, std::move(hs), std::move(stateless), accepts, tl_conn, res.headers);
  ex.session().receive(message, ex);
  switch (ex.end_of_handler()) {
    case Exchange::Outcome::kJson: {
      const Json& final = *ex.final();
      // An error nobody's id can carry (unparsable or invalid message) is the client's fault.
      const bool anonymous_error = final.is_object() && final.contains("error") && final["id"].is_null();
      res.status = anonymous_error ? 400 : 200;
      std::string text = jsonrpc::serialize(final);
      if (ex.json_ok()) {
        res.body = std::move(text);  // set_content() without the copy
        res.headers.erase("Content-Type");
        res.set_header("Content-Type", kJsonType);
      } else {  // the client takes only text/event-stream: the response as the stream's one event
        res.set_header("Cache-Control", "no-cache");
        res.set_content("event: message\ndata: " + text + "\n\n", "text/event-stream");
      }
      break;
    }
    case Exchange::Outcome::kStreamed:
      res.status = 200;  // already on the wire; for the access log
      break;
    case Exchange::Outcome::kAccepted: res.status = 202; break;
  }
}

void HttpServer::Impl::stream_response(httplib::Response& res, std::shared_ptr<EventStream> stream,
                                       std::uint64_t writer, std::shared_ptr<void> hold) {
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  const auto heartbeat = opts.sse_heartbeat;
  res.set_chunked_content_provider(
      "text/event-stream",
      [stream, writer, heartbeat, hold](std::size_t, httplib::DataSink& sink) {
        auto chunk = stream->next(writer, heartbeat);
        if (!chunk.text.empty() && !sink.write(chunk.text.data(), chunk.text.size())) {
          stream->detach(writer);
          return false;
        }
        if (chunk.end) sink.done();
        return true;
      },
      [stream, writer](bool) { stream->detach(writer); });
}

void HttpServer::Impl::handle_get(const httplib::Request& req, httplib::Response& res) {
  if (opts.stateless) {
    res.set_header("Allow", "POST");
    reply_error(res, 405, "Method not allowed: this server is stateless and offers no SSE stream on GET");
    return;
  }
  if (!check_version(req, res)) return;
  auto hs = session_for(req, res);
  if (!hs) return;
  if (!req.has_header("Last-Event-ID")) {
    res.set_header("Allow", "POST, DELETE");
    reply_error(res, 405,
                "Method not allowed: this server sends no messages outside responses; GET only resumes a "
                "response stream (with Last-Event-ID)");
    return;
  }
  const std::string last = req.get_header_value("Last-Event-ID");
  auto parsed = EventStream::parse_event_id(last);
  auto stream = parsed ? hs->find_stream(parsed->first) : nullptr;
  auto writer = stream ? stream->attach(parsed->second) : std::nullopt;
  if (!writer) {
    reply_error(res, 400,
                "Bad request: Last-Event-ID \"" + printable(last, 40) +
                    "\" names no stream of this session that can be resumed");
    return;
  }
  tl_rpc = "resume";
  stream_response(res, stream, *writer, std::make_shared<Busy>(hs));
}

void HttpServer::Impl::handle_delete(const httplib::Request& req, httplib::Response& res) {
  if (opts.stateless) {
    res.set_header("Allow", "POST");
    reply_error(res, 405, "Method not allowed: this server is stateless and has no sessions to end");
    return;
  }
  if (!check_version(req, res)) return;
  auto hs = session_for(req, res);
  if (!hs) return;
  drop_session(hs->id);
  spdlog::info("http: session {}... ended by the client", hs->id.substr(0, 8));
  res.status = 200;
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

std::size_t HttpServer::session_count() const {
  std::lock_guard lock(impl_->sessions_mu);
  return impl_->sessions.size();
}

int serve_http(const Server& server, const HttpOptions& options) {
  // Signals are taken by one thread with sigwait: block them before any thread starts so that
  // every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  (void)std::signal(SIGPIPE, SIG_IGN);  // SIG_ERR only for an invalid signal number

  HttpServer http(server, options);
  if (auto started = http.start(); !started) {
    spdlog::error("http: {}", started.error().message);
    return 1;
  }
  const bool loopback = options.host == "127.0.0.1" || options.host == "localhost" || options.host == "::1";
  if (!loopback && options.auth_token.empty())
    spdlog::warn("http: listening on {} without a bearer token: anyone who can reach it can use it", options.host);
  spdlog::info("http: listening on {} ({}, {} threads)", http.url(), options.stateless ? "stateless" : "sessions",
               options.threads);

  int sig = 0;
  while (sigwait(&signals, &sig) != 0) {
  }
  spdlog::info("http: {} received; finishing requests in flight (a second signal exits at once)",
               sig == SIGINT ? "SIGINT" : "SIGTERM");
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    http.stop();
    stopped = true;
  });
  // stop() cancels what still runs after the grace period; a handler that ignores cancellation
  // must not keep the process alive for ever.
  const auto give_up = std::chrono::steady_clock::now() + options.shutdown_grace + std::chrono::seconds(10);
  while (!stopped.load()) {
    const timespec slice{0, 100'000'000};
    const int again = sigtimedwait(&signals, nullptr, &slice);
    const bool late = std::chrono::steady_clock::now() >= give_up;
    if (again == SIGINT || again == SIGTERM || late) {
      if (late)
        spdlog::error("http: requests still running after they were cancelled; exiting anyway");
      else
        spdlog::warn("http: second signal; exiting without waiting for requests in flight");
      spdlog::default_logger()->flush();
      std::_Exit(1);
    }
  }
  stopper.join();
  spdlog::info("http: stopped");
  return 0;
}

}  // namespace mcp::http
