#include <mcp/stdio.h>
#include <mcp/worker_pool.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/uio.h>
#include <unistd.h>

namespace mcp {

namespace {

// Writes whole lines, one message per writev(2) loop, under a mutex so concurrent replies never
// interleave. After the first failed write (EPIPE: the client is gone) it stops writing.
class LineWriter final : public Outbound {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}

  void send(const Json& message) override {
    std::string line = jsonrpc::serialize(message);
    line.push_back('\n');
    iovec iov[1] = {{line.data(), line.size()}};
    std::lock_guard lock(mu_);
    write_locked(iov, 1);
  }

  bool broken() const {
    std::lock_guard lock(mu_);
    return broken_;
  }

 private:
  // Writes the pieces whole, in order; after a failure (EPIPE: the client is gone) writes nothing.
  void write_locked(iovec* iov, int count) {
    while (count > 0 && !broken_) {
      const ssize_t n = ::writev(fd_, iov, count);
      if (n < 0) {
        if (errno == EINTR) continue;
        spdlog::warn("stdout write failed ({}); the client is gone", std::strerror(errno));
        broken_ = true;
        return;
      }
      auto left = static_cast<std::size_t>(n);
      while (count > 0 && left >= iov->iov_len) {
        left -= iov->iov_len;
        ++iov;
        --count;
      }
      if (count > 0) {
        iov->iov_base = static_cast<char*>(iov->iov_base) + left;
        iov->iov_len -= left;
      }
    }
  }

  int fd_;
  mutable std::mutex mu_;
  bool broken_ = false;
};

}  // namespace

int serve_stdio(const Server& server, const StdioOptions& options, int in_fd, int out_fd) {
  // A vanished reader must surface as EPIPE on write, not kill the process.
  (void)std::signal(SIGPIPE, SIG_IGN);  // SIG_ERR only for an invalid signal number

  LineWriter out(out_fd);
  int status = 0;
  {
    Session session(server);
    WorkerPool pool(options.workers);
    const Session::Executor executor = [&pool](std::function<void()> work) { pool.post(std::move(work)); };

    const Session::ReaderThread reader;  // this loop reads the client's answers too
    std::string line;
    bool oversized = false;  // discarding the rest of a line that went over the limit
    char buf[64 * 1024];

    auto deliver = [&](std::string_view text) {
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      // Blank lines carry no message; skip them rather than answer a parse error.
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) return;
      session.receive_text(text, out, executor);
    };

    for (;;) {
      const ssize_t n = ::read(in_fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        spdlog::error("stdin read failed: {}", std::strerror(errno));
        status = 1;
        break;
      }
      if (n == 0) break;  // EOF: the client closed our input
      std::string_view chunk(buf, static_cast<std::size_t>(n));
      while (!chunk.empty()) {
        const auto nl = chunk.find('\n');
        const std::string_view piece = chunk.substr(0, nl);
        if (!oversized) {
          if (line.size() + piece.size() > options.max_line_bytes) {
            oversized = true;
            line.clear();
            line.shrink_to_fit();
          } else {
            line.append(piece);
          }
        }
        if (nl == std::string_view::npos) break;
        chunk.remove_prefix(nl + 1);
        if (oversized) {
          spdlog::warn("skipped a message longer than {} bytes", options.max_line_bytes);
          out.send(jsonrpc::make_error(Json(nullptr),
                                       Error::invalid_request("Message too large: a line may hold at most " +
                                                              std::to_string(options.max_line_bytes) + " bytes")));
          oversized = false;
        } else {
          deliver(line);
        }
        line.clear();
      }
      if (out.broken()) {
        session.close();
        break;
      }
    }
    if (!oversized && !line.empty()) deliver(line);  // a last message without its newline
    // Leaving this scope answers what is in flight (pool drains), then ends the session.
  }
  return status;
}

}  // namespace mcp
