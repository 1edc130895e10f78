// The sessions of a stateful HTTP server: each one's MCP session and resumable streams, and the
// table that opens, finds, expires and ends them within the configured limits.
#pragma once
#include <mcp/server.h>

#include "event_stream.h"
#include "http_util.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace mcp::http::detail {

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

  std::shared_ptr<EventStream> new_stream(std::chrono::milliseconds retry);
  std::shared_ptr<EventStream> find_stream(std::uint64_t number);
  // Not busy, and not seen for longer than `timeout`. With `mu` held.
  bool idle_locked(Clock::time_point now, std::chrono::milliseconds timeout) const {
    return busy == 0 && now - last_seen > timeout;
  }
  // DELETE, idle expiry or shutdown: writers end, requests in flight are cancelled.
  void end();
};

// Keeps a session counted as busy (not idle, so not expired) while it lives.
class Busy {
 public:
  explicit Busy(std::shared_ptr<HttpSession> s);
  ~Busy();
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  std::shared_ptr<HttpSession> s_;
};

class SessionTable {
 public:
  SessionTable(const Server& server, std::size_t max_sessions, std::chrono::seconds idle_timeout)
      : server_(server), max_(max_sessions), idle_timeout_(idle_timeout) {}

  // A new session, after making room from idle sessions when the table is full; null when it
  // stays full.
  std::shared_ptr<HttpSession> open();
  // The live session `id` (marked as seen), or null: unknown, ended, or expired now.
  std::shared_ptr<HttpSession> find(const std::string& id);
  void drop(const std::string& id);
  // Ends the sessions idle for longer than the timeout (the housekeeper's round).
  void reap_idle();
  void end_all();
  std::size_t size() const;

 private:
  // Takes the idle sessions out of the table. With `mu_` held.
  std::vector<std::shared_ptr<HttpSession>> take_idle_locked();
  void log_expired(const std::string& id) const;

  const Server& server_;
  const std::size_t max_;
  const std::chrono::seconds idle_timeout_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<HttpSession>> sessions_;
};

}  // namespace mcp::http::detail
