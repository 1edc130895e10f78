#include <mcp/stdio.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>
#include <unistd.h>

#include <poll.h>

#include "test_support.h"

using namespace mcp;
using namespace mcp::test;
using namespace std::chrono_literals;

namespace {

// Runs serve_stdio on a pair of pipes; the test writes requests and reads reply lines.
class Pipes {
 public:
  Pipes(const Server& server, StdioOptions options) {
    REQUIRE(::pipe(in_) == 0);
    REQUIRE(::pipe(out_) == 0);
    result_ = std::async(std::launch::async,
                         [&server, options, this] { return serve_stdio(server, options, in_[0], out_[1]); });
  }
  ~Pipes() {
    close_input();
    if (result_.valid()) result_.wait();
    ::close(in_[0]);
    ::close(out_[1]);
    if (out_[0] >= 0) ::close(out_[0]);
  }
  void write(const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::write(in_[1], data.data() + off, data.size() - off);
      REQUIRE(n > 0);
      off += static_cast<std::size_t>(n);
    }
  }
  void close_input() {
    if (in_[1] >= 0) ::close(in_[1]);
    in_[1] = -1;
  }
  void close_output_reader() {
    ::close(out_[0]);
    out_[0] = -1;
  }
  // Next line from the server, or "" after `timeout`.
  std::string line(std::chrono::milliseconds timeout = 3s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string l = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return l;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return "";
      pollfd p{out_[0], POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return "";
      char tmp[65536];
      ssize_t n = ::read(out_[0], tmp, sizeof tmp);
      if (n <= 0) return "";
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  Json message(std::chrono::milliseconds timeout = 3s) {
    auto l = line(timeout);
    return l.empty() ? Json() : Json::parse(l);
  }
  int wait_exit(std::chrono::milliseconds timeout = 5s) {
    if (result_.wait_for(timeout) != std::future_status::ready) return -999;
    return result_.get();
  }

 private:
  int in_[2] = {-1, -1};
  int out_[2] = {-1, -1};
  std::string buf_;
  std::future<int> result_;
};

const Json kNoArgs = Json::parse(R"({"type":"object","properties":{}})");

struct StdioFixture {
  Server server{{"stdio-test", "", "0", "", "", nullptr}, ""};
  std::atomic<bool> release{false};
  StdioFixture() {
    Tool slow;
    slow.name = "slow";
    slow.description = "Waits until released";
    slow.input_schema = kNoArgs;
    slow.handler = [this](const Json&, RequestContext& ctx) {
      for (int i = 0; i < 1000 && !release && !ctx.cancelled(); ++i) std::this_thread::sleep_for(2ms);
      return ToolResult::text("slow done");
    };
    // Outside REQUIRE: Catch2 repeats the expression in an unevaluated branch, which reads as a use after move.
    const auto added_slow = server.add_tool(std::move(slow));
    REQUIRE(added_slow);
  }
};

const std::string kInit = request(1, "initialize", initialize_params()).dump() + "\n";

}  // namespace

TEST_CASE("stdio: one reply line per request; CRLF and blank lines are fine") {
  StdioFixture f;
  Pipes p(f.server, {});
  p.write(kInit);
  auto init = p.message();
  CHECK(init["result"]["protocolVersion"] == "2025-11-25");
  p.write("\n   \r\n" + notification("notifications/initialized").dump() + "\r\n" + request(2, "ping").dump() + "\r\n");
  auto ping = p.message();
  CHECK(ping["id"] == 2);
  CHECK(ping["result"] == Json::object());
  p.close_input();
  CHECK(p.wait_exit() == 0);
  CHECK(p.line(200ms).empty());  // nothing else was written
}

TEST_CASE("stdio: an oversized line gets -32600 and the server keeps serving") {
  StdioFixture f;
  StdioOptions o;
  o.max_line_bytes = 4096;
  Pipes p(f.server, o);
  p.write(kInit);
  (void)p.message();
  std::string big = R"({"jsonrpc":"2.0","id":9,"method":"ping","params":{"pad":")" + std::string(10000, 'x') + "\"}}\n";
  p.write(big);
  auto err = p.message();
  CHECK(err["error"]["code"] == -32600);
  CHECK(err["error"]["message"].get<std::string>().find("4096") != std::string::npos);
  CHECK(err["id"].is_null());
  p.write(request(10, "ping").dump() + "\n");
  CHECK(p.message()["id"] == 10);
}

TEST_CASE("stdio: ping is answered while a slow tool runs; EOF waits for the tool's reply") {
  StdioFixture f;
  Pipes p(f.server, {});
  p.write(kInit);
  (void)p.message();
  p.write(request(2, "tools/call", {{"name", "slow"}}).dump() + "\n" + request(3, "ping").dump() + "\n");
  auto first = p.message();
  CHECK(first["id"] == 3);  // the ping overtook the slow call
  p.close_input();
  f.release = true;
  auto second = p.message();
  CHECK(second["id"] == 2);
  CHECK(second["result"]["content"][0]["text"] == "slow done");
  CHECK(p.wait_exit() == 0);
}

TEST_CASE("stdio: a last message without a newline is still served") {
  StdioFixture f;
  Pipes p(f.server, {});
  p.write(kInit);
  (void)p.message();
  p.write(request(4, "ping").dump());
  p.close_input();
  CHECK(p.message()["id"] == 4);
  CHECK(p.wait_exit() == 0);
}

TEST_CASE("stdio: requests before initialize, other than ping, are refused") {
  StdioFixture f;
  Pipes p(f.server, {});
  p.write(request(1, "tools/list").dump() + "\n" + request(2, "ping").dump() + "\n");
  CHECK(p.message()["error"]["code"] == -32600);
  CHECK(p.message()["result"] == Json::object());
}

TEST_CASE("stdio: when the client stops reading, the server stops instead of hanging") {
  StdioFixture f;
  Pipes p(f.server, {});
  p.close_output_reader();
  p.write(kInit);
  p.write(request(2, "ping").dump() + "\n");
  CHECK(p.wait_exit() == 0);
}

TEST_CASE("stdio: a result larger than a pipe's buffer is written whole, the same each time") {
  Server server{{"stdio-test", "", "0", "", "", nullptr}, ""};
  Tool t;
  t.name = "big";
  t.description = "A large answer";
  t.input_schema = Json::parse(R"({"type":"object","properties":{"n":{"type":"integer"}}})");
  t.output_schema =
      Json::parse(R"({"type":"object","properties":{"items":{"type":"array","items":{"type":"string"}}}})");
  int runs = 0;
  t.handler = [&runs](const Json& a, RequestContext&) {
    ++runs;
    Json items = Json::array();
    for (int i = 0; i < a.value("n", 1); ++i) items.push_back("item \"" + std::to_string(i) + "\" \xC3\xA9");
    return ToolResult::structured_result({{"items", items}}, "many items");
  };
  // Outside REQUIRE: Catch2 repeats the expression in an unevaluated branch, which reads as a use after move.
  const auto added_t = server.add_tool(std::move(t));
  REQUIRE(added_t);
  Pipes p(server, {});
  p.write(kInit);
  (void)p.message();
  // Larger than a pipe's buffer, so the write is split.
  auto ask = [&](int id) {
    p.write(request(id, "tools/call", {{"name", "big"}, {"arguments", {{"n", 8000}}}}).dump() + "\n");
    return p.line(10s);
  };
  const std::string first = ask(2), second = ask(3), third = ask(4);
  CHECK(runs == 3);  // each call computed afresh
  REQUIRE(first.size() > 100000);
  auto tail = [](const std::string& l) { return l.substr(l.find(",\"jsonrpc\"")); };
  CHECK(tail(first) == tail(second));
  CHECK(tail(first) == tail(third));
  CHECK(Json::parse(second)["id"] == 3);
  CHECK(Json::parse(second)["result"]["structuredContent"]["items"].size() == 8000);
  CHECK(Json::parse(first)["result"] == Json::parse(second)["result"]);
}

TEST_CASE("stdio: a request run on the reading thread cannot wait for the client, and says so at once") {
  Server server{{"stdio-ask", "", "0", "", "", nullptr}, ""};
  for (const bool quick : {true, false}) {
    Tool ask;
    ask.name = quick ? "ask_quick" : "ask_worker";
    ask.description = "Asks the client for a name";
    ask.input_schema = kNoArgs;
    ask.quick = quick;
    ask.handler = [](const Json&, RequestContext& ctx) {
      const Json& answer = member(ctx.input_responses(), "name");
      if (!answer.is_object())
        return ToolResult::ask({{"name", {{"method", "elicitation/create"}, {"params", {{"message", "Name?"}}}}}});
      return ToolResult::text("got " + member(member(answer, "content"), "name").get<std::string>());
    };
    const auto added = server.add_tool(std::move(ask));
    REQUIRE(added);
  }
  Pipes p(server, {});
  p.write(request(1, "initialize", initialize_params("2025-11-25", {{"elicitation", Json::object()}})).dump() + "\n");
  REQUIRE(p.message()["id"] == 1);
  // A quick tool runs on the thread that reads stdin: no 60 s wait for an answer it cannot read.
  const auto started = std::chrono::steady_clock::now();
  p.write(request(2, "tools/call", {{"name", "ask_quick"}}).dump() + "\n");
  const Json quick = p.message();
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  REQUIRE(quick["id"] == 2);
  CHECK(quick["result"]["isError"] == true);
  CHECK(quick["result"]["content"][0]["text"].get<std::string>().find("reads the client's messages") !=
        std::string::npos);
  // A tool run on a worker asks, and the reading thread delivers the answer.
  p.write(request(3, "tools/call", {{"name", "ask_worker"}}).dump() + "\n");
  const Json asked = p.message();
  REQUIRE(asked["method"] == "elicitation/create");
  p.write(
      Json{{"jsonrpc", "2.0"}, {"id", asked["id"]}, {"result", {{"action", "accept"}, {"content", {{"name", "Al"}}}}}}
          .dump() +
      "\n");
  const Json worker = p.message();
  REQUIRE(worker["id"] == 3);
  CHECK(worker["result"]["content"][0]["text"] == "got Al");
}
