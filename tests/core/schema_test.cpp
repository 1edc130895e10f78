// schemas/model.schema.json: every bundled record is valid against it (valijson, draft-07), and
// the schema and the loader reject the same bad records, the loader naming the JSON pointer.
#include <openness/bundled.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <filesystem>

#include "test_util.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const valijson::Schema& schema() {
  static const json doc = json::parse(test::read_file(OPENNESS_SCHEMA_DIR "/model.schema.json"));
  static valijson::Schema s;
  static const bool parsed = [] {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, s);
    return true;
  }();
  (void)parsed;
  return s;
}

bool schema_valid(const json& j, std::string* why = nullptr) {
  valijson::Validator v;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter a(j);
  const bool ok = v.validate(schema(), a, &results);
  if (!ok && why) {
    valijson::ValidationResults::Error e;
    while (results.popError(e)) *why += e.description + "; ";
  }
  return ok;
}

// Loads one record text through the dataset loader; returns the DataError pointer ("" = loaded).
std::optional<openness::DataError> loader_error(const json& j) {
  const std::string text = j.dump();
  const openness::TextFile f{"fixture.json", text};
  try {
    openness::Dataset::load(test::read_file(OPENNESS_DATA_DIR "/licenses.json"), std::span(&f, 1), {});
  } catch (const openness::DataError& e) {
    return e;
  }
  return std::nullopt;
}

// A record alone: its family link names a record that this one-file dataset does not hold.
json good() {
  json j = json::parse(test::read_file(OPENNESS_DATA_DIR "/models/deepseek-r1.json"));
  j.erase("family");
  return j;
}

}  // namespace

TEST_CASE("every bundled record is valid against schemas/model.schema.json", "[schema]") {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(OPENNESS_DATA_DIR "/models")) {
    const json j = json::parse(test::read_file(e.path().string()));
    std::string why;
    INFO(e.path().filename().string() << ": " << why);
    CHECK(schema_valid(j, &why));
    ++n;
  }
  const json report = json::parse(test::read_file(OPENNESS_DATA_DIR "/import-report.json"));
  CHECK(n == report["counts"]["records"].get<std::size_t>());
  CHECK(n >= 800);
}

TEST_CASE("the schema and the loader reject the same bad records; the loader names the pointer", "[schema][loader]") {
  REQUIRE(schema_valid(good()));
  REQUIRE_FALSE(loader_error(good()));
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    const char* pointer;
  };
  const std::vector<Case> cases = {
      {"no sources", [](json& j) { j.erase("sources"); }, ""},
      {"empty sources", [](json& j) { j["sources"] = json::array(); }, ""},
      {"bad as_of", [](json& j) { j["sources"][0]["as_of"] = "2024-13-01"; }, "/sources/0/as_of"},
      {"source without as_of", [](json& j) { j["sources"][0].erase("as_of"); }, "/sources/0"},
      {"source without url", [](json& j) { j["sources"][0].erase("url"); }, "/sources/0"},
      {"bad kind", [](json& j) { j["kind"] = "thing"; }, "/kind"},
      {"unknown member", [](json& j) { j["colour"] = "blue"; }, "/colour"},
      {"bad alias kind", [](json& j) { j["aliases"][0]["kind"] = "nickname"; }, "/aliases/0/kind"},
      {"bad component", [](json& j) { j["mof"]["components"][0]["name"] = "Weights"; }, "/mof/components/0/name"},
      {"bad grade", [](json& j) { j["eosai"]["parameters"]["paper"]["grade"] = "excellent"; },
       "/eosai/parameters/paper/grade"},
      {"missing EOSAI parameter", [](json& j) { j["eosai"]["parameters"].erase("paper"); }, "/eosai"},
      {"bad id", [](json& j) { j["id"] = "Bad Id"; }, "/id"},
      {"bad release date", [](json& j) { j["release_date"] = "May 2024"; }, "/release_date"},
      {"name of wrong type", [](json& j) { j["name"] = 42; }, "/name"},
      {"modality not in the list", [](json& j) { j["modality"] = json::array({"smell"}); }, "/modality/0"},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      json j = good();
      c.mutate(j);
      CHECK_FALSE(schema_valid(j));
      const auto err = loader_error(j);
      REQUIRE(err);
      CHECK(err->path() == "fixture.json");
      CHECK(err->pointer() == c.pointer);
    }
  }
}

TEST_CASE("loader-only rules: every fact names one of the record's sources", "[loader]") {
  json j = good();
  j["aliases"][0]["source"] = "nowhere";
  auto err = loader_error(j);
  REQUIRE(err);
  CHECK(err->pointer() == "/aliases/0/source");
  j = good();
  j["field_sources"].erase("producer");
  err = loader_error(j);
  REQUIRE(err);
  CHECK(err->message().find("producer") != std::string::npos);
  j = good();
  j["disagreements"][0]["values"][1]["source"] = "elsewhere#x";
  err = loader_error(j);
  REQUIRE(err);
  CHECK(err->pointer() == "/disagreements/0/values/1/source");
}
