// The fast paths of jsonrpc::serialize (a writer of its own) and of JsonSchema::validate (a quick
// check before valijson) against what they replace: nlohmann's dump() byte for byte, and
// valijson's verdict on every instance.
#include <mcp/jsonrpc.h>
#include <mcp/schema.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace mcp;

namespace {

std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  "0",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "/",
                                                  "\b",
                                                  "\f",
                                                  "\n",
                                                  "\r",
                                                  "\t",
                                                  std::string(1, '\0'),
                                                  "\x01",
                                                  "\x1f",
                                                  "\x7f",
                                                  "\xc3\xa9",
                                                  "\xe2\x80\x99",
                                                  "\xf0\x9f\x98\x80",
                                                  "\xed\xa0\x80" /* surrogate */,
                                                  "\xc0\xaf" /* overlong */,
                                                  "\xff",
                                                  "\xe2\x80" /* truncated */,
                                                  "\xf4\x90\x80\x80" /* above U+10FFFF */,
                                                  "OLMo-7B",
                                                  "\xc2\xa0"};
  std::string s;
  const int n = static_cast<int>(rng() % 8);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

Json random_json(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 3 ? 6 : 8)) {
    case 0: return nullptr;
    case 1: return rng() % 2 == 0;
    case 2: return static_cast<std::int64_t>(rng()) - (std::int64_t{1} << 31) * static_cast<std::int64_t>(rng() % 3);
    case 3: return std::uint64_t{18446744073709551615u} - rng() % 3;
    case 4: {
      static const double values[] = {0.0, -0.0, 1.0, 0.1, 95.8, 1e300, -2.5e-7, 123456789.125, 1.0 / 3};
      return values[rng() % std::size(values)];
    }
    case 5: return random_string(rng);
    case 6: {
      Json a = Json::array();
      for (unsigned i = rng() % 4; i > 0; --i) a.push_back(random_json(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (unsigned i = rng() % 4; i > 0; --i) o[random_string(rng)] = random_json(rng, depth + 1);
      return o;
    }
  }
}

// An instance shaped by a schema (every property filled), for mutating.
Json sample(const Json& s, std::mt19937& rng, int depth = 0) {
  if (!s.is_object()) return nullptr;
  if (s.contains("enum") && !s["enum"].empty()) return s["enum"][rng() % s["enum"].size()];
  std::string type = "object";
  if (s.contains("type")) type = s["type"].is_array() ? s["type"][0].get<std::string>() : s["type"].get<std::string>();
  if (type == "object") {
    Json o = Json::object();
    if (s.contains("properties") && depth < 12)
      for (const auto& [k, v] : s["properties"].items()) o[k] = sample(v, rng, depth + 1);
    return o;
  }
  if (type == "array") {
    Json a = Json::array();
    if (s.contains("items") && depth < 12)
      for (unsigned i = 1 + rng() % 2; i > 0; --i) a.push_back(sample(s["items"], rng, depth + 1));
    return a;
  }
  if (type == "string") return std::string(s.contains("minLength") ? s["minLength"].get<std::size_t>() : 1, 'x');
  if (type == "integer") return s.contains("minimum") ? s["minimum"].get<std::int64_t>() : 1;
  if (type == "number") return 0.5;
  if (type == "boolean") return true;
  return nullptr;
}

// A random change somewhere in the instance: a member dropped, added or retyped, a string
// lengthened or made non-ASCII, a number moved or made fractional.
void mutate(Json& j, std::mt19937& rng) {
  if ((j.is_object() || j.is_array()) && !j.empty() && rng() % 3 != 0) {
    auto it = j.begin();
    std::advance(it, static_cast<long>(rng() % j.size()));
    mutate(*it, rng);
    return;
  }
  switch (rng() % 9) {
    case 0:
      if (j.is_object() && !j.empty())
        j.erase(j.begin());
      else
        j = nullptr;
      break;
    case 1:
      if (j.is_object())
        j["unexpected_" + std::to_string(rng() % 3)] = 1;
      else
        j = Json::object();
      break;
    case 2: j = random_json(rng, 2); break;
    case 3: j = std::string(300 + rng() % 3000, 'y'); break;
    case 4: j = "\xc3\xa9" + std::string(rng() % 400, 'e'); break;
    case 5: j = static_cast<std::int64_t>(rng() % 300) - 100; break;
    case 6: j = 2.5; break;
    case 7: j = ""; break;
    default: j = Json::array({1, "a"}); break;
  }
}

}  // namespace

TEST_CASE("serialize writes what Json::dump writes, byte for byte") {
  std::mt19937 rng(12345);  // NOLINT(cert-msc32-c,cert-msc51-cpp): a fixed seed, so that a failure replays
  for (int i = 0; i < 20000; ++i) {
    const Json j = random_json(rng, 0);
    INFO(j.dump(-1, ' ', true, Json::error_handler_t::replace));
    REQUIRE(jsonrpc::serialize(j) == j.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  // Large strings (the text of an answer): escapes at every position.
  std::string big;
  for (int i = 0; i < 5000; ++i) big += random_string(rng);
  const Json j = {{"text", big}, {"n", {1, -2, 3.5, nullptr, true}}};
  CHECK(jsonrpc::serialize(j) == j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

TEST_CASE("validate's quick check never accepts what valijson rejects, on every tool schema") {
  // The same schema with a keyword the quick check does not know (minProperties 0, always met)
  // is validated by valijson alone: the two verdicts must agree on every instance.
  const std::filesystem::path dir = std::filesystem::path(MCP_TEST_SCHEMAS_DIR) / "tools";
  std::size_t schemas = 0, instances = 0, rejected = 0;
  std::mt19937 rng(777);  // NOLINT(cert-msc32-c,cert-msc51-cpp): a fixed seed, so that a failure replays
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const Json doc = Json::parse(in);
    Json plain = doc;
    plain["minProperties"] = 0;
    auto quick = JsonSchema::compile(doc);
    auto valijson_only = JsonSchema::compile(plain);
    REQUIRE(quick);
    REQUIRE(valijson_only);
    ++schemas;
    for (int i = 0; i < 400; ++i) {
      Json inst = sample(doc, rng);
      for (int m = static_cast<int>(rng() % 4); m > 0; --m) mutate(inst, rng);
      const bool a = quick->validate(inst).empty(), b = valijson_only->validate(inst).empty();
      INFO(entry.path().filename().string() << ": " << inst.dump(-1, ' ', false, Json::error_handler_t::replace));
      REQUIRE(a == b);
      ++instances;
      rejected += !b;
    }
  }
  CHECK(schemas >= 16);
  CHECK(rejected > instances / 10);      // the mutations do break the schemas
  CHECK(rejected < instances * 9 / 10);  // and many instances conform
}
