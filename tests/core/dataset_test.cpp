// The bundled dataset: it loads, it holds every upstream model, and every fact has a source with
// an as-of date.
#include <openness/bundled.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "test_util.h"

using namespace openness;

namespace {
const Dataset& bundled() {
  static const auto ds = load_dataset();
  return *ds;
}
}  // namespace

TEST_CASE("bundled dataset loads and holds every model of both upstream datasets", "[dataset]") {
  const Dataset& ds = bundled();
  const auto report = nlohmann::json::parse(test::read_file(OPENNESS_DATA_DIR "/import-report.json"));
  CHECK(ds.size() == report["counts"]["records"].get<std::size_t>());
  // Every MOT file and every EOSAI file is the source of some record.
  std::set<std::string> mot, eosai;
  for (const auto& r : ds)
    for (const auto& s : r.sources) {
      const std::string id(s.id);
      if (id.rfind("mot:", 0) == 0) mot.insert(id);
      if (id.rfind("eosai:", 0) == 0) eosai.insert(id);
    }
  CHECK(mot.size() == 273);
  CHECK(eosai.size() == 193);
  std::size_t mof = 0, eos = 0;
  for (const auto& r : ds) {
    mof += r.mof != nullptr;
    eos += r.eosai != nullptr;
  }
  CHECK(eos == 193);  // each EOSAI entry is in exactly one record
  CHECK(mof == 271);  // 273 MOT files, two pairs merged (same name, same Hugging Face repo)
  CHECK(ds.stats().aliases == report["counts"]["aliases"].get<std::size_t>());
  CHECK(ds.stats().sources == report["counts"]["sources"].get<std::size_t>());
}

TEST_CASE("every bundled record has a source with a URL and an as-of date, and every fact names one",
          "[dataset][provenance]") {
  for (const auto& r : bundled()) {
    INFO(r.id);
    REQUIRE(!r.sources.empty());
    for (const auto& s : r.sources) {
      CHECK(!s.url.empty());
      CHECK(s.as_of.size() == 10);
    }
    CHECK(r.source(r.field_source("name")) != nullptr);
    for (const auto& a : r.aliases) CHECK(r.source(a.source) != nullptr);
    for (const auto& l : r.links) CHECK(r.source(l.source) != nullptr);
    if (r.mof) CHECK(r.source(r.mof->source) != nullptr);
    if (r.eosai) CHECK(r.source(r.eosai->source) != nullptr);
    if (r.osi_validation) CHECK(r.source(r.osi_validation->source) != nullptr);
    if (r.availability) CHECK(r.source(r.availability->source) != nullptr);
    for (const auto& d : r.disagreements)
      for (const auto& v : d.values) CHECK(r.source(v.source) != nullptr);
    for (const auto& q : r.quirks) CHECK(r.source(q.source) != nullptr);
  }
}

TEST_CASE("records round-trip: to_json equals the committed file", "[dataset]") {
  for (const auto& r : bundled()) {
    INFO(r.id);
    const auto file =
        nlohmann::json::parse(test::read_file(OPENNESS_DATA_DIR "/models/" + std::string(r.id) + ".json"));
    CHECK(to_json(r) == file);
  }
}

TEST_CASE("family links and lookups by id", "[dataset]") {
  const Dataset& ds = bundled();
  const Record* r = ds.find("llama-3.1-8b-instruct");
  REQUIRE(r);
  const Record* fam = ds.family_of(*r);
  REQUIRE(fam);
  CHECK(fam->id == "llama-3.1");
  REQUIRE(fam->eosai);
  CHECK(ds.find("no-such-model") == nullptr);
  const auto members = ds.members_of(*fam);
  CHECK(std::find(members.begin(), members.end(), r) != members.end());
}
