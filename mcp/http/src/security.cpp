#include "security.h"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mcp::http::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_wildcard_bind(std::string_view host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]" || host == "*";
}

// A registered name or IPv4 address: letters, digits, '-', '.', '_' (and '%' for zone ids).
bool valid_host_chars(std::string_view h) {
  if (h.empty()) return false;
  return std::all_of(h.begin(), h.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_'; });
}

std::optional<int> parse_port(std::string_view p) {
  if (p.empty() || p.size() > 5) return std::nullopt;
  int v = 0;
  for (char c : p) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > 65535) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Authority> parse_authority(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  Authority a;
  std::string_view rest;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close < 2) return std::nullopt;
    const std::string_view inner = text.substr(1, close - 1);
    if (!std::all_of(inner.begin(), inner.end(),
                     [](unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; }))
      return std::nullopt;
    a.host = lower(text.substr(0, close + 1));
    rest = text.substr(close + 1);
  } else {
    const auto colon = text.find(':');
    const std::string_view host = text.substr(0, colon);
    if (!valid_host_chars(host)) return std::nullopt;
    a.host = lower(host);
    rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
  }
  if (!rest.empty()) {
    if (rest.front() != ':') return std::nullopt;
    auto port = parse_port(rest.substr(1));
    if (!port) return std::nullopt;
    a.port = *port;
  }
  return a;
}

std::optional<std::string> normalize_origin(std::string_view origin) {
  origin = trim(origin);
  const auto sep = origin.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  const std::string scheme = lower(origin.substr(0, sep));
  int default_port;
  if (scheme == "http")
    default_port = 80;
  else if (scheme == "https")
    default_port = 443;
  else
    return std::nullopt;
  std::string_view rest = origin.substr(sep + 3);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);  // tolerate a trailing slash in flags
  auto a = parse_authority(rest);
  if (!a) return std::nullopt;
  return scheme + "://" + a->host + ":" + std::to_string(a->port < 0 ? default_port : a->port);
}

AllowList::AllowList(int port, std::string_view bind_host, const std::vector<std::string>& extra_hosts,
                     const std::vector<std::string>& extra_origins) {
  for (const char* h : {"localhost", "127.0.0.1", "[::1]"}) hosts_.push_back({h, port});
  if (!is_wildcard_bind(bind_host)) {
    std::string h(bind_host);
    if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";  // a bare IPv6 address
    if (auto a = parse_authority(h)) {
      const bool known = std::any_of(hosts_.begin(), hosts_.end(), [&](const Entry& e) { return e.host == a->host; });
      if (!known) hosts_.push_back({a->host, port});
    }
  }
  for (const auto& h : extra_hosts) {
    if (trim(h) == "*") {
      any_host_ = true;
      continue;
    }
    if (auto a = parse_authority(h)) hosts_.push_back({a->host, a->port});
  }
  for (const auto& o : extra_origins) {
    if (trim(o) == "*") {
      any_origin_ = true;
      continue;
    }
    if (auto n = normalize_origin(o)) origins_.push_back(*n);
  }
}

std::vector<std::string> AllowList::invalid_hosts(const std::vector<std::string>& extra_hosts) {
  std::vector<std::string> bad;
  for (const auto& h : extra_hosts)
    if (trim(h) != "*" && !parse_authority(h)) bad.push_back(h);
  return bad;
}

std::vector<std::string> AllowList::invalid_origins(const std::vector<std::string>& extra_origins) {
  std::vector<std::string> bad;
  for (const auto& o : extra_origins)
    if (trim(o) != "*" && !normalize_origin(o)) bad.push_back(o);
  return bad;
}

bool AllowList::authority_allowed(const Authority& a, int default_port) const {
  const int port = a.port < 0 ? default_port : a.port;
  return std::any_of(hosts_.begin(), hosts_.end(),
                     [&](const Entry& e) { return e.host == a.host && (e.port < 0 || e.port == port); });
}

bool AllowList::host_allowed(std::string_view host_header) const {
  if (any_host_) return true;
  auto a = parse_authority(host_header);
  return a && authority_allowed(*a, 80);
}

bool AllowList::origin_allowed(std::string_view origin_header) const {
  if (any_origin_) return true;
  auto n = normalize_origin(origin_header);
  if (!n) return false;
  if (std::find(origins_.begin(), origins_.end(), *n) != origins_.end()) return true;
  // scheme://host:port, already normalised: the authority is what follows "://".
  auto a = parse_authority(std::string_view(*n).substr(n->find("://") + 3));
  return a && authority_allowed(*a, a->port);
}

bool constant_time_equals(std::string_view given, std::string_view expected) {
  volatile unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff = static_cast<unsigned char>(diff | (g ^ static_cast<unsigned char>(expected[i])));
  }
  return diff == 0;
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  authorization = trim(authorization);
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  if (lower(authorization.substr(0, kScheme.size())) != kScheme) return std::nullopt;
  std::string_view rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  rest = trim(rest);
  if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return rest;
}

Accepts parse_accept(std::string_view accept, bool present) {
  if (!present) return {true, false};
  Accepts out;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string type = lower(trim(item.substr(0, semi)));
    bool refused = false;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      while (!params.empty()) {
        const auto next = params.find(';');
        const std::string p = lower(trim(params.substr(0, next)));
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        if (p.rfind("q=", 0) == 0) {
          const std::string q = p.substr(2);
          refused = !q.empty() && q.find_first_not_of("0.") == std::string::npos;  // q=0, q=0.0, q=0.000
        }
      }
    }
    if (refused) continue;
    if (type == "application/json" || type == "application/*" || type == "*/*") out.json = true;
    if (type == "text/event-stream") out.sse = true;
  }
  return out;
}

std::string new_session_id() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(2 * sizeof bytes);
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 15]);
  }
  return id;
}

}  // namespace mcp::http::detail
