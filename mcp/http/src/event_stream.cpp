#include "event_stream.h"

#include <mcp/jsonrpc.h>

#include <charconv>

namespace mcp::http::detail {

EventStream::EventStream(std::uint64_t number, std::chrono::milliseconds retry) : number_(number) {
  if (number_ > 0) {
    // The priming event: an id to resume from before anything else was sent, and how long the
    // client should wait before it reconnects when the server ends the stream early.
    events_.push_back("id: " + std::to_string(number_) + "-0\nretry: " + std::to_string(retry.count()) +
                      "\ndata: \n\n");
  }
}

void EventStream::add(std::string_view data) {
  std::string e;
  e.reserve(data.size() + 48);
  if (number_ > 0) {
    e += "id: ";
    e += std::to_string(number_);
    e += '-';
    e += std::to_string(events_.size());
    e += '\n';
  }
  e += "event: message\ndata: ";
  e += data;  // compact JSON: never contains a newline
  e += "\n\n";
  events_.push_back(std::move(e));
}

void EventStream::append(const Json& message, bool final) {
  const std::string data = jsonrpc::serialize(message);
  std::lock_guard lock(mu_);
  if (final_ || aborted_) return;  // nothing follows the response
  add(data);
  if (final) final_ = true;
  cv_.notify_all();
}

void EventStream::finish() {
  std::lock_guard lock(mu_);
  finished_ = true;
  cv_.notify_all();
}

void EventStream::close_current() {
  std::lock_guard lock(mu_);
  if (writer_ == 0) return;
  close_ = true;
  cv_.notify_all();
}

void EventStream::abort() {
  std::lock_guard lock(mu_);
  aborted_ = true;
  cv_.notify_all();
}

std::optional<std::uint64_t> EventStream::attach(std::optional<std::uint64_t> last_index) {
  std::lock_guard lock(mu_);
  if (aborted_) return std::nullopt;
  std::size_t from = 0;
  if (last_index) {
    if (*last_index >= events_.size()) return std::nullopt;
    from = static_cast<std::size_t>(*last_index) + 1;
  }
  next_ = from;
  writer_ = ++last_writer_;
  close_ = false;
  cv_.notify_all();  // a writer attached before ends: it sees it is no longer writer_
  return writer_;
}

std::optional<EventStream::Chunk> EventStream::step_locked(std::uint64_t writer) {
  if (writer != writer_ || aborted_) {
    if (writer == writer_) writer_ = 0;
    return Chunk{{}, true};
  }
  if (next_ < events_.size()) {
    Chunk c;
    for (; next_ < events_.size(); ++next_) c.text += events_[next_];
    if (final_) {
      delivered_ = true;
      writer_ = 0;
      c.end = true;
    }
    return c;
  }
  if (final_ || finished_) {  // everything is out: the request ended (without a response, if not final_)
    delivered_ = true;
    writer_ = 0;
    return Chunk{{}, true};
  }
  if (close_) {
    close_ = false;
    writer_ = 0;
    return Chunk{{}, true};
  }
  return std::nullopt;
}

EventStream::Chunk EventStream::next(std::uint64_t writer, std::chrono::milliseconds heartbeat) {
  std::unique_lock lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + heartbeat;
  for (;;) {
    if (auto c = step_locked(writer)) return *c;
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) return {": keep-alive\n\n", false};
  }
}

std::optional<EventStream::Chunk> EventStream::take(std::uint64_t writer) {
  std::lock_guard lock(mu_);
  return step_locked(writer);
}

void EventStream::detach(std::uint64_t writer) {
  std::lock_guard lock(mu_);
  if (writer == writer_) writer_ = 0;
}

bool EventStream::delivered() const {
  std::lock_guard lock(mu_);
  return delivered_;
}

bool EventStream::done() const {
  std::lock_guard lock(mu_);
  return (delivered_ && writer_ == 0) || aborted_;
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> EventStream::parse_event_id(std::string_view id) {
  while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
  while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
  const auto dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= id.size()) return std::nullopt;
  std::uint64_t stream = 0, index = 0;
  const char* a = id.data();
  auto r1 = std::from_chars(a, a + dash, stream);
  if (r1.ec != std::errc() || r1.ptr != a + dash || stream == 0) return std::nullopt;
  auto r2 = std::from_chars(a + dash + 1, a + id.size(), index);
  if (r2.ec != std::errc() || r2.ptr != a + id.size()) return std::nullopt;
  return std::make_pair(stream, index);
}

}  // namespace mcp::http::detail
