// The transport's pre-body checks as pure functions: authorities, the Host/Origin allow-list, the
// bearer token, Accept, session ids; and the SSE event stream's resume bookkeeping.
#include "event_stream.h"
#include "security.h"

#include <catch2/catch.hpp>

#include <set>

using namespace mcp::http::detail;

TEST_CASE("authorities parse with and without port, IPv6 in brackets, case folded") {
  auto a = parse_authority("LocalHost:8080");
  REQUIRE(a);
  CHECK(a->host == "localhost");
  CHECK(a->port == 8080);
  a = parse_authority("[::1]:3000");
  REQUIRE(a);
  CHECK(a->host == "[::1]");
  CHECK(a->port == 3000);
  a = parse_authority("example.com");
  REQUIRE(a);
  CHECK(a->port == -1);
  CHECK_FALSE(parse_authority(""));
  CHECK_FALSE(parse_authority("host:"));
  CHECK_FALSE(parse_authority("host:99999"));
  CHECK_FALSE(parse_authority("host:80x"));
  CHECK_FALSE(parse_authority("ho st"));
  CHECK_FALSE(parse_authority("[::1"));
  CHECK_FALSE(parse_authority("user@host"));
}

TEST_CASE("the default allow-list is the loopback names with the server's port") {
  AllowList allow(8080, "127.0.0.1", {}, {});
  CHECK(allow.host_allowed("localhost:8080"));
  CHECK(allow.host_allowed("127.0.0.1:8080"));
  CHECK(allow.host_allowed("[::1]:8080"));
  CHECK(allow.host_allowed("LOCALHOST:8080"));
  CHECK_FALSE(allow.host_allowed("localhost:8081"));
  CHECK_FALSE(allow.host_allowed("localhost"));  // port 80 implied
  CHECK_FALSE(allow.host_allowed("evil.example.com:8080"));
  CHECK_FALSE(allow.host_allowed("evil.example.com"));
  CHECK_FALSE(allow.host_allowed(""));
  CHECK_FALSE(allow.host_allowed("127.0.0.1.evil.com:8080"));
}

TEST_CASE("extra hosts: a name alone allows any port, name:port one port, * any host") {
  AllowList allow(8080, "127.0.0.1", {"mcp.example.com", "api.example.com:443"}, {});
  CHECK(allow.host_allowed("mcp.example.com"));
  CHECK(allow.host_allowed("mcp.example.com:9999"));
  CHECK(allow.host_allowed("api.example.com:443"));
  CHECK_FALSE(allow.host_allowed("api.example.com:8443"));
  CHECK_FALSE(allow.host_allowed("other.example.com"));
  AllowList any(8080, "127.0.0.1", {"*"}, {});
  CHECK(any.host_allowed("anything.example:1"));
}

TEST_CASE("a specific bind address is allowed as a Host, a wildcard one is not") {
  AllowList specific(9000, "192.168.1.5", {}, {});
  CHECK(specific.host_allowed("192.168.1.5:9000"));
  AllowList wildcard(9000, "0.0.0.0", {}, {});
  CHECK_FALSE(wildcard.host_allowed("0.0.0.0:9000"));
  CHECK(wildcard.host_allowed("localhost:9000"));
}

TEST_CASE("origins: allowed when their host is allowed or they are listed") {
  AllowList allow(8080, "127.0.0.1", {}, {"https://app.example.com"});
  CHECK(allow.origin_allowed("http://localhost:8080"));
  CHECK(allow.origin_allowed("http://127.0.0.1:8080"));
  CHECK(allow.origin_allowed("http://[::1]:8080"));
  CHECK(allow.origin_allowed("https://app.example.com"));
  CHECK(allow.origin_allowed("https://APP.example.com:443"));
  CHECK_FALSE(allow.origin_allowed("http://app.example.com"));  // another scheme, another origin
  CHECK_FALSE(allow.origin_allowed("http://evil.example.com"));
  CHECK_FALSE(allow.origin_allowed("http://localhost"));  // port 80
  CHECK_FALSE(allow.origin_allowed("null"));
  CHECK_FALSE(allow.origin_allowed("file://"));
  CHECK_FALSE(allow.origin_allowed(""));
}

TEST_CASE("allow-list flags that are not hosts or origins are reported") {
  CHECK(AllowList::invalid_hosts({"good.example", "bad host", "*", "x:y"}) ==
        std::vector<std::string>{"bad host", "x:y"});
  CHECK(AllowList::invalid_origins({"https://ok.example", "ftp://x", "nohost", "*"}) ==
        std::vector<std::string>{"ftp://x", "nohost"});
}

TEST_CASE("normalised origins make the default port explicit") {
  CHECK(normalize_origin("HTTPS://Example.com") == std::optional<std::string>("https://example.com:443"));
  CHECK(normalize_origin("http://example.com:80/") == std::optional<std::string>("http://example.com:80"));
  CHECK_FALSE(normalize_origin("null"));
}

TEST_CASE("token comparison is exact") {
  CHECK(constant_time_equals("s3cret-token", "s3cret-token"));
  CHECK_FALSE(constant_time_equals("s3cret-tokeN", "s3cret-token"));
  CHECK_FALSE(constant_time_equals("s3cret-token-and-more", "s3cret-token"));
  CHECK_FALSE(constant_time_equals("s3cret", "s3cret-token"));
  CHECK_FALSE(constant_time_equals("", "s3cret-token"));
  CHECK(constant_time_equals("", ""));
}

TEST_CASE("bearer tokens are taken from Authorization, scheme case-insensitive") {
  CHECK(bearer_token("Bearer abc") == std::optional<std::string_view>("abc"));
  CHECK(bearer_token("bearer   abc ") == std::optional<std::string_view>("abc"));
  CHECK_FALSE(bearer_token("Basic abc"));
  CHECK_FALSE(bearer_token("Bearer"));
  CHECK_FALSE(bearer_token("Bearer "));
  CHECK_FALSE(bearer_token("Bearer a b"));
  CHECK_FALSE(bearer_token("Bearerabc"));
  CHECK_FALSE(bearer_token(""));
}

TEST_CASE("Accept: JSON by default, SSE only when named, q=0 refuses") {
  auto a = parse_accept("", false);
  CHECK(a.json);
  CHECK_FALSE(a.sse);
  a = parse_accept("application/json, text/event-stream", true);
  CHECK(a.json);
  CHECK(a.sse);
  a = parse_accept("text/event-stream", true);
  CHECK_FALSE(a.json);
  CHECK(a.sse);
  a = parse_accept("*/*", true);
  CHECK(a.json);
  CHECK_FALSE(a.sse);
  a = parse_accept("application/json;q=0.9, text/event-stream;q=0", true);
  CHECK(a.json);
  CHECK_FALSE(a.sse);
  a = parse_accept("text/html", true);
  CHECK_FALSE(a.json);
  CHECK_FALSE(a.sse);
}

TEST_CASE("session ids: 64 hex characters, never twice the same") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_session_id();
    REQUIRE(id.size() == 64);
    REQUIRE(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
}

// ---- EventStream -------------------------------------------------------------------------------------

TEST_CASE("a resumable stream starts with a priming event and numbers its events") {
  EventStream s(7, std::chrono::milliseconds(1500));
  auto w = s.attach(std::nullopt);
  REQUIRE(w);
  s.append({{"jsonrpc", "2.0"}, {"method", "notifications/progress"}}, false);
  auto c = s.next(*w, std::chrono::milliseconds(10));
  CHECK(c.text.find("id: 7-0\nretry: 1500\ndata: \n\n") == 0);
  CHECK(c.text.find("id: 7-1\nevent: message\ndata: {") != std::string::npos);
  CHECK_FALSE(c.end);
  s.append({{"jsonrpc", "2.0"}, {"id", 1}, {"result", mcp::Json::object()}}, true);
  c = s.next(*w, std::chrono::milliseconds(10));
  CHECK(c.text.find("id: 7-2\n") == 0);
  CHECK(c.end);
  CHECK(s.delivered());
}

TEST_CASE("close_current ends the writer after a flush; a resume gets the rest") {
  EventStream s(3, std::chrono::milliseconds(1000));
  auto w = s.attach(std::nullopt);
  REQUIRE(w);
  s.close_current();
  auto c = s.next(*w, std::chrono::milliseconds(10));
  CHECK(c.text.find("id: 3-0") == 0);  // the priming event still goes out
  CHECK_FALSE(c.end);
  c = s.next(*w, std::chrono::milliseconds(10));
  CHECK(c.end);
  CHECK(c.text.empty());
  s.append({{"jsonrpc", "2.0"}, {"id", 1}, {"result", mcp::Json::object()}}, true);
  CHECK_FALSE(s.delivered());
  auto r = s.attach(0);  // Last-Event-ID 3-0
  REQUIRE(r);
  c = s.next(*r, std::chrono::milliseconds(10));
  CHECK(c.text.find("id: 3-1\n") == 0);
  CHECK(c.end);
  CHECK(s.delivered());
}

TEST_CASE("a new writer supersedes the old one; ids past the end are refused") {
  EventStream s(1, std::chrono::milliseconds(1000));
  auto a = s.attach(std::nullopt);
  auto b = s.attach(0);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(s.next(*a, std::chrono::milliseconds(10)).end);
  CHECK_FALSE(s.attach(5));
  CHECK(EventStream::parse_event_id("12-34") == std::optional<std::pair<std::uint64_t, std::uint64_t>>({12, 34}));
  CHECK_FALSE(EventStream::parse_event_id("12"));
  CHECK_FALSE(EventStream::parse_event_id("0-1"));
  CHECK_FALSE(EventStream::parse_event_id("a-1"));
  CHECK_FALSE(EventStream::parse_event_id("1-2-3"));
}

TEST_CASE("a quiet stream sends a heartbeat comment") {
  EventStream s(0, std::chrono::milliseconds(1000));
  auto w = s.attach(std::nullopt);
  REQUIRE(w);
  auto c = s.next(*w, std::chrono::milliseconds(20));
  CHECK(c.text == ": keep-alive\n\n");
  CHECK_FALSE(c.end);
  s.finish();
  CHECK(s.next(*w, std::chrono::milliseconds(20)).end);
}
