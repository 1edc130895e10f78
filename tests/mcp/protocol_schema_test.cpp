#include <mcp/protocol.h>
#include <mcp/schema.h>
#include <mcp/server.h>

#include <catch2/catch.hpp>

using namespace mcp;

TEST_CASE("version negotiation echoes a supported revision and otherwise offers the latest") {
  for (auto v : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) CHECK(protocol::negotiate(v) == v);
  CHECK(protocol::negotiate("1999-01-01") == "2025-11-25");
  CHECK(protocol::negotiate("") == "2025-11-25");
  CHECK(protocol::negotiate("2026-07-28") == "2025-11-25");
  CHECK(protocol::supported().front() == protocol::kLatest);
}

TEST_CASE("features follow the revision") {
  CHECK(protocol::features("2025-03-26").batches);
  CHECK_FALSE(protocol::features("2025-06-18").batches);
  CHECK_FALSE(protocol::features("2024-11-05").batches);
  CHECK_FALSE(protocol::features("2025-11-25").batches);
  CHECK_FALSE(protocol::features("2025-03-26").structured_content);
  CHECK(protocol::features("2025-06-18").structured_content);
  CHECK_FALSE(protocol::features("2024-11-05").tool_annotations);
  CHECK(protocol::features("2025-11-25").server_description);
  CHECK_FALSE(protocol::features("2025-06-18").server_description);
}

TEST_CASE("schemas validate and name the failing place with a JSON pointer") {
  auto s = JsonSchema::compile(Json::parse(R"({
    "type":"object",
    "properties":{"name":{"type":"string","maxLength":5},"tags":{"type":"array","items":{"type":"string"}}},
    "required":["name"],"additionalProperties":false})"));
  REQUIRE(s);
  CHECK(s->accepts(Json::parse(R"({"name":"abc","tags":["x"]})")));

  auto p = s->validate(Json::parse(R"({"tags":["x",3]})"));
  REQUIRE_FALSE(p.empty());
  bool saw_missing = false, saw_item = false;
  for (const auto& x : p) {
    if (x.message.find("name") != std::string::npos) saw_missing = true;
    if (x.pointer == "/tags/1") saw_item = true;
  }
  CHECK(saw_missing);
  CHECK(saw_item);

  CHECK_FALSE(s->accepts(Json::parse(R"({"name":"toolongname"})")));
  CHECK_FALSE(s->accepts(Json::parse(R"({"name":"a","extra":1})")));
  CHECK(describe(p).find("/tags/1") != std::string::npos);
}

TEST_CASE("2020-12 documents that use $defs through $ref validate") {
  auto s = JsonSchema::compile(Json::parse(R"({
    "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
    "$defs":{"address":{"type":"object","properties":{"city":{"type":"string"}}}},
    "properties":{"address":{"$ref":"#/$defs/address"}},"additionalProperties":false})"));
  REQUIRE(s);
  CHECK(s->accepts(Json::parse(R"({"address":{"city":"Nijmegen"}})")));
  CHECK_FALSE(s->accepts(Json::parse(R"({"address":{"city":3}})")));
}

TEST_CASE("schemas valijson cannot read are reported, not thrown") {
  auto s = JsonSchema::compile(Json::parse(R"({"type":"object","properties":{"a":{"$ref":"#/nowhere"}}})"));
  CHECK_FALSE(s);
  CHECK_FALSE(JsonSchema::compile(Json(3)));
}

TEST_CASE("a deferred schema compiles on first use, once; one valijson cannot read fails validation") {
  const Json doc = Json::parse(R"({"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]})");
  const auto lazy = JsonSchema::deferred(doc);
  const auto copy =
      lazy;  // NOLINT(performance-unnecessary-copy-initialization): copies share the compiled schema, tested here
  CHECK(lazy.document() == doc);
  CHECK(lazy.accepts(Json{{"a", 1}}));
  auto problems = copy.validate(Json{{"a", "x"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/a");
  const auto broken = JsonSchema::deferred(Json::parse(R"({"type":"object","properties":{"a":{"$ref":"#/nowhere"}}})"));
  auto why = broken.validate(Json::object());
  REQUIRE(why.size() == 1);
  CHECK(why[0].message.find("cannot be used") != std::string::npos);
}

TEST_CASE("the tool-schema lint enforces what IDE clients enforce") {
  CHECK(lint_tool_schema(Json::parse(R"({"type":"object","properties":{}})")).empty());
  CHECK_FALSE(lint_tool_schema(Json::parse(R"({"type":"object"})")).empty());
  CHECK_FALSE(lint_tool_schema(Json::parse(R"({"properties":{}})")).empty());
  auto nested = lint_tool_schema(Json::parse(R"({"type":"object","properties":{"a":{"type":"array"}}})"));
  CHECK(nested.find("/properties/a") != std::string::npos);
  CHECK(nested.find("items") != std::string::npos);
  auto deep = lint_tool_schema(
      Json::parse(R"({"type":"object","properties":{"a":{"type":"array","items":{"type":"object"}}}})"));
  CHECK(deep.find("/properties/a/items") != std::string::npos);
  auto in_any = lint_tool_schema(
      Json::parse(R"({"type":"object","properties":{"a":{"anyOf":[{"type":"string"},{"type":"array"}]}}})"));
  CHECK(in_any == "/properties/a/anyOf/1: an array schema needs \"items\"");
  auto in_defs = lint_tool_schema(Json::parse(R"({"type":"object","properties":{},"$defs":{"x":{"type":"object"}}})"));
  CHECK(in_defs == "/$defs/x: an object schema needs \"properties\"");
  Json deep_nest = Json::parse(R"({"type":"object","properties":{}})");
  for (int i = 0; i < 70; ++i) deep_nest = Json{{"type", "object"}, {"properties", {{"p", deep_nest}}}};
  CHECK(lint_tool_schema(deep_nest).find("nested too deeply") != std::string::npos);
}

TEST_CASE("cursors round-trip and reject anything else") {
  const auto c = encode_cursor('t', 5);
  CHECK(decode_cursor('t', c, 10) == std::optional<std::size_t>(5));
  CHECK_FALSE(decode_cursor('p', c, 10));  // another list's cursor
  CHECK_FALSE(decode_cursor('t', c, 5));   // past the end
  CHECK_FALSE(decode_cursor('t', "", 10));
  CHECK_FALSE(decode_cursor('t', "not a cursor!", 10));
  CHECK_FALSE(decode_cursor('t', encode_cursor('t', 0), 10));
  CHECK_FALSE(decode_cursor('t', std::string(1000, 'A'), 10));
}

TEST_CASE("URI templates match level-1 variables that never span a slash") {
  std::map<std::string, std::string> vars;
  CHECK(match_uri_template("test://template/{id}/data", "test://template/123/data", vars));
  CHECK(vars.at("id") == "123");
  CHECK(match_uri_template("openness://models/{id}", "openness://models/olmo-7b", vars));
  CHECK(vars.at("id") == "olmo-7b");
  CHECK_FALSE(match_uri_template("openness://models/{id}", "openness://models/a/b", vars));
  CHECK_FALSE(match_uri_template("openness://models/{id}", "openness://models/", vars));
  CHECK(match_uri_template("openness://models/{id}/card", "openness://models/x/card", vars));
  CHECK(vars.at("id") == "x");
  CHECK(match_uri_template("x://{a}", "x://%2E%2E%2Fetc", vars));
  CHECK(vars.at("a") == "../etc");  // decoded: the reader must refuse such a value itself
  CHECK_FALSE(match_uri_template("x://{a}", "x://%zz", vars));
}
