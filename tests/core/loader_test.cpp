// --data-dir loading: user records add to or replace bundled ones; a bad file fails the whole load
// with its path and the JSON pointer; hostile input never crashes.
#include <openness/bundled.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "index.h"
#include "pack.h"
#include "test_util.h"
#include "user_records.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace openness;

namespace {

using test::TempDir;
using test::user_record;

DataError load_error(const TempDir& d) {
  try {
    load_dataset({.data_dirs = {d.path.string()}});
  } catch (const DataError& e) {
    return e;
  }
  FAIL("the load should have failed");
  return DataError("", "", "");
}

}  // namespace

TEST_CASE("user records add to and replace bundled records", "[loader]") {
  TempDir d;
  d.write("a.json", user_record("my-model", "My-Model-7B").dump());
  json replaced = user_record("olmo-7b", "OLMo-7B");
  replaced["producer"] = "Someone Else";
  d.write("b.jsonl", replaced.dump() + "\n\n" + user_record("my-other", "Other-1B").dump() + "\n");
  const auto base = load_dataset();
  const auto ds = load_dataset({.data_dirs = {d.path.string()}});
  CHECK(ds->size() == base->size() + 2);
  REQUIRE(ds->overridden().size() == 1);
  CHECK(ds->overridden()[0] == "olmo-7b");
  const Record* r = ds->find("olmo-7b");
  REQUIRE(r);
  CHECK(r->producer == "Someone Else");
  CHECK(r->origin == (d.path / "b.jsonl").string());
  REQUIRE(ds->find("my-model"));
  // The resolver sees the user's records and not the replaced bundled one.
  auto res = ds->resolver().resolve("example-lab/My-Model-7B");
  REQUIRE(res.match());
  CHECK(res.match()->id == "my-model");
  res = ds->resolver().resolve("OLMo-7B");
  REQUIRE(res.match());
  CHECK(res.match()->producer == "Someone Else");
  std::size_t olmo = 0;
  for (const Record& x : *ds) olmo += x.id == "olmo-7b";
  CHECK(olmo == 1);
}

TEST_CASE("bundled=false keeps only the user's records", "[loader]") {
  TempDir d;
  d.write("a.json", json::array({user_record("m1", "M1"), user_record("m2", "M2")}).dump());
  const auto ds = load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
  CHECK(ds->size() == 2);
  CHECK(ds->find("olmo-7b") == nullptr);
  CHECK(ds->licenses().find("Apache-2.0") != nullptr);  // the license knowledge stays
}

TEST_CASE("a bad user file fails the load with its path and JSON pointer", "[loader]") {
  SECTION("syntax error: path, pointer, line and column") {
    TempDir d;
    d.write("bad.json", "{\n  \"id\": \"x\",\n  \"name\": tru\n}");
    const auto e = load_error(d);
    CHECK(e.path() == (d.path / "bad.json").string());
    CHECK(e.pointer() == "/name");
    CHECK(e.message().find("line 3") != std::string::npos);
  }
  SECTION("second record of an array") {
    TempDir d;
    json bad = user_record("m2", "M2");
    bad["mof"]["components"][1]["license"] = 7;
    d.write("two.json", json::array({user_record("m1", "M1"), bad}).dump());
    const auto e = load_error(d);
    CHECK(e.pointer() == "/1/mof/components/1/license");
  }
  SECTION("line of a jsonl file") {
    TempDir d;
    json bad = user_record("m3", "M3");
    bad["sources"][0]["as_of"] = "yesterday";
    d.write("lines.jsonl",
            user_record("m1", "M1").dump() + "\n" + user_record("m2", "M2").dump() + "\n" + bad.dump() + "\n");
    const auto e = load_error(d);
    CHECK(e.path() == (d.path / "lines.jsonl").string() + ":3");
    CHECK(e.pointer() == "/sources/0/as_of");
  }
  SECTION("two user records with one id") {
    TempDir d;
    d.write("a.json", user_record("dup", "A").dump());
    d.write("b.json", user_record("dup", "B").dump());
    const auto e = load_error(d);
    CHECK(e.pointer() == "/id");
    CHECK(e.message().find("also defined") != std::string::npos);
  }
  SECTION("a family link to nothing") {
    TempDir d;
    json r = user_record("m1", "M1");
    r["family"] = {{"id", "no-such-family"}};
    d.write("a.json", r.dump());
    CHECK(load_error(d).pointer() == "/family/id");
  }
  SECTION("a producer's statement about the weights: released or not-released, a license only when released") {
    TempDir d;
    json r = user_record("m1", "M1");
    r["availability"] = {{"weights", "maybe"}, {"note", "n"}, {"source", "mine"}};
    d.write("a.json", r.dump());
    CHECK(load_error(d).pointer() == "/availability/weights");
    r["availability"] = {{"weights", "not-released"}, {"license", "MIT"}, {"note", "n"}, {"source", "mine"}};
    d.write("a.json", r.dump());
    CHECK(load_error(d).pointer() == "/availability");
    r["availability"] = {{"weights", "released"}, {"license", "MIT"}, {"note", "n"}, {"source", "nobody"}};
    d.write("a.json", r.dump());
    CHECK(load_error(d).pointer() == "/availability/source");
    r["availability"] = {{"weights", "released"}, {"license", "MIT"}, {"note", "n"}, {"source", "mine"}};
    d.write("a.json", r.dump());
    const auto ds = load_dataset({.data_dirs = {d.path.string()}});
    const Record* m = ds->find("m1");
    REQUIRE(m);
    REQUIRE(m->availability);
    CHECK(m->availability->released);
    CHECK(m->availability->license == "MIT");
    CHECK(to_json(*m)["availability"] == r["availability"]);
  }
  SECTION("not a directory") { CHECK_THROWS_AS(load_dataset({.data_dirs = {"/nonexistent/openness"}}), DataError); }
  SECTION("an empty file") {
    TempDir d;
    d.write("empty.json", "  \n");
    CHECK(load_error(d).message() == "empty file");
  }
}

TEST_CASE("hostile input is an error, never a crash", "[loader][hostile]") {
  TempDir d;
  SECTION("deep nesting") {
    d.write("deep.json", std::string(100000, '[') + std::string(100000, ']'));
    CHECK(load_error(d).message().find("nesting") != std::string::npos);
  }
  SECTION("invalid UTF-8 in a string") {
    json r = user_record("m1", "M1");
    std::string text = r.dump();
    text.replace(text.find("M1"), 2, "M\xC3\x28");
    d.write("utf.json", text);
    CHECK(load_error(d).message().find("UTF-8") != std::string::npos);
  }
  SECTION("a huge string") {
    json r = user_record("m1", std::string(5'000'000, 'x'));
    r["aliases"] = json::array();
    d.write("huge.json", r.dump());
    CHECK(load_error(d).pointer() == "/name");
  }
  SECTION("lone surrogate escape") {
    std::string text = user_record("m1", "M1").dump();
    text.replace(text.find("M1"), 2, "\\ud800x");
    d.write("sur.json", text);
    CHECK(load_error(d).message().find("surrogate") != std::string::npos);
  }
  SECTION("truncated files at every length") {
    const std::string text = user_record("m1", "M1").dump();
    for (std::size_t n = 1; n < text.size(); n += 7) {
      TempDir t;
      t.write("t.json", text.substr(0, n));
      CHECK_THROWS_AS(load_dataset({.data_dirs = {t.path.string()}}), DataError);
    }
  }
}

TEST_CASE("concurrent readers: lookups and first-use parsing from many threads", "[loader][threads]") {
  const auto ds = load_dataset();
  std::vector<std::thread> ts;
  ts.reserve(8);
  std::atomic<std::size_t> found{0};
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < ds->size(); i += 3) {
        const Record& r = (*ds)[i];
        if (ds->resolver().resolve(r.id).match() == &r) ++found;
      }
    });
  for (auto& t : ts) t.join();
  std::size_t expected = 0;
  for (int t = 0; t < 8; ++t)
    for (std::size_t i = static_cast<std::size_t>(t); i < ds->size(); i += 3) ++expected;
  CHECK(found == expected);
}

// A user bundle (openness-pack --records) of one record, m1, for tests that forge its tables, with
// `licenses_json` as its license table.
std::string one_record_bundle(std::string_view licenses_json = "") {
  TempDir src;
  src.write("r.json", user_record("m1", "M1").dump());
  return detail::write_bundle(
      *Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {src.path.string()}}), licenses_json);
}

TEST_CASE("datasets share one parsed license table; another table is parsed apart and owns its text",
          "[loader][licenses]") {
  const auto a = load_dataset();
  const auto b =
      load_dataset({.bundled = false, .data_dirs = {}});  // a --data-dir reload makes a new dataset like this
  CHECK(&a->licenses() == &b->licenses());                // parsed once for the process, not once each
  const std::string version(a->licenses().spdx_list_version());
  REQUIRE(!version.empty());

  // A bundle packed with another license table gets its own, even though its text is then gone.
  std::string text = test::read_file(OPENNESS_DATA_DIR "/licenses.json");
  const std::string field = "\"spdx_list_version\": \"" + version + "\"";
  const auto at = text.find(field);
  REQUIRE(at != std::string::npos);
  text.replace(at, field.size(), "\"spdx_list_version\": \"variant\"");
  {
    std::string blob = one_record_bundle(text);
    const auto other = Dataset::load_packed(blob, {});
    const LicenseDb& db = other->licenses();
    CHECK(&db != &a->licenses());
    std::fill(text.begin(), text.end(), 'x');  // the caller's text and the bundle's copy of it, overwritten
    const auto in_blob = blob.find("\"spdx_list_version\": \"variant\"");
    REQUIRE(in_blob != std::string::npos);
    std::fill(blob.begin() + static_cast<std::ptrdiff_t>(in_blob), blob.end(), 'x');
    CHECK(db.spdx_list_version() == "variant");  // views into the table's own copy
    CHECK(db.find("Apache-2.0") != nullptr);
  }
  // The bundled table is whole for the datasets that hold it, and parsed again for a new one.
  CHECK(a->licenses().spdx_list_version() == version);
  CHECK(a->licenses().find("Apache-2.0") != nullptr);
  CHECK(load_dataset()->licenses().spdx_list_version() == version);
}

TEST_CASE("user bundles (openness-pack --records): load, replace, and refuse damage", "[loader][bundle]") {
  TempDir src;
  json fam = user_record("my-family", "My-Family");
  fam["kind"] = "family";
  json member = user_record("my-member-7b", "My-Member-7B");
  member["family"] = {{"id", "my-family"}};
  json replaced = user_record("olmo-7b", "OLMo-7B");
  replaced["producer"] = "Bundle Lab";
  src.write("r.jsonl", fam.dump() + "\n" + member.dump() + "\n" + replaced.dump() + "\n");
  const auto packed_from =
      Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {src.path.string()}});
  const std::string bundle = detail::write_bundle(*packed_from, "");
  TempDir d;
  d.write("mine.bundle", bundle);
  const auto base = load_dataset();
  const auto ds = load_dataset({.data_dirs = {d.path.string()}});
  CHECK(ds->size() == base->size() + 2);
  REQUIRE(ds->overridden().size() == 1);
  CHECK(ds->find("olmo-7b")->producer == "Bundle Lab");
  const Record* m = ds->find("my-member-7b");
  REQUIRE(m);
  CHECK(m->origin == (d.path / "mine.bundle").string());
  CHECK(ds->family_of(*m) == ds->find("my-family"));
  auto res = ds->resolver().resolve("example-lab/My-Member-7B");
  REQUIRE(res.match());
  CHECK(res.match()->id == "my-member-7b");
  CHECK(ds->resolver().resolve("OLMo-7B").match()->producer == "Bundle Lab");
  CHECK(ds->resolver().resolve("My-Membr-7B").match() == m);  // fuzzy, through the bundle's index

  SECTION("a damaged bundle is refused") {
    std::string bad = bundle;
    bad[bad.size() / 2] ^= 0x5a;
    TempDir t;
    t.write("bad.bundle", bad);
    try {
      load_dataset({.data_dirs = {t.path.string()}});
      FAIL("loaded a damaged bundle");
    } catch (const DataError& e) {
      CHECK(e.path() == (t.path / "bad.bundle").string());
      CHECK(e.message().find("checksum") != std::string::npos);
    }
  }
  SECTION("a truncated bundle is refused") {
    TempDir t;
    t.write("cut.bundle", bundle.substr(0, bundle.size() / 3));
    CHECK_THROWS_AS(load_dataset({.data_dirs = {t.path.string()}}), DataError);
    t.write("cut.bundle", bundle.substr(0, 10));
    CHECK_THROWS_AS(load_dataset({.data_dirs = {t.path.string()}}), DataError);
  }
  SECTION("an id in a bundle and in a JSON file is an error") {
    TempDir t;
    t.write("mine.bundle", bundle);
    t.write("more.json", user_record("my-family", "Again").dump());
    try {
      load_dataset({.data_dirs = {t.path.string()}});
      FAIL("loaded a duplicate id");
    } catch (const DataError& e) {
      CHECK(e.pointer() == "/id");
    }
  }
}

TEST_CASE("a user bundle whose record names a family outside its text is refused with DataError",
          "[loader][bundle][hostile]") {
  // Regression (fuzz_dataset; tests/fuzz/regressions/dataset/bundle-family-out-of-bounds): the
  // load checked each record's text and id offsets but not its family's, so a forged bundle made
  // std::string_view::substr throw std::out_of_range out of load_dataset: the server aborted at
  // start instead of naming the file.
  std::string bundle = one_record_bundle();
  detail::BundleHeader h;
  std::memcpy(&h, bundle.data(), sizeof h);
  REQUIRE(h.records.len > 0);
  detail::RecordEntry e;
  std::memcpy(&e, bundle.data() + h.records.off, sizeof e);
  e.family_off = 0x61616161u;  // far past the end of the text
  e.family_len = 4;
  std::memcpy(bundle.data() + h.records.off, &e, sizeof e);
  h.checksum = detail::bundle_checksum(bundle);
  std::memcpy(bundle.data(), &h, sizeof h);
  TempDir d;
  d.write("forged.bundle", bundle);
  CHECK_THROWS_AS(load_dataset({.bundled = false, .data_dirs = {d.path.string()}}), DataError);
  CHECK_THROWS_AS(load_dataset({.data_dirs = {d.path.string()}}), DataError);
}

// A user bundle of two records, m1 and m2, for tests that forge its id table.
std::string two_record_bundle() {
  TempDir src;
  src.write("r.json", json::array({user_record("m1", "M1"), user_record("m2", "M2")}).dump());
  return detail::write_bundle(
      *Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {src.path.string()}}), "");
}

// Rewrites record k's id table entry to point at `id_off`/`id_len` in the text, and fixes the checksum.
void forge_id(std::string& bundle, std::size_t k, std::uint32_t id_off, std::uint32_t id_len) {
  detail::BundleHeader h;
  std::memcpy(&h, bundle.data(), sizeof h);
  REQUIRE(h.records.len > k);
  detail::RecordEntry e;
  std::memcpy(&e, bundle.data() + h.records.off + k * sizeof e, sizeof e);
  e.id_off = id_off;
  e.id_len = id_len;
  std::memcpy(bundle.data() + h.records.off + k * sizeof e, &e, sizeof e);
  h.checksum = detail::bundle_checksum(bundle);
  std::memcpy(bundle.data(), &h, sizeof h);
}

detail::RecordEntry entry_of(const std::string& bundle, std::size_t k) {
  detail::BundleHeader h;
  std::memcpy(&h, bundle.data(), sizeof h);
  detail::RecordEntry e;
  std::memcpy(&e, bundle.data() + h.records.off + k * sizeof e, sizeof e);
  return e;
}

TEST_CASE("a user bundle whose id table disagrees with its records is refused, not served half-findable",
          "[loader][bundle][hostile]") {
  // Found by fuzz_dataset (tests/fuzz/regressions/dataset/bundle-id-table-disagrees): the load
  // checked a bundle's checksum and bounds but not that its id table matches its records, so a
  // forged bundle could serve a record that find() cannot reach.
  SECTION("an id table out of order fails the load") {
    std::string bundle = two_record_bundle();
    const auto e1 = entry_of(bundle, 1);
    forge_id(bundle, 0, e1.id_off, e1.id_len);  // both entries now say "m2": not strictly ascending
    TempDir d;
    d.write("forged.bundle", bundle);
    try {
      (void)load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
      FAIL("loaded a bundle whose id table repeats an id");
    } catch (const DataError& e) {
      CHECK_THAT(e.message(), Catch::Contains("id table not sorted or not unique"));
    }
  }
  SECTION("an id that is not the record's own fails when the record is read") {
    std::string bundle = two_record_bundle();
    const auto e0 = entry_of(bundle, 0);
    forge_id(bundle, 0, e0.id_off, 1);  // record m1 listed as "m": still in order, but not its id
    TempDir d;
    d.write("forged.bundle", bundle);
    const auto ds = load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
    CHECK_THROWS_AS(ds->find("m"), DataError);
    CHECK(ds->find("m1") == nullptr);  // never served under an id it does not have
    REQUIRE(ds->find("m2") != nullptr);
    CHECK(ds->find("m2")->name == "M2");  // the intact record is served
  }
  SECTION("an intact bundle: every record is found by its id") {
    TempDir d;
    d.write("r.bundle", two_record_bundle());
    const auto ds = load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
    for (const Record& r : *ds) CHECK(ds->find(r.id) == &r);
  }
}

TEST_CASE("a user bundle whose name table has no free slot: lookups end", "[loader][bundle][hostile]") {
  // Regression (fuzz_dataset; tests/fuzz/regressions/dataset/bundle-full-hash-table): the bundle's
  // checksum is only an integrity check, so a forged bundle passes it. With every slot of its hash
  // table marked used, the resolver's linear probe never met a free slot and looped for ever.
  std::string bundle = one_record_bundle();
  detail::BundleHeader h;
  std::memcpy(&h, bundle.data(), sizeof h);
  REQUIRE(h.table.len > 0);
  for (std::uint64_t k = 0; k < h.table.len; ++k) {
    detail::Slot slot;
    std::memcpy(&slot, bundle.data() + h.table.off + k * sizeof slot, sizeof slot);
    slot.used = 1;
    slot.hash = 0x0123456789abcdefull + k;  // no key hashes to these
    std::memcpy(bundle.data() + h.table.off + k * sizeof slot, &slot, sizeof slot);
  }
  h.checksum = detail::bundle_checksum(bundle);
  std::memcpy(bundle.data(), &h, sizeof h);
  TempDir d;
  d.write("forged.bundle", bundle);
  const auto ds = load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
  for (const std::string q : {"m1", "M1", "unnamed-model", "example-lab/M1"}) {
    const auto r = ds->resolver().resolve(q);  // returns: found by other means, or not at all
    CHECK(r.status != ResolveStatus::InvalidQuery);
  }
  CHECK(ds->find("m1") != nullptr);  // the id table is separate and intact
}

TEST_CASE("a user file changed, truncated or removed while the server runs changes nothing it serves",
          "[loader][faults]") {
  // Records are parsed from their text on first use, long after the load: the text must be the
  // one that was validated, whatever happens to the file meanwhile.
  // Forty records: the files span several pages, so a truncated one loses whole pages.
  std::vector<std::string> ids;
  ids.reserve(40);
  for (int i = 0; i < 40; ++i) ids.push_back("m" + std::to_string(i));
  auto records = [&](const std::string& prefix) {
    std::vector<json> v;
    v.reserve(ids.size());
    for (const auto& id : ids) v.push_back(user_record(id, prefix + id));
    return v;
  };
  struct Kind {
    std::string file;
    std::function<std::string(const std::vector<json>&)> text;
  };
  const std::vector<Kind> kinds = {
      {"r.jsonl",
       [](const std::vector<json>& v) {
         std::string s;
         for (const auto& r : v) s += r.dump() + "\n";
         return s;
       }},
      {"r.json", [](const std::vector<json>& v) { return json(v).dump(1); }},
      {"r.bundle", [](const std::vector<json>& v) {
         TempDir src;
         src.write("r.json", json(v).dump());
         return detail::write_bundle(
             *Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {src.path.string()}}), "");
       }}};
  for (const auto& kind : kinds) {
    for (const std::string change : {"truncated", "rewritten", "removed", "emptied then rewritten longer"}) {
      DYNAMIC_SECTION(kind.file << " " << change) {
        TempDir d;
        const fs::path file = d.path / kind.file;
        d.write(kind.file, kind.text(records("Original-")));
        const auto ds = load_dataset({.bundled = false, .data_dirs = {d.path.string()}});
        if (change == "truncated")
          fs::resize_file(file, fs::file_size(file) / 3);
        else if (change == "rewritten")
          d.write(kind.file, kind.text(records("Replaced-")));  // the same length
        else if (change == "removed")
          fs::remove(file);
        else {
          fs::resize_file(file, 0);
          d.write(kind.file, kind.text(records("A-much-longer-replacement-name-")));
        }
        for (const auto& id : ids) {
          const Record* r = ds->find(id);
          REQUIRE(r);
          CHECK(r->name == "Original-" + id);
          CHECK(ds->resolver().resolve("Original-" + id).match() == r);
        }
      }
    }
  }
}
