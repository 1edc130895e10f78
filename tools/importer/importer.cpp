// openness-import: turns the upstream MOT and EOSAI YAML files into data/ (see README.md here).
//
//   openness-import --mot ../shared/reference/mot --eosai ../shared/reference/eosai --out data
//
// Inputs may be the reference copies (provenance read from their SOURCE.md) or fresh clones of
// github.com/lfai/model_openness_tool and github.com/Language-Technology-Assessment/main-database
// (provenance read with git). Outputs: data/models/<id>.json (one record per model),
// data/licenses.json, data/import-report.json (counts and every upstream quirk), data/NOTICE.
#include "curated.h"

#include <openness/licenses.h>
#include <openness/release.h>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out << s;
}

std::string trim(std::string s) {
  auto ws = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && ws(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

using importer::lower;

// Record ids: lower case ASCII letters, digits, '.', '+', '-'; anything else becomes '-'.
std::string slug(const std::string& s) {
  std::string out;
  for (unsigned char c : lower(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+') {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == '-' || out.front() == '.')) out.erase(out.begin());
  return out;
}

std::string url_path(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == ' ')
      out += "%20";
    else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

// A YAML scalar as a trimmed string, or nullopt for null / missing / empty / non-scalars.
std::optional<std::string> scalar(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  std::string s = trim(n.as<std::string>());
  if (s.empty()) return std::nullopt;
  return s;
}

// "https://huggingface.co/org/name[/...]" -> "org/name".
std::optional<std::string> hf_repo(const std::string& url) {
  static const std::regex re(R"(^https?://(?:www\.)?huggingface\.co/([A-Za-z0-9_.\-]+)/([A-Za-z0-9_.\-]+))");
  std::smatch m;
  if (!std::regex_search(url, m, re)) return std::nullopt;
  const std::string org = m[1];
  if (org == "datasets" || org == "spaces" || org == "papers" || org == "blog" || org == "docs") return std::nullopt;
  return org + "/" + std::string(m[2]);
}

struct Provenance {
  std::string commit, date, repository;
};

// Reads the commit and its date: from git if `dir` is a clone, else from the SOURCE.md of the
// reference copy ("Copied from commit: <40 hex> (<YYYY-MM-DD>, ...").
Provenance provenance(const fs::path& dir, const std::string& repository) {
  Provenance p{"", "", repository};
  if (fs::exists(dir / ".git")) {
    // The directory is the maintainer's own argument; one holding a quote is not given to a shell.
    if (dir.string().find('\'') != std::string::npos)
      throw std::runtime_error("importer: a reference directory may not contain a quote: " + dir.string());
    std::string cmd = "git -C '" + dir.string() + "' log -1 --format='%H %cs'";
    if (FILE* f = popen(cmd.c_str(), "r")) {  // NOLINT(cert-env33-c): fixed command, quoted path checked above
      char buf[256] = {0};
      if (fgets(buf, sizeof buf, f)) {
        std::istringstream ss(buf);
        ss >> p.commit >> p.date;
      }
      pclose(f);
    }
  }
  if (p.commit.empty() && fs::exists(dir / "SOURCE.md")) {
    static const std::regex re(R"(Copied from commit: ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2}))");
    std::string text = read_file(dir / "SOURCE.md");
    std::smatch m;
    if (std::regex_search(text, m, re)) {
      p.commit = m[1];
      p.date = m[2];
    }
  }
  if (p.commit.empty()) throw std::runtime_error("cannot tell the upstream commit of " + dir.string());
  return p;
}

// ---------------------------------------------------------------------------------------------
// The import state

struct Quirk {
  std::string kind, detail, source, record;
};

struct Rec {
  ojson j;                 // the record being built
  std::string mot_file;    // MOT file name, if any
  std::string eosai_file;  // EOSAI file name, if any
  std::string producer_norm;
  std::vector<std::string> family_keys;  // EOSAI family records: slugs that name the family
};

class Importer {
 public:
  Importer(fs::path mot, fs::path eosai, fs::path out, fs::path curated)
      : mot_(std::move(mot)), eosai_(std::move(eosai)), out_(std::move(out)), curated_(std::move(curated)) {}

  void run() {
    motp_ = provenance(mot_, "https://github.com/lfai/model_openness_tool");
    eosp_ = provenance(eosai_, "https://github.com/Language-Technology-Assessment/main-database");
    load_producers();
    curated_set_ = importer::read_curated(curated_ / "curated");
    build_licenses();
    read_mot();
    read_eosai();
    link_and_merge();
    attach_osi();
    attach_availability();
    attach_curated();
    write_all();
  }

 private:
  // ----- producers
  void load_producers() {
    YAML::Node y = YAML::LoadFile((curated_ / "producers.yaml").string());
    for (const auto& kv : y) {
      const std::string canon = kv.first.as<std::string>();
      for (const auto& v : kv.second) producer_map_[lower(v.as<std::string>())] = canon;
    }
  }
  std::string norm_producer(const std::string& p) const {
    auto it = producer_map_.find(lower(trim(p)));
    return it == producer_map_.end() ? trim(p) : it->second;
  }

  // ----- licenses
  void build_licenses() {
    const fs::path dir = mot_ / "web/modules/mof";
    const auto spdx = nlohmann::json::parse(read_file(dir / "licenses.json"));
    const auto mofl = nlohmann::json::parse(read_file(dir / "mof-licenses.json"));
    YAML::Node cur = YAML::LoadFile((curated_ / "model_licenses.yaml").string());
    // MOT LicenseHandler.php L13-45 (OPEN_DATA_LICENSES) and L48-50 (OPEN_LICENSES).
    const std::set<std::string> open_data = {"CC0-1.0",
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
    const std::string mot_blob = motp_.repository + "/blob/" + motp_.commit + "/";
    std::vector<ojson> list;
    std::map<std::string, std::size_t> index;
    for (const auto& l : spdx["licenses"]) {
      ojson e;
      e["id"] = l["licenseId"];
      e["name"] = l["name"];
      e["kind"] = "spdx";
      e["url"] = l.value("reference", "");
      e["osi_approved"] = l.value("isOsiApproved", false);
      e["fsf_libre"] = l.value("isFsfLibre", false);
      if (l.value("isDeprecatedLicenseId", false)) e["deprecated"] = true;
      e["source"] = "spdx-via-mot";
      index[l["licenseId"].get<std::string>()] = list.size();
      list.push_back(e);
    }
    // mof-licenses.json is imported after licenses.json and overwrites each record (LicenseImporter
    // L27-49, L68): its flags and its ContentType win, and a later duplicate wins over an earlier one.
    for (const auto& l : mofl["licenses"]) {
      const std::string id = l["licenseId"];
      if (!index.count(id)) {
        ojson e;
        e["id"] = id;
        e["name"] = l["name"];
        e["kind"] = "other";
        e["url"] = l.value("reference", "");
        e["source"] = "mot-licenses";
        index[id] = list.size();
        list.push_back(e);
      }
      ojson& e = list[index[id]];
      e["osi_approved"] = l.value("isOsiApproved", false);
      e["fsf_libre"] = l.value("isFsfLibre", false);
      ojson types = ojson::array();
      if (l["ContentType"].is_array())
        for (const auto& t : l["ContentType"]) types.push_back(t.get<std::string>());
      else
        types.push_back(l["ContentType"].get<std::string>());
      e["mot_content_types"] = types;
    }
    for (const auto& id : open_data) {
      if (!index.count(id)) {
        ojson e;
        e["id"] = id;
        e["name"] = id == "ODC-PDDL-1.0" ? "Open Data Commons Public Domain Dedication & License 1.0 (as MOT spells "
                                           "it; the SPDX id is PDDL-1.0)"
                                         : id;
        e["kind"] = "open-data";
        e["osi_approved"] = false;
        e["fsf_libre"] = false;
        e["source"] = "mot-licenses";
        index[id] = list.size();
        list.push_back(e);
      }
      list[index[id]]["mot_open_data"] = true;
    }
    list[index.at("OpenMDW-1.0")]["mot_open_license"] = true;
    list[index.at("OpenMDW-1.0")]["url"] = "https://openmdw.ai/license/";
    // Curated overlays and model licenses.
    const std::string cur_src = cur["source"]["id"].as<std::string>();
    auto restrictions = [](const YAML::Node& n) {
      ojson r = ojson::array();
      for (const auto& x : n)
        r.push_back({{"kind", x["kind"].as<std::string>()},
                     {"text", x["text"].as<std::string>()},
                     {"url", x["url"].as<std::string>()}});
      return r;
    };
    auto aliases = [](const YAML::Node& n) {
      ojson a = ojson::array();
      for (const auto& x : n) a.push_back(x.as<std::string>());
      return a;
    };
    for (const auto& o : cur["spdx_overlays"]) {
      const std::string id = o["id"].as<std::string>();
      if (!index.count(id)) throw std::runtime_error("overlay for unknown SPDX id " + id);
      ojson& e = list[index[id]];
      if (o["aliases"]) e["aliases"] = aliases(o["aliases"]);
      if (o["restrictions"]) {
        e["restrictions"] = restrictions(o["restrictions"]);
        e["source"] = cur_src;
        e["as_of"] = cur["source"]["as_of"].as<std::string>();
      }
    }
    std::vector<YAML::Node> model_licenses(cur["licenses"].begin(), cur["licenses"].end());
    model_licenses.insert(model_licenses.end(), curated_set_.new_licenses.begin(), curated_set_.new_licenses.end());
    for (const auto& m : model_licenses) {
      const std::string id = m["id"].as<std::string>();
      if (index.count(id)) throw std::runtime_error("curated license id clashes: " + id);
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
      index[id] = list.size();
      list.push_back(e);
    }
    for (auto& e : list)
      if (e.contains("url") && e["url"] == "") e.erase("url");
    ojson doc;
    doc["schema_version"] = 1;
    doc["notice"] =
        "Generated by tools/importer from MOT's SPDX snapshot and license lists (MIT) and the curated "
        "tools/importer/model_licenses.yaml. Do not edit by hand: edit the sources and re-run the importer.";
    doc["spdx_list_version"] = spdx["licenseListVersion"];
    doc["sources"] = ojson::array(
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
         {{"id", cur_src},
          {"title", cur["source"]["title"].as<std::string>()},
          {"url", cur["source"]["url"].as<std::string>()},
          {"as_of", cur["source"]["as_of"].as<std::string>()}}});
    doc["licenses"] = list;
    licenses_text_ = doc.dump(1) + "\n";
    db_ = openness::LicenseDb::parse(licenses_text_, "licenses.json (generated)");
    license_count_ = list.size();
  }

  // ----- MOT
  ojson mot_source(const std::string& file) const {
    return {{"id", "mot:" + file},
            {"title", "Model Openness Tool (MOT) model file models/" + file},
            {"url", motp_.repository + "/blob/" + motp_.commit + "/models/" + url_path(file)},
            {"repository", motp_.repository},
            {"path", "models/" + file},
            {"commit", motp_.commit},
            {"as_of", motp_.date},
            {"license", "MIT"}};
  }

  void quirk(const std::string& kind, const std::string& detail, const std::string& source, const std::string& rec) {
    quirks_.push_back({kind, detail, source, rec});
  }

  static std::optional<std::string> modality_of_mot(const std::string& t) {
    if (t == "language") return "text";
    if (t == "vision" || t == "image" || t == "audio" || t == "video" || t == "3d" || t == "code" ||
        t == "multimodal" || t == "other")
      return t;
    return std::nullopt;
  }

  void read_mot() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(mot_ / "models"))
      if (e.path().extension() == ".yml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    mot_file_count_ = files.size();
    static const std::regex size_re(R"(^\d+(\.\d+)?\s?[KMBT]$)", std::regex::icase);
    for (const auto& f : files) {
      const std::string file = f.filename().string();
      const std::string stem = f.stem().string();
      const std::string src = "mot:" + file;
      YAML::Node y = YAML::LoadFile(f.string());
      YAML::Node r = y["release"];
      Rec rec;
      rec.mot_file = file;
      ojson& j = rec.j;
      const std::string name = scalar(r["name"]).value_or(stem);
      j["id"] = slug(stem);
      j["kind"] = "model";
      j["name"] = name;
      const std::string producer = scalar(r["producer"]).value_or("");
      if (!producer.empty()) {
        rec.producer_norm = norm_producer(producer);
        j["producer"] = rec.producer_norm;
        j["producer_as_published"] = ojson::array({producer});
      } else {
        quirk("empty-producer", "release.producer is empty", src, j["id"]);
      }
      if (auto d = scalar(r["date"])) j["release_date"] = *d;
      if (auto t = scalar(r["type"])) {
        if (auto m = modality_of_mot(*t)) j["modality"] = ojson::array({*m});
      }
      if (auto v = scalar(r["version"])) {
        if (std::regex_match(*v, size_re))
          j["size"] = *v;
        else
          j["version"] = *v;
      }
      if (auto a = scalar(r["architecture"])) j["architecture"] = *a;
      if (auto o = scalar(r["origin"]); o && slug(*o) != slug(name) && slug(*o) != slug(stem)) j["base_model"] = *o;
      ojson fs_ = {{"name", src}};
      if (j.contains("producer")) fs_["producer"] = src;
      if (j.contains("release_date")) fs_["release_date"] = src;
      for (const char* k : {"modality", "size", "version", "architecture", "base_model"})
        if (j.contains(k)) fs_[k] = src;
      j["field_sources"] = fs_;
      ojson aliases = ojson::array();
      aliases.push_back({{"value", name}, {"kind", "name"}, {"source", src}});
      if (name != stem) {
        aliases.push_back({{"value", stem}, {"kind", "file-name"}, {"source", src}});
        quirk("file-name-differs", "file name '" + stem + "' differs from release.name '" + name + "'", src, j["id"]);
      }
      ojson links = ojson::array();
      if (auto hf = scalar(r["huggingface"])) {
        links.push_back({{"kind", "huggingface"}, {"url", *hf}, {"source", src}});
        if (auto repo = hf_repo(*hf)) aliases.push_back({{"value", *repo}, {"kind", "huggingface"}, {"source", src}});
      }
      if (auto rp = scalar(r["repository"])) links.push_back({{"kind", "repository"}, {"url", *rp}, {"source", src}});
      j["aliases"] = aliases;
      j["links"] = links;
      // MOF section, as MOT has it.
      ojson mof;
      mof["source"] = src;
      if (auto v = scalar(y["framework"]["version"])) mof["framework_version"] = *v;
      ojson glob = ojson::object();
      if (r["license"] && r["license"].IsMap()) {
        for (const char* k : {"distribution", "code", "data", "document"}) {
          YAML::Node g = r["license"][k];
          if (!g || !g.IsMap()) continue;
          auto n = g["name"] && g["name"].IsScalar() ? std::optional<std::string>(g["name"].as<std::string>())
                                                     : std::nullopt;
          if (n && trim(*n).empty()) {
            quirk("empty-global-license", std::string("release.license.") + k + ".name is empty", src, j["id"]);
            continue;
          }
          if (!n) continue;
          ojson gl{{"name", trim(*n)}};
          if (auto p = scalar(g["path"])) gl["path"] = *p;
          glob[k] = gl;
          note_license(trim(*n), src, j["id"]);
        }
      }
      mof["licenses"] = glob;
      ojson comps = ojson::array();
      std::set<std::string> seen;
      for (const auto& c : r["components"]) {
        const std::string cname = scalar(c["name"]).value_or("");
        auto cid = openness::component_from_name(cname);
        if (!cid) {
          quirk("unknown-component", "component '" + cname + "' is not a MOF component; skipped", src, j["id"]);
          continue;
        }
        if (!seen.insert(cname).second) {
          quirk("duplicate-component", "component '" + cname + "' listed twice; the first counts", src, j["id"]);
          continue;
        }
        ojson cj{{"name", cname}};
        if (c["license"] && !c["license"].IsNull()) {
          const std::string l = c["license"].IsScalar() ? trim(c["license"].as<std::string>()) : "";
          cj["license"] = l;
          if (l != "unlicensed" && !l.empty()) note_license(l, src, j["id"]);
        }
        if (auto p = scalar(c["license_path"])) cj["license_path"] = *p;
        if (auto p = scalar(c["component_path"])) cj["component_path"] = *p;
        if (auto d = scalar(c["description"]); d && *d != openness::info(*cid).description) cj["description"] = *d;
        comps.push_back(cj);
      }
      mof["components"] = comps;
      j["mof"] = mof;
      j["sources"] = ojson::array({mot_source(file)});
      recs_.push_back(std::move(rec));
    }
    resolve_mot_duplicates();
  }

  // Notes a license string that is not an exact id (MOT treats it as "not open").
  void note_license(const std::string& l, const std::string& src, const std::string& rec) {
    if (db_->find(l)) return;
    auto n = db_->normalize(l);
    std::string detail = "license '" + l + "' is not an SPDX id";
    detail += n.license ? "; normalised mode reads it as " + std::string(n.license->id)
                        : "; no license id recognised (stays not open in both modes)";
    quirk("free-text-license", detail, src, rec);
  }

  // Three release.name values occur twice. Same model (same Hugging Face repo): merge into one record,
  // keeping the file that MOT's site shows (dated on or after 2025-01-01, scripts/hide-models.php) and
  // flagging where the two files disagree. Different models: name the odd file after its file name.
  void resolve_mot_duplicates() {
    std::map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < recs_.size(); ++i) by_name[recs_[i].j["name"].get<std::string>()].push_back(i);
    std::set<std::size_t> drop;
    for (auto& [name, idx] : by_name) {
      if (idx.size() < 2) continue;
      std::set<std::string> hubs;
      for (auto i : idx)
        for (const auto& a : recs_[i].j["aliases"])
          if (a["kind"] == "huggingface") hubs.insert(lower(a["value"].get<std::string>()));
      std::string files;
      for (auto i : idx) files += (files.empty() ? "" : ", ") + recs_[i].mot_file;
      if (hubs.size() <= 1) {
        // Merge: primary = latest release.date.
        std::size_t primary = idx[0];
        for (auto i : idx)
          if (recs_[i].j.value("release_date", "") > recs_[primary].j.value("release_date", "")) primary = i;
        for (auto i : idx) {
          if (i == primary) continue;
          merge_duplicate(recs_[primary], recs_[i]);
          drop.insert(i);
        }
        for (auto i : idx)
          quirk("duplicate-name",
                "release.name '" + name + "' is used by " + files + "; merged into one record, MOF data from " +
                    recs_[primary].mot_file + " (the entry MOT's site shows), differences flagged",
                "mot:" + recs_[i].mot_file, recs_[primary].j["id"]);
      } else {
        for (auto i : idx) {
          Rec& r = recs_[i];
          const std::string stem = fs::path(r.mot_file).stem().string();
          if (stem == name) continue;
          ojson hubrepo;
          for (const auto& a : r.j["aliases"])
            if (a["kind"] == "huggingface") hubrepo = a["value"];
          const std::string src = "mot:" + r.mot_file;
          quirk("name-contradicts-file",
                "release.name '" + name + "' is also used by " + files +
                    ", while this file's name and Hugging Face link (" + hubrepo.get<std::string>() + ") name '" +
                    stem + "'; the record is named '" + stem + "' and the upstream name is kept as a disagreement",
                src, r.j["id"]);
          r.j["disagreements"].push_back(
              {{"field", "name"},
               {"note", "MOT's release.name contradicts the file name and the Hugging Face link of the same file"},
               {"values", ojson::array({{{"value", name}, {"source", src + "#release.name"}},
                                        {{"value", stem}, {"source", src + "#file-name+huggingface"}}})}});
          if (r.j.contains("size"))
            r.j["disagreements"].push_back(
                {{"field", "size"},
                 {"note", "MOT's release.version was written for the name in release.name"},
                 {"values", ojson::array({{{"value", r.j["size"]}, {"source", src + "#release.version"}}})}});
          r.j.erase("size");
          r.j["field_sources"].erase("size");
          r.j["name"] = stem;
          // The upstream name is not an alias: it names another model.
          ojson kept = ojson::array();
          for (const auto& a : r.j["aliases"])
            if (!(a["kind"] == "name" && a["value"] == name) && !(a["kind"] == "file-name")) kept.push_back(a);
          kept.insert(kept.begin(), ojson{{"value", stem}, {"kind", "name"}, {"source", src}});
          r.j["aliases"] = kept;
          std::erase_if(quirks_, [&](const Quirk& q) { return q.kind == "file-name-differs" && q.source == src; });
        }
      }
    }
    std::vector<Rec> kept;
    for (std::size_t i = 0; i < recs_.size(); ++i)
      if (!drop.count(i)) kept.push_back(std::move(recs_[i]));
    recs_ = std::move(kept);
  }

  static std::string component_license_summary(const ojson& mof, const std::string& cname) {
    for (const auto& c : mof["components"])
      if (c["name"] == cname) return c.contains("license") ? c["license"].get<std::string>() : "(inherits)";
    return "(not listed)";
  }

  void merge_duplicate(Rec& primary, Rec& other) {
    const std::string psrc = "mot:" + primary.mot_file, osrc = "mot:" + other.mot_file;
    ojson& pj = primary.j;
    const ojson& oj = other.j;
    pj["sources"].push_back(oj["sources"][0]);
    const std::string ostem = fs::path(other.mot_file).stem().string();
    pj["aliases"].push_back({{"value", ostem}, {"kind", "file-name"}, {"source", osrc}});
    auto differ = [&](const std::string& field, const ojson& a, const ojson& b, const std::string& note) {
      if (a == b) return;
      pj["disagreements"].push_back(
          {{"field", field},
           {"note", note},
           {"values", ojson::array({{{"value", a}, {"source", psrc}}, {{"value", b}, {"source", osrc}}})}});
    };
    differ("release_date", pj.value("release_date", ""), oj.value("release_date", ""),
           "two MOT files with the same release.name");
    differ("mof.licenses", pj["mof"]["licenses"].dump(), oj["mof"]["licenses"].dump(),
           "two MOT files with the same release.name give different release-wide licenses");
    for (const auto& ci : openness::component_table()) {
      const std::string cn(ci.name);
      differ("mof.components/" + cn, component_license_summary(pj["mof"], cn), component_license_summary(oj["mof"], cn),
             "two MOT files with the same release.name disagree on this component");
    }
  }

  // ----- EOSAI
  static const std::vector<std::string>& eosai_params() {
    static const std::vector<std::string> p = {"datasources_basemodel",
                                               "datasources_endmodel",
                                               "weights_basemodel",
                                               "weights_endmodel",
                                               "trainingcode",
                                               "code",
                                               "hardware_architecture",
                                               "preprint",
                                               "paper",
                                               "modelcard",
                                               "datasheet",
                                               "licenses"};
    return p;
  }

  ojson eosai_source(const std::string& file) const {
    return {{"id", "eosai:" + file},
            {"title", "European Open Source AI Index (osai-index.eu) model file " + file},
            {"url", eosp_.repository + "/blob/" + eosp_.commit + "/" + url_path(file)},
            {"repository", eosp_.repository},
            {"path", file},
            {"commit", eosp_.commit},
            {"as_of", eosp_.date},
            {"license",
             "CC-BY-4.0 (cite doi:10.5281/zenodo.15386042, osai-index.eu and Liesenfeld & Dingemanse, "
             "FAccT 2024)"}};
  }

  void read_eosai() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(eosai_))
      if (e.path().extension() == ".yaml" && e.path().filename() != "a_submission_template.yaml")
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    eosai_file_count_ = files.size();
    static const std::set<std::string> known_system = {
        "name",        "link", "type", "performanceclass", "basemodelname", "endmodelname", "endmodellicense",
        "releasedate", "notes"};
    for (const auto& f : files) {
      const std::string file = f.filename().string();
      const std::string stem = f.stem().string();
      const std::string src = "eosai:" + file;
      YAML::Node y = YAML::LoadFile(f.string());
      YAML::Node s = y["system"];
      Rec rec;
      rec.eosai_file = file;
      ojson e;
      e["source"] = src;
      e["file"] = file;
      const std::string sname = scalar(s["name"]).value_or(stem);
      e["system_name"] = sname;
      if (auto v = scalar(s["link"])) e["link"] = *v;
      if (auto v = scalar(s["type"])) e["type"] = *v;
      if (auto v = scalar(s["performanceclass"])) e["performance_class"] = *v;
      if (auto v = scalar(s["basemodelname"])) e["base_model"] = *v;
      if (auto v = scalar(s["endmodelname"])) e["end_model"] = *v;
      std::optional<std::string> lic = scalar(s["endmodellicense"]);
      if (!lic && scalar(s["endmodel license"])) {
        lic = scalar(s["endmodel license"]);
        quirk("misspelt-key", "system key 'endmodel license' (with a space) read as 'endmodellicense'", src,
              slug(stem));
      }
      if (lic) {
        e["end_model_license"] = *lic;
        note_license(*lic, src, slug(stem));
      }
      if (auto v = scalar(s["releasedate"])) e["release_date"] = *v;
      if (auto v = scalar(s["notes"])) e["notes"] = *v;
      for (const auto& kv : s) {
        const std::string k = kv.first.as<std::string>();
        if (!known_system.count(k) && k != "endmodel license")
          quirk("stray-key", "unexpected key system." + k + " ignored", src, slug(stem));
      }
      ojson org;
      org["name"] = scalar(y["org"]["name"]).value_or("");
      if (auto v = scalar(y["org"]["link"])) org["link"] = *v;
      if (auto v = scalar(y["org"]["notes"])) org["notes"] = *v;
      e["org"] = org;
      ojson params = ojson::object();
      for (const auto& p : eosai_params()) {
        YAML::Node pn = y[p];
        ojson pj;
        auto cls = scalar(pn["class"]);
        if (cls && (*cls == "open" || *cls == "partial" || *cls == "closed")) {
          pj["grade"] = *cls;
        } else {
          pj["grade"] = nullptr;
          quirk("missing-grade", "parameter " + p + " has no open/partial/closed grade (scored 0)", src, slug(stem));
        }
        ojson links = ojson::array();
        if (pn["link"] && pn["link"].IsSequence()) {
          for (const auto& l : pn["link"])
            if (auto v = scalar(l)) links.push_back(*v);
        } else if (auto v = scalar(pn["link"])) {
          links.push_back(*v);
        }
        pj["links"] = links;
        if (auto v = scalar(pn["notes"])) pj["notes"] = *v;
        params[p] = pj;
      }
      e["parameters"] = params;
      // The record.
      ojson& j = rec.j;
      j["id"] = slug(stem);
      j["kind"] = "family";
      j["name"] = sname;
      const std::string producer = org["name"];
      rec.producer_norm = norm_producer(producer);
      if (!producer.empty()) {
        j["producer"] = rec.producer_norm;
        j["producer_as_published"] = ojson::array({producer});
      }
      if (e.contains("release_date")) j["release_date"] = e["release_date"];
      if (e.contains("type")) {
        ojson mods = ojson::array();
        std::stringstream ts(e["type"].get<std::string>());
        std::string t;
        while (std::getline(ts, t, ',')) {
          t = trim(t);
          if (!t.empty()) mods.push_back(t);
        }
        j["modality"] = mods;
      }
      if (e.contains("base_model")) j["base_model"] = e["base_model"];
      ojson fs_ = {{"name", src}};
      for (const char* k : {"producer", "release_date", "modality", "base_model"})
        if (j.contains(k)) fs_[k] = src;
      j["field_sources"] = fs_;
      ojson aliases = ojson::array();
      aliases.push_back({{"value", sname}, {"kind", "name"}, {"source", src}});
      if (stem != sname) {
        aliases.push_back({{"value", stem}, {"kind", "file-name"}, {"source", src}});
        quirk("file-name-differs", "file name '" + stem + "' differs from system.name '" + sname + "'", src, j["id"]);
      }
      if (e.contains("end_model") && slug(e["end_model"]) != slug(sname))
        aliases.push_back({{"value", e["end_model"]}, {"kind", "eosai-end-model"}, {"source", src}});
      ojson links = ojson::array();
      if (e.contains("link")) {
        links.push_back({{"kind", "homepage"}, {"url", e["link"]}, {"source", src}});
        if (auto repo = hf_repo(e["link"]))
          aliases.push_back({{"value", *repo}, {"kind", "huggingface"}, {"source", src}});
      }
      j["aliases"] = aliases;
      j["links"] = links;
      j["eosai"] = e;
      j["sources"] = ojson::array({eosai_source(file)});
      rec.family_keys = {slug(stem), slug(sname)};
      eosai_recs_.push_back(std::move(rec));
    }
  }

  // ----- linking
  // 1. An EOSAI entry whose end model *is* a MOT model (same name) merges into that MOT record.
  // 2. Otherwise it stays a family record; its id gets "-family" if a MOT record has the same id.
  // 3. A MOT record links to the EOSAI family whose file or system name starts its own name (at a
  //    separator or digit) and whose normalised producer is the same; the longest such name wins.
  void link_and_merge() {
    std::map<std::string, std::size_t> mot_by_key;
    for (std::size_t i = 0; i < recs_.size(); ++i) {
      mot_by_key[slug(recs_[i].j["name"])] = i;
      mot_by_key[slug(fs::path(recs_[i].mot_file).stem().string())] = i;
    }
    std::set<std::string> mot_ids;
    for (const auto& r : recs_) mot_ids.insert(r.j["id"]);
    struct Family {
      std::string id;
      std::vector<std::string> keys;
      std::string producer;
    };
    std::vector<Family> families;
    for (auto& er : eosai_recs_) {
      const ojson& e = er.j["eosai"];
      std::optional<std::size_t> target;
      if (e.contains("end_model"))
        if (auto it = mot_by_key.find(slug(e["end_model"])); it != mot_by_key.end()) target = it->second;
      if (target) {
        merge_eosai_into(recs_[*target], er);
        families.push_back({recs_[*target].j["id"], er.family_keys, er.producer_norm});
        ++merged_;
        continue;
      }
      if (mot_ids.count(er.j["id"])) {
        const std::string old = er.j["id"];
        er.j["id"] = old + "-family";
        er.j["aliases"].push_back({{"value", old}, {"kind", "file-name"}, {"source", "eosai:" + er.eosai_file}});
        quirk("id-collision",
              "EOSAI family id '" + old + "' is also a MOT model id; the family record is '" +
                  er.j["id"].get<std::string>() + "'",
              "eosai:" + er.eosai_file, er.j["id"]);
      }
      families.push_back({er.j["id"], er.family_keys, er.producer_norm});
    }
    for (auto& er : eosai_recs_)
      if (!er.j.is_null() && er.j.contains("id")) recs_.push_back(std::move(er));
    eosai_recs_.clear();
    // Family links.
    for (auto& r : recs_) {
      if (r.j["kind"] != "model" || r.j.contains("eosai")) continue;
      const std::string key = slug(r.j["name"]);
      const Family* best = nullptr;
      std::size_t best_len = 0;
      for (const auto& f : families) {
        if (f.producer.empty() || f.producer != r.producer_norm) continue;
        for (const auto& k : f.keys) {
          if (k.empty() || key.size() < k.size() || key.compare(0, k.size(), k) != 0) continue;
          if (key.size() > k.size()) {
            // "qwen" + "1.5-7b" and "llama-2" + "-13b" continue a family name; "llama-3" + ".2" does not.
            const char next = key[k.size()];
            const bool letter_then_digit = (k.back() >= 'a' && k.back() <= 'z') && (next >= '0' && next <= '9');
            if (next != '-' && !letter_then_digit) continue;
          }
          if (k.size() > best_len) {
            best = &f;
            best_len = k.size();
          }
        }
      }
      if (best && best->id != r.j["id"]) {
        r.j["family"] = {{"id", best->id},
                         {"method", "the EOSAI family name is or starts this model's name, and both have producer '" +
                                        r.producer_norm + "'"}};
        ++family_links_;
      }
    }
  }

  void merge_eosai_into(Rec& m, Rec& er) {
    const ojson& e = er.j["eosai"];
    ojson& j = m.j;
    const std::string esrc = "eosai:" + er.eosai_file;
    const std::string msrc = "mot:" + m.mot_file;
    j["eosai"] = e;
    j["sources"].push_back(er.j["sources"][0]);
    for (const auto& a : er.j["aliases"]) {
      ojson a2 = a;
      if (a2["kind"] == "name" || a2["kind"] == "file-name") a2["kind"] = "family-name";
      bool dup = false;
      for (const auto& x : j["aliases"])
        dup = dup || lower(x["value"].get<std::string>()) == lower(a2["value"].get<std::string>());
      if (!dup) j["aliases"].push_back(a2);
    }
    for (const auto& l : er.j["links"]) j["links"].push_back(l);
    m.eosai_file = er.eosai_file;
    // Producer.
    const std::string ep = er.producer_norm;
    if (!ep.empty()) {
      if (!j.contains("producer")) {
        j["producer"] = ep;
        j["field_sources"]["producer"] = esrc;
      }
      bool seen = false;
      for (const auto& p : j["producer_as_published"]) seen = seen || p == e["org"]["name"];
      if (!seen) j["producer_as_published"].push_back(e["org"]["name"]);
      if (j["producer"] != ep)
        disagree(j, "producer", "MOT and EOSAI name different producers (after normalisation)", j["producer"], msrc, ep,
                 esrc);
    }
    if (e.contains("release_date")) {
      // MOT's release.date is often the date the entry was written; EOSAI's releasedate is the model's.
      if (j.contains("release_date") &&
          j["release_date"].get<std::string>().substr(0, 7) != e["release_date"].get<std::string>().substr(0, 7)) {
        disagree(j, "release_date", "MOT's release.date and EOSAI's releasedate", j["release_date"], msrc,
                 e["release_date"], esrc);
      }
    }
    // Weights license.
    const ojson& mof = j["mof"];
    auto resolved = [&](const std::string& cname) -> std::optional<std::string> {
      for (const auto& c : mof["components"]) {
        if (c["name"] != cname) continue;
        if (c.contains("license")) return c["license"].get<std::string>();
        if (mof["licenses"].contains("data")) return mof["licenses"]["data"]["name"].get<std::string>();
        if (mof["licenses"].contains("distribution")) return mof["licenses"]["distribution"]["name"].get<std::string>();
        return std::string("unlicensed");
      }
      return std::nullopt;
    };
    auto weights = resolved("Model parameters (Final)");
    if (weights && e.contains("end_model_license")) {
      auto a = db_->normalize(*weights), b = db_->normalize(e["end_model_license"].get<std::string>());
      const std::string ka = a.license ? std::string(a.license->id) : openness::LicenseDb::fold(*weights);
      const std::string kb =
          b.license ? std::string(b.license->id) : openness::LicenseDb::fold(e["end_model_license"].get<std::string>());
      if (ka != kb)
        disagree(j, "license.weights", "MOT's license for Model parameters (Final) and EOSAI's endmodellicense",
                 *weights, msrc, e["end_model_license"], esrc);
    }
    auto grade = [&](const char* p) { return e["parameters"][p]["grade"]; };
    auto listed = [&](const char* cname) { return resolved(cname).has_value(); };
    auto check = [&](const char* field, const char* cname, const char* param) {
      const bool l = listed(cname);
      const ojson g = grade(param);
      if (g.is_null()) return;
      if ((l && g == "closed") || (!l && g == "open"))
        disagree(j, field,
                 std::string("MOT ") + (l ? "lists" : "does not list") + " '" + cname + "' but EOSAI grades " + param +
                     " " + g.get<std::string>(),
                 l ? "listed" : "not listed", msrc, g, esrc);
    };
    check("released.weights", "Model parameters (Final)", "weights_endmodel");
    check("released.training_code", "Training code", "trainingcode");
    check("released.training_data", "Datasets", "datasources_basemodel");
    er.j = ojson();  // consumed
  }

  void disagree(ojson& j, const std::string& field, const std::string& note, ojson a, const std::string& sa, ojson b,
                const std::string& sb) {
    j["disagreements"].push_back(
        {{"field", field},
         {"note", note},
         {"values", ojson::array({{{"value", a}, {"source", sa}}, {{"value", b}, {"source", sb}}})}});
  }

  // ----- OSI validation facts
  void attach_osi() {
    YAML::Node y = YAML::LoadFile((curated_ / "osi_validation.yaml").string());
    const YAML::Node s = y["source"];
    ojson src{{"id", s["id"].as<std::string>()},
              {"title", s["title"].as<std::string>()},
              {"url", s["url"].as<std::string>()},
              {"as_of", s["as_of"].as<std::string>()}};
    std::map<std::string, Rec*> by_id;
    for (auto& r : recs_) by_id[r.j["id"]] = &r;
    for (const auto& sys : y["systems"]) {
      for (const auto& idn : sys["records"]) {
        const std::string id = idn.as<std::string>();
        auto it = by_id.find(id);
        if (it == by_id.end()) throw std::runtime_error("osi_validation.yaml names unknown record " + id);
        ojson& j = it->second->j;
        ojson v{{"system", sys["system"].as<std::string>()},
                {"producer", sys["producer"].as<std::string>()},
                {"outcome", sys["outcome"].as<std::string>()},
                {"source", src["id"]}};
        if (sys["note"]) v["note"] = sys["note"].as<std::string>();
        j["osi_validation"] = v;
        j["sources"].push_back(src);
        ++osi_attached_;
      }
    }
  }

  // ----- producers' statements about the weights (availability.yaml)
  void attach_availability() {
    YAML::Node y = YAML::LoadFile((curated_ / "availability.yaml").string());
    std::map<std::string, Rec*> by_id;
    for (auto& r : recs_) by_id[r.j["id"]] = &r;
    for (const auto& e : y["entries"]) {
      const std::string id = e["record"].as<std::string>();
      auto it = by_id.find(id);
      if (it == by_id.end()) throw std::runtime_error("availability.yaml names unknown record " + id);
      const std::string weights = e["weights"].as<std::string>();
      if (weights != "released" && weights != "not-released")
        throw std::runtime_error("availability.yaml: weights of " + id + " must be released or not-released");
      ojson& j = it->second->j;
      const YAML::Node s = e["source"];
      ojson src{{"id", s["id"].as<std::string>()},
                {"title", s["title"].as<std::string>()},
                {"url", s["url"].as<std::string>()},
                {"as_of", s["as_of"].as<std::string>()}};
      j["sources"].push_back(src);
      const std::string note = e["note"].as<std::string>();
      ojson av{{"weights", weights}};
      if (weights == "released") {
        if (!e["license"]) throw std::runtime_error("availability.yaml: released weights of " + id + " need a license");
        av["license"] = e["license"].as<std::string>();
      }
      av["note"] = note;
      av["source"] = src["id"];
      j["availability"] = av;
      std::string mot_src;
      for (const auto& x : j["sources"])
        if (x["id"].get<std::string>().rfind("mot:", 0) == 0) mot_src = x["id"].get<std::string>();
      // A statement that contradicts MOT's listing of released weights is a disagreement.
      if (weights == "not-released" && !mot_src.empty()) {
        if (!j.contains("disagreements")) j["disagreements"] = ojson::array();
        disagree(j, "weights released", note, "listed as released (Model parameters (Final))", mot_src,
                 "not released (offered as a service)", src["id"]);
      }
      ++availability_attached_;
    }
  }

  // ----- the curated layer: the models people ask about, from their producers' pages (curated/)
  void attach_curated() {
    std::vector<importer::ojson*> existing;
    for (auto& r : recs_) existing.push_back(&r.j);
    std::vector<importer::ojson> added;
    curated_counts_ = importer::merge_curated(
        curated_set_, existing, added,
        [&](const std::string& text) {
          if (db_->find(text)) return text;
          const auto n = db_->normalize(text);
          return n.license ? std::string(n.license->id) : std::string();
        },
        [&](const std::string& p) { return norm_producer(p); });
    for (auto& j : added) recs_.push_back(Rec{std::move(j), "", "", "", {}});
  }

  // ----- output
  void write_all() {
    fs::create_directories(out_ / "models");
    for (const auto& e : fs::directory_iterator(out_ / "models"))
      if (e.path().extension() == ".json") fs::remove(e.path());
    std::set<std::string> ids;
    std::size_t aliases = 0, sources = 0, disagreements = 0, with_mof = 0, with_eosai = 0, families = 0;
    for (auto& r : recs_) {
      ojson& j = r.j;
      const std::string id = j["id"];
      if (!ids.insert(id).second) throw std::runtime_error("duplicate record id " + id);
      if (!j.contains("disagreements")) j["disagreements"] = ojson::array();
      // A record carries the quirks of the upstream files it was built from.
      std::set<std::string> files;
      for (const auto& src : j["sources"]) files.insert(src["id"].get<std::string>());
      ojson q = j.value("quirks", ojson::array());  // the curated layer's (alias corrections)
      for (auto& x : quirks_)
        if (files.count(x.source)) {
          q.push_back({{"kind", x.kind}, {"detail", x.detail}, {"source", x.source}});
          x.record = id;
        }
      j["quirks"] = q;
      // Stable key order.
      ojson out;
      for (const char* k : {"id",           "kind",     "name",           "producer",     "producer_as_published",
                            "release_date", "modality", "size",           "version",      "architecture",
                            "base_model",   "family",   "field_sources",  "aliases",      "links",
                            "mof",          "eosai",    "osi_validation", "availability", "disagreements",
                            "quirks",       "sources"})
        if (j.contains(k)) out[k] = j[k];
      aliases += out["aliases"].size();
      sources += out["sources"].size();
      disagreements += out["disagreements"].size();
      with_mof += out.contains("mof");
      with_eosai += out.contains("eosai");
      families += out["kind"] == "family";
      write_file(out_ / "models" / (id + ".json"), out.dump(1) + "\n");
    }
    write_file(out_ / "licenses.json", licenses_text_);
    std::map<std::string, std::size_t> qcount;
    for (const auto& q : quirks_) ++qcount[q.kind];
    ojson report;
    report["generated_by"] = "tools/importer (openness-import)";
    report["inputs"] = {{"mot", {{"repository", motp_.repository}, {"commit", motp_.commit}, {"date", motp_.date}}},
                        {"eosai", {{"repository", eosp_.repository}, {"commit", eosp_.commit}, {"date", eosp_.date}}}};
    report["counts"] = {{"mot_files", mot_file_count_},
                        {"eosai_files", eosai_file_count_},
                        {"records", recs_.size()},
                        {"records_with_mof", with_mof},
                        {"records_with_eosai", with_eosai},
                        {"family_records", families},
                        {"eosai_merged_into_mot_records", merged_},
                        {"mot_records_linked_to_a_family", family_links_},
                        {"aliases", aliases},
                        {"sources", sources},
                        {"disagreements", disagreements},
                        {"osi_validation_facts", osi_attached_},
                        {"weights_availability_facts", availability_attached_},
                        {"curated_files", curated_counts_.files},
                        {"curated_models", curated_counts_.models},
                        {"curated_new_records", curated_counts_.new_records},
                        {"curated_merged_into_records", curated_counts_.merged_records},
                        {"curated_aliases_added", curated_counts_.aliases_added},
                        {"curated_producer_statements", curated_counts_.statements},
                        {"curated_facts_from_family", curated_counts_.inherited_facts},
                        {"curated_aliases_removed", curated_counts_.aliases_removed},
                        {"curated_disagreements", curated_counts_.disagreements},
                        {"licenses", license_count_},
                        {"quirks", quirks_.size()}};
    report["quirks_by_kind"] = qcount;
    ojson ql = ojson::array();
    for (const auto& q : quirks_)
      ql.push_back({{"kind", q.kind}, {"record", q.record}, {"source", q.source}, {"detail", q.detail}});
    report["quirks"] = ql;
    write_file(out_ / "import-report.json", report.dump(1) + "\n");
    write_notice();
    write_readme(report["counts"]);
    std::cout << report["counts"].dump(1) << "\n" << ojson(qcount).dump(1) << "\n";
  }

  void write_readme(const ojson& c) {
    auto n = [&](const char* k) { return std::to_string(c[k].get<std::size_t>()); };
    std::ostringstream r;
    r << "# data/\n\n"
         "Generated by `tools/importer` (see its README) from the Model Openness Tool and the European Open\n"
         "Source AI Index; do not edit by hand. Attribution and changes: `NOTICE`.\n\n"
         "- `models/<id>.json`: one record per model (schema: `../schemas/model.schema.json`). "
      << n("records") << " records:\n  " << n("records_with_mof") << " with MOT data from MOT's " << n("mot_files")
      << " files (same-name files merged), " << n("records_with_eosai") << " with EOSAI data from its "
      << n("eosai_files") << " files\n  (" << n("eosai_merged_into_mot_records")
      << " merged into the MOT record of the model they score, " << n("family_records") << " family records), "
      << n("aliases") << " aliases,\n  " << n("sources") << " sources, " << n("disagreements")
      << " disagreements flagged, " << n("mot_records_linked_to_a_family")
      << " MOT models linked to an EOSAI family.\n"
         "- `licenses.json`: "
      << n("licenses")
      << " licenses (MOT's SPDX snapshot, MOT's lists, curated model licenses).\n"
         "- `import-report.json`: counts and every upstream quirk the importer handled ("
      << n("quirks")
      << ").\n\n"
         "The build validates every record (`openness-pack`) and embeds them; `--data-dir DIR` adds or\n"
         "replaces records with files of the same schema (`*.json`: a record or an array of records;\n"
         "`*.jsonl`: one record per line; `*.bundle`: written by `openness-pack --records`).\n";
    write_file(out_ / "README.md", r.str());
  }

  void write_notice() {
    std::string mit = read_file(mot_ / "LICENSE");
    std::ostringstream n;
    n << "openness-mcp bundled dataset: notices and attributions\n"
         "=======================================================\n\n"
         "The files in this folder are generated by tools/importer from two upstream datasets and from\n"
         "curated tables in tools/importer/. Each record names its sources (file, commit, URL, as-of date).\n\n"
         "1. Model Openness Tool (MOT)\n"
         "   Source: "
      << motp_.repository << " at commit " << motp_.commit << " (" << motp_.date
      << ").\n"
         "   Used: models/*.yml (the MOF release descriptions), web/modules/mof/licenses.json and\n"
         "   mof-licenses.json (license lists). MOT is distributed under the MIT license:\n\n"
      << mit
      << "\n"
         "2. European Open Source AI Index (EOSAI, https://osai-index.eu/)\n"
         "   Source: "
      << eosp_.repository << " at commit " << eosp_.commit << " (" << eosp_.date
      << ").\n"
         "   The index data is licensed under CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/).\n"
         "   Attribution, as the index asks: https://osai-index.eu/ ; the index files,\n"
         "   doi:10.5281/zenodo.15386042 ; and Liesenfeld, A. and Dingemanse, M., 2024. Rethinking open\n"
         "   source generative AI: open-washing and the EU AI Act. In Proceedings of the 2024 ACM Conference\n"
         "   on Fairness, Accountability, and Transparency (FAccT '24), pp. 1774-1787.\n"
         "   doi:10.1145/3630106.3659005.\n\n"
         "3. What was changed (both datasets)\n"
         "   - YAML was converted to JSON, one record per model; field names were changed (see\n"
         "     schemas/model.schema.json). EOSAI grades, links and notes are kept verbatim.\n"
         "   - Producer names were normalised (tools/importer/producers.yaml); the published spellings are\n"
         "     kept in producer_as_published.\n"
         "   - An EOSAI entry whose end model is a MOT model was merged into that MOT record; other EOSAI\n"
         "     entries are family records, linked from MOT records of the same family and producer.\n"
         "   - MOT files sharing a release.name and a Hugging Face repository were merged into one record\n"
         "     (MOF data from the file MOT's site shows); a file whose release.name contradicts its own file\n"
         "     name and Hugging Face link was named after its file. Every difference is kept as a\n"
         "     `disagreements` entry and every upstream quirk is listed in import-report.json.\n"
         "   - EOSAI's misspelt key 'endmodel license' was read as 'endmodellicense'; a stray key was dropped.\n"
         "   - Component descriptions equal to MOF's standard text were dropped.\n"
         "   - OSI's published OSAID 1.0 validation outcomes (https://opensource.org/ai) were added to the\n"
         "     records of the systems OSI named (tools/importer/osi_validation.yaml).\n"
         "   - Producers' own statements about a model's weights were added as `availability`, each with\n"
         "     its source (tools/importer/availability.yaml): weights not released where MOT lists them as\n"
         "     released (also a disagreement), and weights released where MOT's entry does not cover them.\n"
         "   - The curated layer (tools/importer/curated/, one file per producer) adds the models people ask\n"
         "     about, variant by variant: the weights' license, whether weights, training code and training\n"
         "     data are released, the family and base model, aliases (Hugging Face ids, marketing names),\n"
         "     each fact with the URL of the producer's own page and the date it was read. Where it differs\n"
         "     from an upstream fact, both are kept as a disagreement and the producer's is used.\n"
         "   - licenses.json adds model licenses and free-text aliases (tools/importer/model_licenses.yaml)\n"
         "     to MOT's SPDX snapshot (SPDX license-list data: CC0-1.0).\n";
    write_file(out_ / "NOTICE", n.str());
  }

  fs::path mot_, eosai_, out_, curated_;
  Provenance motp_, eosp_;
  std::map<std::string, std::string> producer_map_;
  std::string licenses_text_;
  importer::CuratedSet curated_set_;
  importer::CuratedCounts curated_counts_;
  std::shared_ptr<const openness::LicenseDb> db_;
  std::vector<Rec> recs_, eosai_recs_;
  std::vector<Quirk> quirks_;
  std::size_t mot_file_count_ = 0, eosai_file_count_ = 0, merged_ = 0, family_links_ = 0, osi_attached_ = 0,
              availability_attached_ = 0, license_count_ = 0;
};

int usage() {
  std::cerr
      << "usage: openness-import --mot DIR --eosai DIR --out DIR [--curated DIR]\n"
         "  --mot DIR      MOT reference copy or a clone of github.com/lfai/model_openness_tool\n"
         "  --eosai DIR    EOSAI reference copy or a clone of github.com/Language-Technology-Assessment/main-database\n"
         "  --out DIR      where to write models/, licenses.json, import-report.json, NOTICE (e.g. data)\n"
         "  --curated DIR  the curated tables (default: tools/importer of this source tree)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mot, eosai, out, curated = OPENNESS_IMPORTER_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--mot")
      mot = next();
    else if (a == "--eosai")
      eosai = next();
    else if (a == "--out")
      out = next();
    else if (a == "--curated")
      curated = next();
    else
      return usage();
  }
  if (mot.empty() || eosai.empty() || out.empty()) return usage();
  try {
    Importer(mot, eosai, out, curated).run();
  } catch (const std::exception& e) {
    std::cerr << "openness-import: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
