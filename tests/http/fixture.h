// An in-process HTTP server on a free port, serving a small mcp::Server whose tools let the tests
// observe and steer a request while it runs.
#pragma once
#include "client.h"

#include <mcp/http.h>
#include <mcp/server.h>

#include <catch2/catch.hpp>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace test_http {

// A tool that blocks on this until the test opens it; `wait_for_waiters` lets the test know the
// tool is running without sleeping.
class Gate {
 public:
  // Returns false when `ctx_cancelled` turned true (or 10 s passed) before the gate opened.
  bool wait(const std::function<bool()>& ctx_cancelled = {}) {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!open_) {
      if (ctx_cancelled && ctx_cancelled()) return false;
      if (cv_.wait_until(lock, std::min(until, std::chrono::steady_clock::now() + std::chrono::milliseconds(20))) ==
              std::cv_status::timeout &&
          std::chrono::steady_clock::now() >= until)
        return false;
    }
    return true;
  }
  bool wait_for_waiters(int n, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return waiting_ >= n; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

struct TestServer {
  explicit TestServer(std::function<void(mcp::http::HttpOptions&)> configure = {});
  ~TestServer() { http.stop(); }

  mcp::http::HttpOptions options() const;
  int port() const { return http.port(); }

  // initialize (+ notifications/initialized); returns the session id ("" in stateless mode).
  std::string open_session(const std::string& version = "2025-11-25");
  Response post(const std::string& body, const std::string& session = {},
                std::vector<std::pair<std::string, std::string>> headers = {}, bool sse = true);

  mcp::Server server;
  Gate gate;
  mcp::http::HttpServer http;
};

std::string call(int id, const std::string& tool, const std::string& arguments = "{}", const std::string& meta = "");
mcp::Json json_of(const Response& r);

}  // namespace test_http
