// A fake Hugging Face Hub on a loopback port: the API records and READMEs in fixtures/, and
// handlers for what a real Hub does when things go wrong (see fixtures/README.md). It records
// every request's path and Authorization header.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace hubtest {

struct Seen {
  std::string path, authorization;
};

class FakeHub {
 public:
  FakeHub() {
    svr_.Get(R"(/api/models/([^/]+)/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      note(req);
      const std::string org = req.matches[1], name = req.matches[2];
      if (name == "rate-limited") {
        res.status = 429;
        res.set_header("Retry-After", "30");
        res.set_content("{\"error\":\"rate limited\"}", "application/json");
      } else if (name == "server-error") {
        res.status = 500;
        res.set_content("{\"error\":\"internal\"}", "application/json");
      } else if (name == "moved-away") {
        res.status = 307;
        res.set_header("Location", "http://198.51.100.7/api/models/acme/plain-apache");
      } else if (name == "loops") {
        res.status = 307;
        res.set_header("Location", "/api/models/acme/loops");
      } else if (name == "renamed") {
        res.status = 307;
        res.set_header("Location", "/api/models/acme/plain-apache");
      } else if (name == "stalls") {
        // Sends a byte every 100 ms for 2 s: each read succeeds, the whole never comes in time.
        res.set_chunked_content_provider("application/json", [](std::size_t offset, httplib::DataSink& sink) {
          if (offset >= 20) {
            sink.done();
            return true;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          return sink.write("{", 1);
        });
      } else if (auto body = file("api/" + org + "--" + name + ".json")) {
        res.set_content(*body, "application/json");
      } else {
        res.status = 404;
        res.set_content("{\"error\":\"Repository not found\"}", "application/json");
      }
    });
    svr_.Get(R"(/([^/]+)/([^/]+)/resolve/([^/]+)/README\.md)",
             [this](const httplib::Request& req, httplib::Response& res) {
               note(req);
               const std::string org = req.matches[1], name = req.matches[2];
               if (name == "huge-readme") {
                 res.set_content(std::string(20u << 20, 'x'), "text/markdown");
               } else if (name == "gated-model" && req.get_header_value("Authorization") != "Bearer test-token") {
                 res.status = 401;
                 res.set_content("Access to model acme/gated-model is restricted.", "text/plain");
               } else if (auto body = file("readme/" + org + "--" + name + ".md")) {
                 res.set_content(*body, "text/markdown");
               } else {
                 res.status = 404;
               }
             });
    port_ = svr_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
    while (!svr_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeHub() {
    svr_.stop();
    thread_.join();
  }
  FakeHub(const FakeHub&) = delete;
  FakeHub& operator=(const FakeHub&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Seen> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  void forget() {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.clear();
  }

 private:
  void note(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back({req.path, req.get_header_value("Authorization")});
  }
  static std::optional<std::string> file(const std::string& rel) {
    std::ifstream in(std::string(OPENNESS_HUB_FIXTURES) + "/" + rel, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  httplib::Server svr_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<Seen> seen_;
};

}  // namespace hubtest
