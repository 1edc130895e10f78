// One client connection, as cpp-httplib sees it (an httplib::Stream), with the limits httplib 0.11
// does not have: a deadline for receiving each whole request (headers and body), a cap on the size
// of its header block, a timeout on each write, and a keep-alive wait that ends when the server
// stops or when other connections are waiting for a thread. The buffer lives as long as the
// connection, so pipelined requests are not lost between requests.
//
// Also the thread pool that serves connections (httplib holds one pool thread per open
// connection), which tells idle connections when others are queued for a thread.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace mcp::http::detail {

class ConnectionPool final : public httplib::TaskQueue {
 public:
  explicit ConnectionPool(std::size_t threads);
  ~ConnectionPool() override;

  void enqueue(std::function<void()> fn) override;
  // Runs what is queued, then joins the threads.
  void shutdown() override;
  // True while accepted connections wait for a free thread.
  bool congested() const { return queued_.load(std::memory_order_relaxed) > 0; }
  // More connections queued than there are threads: a flood, not a passing burst.
  bool overloaded() const { return queued_.load(std::memory_order_relaxed) > size_; }

 private:
  void loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::atomic<std::size_t> queued_{0};
  std::size_t size_ = 0;  // the number of threads
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

struct ConnectionLimits {
  std::chrono::milliseconds read_timeout{30'000};   // to receive a whole request, from its first byte
  std::chrono::milliseconds write_timeout{10'000};  // for the socket to accept each write
  std::chrono::milliseconds idle_timeout{30'000};   // keep-alive: between requests
  std::size_t max_header_bytes = 32u << 10;         // request line and headers together
};

class Connection final : public httplib::Stream {
 public:
  Connection(int fd, const ConnectionLimits& limits);

  enum class Wait { kRequest, kClosed, kIdle, kStopping, kCongested };
  // Waits for the next request's first byte. `stop_fd` becomes readable when the server stops.
  // `fresh`: no request was read from this connection yet. `idle_until`: when the wait ends as
  // idle (default: the idle timeout from now), so that a connection put back in the queue keeps
  // the deadline it was accepted with.
  Wait wait_for_request(int stop_fd, const ConnectionPool& pool, bool fresh = false,
                        std::chrono::steady_clock::time_point idle_until = {});
  // Starts the deadline and the header count for the request whose bytes are now arriving.
  void begin_request();

  // Set when the request broke a limit; the response names it and the connection then closes.
  bool header_overflow() const { return header_overflow_; }
  bool timed_out() const { return timed_out_; }
  // Something of a response was written since begin_request (or swallowed for the handler).
  bool responded() const { return responded_; }
  // The header fields (names lower-cased) whose raw value held a '%': httplib percent-decodes
  // header values before anyone sees them, so this is the only place that knows.
  const std::vector<std::string>& percent_headers() const { return percent_headers_; }
  // A header line without a ':' (httplib skips such a line and serves the request without it):
  // the request is malformed (RFC 9112 5), and where it really ends is unknown.
  bool malformed_header() const { return malformed_header_; }
  // The handler left bytes of the request unread (a rejected body) or the stream is unusable:
  // close after this response instead of reading another request from it.
  void must_close() { must_close_ = true; }
  bool closing() const { return must_close_ || header_overflow_ || timed_out_ || write_failed_; }

  // Writes all of `data` (for a handler that writes its response itself); false when the
  // connection failed. Not thread-safe: the caller serialises its writes.
  bool write_all(std::string_view data);
  // A response head that announces a body of known length is held back and goes out with the
  // body, in one segment (one wake-up of the client instead of two); this sends what is still
  // held (a response without its body, e.g. to HEAD). Called once each request is answered.
  bool flush();
  // The handler wrote the response itself: what httplib writes for this request is dropped.
  void swallow_response() { swallow_ = true; }
  // Ends the response stream now: no more bytes go out, and the connection closes after the
  // request, so the client cannot send another one on it while the handler still runs.
  void shut_down_writing();

  // Half-closes, then reads and discards what the client is still sending (up to a bound), so that
  // the response just written reaches the client instead of being destroyed by a TCP reset.
  void linger_close();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return fd_; }

 private:
  bool wait_readable() const;  // until the request deadline
  void count_header_bytes(const char* p, std::size_t n);

  int fd_;
  ConnectionLimits limits_;
  std::vector<char> buf_;
  std::size_t buf_off_ = 0;
  std::size_t buf_len_ = 0;

  std::chrono::steady_clock::time_point deadline_{};
  bool in_headers_ = false;
  std::size_t header_bytes_ = 0;
  std::uint32_t tail_ = 0;    // the last four header bytes, to find the blank line
  bool request_line_ = true;  // the header block starts with the request line
  bool in_value_ = false;     // past the ':' of a header line
  bool value_percent_ = false;
  std::string field_;  // the current header line's name, lower-cased (at most 64 bytes)
  std::vector<std::string> percent_headers_;
  bool malformed_header_ = false;
  bool responded_ = false;
  bool header_overflow_ = false;
  mutable bool timed_out_ = false;
  bool write_failed_ = false;
  bool must_close_ = false;
  bool swallow_ = false;
  bool head_next_ = false;  // the next write is the response head
  std::string held_;        // a response head waiting for its body

  mutable bool addr_cached_ = false;
  mutable std::string remote_ip_, local_ip_;
  mutable int remote_port_ = -1, local_port_ = -1;
};

}  // namespace mcp::http::detail
