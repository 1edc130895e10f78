// Helpers shared by the mcp library's tests.
#pragma once
#include <mcp/server.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace mcp::test {

// An Outbound that keeps every message, and lets a test wait for one.
class Recorder final : public Outbound {
 public:
  void send(const Json& message) override {
    std::lock_guard lock(mu_);
    messages_.push_back(message);
    cv_.notify_all();
  }
  void close_stream() override { closed_streams_++; }

  std::vector<Json> messages() const {
    std::lock_guard lock(mu_);
    return messages_;
  }
  std::size_t size() const {
    std::lock_guard lock(mu_);
    return messages_.size();
  }
  // The reply to request `id`, waiting up to `timeout` for it; null when none came.
  Json reply(const Json& id, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    std::unique_lock lock(mu_);
    Json found;
    cv_.wait_for(lock, timeout, [&] {
      for (const auto& m : messages_)
        if (m.is_object() && m.contains("id") && m["id"] == id && (m.contains("result") || m.contains("error"))) {
          found = m;
          return true;
        }
      return false;
    });
    return found;
  }
  // The first message whose "method" is `method`, waiting up to `timeout`.
  Json first(const std::string& method, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    std::unique_lock lock(mu_);
    Json found;
    cv_.wait_for(lock, timeout, [&] {
      for (const auto& m : messages_)
        if (m.is_object() && m.value("method", "") == method) {
          found = m;
          return true;
        }
      return false;
    });
    return found;
  }
  void clear() {
    std::lock_guard lock(mu_);
    messages_.clear();
  }
  int closed_streams() const { return closed_streams_; }

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::vector<Json> messages_;
  std::atomic<int> closed_streams_{0};
};

inline Json request(Json id, std::string method, Json params = nullptr) {
  Json j = {{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"method", std::move(method)}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

inline Json notification(std::string method, Json params = nullptr) {
  Json j = {{"jsonrpc", "2.0"}, {"method", std::move(method)}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

inline Json initialize_params(std::string version = "2025-11-25", Json caps = Json::object()) {
  return {{"protocolVersion", std::move(version)},
          {"capabilities", std::move(caps)},
          {"clientInfo", {{"name", "test"}, {"version", "0"}}}};
}

// Sends one message and returns the reply to it (or null).
inline Json call(Session& s, Recorder& out, const Json& msg) {
  s.receive(msg, out);
  return msg.contains("id") ? out.reply(msg["id"], std::chrono::milliseconds(2000)) : Json();
}

inline void initialize(Session& s, Recorder& out, std::string version = "2025-11-25", Json caps = Json::object()) {
  s.receive(request("init", "initialize", initialize_params(std::move(version), std::move(caps))), out);
  s.receive(notification("notifications/initialized"), out);
  out.clear();
}

}  // namespace mcp::test
