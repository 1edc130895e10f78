#include "client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace test_http {

namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Connection::Connection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::send_raw(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

bool Connection::fill(Clock::time_point deadline) {
  if (eof_ || fd_ < 0) return false;
  pollfd p{fd_, POLLIN, 0};
  int r;
  do {
    r = ::poll(&p, 1, ms_left(deadline));
  } while (r < 0 && errno == EINTR);
  if (r <= 0) return false;
  char tmp[16384];
  const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buf_.append(tmp, static_cast<std::size_t>(n));
  return true;
}

std::optional<std::string> Connection::read_line(Clock::time_point deadline) {
  for (;;) {
    const auto nl = buf_.find("\r\n");
    if (nl != std::string::npos) {
      std::string line = buf_.substr(0, nl);
      buf_.erase(0, nl + 2);
      return line;
    }
    if (!fill(deadline)) return std::nullopt;
  }
}

bool Connection::read_exact(std::size_t n, std::string& out, Clock::time_point deadline) {
  while (buf_.size() < n)
    if (!fill(deadline)) return false;
  out.append(buf_, 0, n);
  buf_.erase(0, n);
  return true;
}

Response Connection::read_head(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Response r;
  auto status = read_line(deadline);
  if (!status || status->size() < 12 || status->rfind("HTTP/1.1 ", 0) != 0) return r;
  r.status = static_cast<int>(std::strtol(status->c_str() + 9, nullptr, 10));
  for (;;) {
    auto line = read_line(deadline);
    if (!line) {
      r.status = 0;
      return r;
    }
    if (line->empty()) break;
    const auto colon = line->find(':');
    if (colon == std::string::npos) continue;
    std::string value = line->substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[lower(line->substr(0, colon))] = value;
  }
  return r;
}

std::optional<std::string> Connection::next_chunk(Clock::time_point deadline) {
  auto size_line = read_line(deadline);
  if (!size_line) return std::nullopt;
  const std::size_t size = std::stoul(*size_line, nullptr, 16);
  std::string data;
  if (!read_exact(size, data, deadline)) return std::nullopt;
  if (!read_line(deadline)) return std::nullopt;  // the CRLF after the data
  if (size == 0) ended_ = true;
  return data;
}

bool Connection::read_body(Response& r, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  if (r.has("content-length")) return read_exact(std::stoul(r.header("content-length")), r.body, deadline);
  if (lower(r.header("transfer-encoding")) == "chunked") {
    for (;;) {
      auto chunk = next_chunk(deadline);
      if (!chunk) return false;
      if (chunk->empty()) return true;
      r.body += *chunk;
    }
  }
  while (fill(deadline)) {
  }
  r.body += buf_;
  buf_.clear();
  return eof_;
}

Response Connection::read_response(std::chrono::milliseconds timeout) {
  Response r = read_head(timeout);
  if (r.status != 0 && !read_body(r, timeout)) r.status = 0;
  return r;
}

std::optional<SseEvent> Connection::next_event(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto end = sse_pending_.find("\n\n");
    if (end != std::string::npos) {
      const std::string block = sse_pending_.substr(0, end);
      sse_pending_.erase(0, end + 2);
      SseEvent e;
      bool any = false;
      std::size_t pos = 0;
      while (pos <= block.size()) {
        const auto nl = block.find('\n', pos);
        const std::string line = block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
        if (line.empty() || line[0] == ':') continue;  // comments (heartbeats)
        const auto colon = line.find(':');
        const std::string field = line.substr(0, colon);
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        any = true;
        if (field == "id")
          e.id = value;
        else if (field == "event")
          e.event = value;
        else if (field == "data")
          e.data += value;
        else if (field == "retry")
          e.retry = std::strtol(value.c_str(), nullptr, 10);
      }
      if (any) return e;
      continue;
    }
    if (ended_) return std::nullopt;
    auto chunk = next_chunk(deadline);
    if (!chunk) return std::nullopt;
    sse_pending_ += *chunk;
  }
}

bool Connection::closed_by_server(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!eof_)
    if (!fill(deadline) && !eof_) return false;
  return true;
}

std::string serialize(const Request& r, int port) {
  std::string s = r.method + " " + r.path + " HTTP/1.1\r\n";
  if (r.default_host) s += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
  if (r.default_accept) s += "Accept: application/json, text/event-stream\r\n";
  bool has_length = false, chunked = false;
  for (const auto& [k, v] : r.headers) {
    s += k + ": " + v + "\r\n";
    has_length = has_length || lower(k) == "content-length";
    chunked = chunked || lower(k) == "transfer-encoding";
  }
  if (!has_length && !chunked && (!r.body.empty() || r.method == "POST"))
    s += "Content-Type: application/json\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n";
  s += "\r\n";
  s += r.body;
  return s;
}

Response request(int port, const Request& r, std::chrono::milliseconds timeout) {
  Connection c(port);
  if (!c.connected() || !c.send_raw(serialize(r, port))) return {};
  return c.read_response(timeout);
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) throw std::runtime_error(std::string("free_port: no loopback port: ") + std::strerror(errno));
  return ntohs(addr.sin_port);
}

bool wait_healthy(int port, std::chrono::milliseconds timeout) {
  Request health;
  health.method = "GET";
  health.path = "/healthz";
  const auto until = Clock::now() + timeout;
  while (Clock::now() < until) {
    if (request(port, health, std::chrono::milliseconds(200)).status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace test_http
