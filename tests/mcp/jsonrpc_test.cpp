#include <mcp/jsonrpc.h>

#include <catch2/catch.hpp>

using namespace mcp;
using namespace mcp::jsonrpc;

namespace {

Invalid invalid(const char* text) {
  auto c = classify(Json::parse(text));
  auto* i = std::get_if<Invalid>(&c);
  REQUIRE(i);
  return *i;
}

Message message(const char* text) {
  auto c = classify(Json::parse(text));
  auto* m = std::get_if<Message>(&c);
  REQUIRE(m);
  return *m;
}

}  // namespace

TEST_CASE("requests carry string or integer ids") {
  auto m = message(R"({"jsonrpc":"2.0","id":7,"method":"ping"})");
  auto* req = std::get_if<Request>(&m);
  REQUIRE(req);
  CHECK(std::get<std::int64_t>(req->id) == 7);
  CHECK(req->method == "ping");
  CHECK(req->params.is_null());

  auto s = message(R"({"jsonrpc":"2.0","id":"abc","method":"tools/list","params":{"cursor":"x"}})");
  auto* sreq = std::get_if<Request>(&s);
  REQUIRE(sreq);
  CHECK(std::get<std::string>(sreq->id) == "abc");
  CHECK(sreq->params["cursor"] == "x");

  auto neg = message(R"({"jsonrpc":"2.0","id":-3,"method":"ping"})");
  CHECK(std::get<std::int64_t>(std::get<Request>(neg).id) == -3);
}

TEST_CASE("a message without an id is a notification") {
  auto m = message(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  auto* n = std::get_if<Notification>(&m);
  REQUIRE(n);
  CHECK(n->method == "notifications/initialized");
}

TEST_CASE("responses are told apart from requests") {
  auto ok = message(R"({"jsonrpc":"2.0","id":"srv-1","result":{"a":1}})");
  auto* r = std::get_if<Response>(&ok);
  REQUIRE(r);
  CHECK_FALSE(r->is_error);
  CHECK(r->result["a"] == 1);

  auto err = message(R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"nope"}})");
  auto* e = std::get_if<Response>(&err);
  REQUIRE(e);
  CHECK(e->is_error);
  CHECK(e->error.code == -32601);
  CHECK(e->error.message == "nope");
}

TEST_CASE("invalid messages are named precisely") {
  SECTION("not an object") {
    auto i = invalid("[1]");
    CHECK(i.error.code == code::kInvalidRequest);
    CHECK(i.reply);
    CHECK(i.id.is_null());
    i = invalid("42");
    CHECK(i.error.message.find("a number") != std::string::npos);
  }
  SECTION("wrong or missing jsonrpc version keeps the id for the reply") {
    auto i = invalid(R"({"jsonrpc":"1.0","id":5,"method":"ping"})");
    CHECK(i.error.code == code::kInvalidRequest);
    CHECK(i.id == 5);
    i = invalid(R"({"id":5,"method":"ping"})");
    CHECK(i.error.code == code::kInvalidRequest);
  }
  SECTION("missing method") {
    auto i = invalid(R"({"jsonrpc":"2.0","id":1})");
    CHECK(i.error.code == code::kInvalidRequest);
    CHECK(i.error.message.find("method") != std::string::npos);
    CHECK(i.id == 1);
  }
  SECTION("method that is not a string") {
    auto i = invalid(R"({"jsonrpc":"2.0","id":1,"method":5})");
    CHECK(i.error.code == code::kInvalidRequest);
  }
  SECTION("null, float, boolean and object ids are refused; the reply carries id null") {
    for (const char* text :
         {R"({"jsonrpc":"2.0","id":null,"method":"ping"})", R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":true,"method":"ping"})", R"({"jsonrpc":"2.0","id":{},"method":"ping"})"}) {
      auto i = invalid(text);
      CHECK(i.error.code == code::kInvalidRequest);
      CHECK(i.error.message.find("\"id\"") != std::string::npos);
      CHECK(i.id.is_null());
      CHECK(i.reply);
    }
  }
  SECTION("ids beyond int64 are refused") {
    auto i = invalid(R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"ping"})");
    CHECK(i.error.code == code::kInvalidRequest);
  }
  SECTION("params that are not an object are invalid params") {
    auto i = invalid(R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":[1,2]})");
    CHECK(i.error.code == code::kInvalidParams);
    CHECK(i.id == 3);
    CHECK(i.reply);
    i = invalid(R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":"x"})");
    CHECK(i.error.code == code::kInvalidParams);
  }
  SECTION("a notification with bad params is dropped, not answered") {
    auto i = invalid(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":7})");
    CHECK_FALSE(i.reply);
  }
  SECTION("method together with result is invalid") {
    auto i = invalid(R"({"jsonrpc":"2.0","id":1,"method":"ping","result":{}})");
    CHECK(i.error.code == code::kInvalidRequest);
  }
  SECTION("a response with both result and error, or a bad id, gets no reply") {
    CHECK_FALSE(invalid(R"({"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}})").reply);
    CHECK_FALSE(invalid(R"({"jsonrpc":"2.0","id":null,"result":{}})").reply);
  }
}

TEST_CASE("parse: a number too large for a double is a parse error, not an escaped exception") {
  // Regression (hostile-input corpus, tests/reliability/stdio/number-overflow.txt): nlohmann::json
  // reports this overflow as out_of_range (406), which parse() did not catch: over stdio the
  // exception ended the process.
  for (const std::string& text :
       std::vector<std::string>{R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":1e999999}})", "-1e400",
                                "[" + std::string(100000, '9') + "]"}) {
    auto r = parse(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == code::kParseError);
    CHECK(r.error().message.find("Parse error: number overflow") == 0);
    CHECK(r.error().message.size() < 300);  // the 100,000-digit token is not echoed whole
  }
}

TEST_CASE("parse: an error message quotes at most a bounded part of the offending token") {
  auto r = parse("{\"a\":\"" + std::string(3u << 20, 'x'));  // an unterminated 3 MiB string
  REQUIRE_FALSE(r);
  CHECK(r.error().code == code::kParseError);
  CHECK(r.error().message.size() < 300);
  CHECK(r.error().message.substr(r.error().message.size() - 3) == "...");
}

TEST_CASE("parse reports parse errors and refuses deep nesting before building a tree") {
  auto bad = parse("{\"jsonrpc\":");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == code::kParseError);
  CHECK(bad.error().message.find("Parse error") == 0);

  auto empty = parse("");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == code::kParseError);

  std::string deep(100000, '[');
  auto d = parse(deep);
  REQUIRE_FALSE(d);
  CHECK(d.error().code == code::kInvalidRequest);
  CHECK(d.error().message.find("nested deeper") != std::string::npos);

  // Brackets inside strings do not count towards the depth.
  std::string in_string = "{\"a\":\"" + std::string(1000, '[') + "\"}";
  auto s = parse(in_string);
  REQUIRE(s);
  CHECK(s->at("a").get<std::string>().size() == 1000);

  std::string ok_depth = std::string(128, '[') + std::string(128, ']');
  CHECK(parse(ok_depth));
  std::string too_deep = std::string(129, '[') + std::string(129, ']');
  CHECK_FALSE(parse(too_deep));
}

TEST_CASE("parse rejects invalid UTF-8 with a parse error") {
  std::string text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\xff\"}";
  auto r = parse(text);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == code::kParseError);
}

TEST_CASE("serialize never throws on invalid UTF-8 and keeps one line") {
  Json j = {{"text", std::string("a\xff\nb")}};
  std::string out = serialize(j);
  CHECK(out.find('\n') == std::string::npos);
  CHECK(out.find("\\n") != std::string::npos);
  CHECK(out.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD replaces the bad byte
}

TEST_CASE("outgoing messages have the JSON-RPC 2.0 shape") {
  auto r = make_result(RequestId{std::int64_t{4}}, {{"x", 1}});
  CHECK(r["jsonrpc"] == "2.0");
  CHECK(r["id"] == 4);
  CHECK(r["result"]["x"] == 1);

  auto e = make_error(Json(nullptr), Error::parse("bad"));
  CHECK(e["id"].is_null());
  CHECK(e["error"]["code"] == -32700);
  CHECK_FALSE(e["error"].contains("data"));

  auto n = make_notification("notifications/message", nullptr);
  CHECK_FALSE(n.contains("params"));
  CHECK_FALSE(n.contains("id"));

  auto q = make_request(RequestId{std::string("s-1")}, "roots/list", Json::object());
  CHECK(q["id"] == "s-1");
  CHECK(q["params"].is_object());
}
