// The checks the HTTP transport makes before it reads a body: which Host and Origin values may
// reach the server (DNS-rebinding protection), the bearer token, what the client accepts, and the
// session ids it hands out. Pure functions and small classes, so the tests can call them directly.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcp::http::detail {

// "host", "host:port", "[v6]" or "[v6]:port", host lower-cased (IPv6 kept in brackets). `port` is
// -1 when the text names none. nullopt when the text is not an authority at all.
struct Authority {
  std::string host;
  int port = -1;
};
std::optional<Authority> parse_authority(std::string_view text);

// Host and Origin allow-lists. The defaults are the loopback names with the server's port:
// localhost, 127.0.0.1 and [::1] (and the bind address, when it names one interface). Extra hosts
// are "name" (any port) or "name:port"; "*" allows any Host. An Origin is allowed when its
// authority is an allowed host (a page served by this server) or it is listed as an extra origin
// ("https://app.example.com", compared without case; "*" allows any).
class AllowList {
 public:
  AllowList(int port, std::string_view bind_host, const std::vector<std::string>& extra_hosts,
            const std::vector<std::string>& extra_origins);

  bool host_allowed(std::string_view host_header) const;
  bool origin_allowed(std::string_view origin_header) const;

  // The bad entries of extra_hosts / extra_origins, for a clear start-up error.
  static std::vector<std::string> invalid_hosts(const std::vector<std::string>& extra_hosts);
  static std::vector<std::string> invalid_origins(const std::vector<std::string>& extra_origins);

 private:
  bool authority_allowed(const Authority& a, int default_port) const;

  struct Entry {
    std::string host;
    int port;  // -1: any port
  };
  std::vector<Entry> hosts_;
  std::vector<std::string> origins_;  // normalised scheme://authority
  bool any_host_ = false;
  bool any_origin_ = false;
};

// scheme://authority, lower-cased, with the scheme's default port made explicit; nullopt for
// anything else (including the opaque origin "null").
std::optional<std::string> normalize_origin(std::string_view origin);

// Compares in time that depends only on the length of `expected`, never on where they differ.
bool constant_time_equals(std::string_view given, std::string_view expected);

// The token of an "Authorization: Bearer <token>" header; nullopt for any other scheme or shape.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// What an Accept header allows. No header at all means JSON. `*/*` and `application/*` mean JSON;
// SSE only when text/event-stream is named. A media range with q=0 is refused.
struct Accepts {
  bool json = false;
  bool sse = false;
};
Accepts parse_accept(std::string_view accept, bool present);

// A new session id: 32 bytes from the kernel's CSPRNG, hex-encoded (64 visible ASCII characters).
std::string new_session_id();

}  // namespace mcp::http::detail
