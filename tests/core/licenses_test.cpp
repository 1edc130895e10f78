// License knowledge: MOT's flags and type tags, the model licenses, and the free-text normaliser.
#include <openness/licenses.h>

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace openness;

TEST_CASE("MOT's open test and type tags, as LicenseHandler and mof-licenses.json have them", "[licenses]") {
  const LicenseDb& db = test::licenses();
  std::size_t open_data = 0, spdx = 0;
  for (const auto& l : db.all()) {
    open_data += l.mot_open_data;
    spdx += l.kind == "spdx";
  }
  CHECK(open_data == 31);
  CHECK(spdx == 659);
  CHECK(db.mot_open("Apache-2.0"));
  CHECK(db.mot_open("GPL-3.0-only"));    // FSF-libre and OSI
  CHECK(db.mot_open("CC-BY-4.0"));       // open-data list
  CHECK(db.mot_open("ODC-PDDL-1.0"));    // MOT's spelling, not an SPDX id
  CHECK(db.mot_open("OpenMDW-1.0"));     // OPEN_LICENSES
  CHECK_FALSE(db.mot_open("PDDL-1.0"));  // the SPDX id of the same license: not in MOT's list
  CHECK_FALSE(db.mot_open("CC-BY-NC-4.0"));
  CHECK_FALSE(db.mot_open("llama3.1"));
  CHECK_FALSE(db.mot_open("Apache 2.0"));  // strict: not an id
  CHECK_FALSE(db.mot_open("apache-2.0"));  // strict: case matters
  CHECK(db.type_appropriate("Apache-2.0", ContentType::Code));
  CHECK(db.type_appropriate("Apache-2.0", ContentType::Document));
  CHECK_FALSE(db.type_appropriate("Apache-2.0", ContentType::Data));
  // CC0-1.0 is listed as data then as document; the later entry wins in MOT's importer.
  CHECK(db.type_appropriate("CC0-1.0", ContentType::Document));
  CHECK_FALSE(db.type_appropriate("CC0-1.0", ContentType::Data));
  CHECK(db.type_appropriate("OpenMDW-1.0", ContentType::Data));
}

TEST_CASE("model licenses carry their restrictions and URLs", "[licenses]") {
  const LicenseDb& db = test::licenses();
  for (const char* id : {"llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"}) {
    const License* l = db.find(id);
    REQUIRE(l);
    INFO(id);
    CHECK(l->kind == "model");
    CHECK_FALSE(l->mot_open());
    bool aup = false, threshold = false;
    for (const auto& r : l->restrictions) {
      aup = aup || r.kind == "acceptable-use-policy";
      threshold = threshold || (r.kind == "user-threshold" && r.text.find("700 million") != std::string_view::npos);
      CHECK(r.url.substr(0, 8) == "https://");
    }
    CHECK(aup);
    CHECK(threshold);
  }
  bool naming = false;
  for (const auto& r : db.find("llama3.1")->restrictions) naming = naming || r.kind == "naming";
  CHECK(naming);
  for (const char* id : {"gemma", "bigscience-bloom-rail-1.0", "bigscience-openrail-m", "creativeml-openrail-m",
                         "falcon-180b-tii-license", "tongyi-qianwen", "qwen", "deepseek", "mrl"}) {
    const License* l = db.find(id);
    REQUIRE(l);
    INFO(id);
    CHECK_FALSE(l->url.empty());
    CHECK_FALSE(l->restrictions.empty());
    CHECK_FALSE(l->as_of.empty());
  }
  const License* nc = db.find("CC-BY-NC-4.0");
  REQUIRE(nc);
  REQUIRE(nc->restrictions.size() == 1);
  CHECK(nc->restrictions[0].kind == "non-commercial");
}

TEST_CASE("the normaliser maps free text to ids, and says how", "[licenses]") {
  const LicenseDb& db = test::licenses();
  auto check = [&](const char* text, const char* id, NormalizeMethod m) {
    INFO(text);
    const Normalized n = db.normalize(text);
    CHECK(n.id() == id);
    CHECK(n.method == m);
  };
  check("Apache-2.0", "Apache-2.0", NormalizeMethod::Exact);
  check("apache-2.0", "Apache-2.0", NormalizeMethod::CaseInsensitive);
  check("Apache 2.0", "Apache-2.0", NormalizeMethod::Alias);
  check("Apache License 2.0", "Apache-2.0", NormalizeMethod::Alias);
  check("MIT License", "MIT", NormalizeMethod::Alias);
  check("mit license", "MIT", NormalizeMethod::Alias);
  check("BSD-3", "BSD-3-Clause", NormalizeMethod::Alias);
  check("llama3.1", "llama3.1", NormalizeMethod::Exact);
  check("Llama 3.1 Community License Agreement", "llama3.1", NormalizeMethod::Alias);
  check("Meta Llama 3 Community License Agreement", "llama3", NormalizeMethod::Alias);
  check("Gemma Terms of Use", "gemma", NormalizeMethod::Alias);
  check(" Falcon-180B TII License", "falcon-180b-tii-license", NormalizeMethod::Alias);
  check("CC BY-SA 4.0", "CC-BY-SA-4.0", NormalizeMethod::Alias);
  check("Creative Commons Attribution Non Commercial 4.0", "CC-BY-NC-4.0", NormalizeMethod::Alias);
  // Ambiguous or meaningless strings stay unresolved.
  check("Apache", "", NormalizeMethod::None);
  check("BSD", "", NormalizeMethod::None);
  check("Undisclosed", "", NormalizeMethod::None);
  check("Apache-2.0 and CC-BY-NC-4.0", "", NormalizeMethod::None);
  check("", "", NormalizeMethod::None);
  CHECK(db.normalize(std::string(100000, 'x')).license == nullptr);
}
