// MOT: one record per model file (models/*.yml), with its MOF section as MOT has it; files that
// share a release.name are merged or renamed.
#include "importer.h"

#include <openness/release.h>

#include <algorithm>
#include <regex>

namespace importer {

namespace {

std::optional<std::string> modality_of_mot(const std::string& t) {
  if (t == "language") return "text";
  if (t == "vision" || t == "image" || t == "audio" || t == "video" || t == "3d" || t == "code" || t == "multimodal" ||
      t == "other")
    return t;
  return std::nullopt;
}

std::string component_license_summary(const ojson& mof, const std::string& cname) {
  for (const auto& c : mof["components"])
    if (c["name"] == cname) return c.contains("license") ? c["license"].get<std::string>() : "(inherits)";
  return "(not listed)";
}

}  // namespace

ojson Importer::mot_source(const std::string& file) const {
  return upstream_source("mot:" + file, "Model Openness Tool (MOT) model file models/" + file, motp_, "models/" + file,
                         "MIT");
}

void Importer::read_mot() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(o_.mot / "models"))
    if (e.path().extension() == ".yml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  mot_file_count_ = files.size();
  for (const auto& f : files) recs_.push_back(read_mot_file(f));
  resolve_mot_duplicates();
}

Rec Importer::read_mot_file(const fs::path& f) {
  const std::string file = f.filename().string();
  const std::string stem = f.stem().string();
  const std::string src = "mot:" + file;
  YAML::Node y = YAML::LoadFile(f.string());
  YAML::Node r = y["release"];
  Rec rec;
  rec.mot_file = file;
  mot_identity(rec, r, stem, src);
  ojson& j = rec.j;
  mot_aliases_and_links(j, r, stem, src);
  j["mof"] = mot_section(y, r, src, j["id"]);
  j["sources"] = ojson::array({mot_source(file)});
  return rec;
}

// id, kind, name, producer, release date, modality, size or version, architecture, base model.
void Importer::mot_identity(Rec& rec, const YAML::Node& r, const std::string& stem, const std::string& src) {
  static const std::regex size_re(R"(^\d+(\.\d+)?\s?[KMBT]$)", std::regex::icase);
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
}

void Importer::mot_aliases_and_links(ojson& j, const YAML::Node& r, const std::string& stem, const std::string& src) {
  const std::string name = j["name"];
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
}

// The MOF section, as MOT has it.
ojson Importer::mot_section(const YAML::Node& y, const YAML::Node& r, const std::string& src, const std::string& id) {
  ojson mof;
  mof["source"] = src;
  if (auto v = scalar(y["framework"]["version"])) mof["framework_version"] = *v;
  mof["licenses"] = mot_global_licenses(r, src, id);
  mof["components"] = mot_components(r, src, id);
  return mof;
}

ojson Importer::mot_global_licenses(const YAML::Node& r, const std::string& src, const std::string& id) {
  ojson glob = ojson::object();
  if (!r["license"] || !r["license"].IsMap()) return glob;
  for (const char* k : {"distribution", "code", "data", "document"}) {
    YAML::Node g = r["license"][k];
    if (!g || !g.IsMap()) continue;
    auto n = g["name"] && g["name"].IsScalar() ? std::optional<std::string>(g["name"].as<std::string>()) : std::nullopt;
    if (n && trim(*n).empty()) {
      quirk("empty-global-license", std::string("release.license.") + k + ".name is empty", src, id);
      continue;
    }
    if (!n) continue;
    ojson gl{{"name", trim(*n)}};
    if (auto p = scalar(g["path"])) gl["path"] = *p;
    glob[k] = gl;
    note_license(trim(*n), src, id);
  }
  return glob;
}

ojson Importer::mot_components(const YAML::Node& r, const std::string& src, const std::string& id) {
  ojson comps = ojson::array();
  std::set<std::string> seen;
  for (const auto& c : r["components"]) {
    const std::string cname = scalar(c["name"]).value_or("");
    auto cid = openness::component_from_name(cname);
    if (!cid) {
      quirk("unknown-component", "component '" + cname + "' is not a MOF component; skipped", src, id);
      continue;
    }
    if (!seen.insert(cname).second) {
      quirk("duplicate-component", "component '" + cname + "' listed twice; the first counts", src, id);
      continue;
    }
    ojson cj{{"name", cname}};
    if (c["license"] && !c["license"].IsNull()) {
      const std::string l = c["license"].IsScalar() ? trim(c["license"].as<std::string>()) : "";
      cj["license"] = l;
      if (l != "unlicensed" && !l.empty()) note_license(l, src, id);
    }
    if (auto p = scalar(c["license_path"])) cj["license_path"] = *p;
    if (auto p = scalar(c["component_path"])) cj["component_path"] = *p;
    if (auto d = scalar(c["description"]); d && *d != openness::info(*cid).description) cj["description"] = *d;
    comps.push_back(cj);
  }
  return comps;
}

// Three release.name values occur twice. Same model (same Hugging Face repo): merge into one record,
// keeping the file that MOT's site shows (dated on or after 2025-01-01, scripts/hide-models.php) and
// flagging where the two files disagree. Different models: name the odd file after its file name.
void Importer::resolve_mot_duplicates() {
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
      merge_same_name(name, idx, files, drop);
    } else {
      for (auto i : idx)
        if (fs::path(recs_[i].mot_file).stem().string() != name) rename_after_file(recs_[i], name, files);
    }
  }
  std::vector<Rec> kept;
  for (std::size_t i = 0; i < recs_.size(); ++i)
    if (!drop.count(i)) kept.push_back(std::move(recs_[i]));
  recs_ = std::move(kept);
}

// Same model: the primary (latest release.date) takes the others in.
void Importer::merge_same_name(const std::string& name, const std::vector<std::size_t>& idx, const std::string& files,
                               std::set<std::size_t>& drop) {
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
}

// A file whose release.name names another model: the record is named after its file.
void Importer::rename_after_file(Rec& r, const std::string& name, const std::string& files) {
  const std::string stem = fs::path(r.mot_file).stem().string();
  ojson hubrepo;
  for (const auto& a : r.j["aliases"])
    if (a["kind"] == "huggingface") hubrepo = a["value"];
  const std::string src = "mot:" + r.mot_file;
  quirk("name-contradicts-file",
        "release.name '" + name + "' is also used by " + files + ", while this file's name and Hugging Face link (" +
            hubrepo.get<std::string>() + ") name '" + stem + "'; the record is named '" + stem +
            "' and the upstream name is kept as a disagreement",
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

void Importer::merge_duplicate(Rec& primary, Rec& other) {
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

}  // namespace importer
