// json_nodes: the simdjson-backed reader of record texts into flat nodes: the nodes it builds, where
// strings live, the JSON Lines contract of parse_value, and hostile input as errors with a place.
#include <openness/json_nodes.h>

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

using namespace openness;
using json_nodes::Node;
using json_nodes::Type;

namespace {

struct Parsed {
  bool ok = false;
  std::vector<Node> nodes;
  json_nodes::Error err;
};

Parsed doc(std::string_view text, json_nodes::StringArena& arena) {
  Parsed p;
  p.ok = json_nodes::parse_document(text, p.nodes, arena, p.err);
  return p;
}

// The error of a text that must not parse.
json_nodes::Error error_of(const std::string& text) {
  json_nodes::StringArena arena;
  Parsed p = doc(text, arena);
  CHECK_FALSE(p.ok);
  return p.err;
}

// Values read one after another from one text, as the loader reads JSON Lines.
struct Stream {
  explicit Stream(std::string_view t, std::size_t p = 0) : text(t), pos(p) {}
  std::string_view text;
  std::size_t pos;
  json_nodes::StringArena arena;
  std::vector<Node> nodes;
  json_nodes::Error err;
  bool next() { return json_nodes::parse_value(text, pos, nodes, arena, err); }
};

bool inside(std::string_view s, std::string_view text) {
  return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
}

}  // namespace

TEST_CASE("nodes: a flat array with subtree ends, counts, keys and number texts", "[json_nodes]") {
  json_nodes::StringArena arena;
  const std::string text = R"({"a": [1, -2.5e3, true], "b": {"c": null, "d": false}, "e": "x"})";
  Parsed p = doc(text, arena);
  REQUIRE(p.ok);
  REQUIRE(p.nodes.size() == 9);
  CHECK(p.nodes[0].type == Type::Object);
  CHECK(p.nodes[0].count == 3);
  CHECK(p.nodes[0].end == 9);
  CHECK(p.nodes[1].key == "a");
  CHECK(p.nodes[1].type == Type::Array);
  CHECK(p.nodes[1].count == 3);
  CHECK(p.nodes[1].end == 5);
  CHECK(p.nodes[2].str == "1");
  CHECK(p.nodes[3].type == Type::Number);
  CHECK(p.nodes[3].str == "-2.5e3");
  CHECK(p.nodes[4].type == Type::True);
  CHECK(p.nodes[5].key == "b");
  CHECK(p.nodes[5].end == 8);
  CHECK(p.nodes[6].type == Type::Null);
  CHECK(p.nodes[7].type == Type::False);
  CHECK(p.nodes[8].str == "x");
  CHECK(p.nodes[8].key == "e");
}

TEST_CASE("strings: plain ones view the text, unescaped ones live in the arena", "[json_nodes]") {
  json_nodes::StringArena arena;
  const std::string text = R"({"pl\u00e9in": "a\nb\u00e9\ud83d\ude00", "plain": "caf\u00e9 ok", "raw": "café"})";
  Parsed p = doc(text, arena);
  REQUIRE(p.ok);
  CHECK(p.nodes[1].key == "pl\xc3\xa9in");
  CHECK_FALSE(inside(p.nodes[1].key, text));
  CHECK(p.nodes[1].str == "a\nb\xc3\xa9\xf0\x9f\x98\x80");
  CHECK_FALSE(inside(p.nodes[1].str, text));
  CHECK(p.nodes[2].key == "plain");
  CHECK(inside(p.nodes[2].key, text));
  CHECK(p.nodes[2].str == "caf\xc3\xa9 ok");
  CHECK(p.nodes[3].str == "café");
  CHECK(inside(p.nodes[3].str, text));
  CHECK(p.nodes[0].count == 3);
}

TEST_CASE("a text with readable bytes after it is read in place; one without is copied", "[json_nodes]") {
  // Both give views into the caller's text, never into a buffer of the reader.
  std::string buf = R"({"id": "m", "n": 12})";
  const std::size_t len = buf.size();
  buf.append(json_nodes::kPadding, '\0');
  for (std::size_t readable : {std::size_t{0}, json_nodes::kPadding}) {
    json_nodes::StringArena arena;
    std::vector<Node> nodes;
    json_nodes::Error err;
    REQUIRE(json_nodes::parse_document(std::string_view(buf.data(), len), nodes, arena, err, {}, readable));
    CHECK(nodes[1].str == "m");
    CHECK(nodes[1].str.data() == buf.data() + 8);
    CHECK(nodes[2].str.data() == buf.data() + 17);
  }
}

TEST_CASE("parse_value reads one value and stops after it: JSON Lines and arrays", "[json_nodes]") {
  Stream l{"{\"a\": 1}\n\n  {\"b\": [2,\n 3]} {\"c\": 4}\n\"s\"\n7"};
  REQUIRE(l.next());
  CHECK(l.pos == 8);
  CHECK(l.nodes[1].key == "a");
  REQUIRE(l.next());  // across two lines
  CHECK(l.text.substr(l.pos, 2) == " {");
  CHECK(l.nodes.size() == 4);
  REQUIRE(l.next());  // a second value on the line
  CHECK(l.nodes[1].key == "c");
  REQUIRE(l.next());
  CHECK(l.nodes[0].str == "s");
  REQUIRE(l.next());
  CHECK(l.nodes[0].str == "7");
  CHECK(l.pos == l.text.size());
  CHECK_FALSE(l.next());
  CHECK(l.err.message.find("end of input") != std::string::npos);

  Stream a{R"([{"a": "x,]}"}, {"b": [1, {"c": 2}]},12,"t"])", 1};
  REQUIRE(a.next());
  CHECK(a.nodes[1].str == "x,]}");
  CHECK(a.text[a.pos++] == ',');
  REQUIRE(a.next());
  CHECK(a.nodes.size() == 5);
  CHECK(a.text[a.pos++] == ',');
  REQUIRE(a.next());
  CHECK(a.nodes[0].str == "12");
  ++a.pos;
  REQUIRE(a.next());
  CHECK(a.text.substr(a.pos) == "]");
}

TEST_CASE("a bad value after good ones: the error is placed in the bad one", "[json_nodes]") {
  Stream l{"{\"a\": 1}\n{\"b\": {\"c\": [1, 2,]}}\n{\"d\": \"\xff\"}\n"};
  REQUIRE(l.next());
  CHECK_FALSE(l.next());
  CHECK(l.err.pointer == "/b/c/2");
  CHECK(json_nodes::line_col(l.text, l.err.offset) == std::pair<std::size_t, std::size_t>{2, 19});
}

TEST_CASE("hostile input is an error with a place, never a crash", "[json_nodes][hostile]") {
  SECTION("depth") {
    const auto e = error_of(std::string(100000, '[') + std::string(100000, ']'));
    CHECK(e.message == "nesting deeper than 64");
    CHECK(e.offset == 64);
    std::string ok = std::string(64, '[') + std::string(64, ']');
    json_nodes::StringArena arena;
    CHECK(doc(ok, arena).ok);
  }
  SECTION("invalid UTF-8, overlongs, surrogates as UTF-8, past U+10FFFF") {
    for (std::string bad : {"\xc3\x28", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff"}) {
      const auto e = error_of("{\"k\": [\"ok\", \"a" + bad + "\"]}");
      CHECK(e.message.find("UTF-8") != std::string::npos);
      CHECK(e.pointer == "/k/1");
    }
  }
  SECTION("unpaired surrogates in \\u escapes") {
    for (std::string bad : {"\\ud800x", "\\udc00", "\\ud800\\u0041", "\\ud800"}) {
      const auto e = error_of("{\"k\": \"" + bad + "\"}");
      CHECK(e.message.find("surrogate") != std::string::npos);
      CHECK(e.pointer == "/k");
    }
    CHECK(error_of("{\"k\\udc00\": 1}").message.find("surrogate") != std::string::npos);
  }
  SECTION("NUL and control characters in strings") {
    CHECK(error_of(R"({"k": "a\u0000"})").message == "NUL character in a string");
    CHECK(error_of(R"({"k\u0000": 1})").message == "NUL character in a string");
    const auto e = error_of("{\"k\": \"a\tb\"}");
    CHECK(e.message.find("control character") != std::string::npos);
    CHECK(e.offset == 8);
  }
  SECTION("numbers outside the JSON grammar") {
    for (std::string bad :
         {"01", "1.", ".5", "-", "1e", "1e+", "+1", "0x10", "1.2.3", "12x", "--1", "NaN", "Infinity"}) {
      const auto e = error_of("{\"n\": " + bad + "}");
      CHECK(e.pointer == "/n");
      CHECK(e.offset == 6);
    }
    CHECK(error_of("[" + std::string(65, '1') + "]").message == "number too long");
    json_nodes::StringArena arena;
    CHECK(doc("[" + std::string(64, '1') + ", -0, 0.5e-7, 1E+2]", arena).ok);
  }
  SECTION("literals and structure") {
    CHECK(error_of("{\n  \"id\": \"x\",\n  \"name\": tru\n}").pointer == "/name");
    for (std::string bad : {"[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1}", "{1:2}", "{\"a\":1",
                            "[", "\"abc", "]", "}", "{\"a\"::1}", "[,1]", "nul", "truex", "[tru]"}) {
      json_nodes::StringArena arena;
      CHECK_FALSE(doc(bad, arena).ok);
    }
  }
  SECTION("trailing content after a document") {
    for (std::string bad : {"{} x", "[1] \"abc", "{}{}", "1 2", "\"a\" 1", "{} \xff"}) {
      const auto e = error_of(bad);
      CHECK(e.pointer.empty());
      CHECK(e.offset >= bad.find_first_of(" {}", 1));
    }
  }
  SECTION("empty texts") {
    CHECK(error_of("").message == "unexpected end of input, expected a value");
    CHECK(error_of(" \n\t").message == "unexpected end of input, expected a value");
  }
  SECTION("every prefix of a document") {
    const std::string text = R"({"a": [1, "b\u00e9", {"c": null}], "d": -1.5e2, "e": true})";
    for (std::size_t n = 0; n < text.size(); ++n) {
      json_nodes::StringArena arena;
      CHECK_FALSE(doc(text.substr(0, n), arena).ok);
    }
  }
}

TEST_CASE("duplicate member names are all kept, in order", "[json_nodes]") {
  json_nodes::StringArena arena;
  Parsed p = doc(R"({"a": 1, "a": 2})", arena);
  REQUIRE(p.ok);
  CHECK(p.nodes[0].count == 2);
  CHECK(p.nodes[1].str == "1");
  CHECK(p.nodes[2].key == "a");
  CHECK(p.nodes[2].str == "2");
}
