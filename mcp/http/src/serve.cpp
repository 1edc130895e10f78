// serve_http: an HttpServer for the life of the process, stopped by SIGINT or SIGTERM.
#include <mcp/http.h>

#include <spdlog/spdlog.h>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <thread>

namespace mcp::http {

namespace {

// Stops the server on its own thread; a second signal, or a stop that outlives the grace period
// by 10 s, ends the process at once.
void stop_on_signal(HttpServer& http, const HttpOptions& options, const sigset_t& signals, int sig) {
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
}

}  // namespace

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
  stop_on_signal(http, options, signals, sig);
  spdlog::info("http: stopped");
  return 0;
}

}  // namespace mcp::http
