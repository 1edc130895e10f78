// The 27 golden cases of MOT's Test_Data/expected_results.json: class and the three progress values.
#include <openness/mof.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "test_util.h"

using namespace openness;

namespace {
// Read once: Catch2 runs the test case again for each of its 27 sections.
const nlohmann::json& golden() {
  static const nlohmann::json g = [] {
    std::string text = test::read_file(OPENNESS_TEST_DIR "/golden/mot_expected_results.json");
    text = std::regex_replace(text, std::regex(R"(,(\s*[}\]]))"), "$1");  // the file has trailing commas
    return nlohmann::json::parse(text);
  }();
  return g;
}
}  // namespace

TEST_CASE("MOF: all 27 golden cases of MOT's expected_results.json", "[mof][golden]") {
  const auto& g = golden();
  REQUIRE(g["models"].size() == 27);
  for (const auto& m : g["models"]) {
    const std::string name = m["release"]["name"];
    SECTION(name) {
      const Release r = release_from_mot_json(m["release"]);
      const MofVerdict v = evaluate_mof(r, test::licenses(), MofMode::Strict);
      const auto& c = m["classification"];
      INFO(v.to_json().dump(1));
      CHECK(v.mode == MofMode::Strict);
      CHECK(v.mof_class == c["class"].get<int>());
      CHECK(v.label() == c["label"].get<std::string>());
      for (const char* k : {"1", "2", "3"})
        CHECK(v.progress[static_cast<std::size_t>(std::stoi(k))] ==
              Approx(c["progress"][k].get<double>()).margin(1e-9));
    }
  }
}
