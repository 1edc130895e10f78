#include "session_table.h"

#include "security.h"

#include <spdlog/spdlog.h>

namespace mcp::http::detail {

namespace {

constexpr std::size_t kKeepDoneStreams = 8;  // finished streams a session keeps for late resumes
constexpr std::size_t kMaxStreams = 256;     // resumable streams a session keeps at most

}  // namespace

std::shared_ptr<EventStream> HttpSession::new_stream(std::chrono::milliseconds retry) {
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

std::shared_ptr<EventStream> HttpSession::find_stream(std::uint64_t number) {
  std::lock_guard lock(mu);
  auto it = streams.find(number);
  return it == streams.end() ? nullptr : it->second;
}

void HttpSession::end() {
  std::map<std::uint64_t, std::shared_ptr<EventStream>> gone;
  {
    std::lock_guard lock(mu);
    ended = true;
    gone.swap(streams);
  }
  for (auto& [_, s] : gone) s->abort();
  mcp.close();
}

Busy::Busy(std::shared_ptr<HttpSession> s) : s_(std::move(s)) {
  if (!s_) return;
  std::lock_guard lock(s_->mu);
  ++s_->busy;
  s_->last_seen = Clock::now();
}

Busy::~Busy() {
  if (!s_) return;
  std::lock_guard lock(s_->mu);
  --s_->busy;
  s_->last_seen = Clock::now();
}

std::vector<std::shared_ptr<HttpSession>> SessionTable::take_idle_locked() {
  std::vector<std::shared_ptr<HttpSession>> idle;
  const auto now = Clock::now();
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    bool is_idle;
    {
      std::lock_guard slock(it->second->mu);
      is_idle = it->second->idle_locked(now, idle_timeout_);
    }
    if (is_idle) {
      idle.push_back(std::move(it->second));
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return idle;
}

void SessionTable::log_expired(const std::string& id) const {
  spdlog::info("http: session {}... expired after {} s idle", id.substr(0, 8), idle_timeout_.count());
}

std::shared_ptr<HttpSession> SessionTable::open() {
  std::lock_guard lock(mu_);
  if (sessions_.size() >= max_) {
    // Make room from sessions idle for longer than the timeout before refusing.
    for (auto& hs : take_idle_locked()) hs->end();
    if (sessions_.size() >= max_) return nullptr;
  }
  auto hs = std::make_shared<HttpSession>(server_, new_session_id());
  sessions_.emplace(hs->id, hs);
  return hs;
}

std::shared_ptr<HttpSession> SessionTable::find(const std::string& id) {
  std::shared_ptr<HttpSession> hs;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return nullptr;
    hs = it->second;
    std::lock_guard slock(hs->mu);
    const auto now = Clock::now();
    if (!hs->idle_locked(now, idle_timeout_)) {
      hs->last_seen = now;
      return hs;
    }
    sessions_.erase(it);  // expired: the housekeeper had not come by yet
  }
  log_expired(id);
  hs->end();
  return nullptr;
}

void SessionTable::drop(const std::string& id) {
  std::shared_ptr<HttpSession> hs;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return;
    hs = std::move(it->second);
    sessions_.erase(it);
  }
  hs->end();
}

void SessionTable::reap_idle() {
  std::vector<std::shared_ptr<HttpSession>> expired;
  {
    std::lock_guard lock(mu_);
    expired = take_idle_locked();
  }
  for (auto& hs : expired) {
    log_expired(hs->id);
    hs->end();
  }
}

void SessionTable::end_all() {
  std::unordered_map<std::string, std::shared_ptr<HttpSession>> all;
  {
    std::lock_guard lock(mu_);
    all.swap(sessions_);
  }
  for (auto& [_, hs] : all) hs->end();
}

std::size_t SessionTable::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace mcp::http::detail
