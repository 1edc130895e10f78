#include "connection.h"

#include <spdlog/spdlog.h>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>

namespace mcp::http::detail {

namespace {

using Clock = std::chrono::steady_clock;

int poll_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1'000'000));
}

// poll(2) on one descriptor, retrying on EINTR until the deadline.
int poll_one(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, poll_ms(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return r;
    return (p.revents & (events | POLLHUP | POLLERR)) ? 1 : 0;
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char host[NI_MAXHOST] = {};
  char serv[NI_MAXSERV] = {};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = static_cast<int>(std::strtol(serv, nullptr, 10));  // numeric: NI_NUMERICSERV
  }
}

constexpr std::size_t kBufferSize = std::size_t{16} * 1024;

}  // namespace

// ---- ConnectionPool ------------------------------------------------------------------------------

ConnectionPool::ConnectionPool(std::size_t threads) {
  threads = std::max<std::size_t>(threads, 1);
  size_ = threads;
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(fn));
    queued_.store(jobs_.size(), std::memory_order_relaxed);
  }
  cv_.notify_one();
}

void ConnectionPool::shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void ConnectionPool::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      queued_.store(jobs_.size(), std::memory_order_relaxed);
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("http: a connection failed with an exception: {}", e.what());
    } catch (...) {
      spdlog::error("http: a connection failed with an unknown exception");
    }
  }
}

// ---- Connection -------------------------------------------------------------------------------------

Connection::Connection(int fd, const ConnectionLimits& limits) : fd_(fd), limits_(limits), buf_(kBufferSize) {}

Connection::Wait Connection::wait_for_request(int stop_fd, const ConnectionPool& pool, bool fresh,
                                              Clock::time_point idle_until) {
  if (buf_off_ < buf_len_) return Wait::kRequest;  // a pipelined request is already here
  const auto idle_deadline = idle_until == Clock::time_point{} ? Clock::now() + limits_.idle_timeout : idle_until;
  // When more connections wait for a thread than there are threads, a new connection that has
  // still sent nothing after its wait in the queue gets a short look only: hundreds of idle
  // connections at 200 ms of a thread each would keep a real client waiting for seconds. The
  // server then puts it back in the queue (kCongested), it does not close it: a client of a burst
  // may send its request a moment after it connected.
  bool short_look = fresh && pool.overloaded();
  for (;;) {
    // Wake up now and then to give the thread up when other connections are queued for one.
    const auto slice = std::min(idle_deadline, Clock::now() + std::chrono::milliseconds(short_look ? 10 : 200));
    short_look = false;
    pollfd p[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    const int r = ::poll(p, 2, poll_ms(slice));
    if (r < 0) {
      if (errno == EINTR) continue;
      return Wait::kClosed;
    }
    if (p[0].revents & (POLLERR | POLLNVAL)) return Wait::kClosed;
    if (p[0].revents & (POLLIN | POLLHUP)) return Wait::kRequest;  // a request, or EOF (read() tells)
    if (p[1].revents & POLLIN) return Wait::kStopping;
    if (pool.congested()) return Wait::kCongested;
    if (Clock::now() >= idle_deadline) return Wait::kIdle;
  }
}

void Connection::begin_request() {
  swallow_ = false;
  head_next_ = true;
  responded_ = false;
  deadline_ = Clock::now() + limits_.read_timeout;
  in_headers_ = true;
  header_bytes_ = 0;
  tail_ = 0;
  request_line_ = true;
  in_value_ = false;
  value_percent_ = false;
  field_.clear();
  percent_headers_.clear();
  malformed_header_ = false;
}

void Connection::count_header_bytes(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n && in_headers_; ++i) {
    const char c = p[i];
    tail_ = (tail_ << 8) | static_cast<unsigned char>(c);
    if (++header_bytes_ > limits_.max_header_bytes) {
      header_overflow_ = true;
      return;
    }
    if (tail_ == 0x0d0a0d0au) in_headers_ = false;  // "\r\n\r\n": the blank line ends the headers
    // Header lines: a name up to ':', then the value up to the end of the line.
    if (c == '\n') {
      if (!request_line_ && value_percent_ && percent_headers_.size() < 16) percent_headers_.push_back(field_);
      // A line with no ':' that is not the blank line ("\r" or nothing) ending the headers.
      if (!request_line_ && !in_value_ && !field_.empty() && field_ != "\r") malformed_header_ = true;
      request_line_ = false;
      in_value_ = false;
      value_percent_ = false;
      field_.clear();
    } else if (request_line_) {
      continue;
    } else if (!in_value_) {
      if (c == ':')
        in_value_ = true;
      else if (field_.size() < 64)
        field_.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (c == '%') {
      value_percent_ = true;
    }
  }
}

bool Connection::wait_readable() const {
  if (buf_off_ < buf_len_) return true;
  if (Clock::now() >= deadline_) {
    timed_out_ = true;
    return false;
  }
  const int r = poll_one(fd_, POLLIN, deadline_);
  if (r == 0) timed_out_ = true;
  return r > 0;
}

bool Connection::is_readable() const { return wait_readable(); }

ssize_t Connection::read(char* ptr, std::size_t size) {
  if (header_overflow_ || timed_out_) return -1;
  if (buf_off_ >= buf_len_) {
    // Try first (the bytes are usually there already: the keep-alive wait saw them), wait after.
    ssize_t n;
    for (;;) {
      n = ::recv(fd_, buf_.data(), buf_.size(), MSG_DONTWAIT);
      if (n >= 0) break;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!wait_readable()) return -1;
    }
    if (n == 0) return 0;
    buf_off_ = 0;
    buf_len_ = static_cast<std::size_t>(n);
  }
  const std::size_t n = std::min(size, buf_len_ - buf_off_);
  // httplib reads the request line and headers a byte at a time, the body in blocks: either way
  // every header byte passes here, and the count stops at the blank line.
  if (in_headers_) {
    count_header_bytes(buf_.data() + buf_off_, n);
    if (header_overflow_) return -1;
  }
  std::memcpy(ptr, buf_.data() + buf_off_, n);
  buf_off_ += n;
  return static_cast<ssize_t>(n);
}

bool Connection::is_writable() const {
  if (write_failed_) return false;
  return poll_one(fd_, POLLOUT, Clock::now() + limits_.write_timeout) > 0;
}

namespace {

// A response head (httplib writes it in one piece) followed by a body of known, non-zero length.
bool announces_body(std::string_view head) {
  if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 4 || head.substr(head.size() - 4) != "\r\n\r\n") return false;
  const auto at = head.find("\r\nContent-Length: ");
  if (at == std::string_view::npos) return false;
  const char c = head[at + 18];
  return c >= '1' && c <= '9';
}

}  // namespace

ssize_t Connection::write(const char* ptr, std::size_t size) {
  responded_ = true;
  if (swallow_) return static_cast<ssize_t>(size);
  if (write_failed_) return -1;
  if (head_next_) {
    head_next_ = false;
    if (held_.empty() && announces_body(std::string_view(ptr, size))) {
      held_.assign(ptr, size);
      return static_cast<ssize_t>(size);
    }
  }
  // Try first (the socket buffer usually has room), wait for room only when it is full.
  auto deadline = Clock::now() + limits_.write_timeout;
  while (!held_.empty()) {  // the held head and this data together, the head first
    iovec iov[2] = {{held_.data(), held_.size()}, {const_cast<char*>(ptr), size}};
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = size > 0 ? 2 : 1;
    const ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      const auto sent = static_cast<std::size_t>(n);
      if (sent < held_.size()) {
        held_.erase(0, sent);
      } else {
        held_.clear();
        return static_cast<ssize_t>(sent - iov[0].iov_len);
      }
      deadline = Clock::now() + limits_.write_timeout;
      continue;
    }
    if (errno == EINTR) continue;
    if ((errno != EAGAIN && errno != EWOULDBLOCK) || poll_one(fd_, POLLOUT, deadline) <= 0) {
      write_failed_ = true;
      held_.clear();
      return -1;
    }
  }
  for (;;) {
    const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if ((errno != EAGAIN && errno != EWOULDBLOCK) || poll_one(fd_, POLLOUT, deadline) <= 0) {
      write_failed_ = true;
      return -1;
    }
  }
}

bool Connection::flush() {
  head_next_ = false;
  if (held_.empty()) return !write_failed_;
  std::string head = std::move(held_);
  held_.clear();
  return write_all(head);
}

bool Connection::write_all(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = write(data.data(), data.size());
    if (n <= 0) {
      write_failed_ = true;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void Connection::shut_down_writing() {
  ::shutdown(fd_, SHUT_WR);
  must_close_ = true;
}

void Connection::get_remote_ip_and_port(std::string& ip, int& port) const {
  if (!addr_cached_) {
    address_of(fd_, true, remote_ip_, remote_port_);
    address_of(fd_, false, local_ip_, local_port_);
    addr_cached_ = true;
  }
  ip = remote_ip_;
  port = remote_port_;
}

void Connection::get_local_ip_and_port(std::string& ip, int& port) const {
  std::string unused_ip;
  int unused_port;
  get_remote_ip_and_port(unused_ip, unused_port);
  ip = local_ip_;
  port = local_port_;
}

void Connection::linger_close() {
  ::shutdown(fd_, SHUT_WR);
  // Read what the client still sends (the body we refused) for a short while, then close.
  const auto until = Clock::now() + std::chrono::seconds(2);
  std::size_t drained = 0;
  while (drained < (64u << 20)) {
    if (poll_one(fd_, POLLIN, until) <= 0) break;
    const ssize_t n = ::recv(fd_, buf_.data(), buf_.size(), 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
}

}  // namespace mcp::http::detail
