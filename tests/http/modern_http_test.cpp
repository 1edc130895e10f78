// The stateless revision (2026-07-28) over Streamable HTTP: no initialize and no session, the
// request metadata headers checked against the body (HeaderMismatch, -32020), and the HTTP status
// of each of the revision's errors.
#include "fixture.h"

#include <catch2/catch.hpp>

using namespace test_http;
using mcp::Json;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

const std::string kMeta =
    R"({"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}})";

std::string rpc(int id, const std::string& method, const std::string& params) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method + R"(","params":)" + params + "}";
}

Headers modern(const std::string& method, const std::string& name = {}) {
  Headers h = {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", method}};
  if (!name.empty()) h.emplace_back("Mcp-Name", name);
  return h;
}

int code_of(const Response& r) { return json_of(r)["error"]["code"].get<int>(); }

}  // namespace

TEST_CASE("2026-07-28 over HTTP: no initialize, no session, results carry resultType") {
  TestServer s;  // a server that keeps sessions for the handshake revisions
  Response d = s.post(rpc(1, "server/discover", R"({"_meta":)" + kMeta + "}"), {}, modern("server/discover"));
  REQUIRE(d.status == 200);
  CHECK(json_of(d)["result"]["supportedVersions"] == Json::array({"2026-07-28"}));
  CHECK_FALSE(d.has("mcp-session-id"));
  // A session id from another era is ignored, not required and not echoed.
  Response c = s.post(call(2, "echo", R"({"text":"modern"})", kMeta), "stale-id", modern("tools/call", "echo"));
  REQUIRE(c.status == 200);
  CHECK(json_of(c)["result"]["resultType"] == "complete");
  CHECK(json_of(c)["result"]["content"][0]["text"] == "modern");
  CHECK_FALSE(c.has("mcp-session-id"));
  CHECK(s.http.session_count() == 0);
  // The handshake era still works beside it.
  const std::string sid = s.open_session();
  CHECK(s.post(R"({"jsonrpc":"2.0","id":3,"method":"ping"})", sid).status == 200);
}

TEST_CASE("2026-07-28 headers must match the body: -32020 with 400 otherwise") {
  TestServer s;
  const std::string echo = call(1, "echo", R"({"text":"x"})", kMeta);
  const auto mismatch = [&](const Headers& h) {
    Response r = s.post(echo, {}, h);
    CHECK(r.status == 400);
    CHECK(code_of(r) == -32020);
    return json_of(r)["id"] == 1;
  };
  CHECK(mismatch({{"Mcp-Method", "tools/call"}, {"Mcp-Name", "echo"}}));            // no MCP-Protocol-Version
  CHECK(mismatch({{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Name", "echo"}}));  // no Mcp-Method
  CHECK(mismatch(modern("tools/list", "echo")));
  CHECK(mismatch(modern("tools/call")));  // no Mcp-Name
  CHECK(mismatch(modern("tools/call", "other")));
  CHECK(mismatch(modern("tools/call", "=?base64?b3RoZXI=?=")));  // "other"
  CHECK(mismatch(modern("tools/call", "=?base64?!!!?=")));
  // The body says v999, the header 2026-07-28: a mismatch, not an unsupported version.
  const std::string v999 =
      R"({"io.modelcontextprotocol/protocolVersion":"v999","io.modelcontextprotocol/clientCapabilities":{}})";
  Response r = s.post(call(2, "echo", R"({"text":"x"})", v999), {}, modern("tools/call", "echo"));
  CHECK(r.status == 400);
  CHECK(code_of(r) == -32020);
  // Header names are case-insensitive; Mcp-Name may carry its value in the base64 sentinel.
  Response ok = s.post(
      echo, {},
      {{"mcp-protocol-version", "2026-07-28"}, {"MCP-METHOD", "tools/call"}, {"mcp-name", "=?base64?ZWNobw==?="}});
  CHECK(ok.status == 200);
  CHECK(json_of(ok)["result"]["content"][0]["text"] == "x");
}

TEST_CASE("2026-07-28 statuses: 400 for a missing _meta or an unsupported version, 404 for no such method") {
  TestServer s;
  Response no_meta = s.post(rpc(1, "tools/list", "{}"), {}, modern("tools/list"));
  CHECK(no_meta.status == 400);
  CHECK(code_of(no_meta) == -32602);
  const std::string v999 =
      R"({"io.modelcontextprotocol/protocolVersion":"v999","io.modelcontextprotocol/clientCapabilities":{}})";
  Response old = s.post(rpc(2, "tools/list", R"({"_meta":)" + v999 + "}"), {},
                        {{"MCP-Protocol-Version", "v999"}, {"Mcp-Method", "tools/list"}});
  CHECK(old.status == 400);
  CHECK(code_of(old) == -32022);
  CHECK(json_of(old)["error"]["data"]["requested"] == "v999");
  for (const std::string m : {"ping", "initialize", "no/such"}) {
    Response r = s.post(rpc(3, m, R"({"_meta":)" + kMeta + "}"), {}, modern(m));
    CHECK(r.status == 404);
    CHECK(code_of(r) == -32601);
  }
  // An initialize negotiates in its body, even under a 2026-07-28 header.
  Response init = s.post(
      R"({"jsonrpc":"2.0","id":5,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}})",
      {}, {{"MCP-Protocol-Version", "2026-07-28"}});
  CHECK(init.status == 200);
  CHECK(json_of(init)["result"]["protocolVersion"] == "2025-11-25");
  // Without _meta, a handshake-era header keeps the handshake era's rules.
  CHECK(s.post(rpc(4, "tools/list", "{}"), {}, {{"MCP-Protocol-Version", "2025-11-25"}}).status == 400);
}

TEST_CASE("--stateless serves both eras from any replica") {
  TestServer s([](auto& o) { o.stateless = true; });
  Response modern_list = s.post(rpc(1, "tools/list", R"({"_meta":)" + kMeta + "}"), {}, modern("tools/list"));
  REQUIRE(modern_list.status == 200);
  CHECK(json_of(modern_list)["result"]["cacheScope"] == "public");
  Response legacy_list = s.post(rpc(2, "tools/list", "{}"), {}, {{"MCP-Protocol-Version", "2025-11-25"}});
  REQUIRE(legacy_list.status == 200);
  CHECK_FALSE(json_of(legacy_list)["result"].contains("resultType"));
}

TEST_CASE("2026-07-28: a tool's x-mcp-header arguments need their Mcp-Param-* headers, saying the same") {
  TestServer s;
  const std::string body =
      call(1, "regional", R"({"query":"q","region":"us-west1","count":42,"options":{"dry":true}})", kMeta);
  Headers h = modern("tools/call", "regional");
  const auto with = [&](Headers extra) {
    Headers all = h;
    for (auto& x : extra) all.push_back(std::move(x));
    return s.post(body, {}, all);
  };
  Response ok = with({{"Mcp-Param-Region", "us-west1"}, {"Mcp-Param-Count", "42.0"}, {"mcp-param-dry-run", "true"}});
  CHECK(ok.status == 200);
  CHECK(json_of(ok)["result"]["content"][0]["text"] == "ran q");
  CHECK(
      with({{"Mcp-Param-Region", "=?base64?dXMtd2VzdDE=?="}, {"Mcp-Param-Count", "42"}, {"Mcp-Param-Dry-Run", "true"}})
          .status == 200);
  for (const Headers& bad :
       {Headers{{"Mcp-Param-Count", "42"}, {"Mcp-Param-Dry-Run", "true"}},  // Region missing
        Headers{{"Mcp-Param-Region", "eu"}, {"Mcp-Param-Count", "42"}, {"Mcp-Param-Dry-Run", "true"}},
        Headers{{"Mcp-Param-Region", "us-west1"}, {"Mcp-Param-Count", "41"}, {"Mcp-Param-Dry-Run", "true"}},
        Headers{{"Mcp-Param-Region", "us-west1"}, {"Mcp-Param-Count", "42"}, {"Mcp-Param-Dry-Run", "True"}},
        Headers{{"Mcp-Param-Region", "=?base64?dXMtd2VzdDE?="},
                {"Mcp-Param-Count", "42"},
                {"Mcp-Param-Dry-Run", "true"}}}) {
    Response r = with(bad);
    CHECK(r.status == 400);
    CHECK(code_of(r) == -32020);
  }
  // Arguments not given need no header.
  Response plain = s.post(call(2, "regional", R"({"query":"q"})", kMeta), {}, h);
  CHECK(plain.status == 200);
}

TEST_CASE("2026-07-28 headers: once each, in header characters; the revision first; no batches") {
  TestServer s;
  const std::string echo = call(1, "echo", R"({"text":"x"})", kMeta);
  Headers twice = modern("tools/call", "echo");
  twice.emplace_back("Mcp-Name", "other");
  Response r = s.post(echo, {}, twice);
  CHECK(r.status == 400);
  CHECK(code_of(r) == -32020);
  Response raw = s.post(
      echo, {}, {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", "ech\xc3\xb6"}});
  CHECK(raw.status == 400);
  CHECK(code_of(raw) == -32020);
  const std::string only_version = R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"2027-01-01"}})";
  Response newer = s.post(rpc(2, "server/discover", only_version), {},
                          {{"MCP-Protocol-Version", "2027-01-01"}, {"Mcp-Method", "server/discover"}});
  CHECK(newer.status == 400);
  CHECK(code_of(newer) == -32022);
  Response batch = s.post("[" + echo + "]", {}, modern("tools/call", "echo"));
  CHECK(batch.status == 400);
  CHECK(code_of(batch) == -32600);
}
