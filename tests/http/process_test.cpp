// The conformance fixture server as a process: the HTTP flags of mcp_cli, the token from the
// environment, and the stop on SIGTERM/SIGINT (finish the call in flight, exit 0).
#include "client.h"

#include <mcp/json.h>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

extern char** environ;

using namespace test_http;
using mcp::Json;

namespace {

class Child {
 public:
  Child(std::vector<std::string> args, const std::vector<std::string>& env_extra = {}) {
    int err[2];
    REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    args.insert(args.begin(), FIXTURE_SERVER);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_store;
    for (char** e = environ; *e; ++e) env_store.emplace_back(*e);
    for (const auto& e : env_extra) env_store.push_back(e);
    std::vector<char*> envp;
    envp.reserve(env_store.size() + 1);
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, FIXTURE_SERVER, &fa, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(err[1]);
    err_fd_ = err[0];
  }
  ~Child() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(err_fd_);
  }

  // The exit status, or -1 if the process did not exit in time.
  int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      drain();
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        drain();
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (std::chrono::steady_clock::now() >= until) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void signal(int sig) { ::kill(pid_, sig); }
  const std::string& err() {
    drain();
    return err_;
  }

 private:
  void drain() {
    pollfd p{err_fd_, POLLIN, 0};
    while (::poll(&p, 1, 0) > 0) {
      char buf[4096];
      const ssize_t n = ::read(err_fd_, buf, sizeof buf);
      if (n <= 0) break;
      err_.append(buf, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_ = -1;
  int err_fd_ = -1;
  bool exited_ = false;
  std::string err_;
};

Request post(std::string body, const std::string& sid = {},
             std::vector<std::pair<std::string, std::string>> extra = {}) {
  Request r;
  r.body = std::move(body);
  if (!sid.empty()) r.headers.push_back({"Mcp-Session-Id", sid});
  for (auto& h : extra) r.headers.push_back(std::move(h));
  return r;
}

const std::string kInit =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})";

}  // namespace

TEST_CASE("process: SIGTERM lets the call in flight finish, then the server exits 0") {
  const int port = free_port();
  Child server({"--http", "--port", std::to_string(port)});
  REQUIRE(wait_healthy(port));
  Response init = request(port, post(kInit));
  REQUIRE(init.status == 200);
  const std::string sid = init.header("mcp-session-id");

  Connection call(port);
  REQUIRE(call.send_raw(serialize(
      post(
          R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_tool_with_logging","arguments":{}}})",
          sid),
      port)));
  REQUIRE(call.read_head().status == 200);
  // Wait for the first log message: the call is running now.
  std::optional<SseEvent> e;
  do e = call.next_event();
  while (e && e->data.empty());
  REQUIRE(e);
  CHECK(Json::parse(e->data)["method"] == "notifications/message");

  server.signal(SIGTERM);
  Json last;
  while (auto ev = call.next_event()) last = Json::parse(ev->data);
  CHECK(last["id"] == 2);
  CHECK(last["result"]["content"][0]["text"] == "Tool with logging executed successfully");
  CHECK(server.wait_exit() == 0);
  CHECK_FALSE(Connection(port).connected());
}

namespace {

// Opens a session that declares elicitation and starts test_elicitation; returns once the server's
// elicitation/create request has arrived on the call's stream (the call now waits for the client).
struct WaitingCall {
  WaitingCall(int port) : call(port) {
    Response init = request(
        port,
        post(
            R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}},"clientInfo":{"name":"t","version":"0"}}})"));
    REQUIRE(init.status == 200);
    sid = init.header("mcp-session-id");
    REQUIRE(call.send_raw(serialize(
        post(
            R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_elicitation","arguments":{"message":"who?"}}})",
            sid),
        port)));
    REQUIRE(call.read_head().status == 200);
    std::optional<SseEvent> e;
    do e = call.next_event();
    while (e && e->data.empty());
    REQUIRE(e);
    ask = Json::parse(e->data);
    REQUIRE(ask["method"] == "elicitation/create");
  }
  Connection call;
  std::string sid;
  Json ask;
};

}  // namespace

TEST_CASE("process: a second signal ends the process at once, with status 1") {
  const int port = free_port();
  Child server({"--http", "--port", std::to_string(port)});
  REQUIRE(wait_healthy(port));
  WaitingCall w(port);  // would hold the graceful stop for its 60 s timeout
  server.signal(SIGTERM);
  CHECK(server.wait_exit(std::chrono::milliseconds(500)) == -1);  // still waiting for the call
  server.signal(SIGTERM);
  CHECK(server.wait_exit(std::chrono::seconds(2)) == 1);
  CHECK(server.err().find("second signal") != std::string::npos);
}

TEST_CASE("process: SIGINT stops an idle server with status 0") {
  const int port = free_port();
  Child server({"--http", "--port", std::to_string(port), "--stateless"});
  REQUIRE(wait_healthy(port));
  CHECK(request(port, post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})")).status == 200);
  server.signal(SIGINT);
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("process: the bearer token comes from the environment variable and is never logged") {
  const int port = free_port();
  const std::string token = "env-token-4c2f9a71e8";
  Child server({"--http", "--port", std::to_string(port)}, {"MCP_CONFORMANCE_AUTH_TOKEN=" + token});
  REQUIRE(wait_healthy(port));
  Response none = request(port, post(kInit));
  CHECK(none.status == 401);
  CHECK(request(port, post(kInit, {}, {{"Authorization", "Bearer " + token + "x"}})).status == 401);
  CHECK(request(port, post(kInit, {}, {{"Authorization", "Bearer " + token}})).status == 200);
  server.signal(SIGTERM);
  CHECK(server.wait_exit() == 0);
  CHECK(server.err().find("wrong bearer token") != std::string::npos);  // the refusal is logged...
  CHECK(server.err().find(token) == std::string::npos);                 // ...the token is not
}

TEST_CASE("process: --auth-token overrides the environment") {
  const int port = free_port();
  Child server({"--http", "--port", std::to_string(port), "--auth-token", "from-flag"},
               {"MCP_CONFORMANCE_AUTH_TOKEN=from-env"});
  REQUIRE(wait_healthy(port));
  CHECK(request(port, post(kInit, {}, {{"Authorization", "Bearer from-env"}})).status == 401);
  CHECK(request(port, post(kInit, {}, {{"Authorization", "Bearer from-flag"}})).status == 200);
  server.signal(SIGTERM);
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("process: HTTP flags without --http are a usage error") {
  Child server({"--port", "9000"});
  const int status = server.wait_exit();
  CHECK(status != 0);
  CHECK(status != -1);
  CHECK(server.err().find("--http") != std::string::npos);
}

TEST_CASE("process: an invalid allow-list entry or a busy port stops the start with a message") {
  {
    Child server({"--http", "--port", "0", "--allow-host", "not a host"});
    CHECK(server.wait_exit() == 2);
    CHECK(server.err().find("not a host") != std::string::npos);
  }
  {
    const int port = free_port();
    Child first({"--http", "--port", std::to_string(port)});
    REQUIRE(wait_healthy(port));
    Child second({"--http", "--port", std::to_string(port)});
    CHECK(second.wait_exit() == 1);
    CHECK(second.err().find("cannot listen") != std::string::npos);
    first.signal(SIGTERM);
    CHECK(first.wait_exit() == 0);
  }
}
