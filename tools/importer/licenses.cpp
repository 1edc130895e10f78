// data/licenses.json: MOT's SPDX snapshot and license lists, with the curated model licenses of
// model_licenses.yaml (and those the curated layer adds).
#include "importer.h"

#include <map>
#include <set>
#include <stdexcept>

namespace importer {

namespace {

// MOT LicenseHandler.php L13-45 (OPEN_DATA_LICENSES) and L48-50 (OPEN_LICENSES).
const std::set<std::string>& open_data_licenses() {
  static const std::set<std::string> ids = {"CC0-1.0",
                                            "CC-BY-1.0",
                                            "CC-BY-2.0",
                                            "CC-BY-2.5",
                                            "CC-BY-2.5-AU",
                                            "CC-BY-3.0",
                                            "CC-BY-3.0-AT",
                                            "CC-BY-3.0-AU",
                                            "CC-BY-3.0-DE",
                                            "CC-BY-3.0-IGO",
                                            "CC-BY-3.0-NL",
                                            "CC-BY-3.0-US",
                                            "CC-BY-4.0",
                                            "CC-BY-SA-1.0",
                                            "CC-BY-SA-2.0",
                                            "CC-BY-SA-2.0-UK",
                                            "CC-BY-SA-2.1-JP",
                                            "CC-BY-SA-2.5",
                                            "CC-BY-SA-3.0",
                                            "CC-BY-SA-3.0-AT",
                                            "CC-BY-SA-4.0",
                                            "CDLA-Permissive-1.0",
                                            "CDLA-Permissive-2.0",
                                            "CDLA-Sharing-1.0",
                                            "ODC-PDDL-1.0",
                                            "ODC-By-1.0",
                                            "ODbL-1.0",
                                            "GFDL-1.3",
                                            "OGL-Canada-2.0",
                                            "OGL-UK-2.0",
                                            "OGL-UK-3.0"};
  return ids;
}

// The license list being built, in order, with an index by id.
struct LicenseList {
  std::vector<ojson> list;
  std::map<std::string, std::size_t> index;

  bool has(const std::string& id) const { return index.count(id) != 0; }
  ojson& at(const std::string& id) { return list[index.at(id)]; }
  void add(const std::string& id, ojson e) {
    index[id] = list.size();
    list.push_back(std::move(e));
  }
};

void add_spdx(LicenseList& l, const nlohmann::json& spdx) {
  for (const auto& s : spdx["licenses"]) {
    ojson e;
    e["id"] = s["licenseId"];
    e["name"] = s["name"];
    e["kind"] = "spdx";
    e["url"] = s.value("reference", "");
    e["osi_approved"] = s.value("isOsiApproved", false);
    e["fsf_libre"] = s.value("isFsfLibre", false);
    if (s.value("isDeprecatedLicenseId", false)) e["deprecated"] = true;
    e["source"] = "spdx-via-mot";
    l.add(s["licenseId"].get<std::string>(), e);
  }
}

// mof-licenses.json is imported after licenses.json and overwrites each record (LicenseImporter
// L27-49, L68): its flags and its ContentType win, and a later duplicate wins over an earlier one.
void apply_mot_licenses(LicenseList& l, const nlohmann::json& mofl) {
  for (const auto& m : mofl["licenses"]) {
    const std::string id = m["licenseId"];
    if (!l.has(id)) {
      ojson e;
      e["id"] = id;
      e["name"] = m["name"];
      e["kind"] = "other";
      e["url"] = m.value("reference", "");
      e["source"] = "mot-licenses";
      l.add(id, e);
    }
    ojson& e = l.at(id);
    e["osi_approved"] = m.value("isOsiApproved", false);
    e["fsf_libre"] = m.value("isFsfLibre", false);
    ojson types = ojson::array();
    if (m["ContentType"].is_array())
      for (const auto& t : m["ContentType"]) types.push_back(t.get<std::string>());
    else
      types.push_back(m["ContentType"].get<std::string>());
    e["mot_content_types"] = types;
  }
}

void mark_open_data(LicenseList& l) {
  for (const auto& id : open_data_licenses()) {
    if (!l.has(id)) {
      ojson e;
      e["id"] = id;
      e["name"] = id == "ODC-PDDL-1.0" ? "Open Data Commons Public Domain Dedication & License 1.0 (as MOT spells "
                                         "it; the SPDX id is PDDL-1.0)"
                                       : id;
      e["kind"] = "open-data";
      e["osi_approved"] = false;
      e["fsf_libre"] = false;
      e["source"] = "mot-licenses";
      l.add(id, e);
    }
    l.at(id)["mot_open_data"] = true;
  }
  l.at("OpenMDW-1.0")["mot_open_license"] = true;
  l.at("OpenMDW-1.0")["url"] = "https://openmdw.ai/license/";
}

ojson restrictions(const YAML::Node& n) {
  ojson r = ojson::array();
  for (const auto& x : n)
    r.push_back({{"kind", x["kind"].as<std::string>()},
                 {"text", x["text"].as<std::string>()},
                 {"url", x["url"].as<std::string>()}});
  return r;
}

ojson aliases(const YAML::Node& n) {
  ojson a = ojson::array();
  for (const auto& x : n) a.push_back(x.as<std::string>());
  return a;
}

// model_licenses.yaml's aliases and restrictions for SPDX licenses.
void apply_overlays(LicenseList& l, const YAML::Node& cur) {
  const std::string cur_src = cur["source"]["id"].as<std::string>();
  for (const auto& o : cur["spdx_overlays"]) {
    const std::string id = o["id"].as<std::string>();
    if (!l.has(id)) throw std::runtime_error("overlay for unknown SPDX id " + id);
    ojson& e = l.at(id);
    if (o["aliases"]) e["aliases"] = aliases(o["aliases"]);
    if (o["restrictions"]) {
      e["restrictions"] = restrictions(o["restrictions"]);
      e["source"] = cur_src;
      e["as_of"] = cur["source"]["as_of"].as<std::string>();
    }
  }
}

void add_model_licenses(LicenseList& l, const YAML::Node& cur, const std::vector<YAML::Node>& extra) {
  const std::string cur_src = cur["source"]["id"].as<std::string>();
  std::vector<YAML::Node> model_licenses(cur["licenses"].begin(), cur["licenses"].end());
  model_licenses.insert(model_licenses.end(), extra.begin(), extra.end());
  for (const auto& m : model_licenses) {
    const std::string id = m["id"].as<std::string>();
    if (l.has(id)) throw std::runtime_error("curated license id clashes: " + id);
    ojson e;
    e["id"] = id;
    e["name"] = m["name"].as<std::string>();
    e["kind"] = m["kind"] ? m["kind"].as<std::string>() : "model";
    e["url"] = m["url"].as<std::string>();
    e["osi_approved"] = false;
    e["fsf_libre"] = false;
    if (m["summary"]) e["summary"] = m["summary"].as<std::string>();
    if (m["restrictions"]) e["restrictions"] = restrictions(m["restrictions"]);
    if (m["aliases"]) e["aliases"] = aliases(m["aliases"]);
    e["source"] = cur_src;
    e["as_of"] = cur["source"]["as_of"].as<std::string>();
    l.add(id, e);
  }
}

}  // namespace

void Importer::build_licenses() {
  const fs::path dir = o_.mot / "web/modules/mof";
  const auto spdx = nlohmann::json::parse(read_whole_file(dir / "licenses.json"));
  const auto mofl = nlohmann::json::parse(read_whole_file(dir / "mof-licenses.json"));
  const YAML::Node cur = YAML::LoadFile((o_.curated / "model_licenses.yaml").string());
  LicenseList l;
  add_spdx(l, spdx);
  apply_mot_licenses(l, mofl);
  mark_open_data(l);
  apply_overlays(l, cur);
  add_model_licenses(l, cur, curated_set_.new_licenses);
  for (auto& e : l.list)
    if (e.contains("url") && e["url"] == "") e.erase("url");
  ojson doc;
  doc["schema_version"] = 1;
  doc["notice"] =
      "Generated by tools/importer from MOT's SPDX snapshot and license lists (MIT) and the curated "
      "tools/importer/model_licenses.yaml. Do not edit by hand: edit the sources and re-run the importer.";
  doc["spdx_list_version"] = spdx["licenseListVersion"];
  doc["sources"] = license_sources(spdx, cur);
  doc["licenses"] = l.list;
  licenses_text_ = doc.dump(1) + "\n";
  db_ = openness::LicenseDb::parse(licenses_text_, "licenses.json (generated)");
  license_count_ = l.list.size();
}

ojson Importer::license_sources(const nlohmann::json& spdx, const YAML::Node& cur) const {
  const std::string mot_blob = motp_.repository + "/blob/" + motp_.commit + "/";
  return ojson::array(
      {{{"id", "spdx-via-mot"},
        {"title", "SPDX License List snapshot (licenseListVersion " + spdx["licenseListVersion"].get<std::string>() +
                      ", released " + spdx.value("releaseDate", std::string("?")) +
                      ") as shipped in MOT web/modules/mof/licenses.json, with MOT's open-data flags "
                      "(LicenseHandler.php OPEN_DATA_LICENSES) and ContentType tags (mof-licenses.json)"},
        {"url", mot_blob + "web/modules/mof/licenses.json"},
        {"commit", motp_.commit},
        {"as_of", motp_.date},
        {"license", "MIT (MOT); SPDX license-list data is CC0-1.0"}},
       {{"id", "mot-licenses"},
        {"title", "MOT's license lists: mof-licenses.json and LicenseHandler.php OPEN_DATA_LICENSES / OPEN_LICENSES"},
        {"url", mot_blob + "web/modules/mof/mof-licenses.json"},
        {"commit", motp_.commit},
        {"as_of", motp_.date},
        {"license", "MIT"}},
       {{"id", cur["source"]["id"].as<std::string>()},
        {"title", cur["source"]["title"].as<std::string>()},
        {"url", cur["source"]["url"].as<std::string>()},
        {"as_of", cur["source"]["as_of"].as<std::string>()}}});
}

}  // namespace importer
