// Faults, against the real openness-mcp process: the client vanishing mid-call over stdio (stdin
// closed, stdout closed) and over HTTP (TCP reset), SIGTERM under load, and --data-dir files that
// change or break while the server runs. In every case: no crash (no death by signal), no
// half-written message, and the server either keeps serving or exits with its documented status.
#include "client.h"
#include "user_records.h"

#include <mcp/json.h>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

extern char** environ;

namespace fs = std::filesystem;
using namespace test_http;
using mcp::Json;

namespace {

// Writing to a server that has gone must fail with EPIPE here too, not kill the test.
const bool kIgnoreSigpipe = [] {
  (void)std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

// openness-mcp as a child process with pipes on stdin, stdout and stderr.
class Server {
 public:
  explicit Server(std::vector<std::string> args) {
    int in[2], out[2], err[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    args.insert(args.begin(), OPENNESS_MCP);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, OPENNESS_MCP, &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    // Drained all the time: a server that logs every request would block on a full pipe.
    err_reader_ = std::thread([this] {
      char tmp[4096];
      for (ssize_t n; (n = ::read(err_, tmp, sizeof tmp)) > 0;) {
        std::lock_guard lock(err_mu_);
        err_text_.append(tmp, static_cast<std::size_t>(n));
      }
    });
  }
  ~Server() {
    close_stdin();
    close_stdout();
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (err_reader_.joinable()) err_reader_.join();  // EOF once the server is gone
    ::close(err_);
  }

  bool write(const std::string& bytes) {
    for (std::size_t off = 0; off < bytes.size();) {
      const ssize_t n = ::write(in_, bytes.data() + off, bytes.size() - off);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }
  void close_stdin() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }
  void close_stdout() {
    if (out_ >= 0) ::close(out_);
    out_ = -1;
  }
  // One line of stdout ("" at EOF or after the timeout).
  std::string line(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string l = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return l;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
      if (left <= 0) return "";
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) return "";
      char tmp[65536];
      const ssize_t n = ::read(out_, tmp, sizeof tmp);
      if (n <= 0) {
        eof_ = true;
        std::string rest;
        rest.swap(buf_);
        return rest;
      }
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  bool eof() const { return eof_; }
  Json request(const std::string& message) {
    REQUIRE(write(message + "\n"));
    const std::string l = line();
    Json j = Json::parse(l, nullptr, false);
    if (j.is_discarded()) FAIL("not a JSON line: " << l.substr(0, 200) << "\nstderr: " << err());
    return j;
  }
  void initialize() {
    const Json r = request(
        R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"faults","version":"0"}}})");
    REQUIRE(r.contains("result"));
    REQUIRE(write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                  "\n"));
  }

  // The exit code; 128 + the signal when killed by one; -1 when still running after the timeout.
  int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (std::chrono::steady_clock::now() >= until) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void signal(int sig) { ::kill(pid_, sig); }
  bool alive() { return ::kill(pid_, 0) == 0 && !exited_; }
  // What the server wrote to stderr (all of it, once it has exited).
  std::string err() {
    if (exited_ && err_reader_.joinable()) err_reader_.join();
    std::lock_guard lock(err_mu_);
    return err_text_;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string buf_;
  bool eof_ = false, exited_ = false;
  std::thread err_reader_;
  std::mutex err_mu_;
  std::string err_text_;
};

std::string tool_call(const std::string& id, const std::string& tool, const Json& args) {
  return Json{
      {"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"}, {"params", {{"name", tool}, {"arguments", args}}}}
      .dump();
}

// A mix of calls, some of them failing: the work a client leaves in flight.
std::string burst(int n) {
  std::string all;
  for (int i = 0; i < n; ++i) {
    const std::string id = "b" + std::to_string(i);
    switch (i % 4) {
      case 0: all += tool_call(id, "lookup_model", {{"name", "OLMo-7B"}}); break;
      case 1: all += tool_call(id, "search_models", {{"query", "llama"}, {"limit", 20}}); break;
      case 2: all += tool_call(id, "compare_models", {{"names", {"OLMo-7B", "Llama-3.1-8B", "pythia-1b"}}}); break;
      default: all += tool_call(id, "lookup_model", {{"name", 7}}); break;  // fails: wrong type
    }
    all += "\n";
  }
  return all;
}

Request post(std::string body, const std::string& sid) {
  Request r;
  r.body = std::move(body);
  if (!sid.empty()) r.headers.push_back({"Mcp-Session-Id", sid});
  r.headers.push_back({"MCP-Protocol-Version", "2025-11-25"});
  return r;
}

std::string http_session(int port) {
  Response init = request(
      port,
      post(
          R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"faults","version":"0"}}})",
          ""));
  REQUIRE(init.status == 200);
  std::string sid = init.header("mcp-session-id");
  REQUIRE(request(port, post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", sid)).status == 202);
  return sid;
}

void expect_lookup_works(int port, const std::string& sid) {
  Response r = request(port, post(tool_call("ok", "lookup_model", {{"name", "OLMo-7B"}}), sid));
  REQUIRE(r.status == 200);
  const Json j = Json::parse(r.body);
  CHECK(j["result"]["structuredContent"]["model"]["id"] == "olmo-7b");
}

using test::TempDir;
using test::user_record;

}  // namespace

// ---- stdio: the client vanishes ---------------------------------------------------------------------------------

TEST_CASE("fault: stdin closed with 200 calls in flight: every call is answered in full, then exit 0",
          "[faults][stdio]") {
  Server s({});
  s.initialize();
  REQUIRE(s.write(burst(200)));
  s.close_stdin();  // the client is done writing: what it sent must still be answered
  int answered = 0, failed = 0;
  for (;;) {
    const std::string l = s.line();
    if (l.empty()) break;
    const Json j = Json::parse(l, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());  // never a half-written line
    REQUIRE(j.contains("result"));
    ++answered;
    failed += j["result"].value("isError", false) ? 1 : 0;
  }
  CHECK(answered == 200);
  CHECK(failed == 50);
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("fault: stdin closed in the middle of a message: the fragment is answered -32700, then exit 0",
          "[faults][stdio]") {
  Server s({});
  s.initialize();
  REQUIRE(s.write(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_mo)"));
  s.close_stdin();
  const Json j = Json::parse(s.line());
  CHECK(j["error"]["code"] == -32700);
  CHECK(s.line().empty());
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("fault: the client stops reading (stdout closed) mid-stream: the server exits without a signal",
          "[faults][stdio]") {
  Server s({});
  s.initialize();
  s.close_stdout();  // the reader is gone: the next write fails with EPIPE, never SIGPIPE
  // Keep sending until the server notices and goes; writes to its stdin may fail once it has.
  for (int round = 0; round < 50 && s.alive(); ++round) {
    if (!s.write(burst(20))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const int status = s.wait_exit();
  CHECK(status == 0);  // serve_stdio: the client went away
  CHECK(s.err().find("the client is gone") != std::string::npos);
}

TEST_CASE("fault: stdin and stdout closed at once with calls in flight: exit without a signal", "[faults][stdio]") {
  Server s({});
  s.initialize();
  REQUIRE(s.write(burst(100)));
  s.close_stdout();
  s.close_stdin();
  const int status = s.wait_exit();
  CHECK((status == 0 || status == 1));
  CHECK(status < 128);
}

// ---- HTTP: the client vanishes (TCP reset) ------------------------------------------------------------------------

TEST_CASE("fault: 300 clients reset their connection mid-request or mid-call: the server keeps serving",
          "[faults][http]") {
  const int port = free_port();
  Server s({"--http", "--port", std::to_string(port)});
  REQUIRE(wait_healthy(port));
  const std::string sid = http_session(port);
  const std::string full = serialize(post(tool_call("r", "search_models", {{"query", "o"}, {"limit", 50}}), sid), port);
  for (int i = 0; i < 300; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    // Cut at every kind of place: in the headers, in the body, just after the request (the call
    // runs), or after part of the response was read.
    const std::size_t cut = i % 4 == 0 ? full.size() / 4 : i % 4 == 1 ? full.size() - 5 : full.size();
    ::send(fd, full.data(), cut, MSG_NOSIGNAL);
    if (i % 4 == 3) {
      char buf[64];
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) > 0) (void)::recv(fd, buf, sizeof buf, 0);
    }
    linger lg{1, 0};  // close with RST, not FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    ::close(fd);
  }
  expect_lookup_works(port, sid);
  CHECK(s.alive());
  s.signal(SIGTERM);
  CHECK(s.wait_exit() == 0);
}

// ---- SIGTERM during load -----------------------------------------------------------------------------------------

TEST_CASE("fault: SIGTERM under load from 16 clients: every answer sent is whole, and the server exits 0",
          "[faults][http]") {
  const int port = free_port();
  Server s({"--http", "--port", std::to_string(port)});
  REQUIRE(wait_healthy(port));
  const std::string sid = http_session(port);
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, refused{0}, broken{0}, wrong{0};
  std::vector<std::thread> clients;
  clients.reserve(16);
  for (int t = 0; t < 16; ++t)
    clients.emplace_back([&, t] {
      int n = 0;
      while (!stop.load()) {
        Connection c(port);  // keep-alive: requests one after another on one connection
        if (!c.connected()) {
          ++refused;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          continue;
        }
        for (int k = 0; k < 20 && !stop.load(); ++k) {
          const std::string id = std::to_string(t) + "-" + std::to_string(n++);
          const std::string body = k % 3 == 2 ? tool_call(id, "lookup_model", {{"name", ""}})  // a failing call
                                              : tool_call(id, "lookup_model", {{"name", "OLMo-7B"}});
          if (!c.send_raw(serialize(post(body, sid), port))) {
            ++refused;
            break;
          }
          Response r = c.read_response(std::chrono::seconds(10));
          if (r.status == 0) {  // closed before an answer: not served, which is allowed while stopping
            ++refused;
            break;
          }
          const Json j = Json::parse(r.body, nullptr, false);
          if (j.is_discarded()) {
            ++broken;  // a half-written answer
            break;
          }
          if (r.status == 200 && j["id"] == id && j.contains("result"))
            ++ok;
          else if (r.status == 404 || r.status == 503)
            ++refused;  // the session ended with the stop
          else
            ++wrong;
          if (r.header("connection") == "close") break;
        }
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const int before = ok.load();
  s.signal(SIGTERM);
  const int status = s.wait_exit(std::chrono::seconds(20));
  stop = true;
  for (auto& c : clients) c.join();
  CHECK(status == 0);
  CHECK(before > 100);  // the load was real
  CHECK(broken == 0);
  CHECK(wrong == 0);
  INFO("ok " << ok << ", refused after the stop " << refused);
  CHECK(s.err().find("stopped") != std::string::npos);
}

// ---- --data-dir files that change or break while the server runs ---------------------------------------------------

TEST_CASE(
    "fault: --data-dir files truncated, rewritten, broken or removed while serving: the loaded records are served",
    "[faults][data]") {
  TempDir d;
  std::string lines;  // 40 records, several pages: truncating the file drops whole pages
  for (int i = 0; i < 40; ++i)
    lines += user_record("mine-" + std::to_string(i), "Mine-" + std::to_string(i)).dump() + "\n";
  d.write("a.jsonl", lines);
  d.write("b.json", Json::array({user_record("other-0", "Other-0"), user_record("other-1", "Other-1")}).dump(1));
  Server s({"--data-dir", d.path.string()});
  s.initialize();
  // One record is parsed now; the others are parsed on first use, after the files changed.
  Json r = s.request(tool_call("0", "lookup_model", {{"name", "mine-0"}}));
  REQUIRE(r["result"]["structuredContent"]["model"]["name"] == "Mine-0");

  fs::resize_file(d.path / "a.jsonl", 100);                                         // truncated mid-record
  d.write("b.json", "{ this is not JSON any more");                                 // broken
  d.write("c.json", user_record("late-added-record", "Late-Added-Record").dump());  // a file added
  for (int i = 39; i > 0; --i) {  // the last ones first: their text was in the pages now gone
    r = s.request(tool_call(std::to_string(i), "lookup_model", {{"name", "mine-" + std::to_string(i)}}));
    CHECK(r["result"]["structuredContent"]["model"]["name"] == "Mine-" + std::to_string(i));
  }
  fs::remove(d.path / "a.jsonl");
  fs::remove(d.path / "b.json");
  for (int i = 0; i < 2; ++i) {
    r = s.request(tool_call("o" + std::to_string(i), "lookup_model", {{"name", "other-" + std::to_string(i)}}));
    CHECK(r["result"]["structuredContent"]["model"]["name"] == "Other-" + std::to_string(i));
  }
  // A file added after the start is not served (the dataset is what was loaded and validated).
  r = s.request(tool_call("late", "lookup_model", {{"name", "late-added-record"}}));
  REQUIRE(r.contains("result"));
  const Json& late = r["result"];
  CHECK_FALSE((late.contains("structuredContent") && late["structuredContent"].value("status", "") == "found"));
  r = s.request(
      R"({"jsonrpc":"2.0","id":"res","method":"resources/read","params":{"uri":"openness://models/mine-5"}})");
  REQUIRE(r.contains("result"));
  CHECK(r["result"]["contents"][0]["text"].get<std::string>().find("Mine-5") != std::string::npos);
  s.close_stdin();
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("fault: a --data-dir file that is broken at start: the server refuses to start, naming the file",
          "[faults][data]") {
  TempDir d;
  d.write("ok.json", user_record("fine", "Fine").dump());
  d.write("bad.jsonl", user_record("good", "Good").dump() + "\n{\"id\": \"half\", \"kind\": \"mod");
  Server s({"--data-dir", d.path.string()});
  CHECK(s.wait_exit() == 1);
  CHECK(s.err().find("bad.jsonl:2") != std::string::npos);
  CHECK(s.line().empty());  // nothing on stdout: a client sees EOF, not half a dataset
}

TEST_CASE("fault: a --data-dir entry that is a FIFO or a directory named *.json does not hang the start",
          "[faults][data]") {
  TempDir d;
  d.write("ok.json", user_record("fine", "Fine").dump());
  REQUIRE(::mkfifo((d.path / "pipe.json").c_str(), 0600) == 0);
  fs::create_directories(d.path / "dir.json");
  Server s({"--data-dir", d.path.string()});
  s.initialize();  // started (the FIFO and the directory are not record files)
  const Json r = s.request(tool_call("1", "lookup_model", {{"name", "fine"}}));
  CHECK(r["result"]["structuredContent"]["model"]["name"] == "Fine");
  s.close_stdin();
  CHECK(s.wait_exit() == 0);
}
