// EOSAI: one family record per index file, then the links between the two sources (an EOSAI
// entry merged into the MOT record of its end model, MOT models linked to their family).
#include "importer.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace importer {

namespace {

const std::vector<std::string>& eosai_params() {
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

// A MOT model's key continues a family key: "qwen" + "1.5-7b" and "llama-2" + "-13b" do,
// "llama-3" + ".2" does not.
bool continues_family(const std::string& key, const std::string& k) {
  if (k.empty() || key.size() < k.size() || key.compare(0, k.size(), k) != 0) return false;
  if (key.size() == k.size()) return true;
  const char next = key[k.size()];
  const bool letter_then_digit = (k.back() >= 'a' && k.back() <= 'z') && (next >= '0' && next <= '9');
  return next == '-' || letter_then_digit;
}

// A size such as "8b", "270m", "1.1b", "8x7b" or "7b1" (BLOOM's 7.1B).
bool is_size(std::string_view t) {
  const std::size_t unit = t.find_first_of("bmkt");
  if (unit == std::string_view::npos || unit == 0) return false;
  const std::string_view count = t.substr(0, unit), rest = t.substr(unit + 1);
  return count.find_first_of("0123456789") != std::string_view::npos &&
         count.find_first_not_of("0123456789.x") == std::string_view::npos &&
         rest.find_first_not_of("0123456789") == std::string_view::npos;
}

bool has_digit(std::string_view t) { return t.find_first_of("0123456789") != std::string_view::npos; }

// A date such as 2407 or 0324 (Mistral NeMo 2407, DeepSeek-V3-0324) is not a version.
bool is_date(std::string_view t) {
  return t.size() >= 4 && t.find_first_not_of("0123456789") == std::string_view::npos;
}

// Words that name a variant or its training mix, not a model line.
bool is_role(std::string_view t) {
  static const std::set<std::string_view> roles = {"base", "instruct", "chat", "it",  "pt",
                                                   "hf",   "think",    "p3",   "xp3", "mt"};
  return roles.count(t) != 0;
}

std::string joined(const Generation& g) {
  std::string s;
  for (const auto& w : g.words) s += w;
  return s + g.version;
}

}  // namespace

// "Qwen1.5-7B" and "qwen-1.5" give {} qwen15 and {qwen} 15; "Gemma 3 27B" {gemma} 3;
// "Granite-8B-Code" {granite} with no version (the size ends it); "OpenELM-1_1B" {openelm}, as
// its underscore is a dot; "K2-V2" k2v2, as a name that carries a digit takes the version after it.
Generation generation(const std::string& name) {
  std::string n = name;
  for (std::size_t i = 1; i + 1 < n.size(); ++i)
    if (n[i] == '_' && std::isdigit(static_cast<unsigned char>(n[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(n[i + 1])))
      n[i] = '.';
  std::vector<std::string> toks;
  std::stringstream ss(slug(n));
  for (std::string t; std::getline(ss, t, '-');)
    if (!is_role(t)) toks.push_back(t);
  Generation g;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    if (!has_digit(t)) {
      g.words.push_back(t);
      continue;
    }
    if (is_size(t) || is_date(t)) break;
    g.version = t;
    if (g.words.empty() && i + 1 < toks.size() && has_digit(toks[i + 1]) && !is_size(toks[i + 1]) &&
        !is_date(toks[i + 1]))
      g.version += toks[i + 1];
    break;
  }
  g.version.erase(std::remove(g.version.begin(), g.version.end(), '.'), g.version.end());
  return g;
}

bool same_generation(const Generation& a, const Generation& b) {
  if (joined(a) == joined(b)) return true;
  if (a.version.empty() || a.version != b.version || a.words.empty() || b.words.empty()) return false;
  const auto& shorter = a.words.size() < b.words.size() ? a.words : b.words;
  const auto& longer = a.words.size() < b.words.size() ? b.words : a.words;
  return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
}

ojson Importer::eosai_source(const std::string& file) const {
  return upstream_source("eosai:" + file, "European Open Source AI Index (osai-index.eu) model file " + file, eosp_,
                         file,
                         "CC-BY-4.0 (cite doi:10.5281/zenodo.15386042, osai-index.eu and Liesenfeld & Dingemanse, "
                         "FAccT 2024)");
}

void Importer::read_eosai() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(o_.eosai))
    if (e.path().extension() == ".yaml" && e.path().filename() != "a_submission_template.yaml")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  eosai_file_count_ = files.size();
  for (const auto& f : files) eosai_recs_.push_back(read_eosai_file(f));
}

Rec Importer::read_eosai_file(const fs::path& f) {
  const std::string file = f.filename().string();
  const std::string stem = f.stem().string();
  const std::string src = "eosai:" + file;
  YAML::Node y = YAML::LoadFile(f.string());
  Rec rec;
  rec.eosai_file = file;
  const ojson e = eosai_entry(y, stem, src);
  eosai_record(rec, e, stem, src);
  rec.j["sources"] = ojson::array({eosai_source(file)});
  return rec;
}

// The record's `eosai` section: the system, the organisation and the graded parameters.
ojson Importer::eosai_entry(const YAML::Node& y, const std::string& stem, const std::string& src) {
  ojson e;
  e["source"] = src;
  e["file"] = src.substr(std::string("eosai:").size());
  e["system_name"] = scalar(y["system"]["name"]).value_or(stem);
  eosai_system(e, y["system"], src, slug(stem));
  ojson org;
  org["name"] = scalar(y["org"]["name"]).value_or("");
  if (auto v = scalar(y["org"]["link"])) org["link"] = *v;
  if (auto v = scalar(y["org"]["notes"])) org["notes"] = *v;
  e["org"] = org;
  e["parameters"] = eosai_parameters(y, src, slug(stem));
  return e;
}

void Importer::eosai_system(ojson& e, const YAML::Node& s, const std::string& src, const std::string& id) {
  static const std::set<std::string> known_system = {
      "name",        "link", "type", "performanceclass", "basemodelname", "endmodelname", "endmodellicense",
      "releasedate", "notes"};
  if (auto v = scalar(s["link"])) e["link"] = *v;
  if (auto v = scalar(s["type"])) e["type"] = *v;
  if (auto v = scalar(s["performanceclass"])) e["performance_class"] = *v;
  // "unknown" and "Undisclosed" stand for a name EOSAI does not know: no name, not a model's.
  for (const auto& [field, key] : {std::pair{"basemodelname", "base_model"}, std::pair{"endmodelname", "end_model"}}) {
    auto v = scalar(s[field]);
    if (!v) continue;
    if (const std::string l = lower(*v); l == "unknown" || l == "undisclosed") {
      quirk("placeholder-model-name", std::string(field) + " is '" + *v + "', read as absent", src, id);
      continue;
    }
    e[key] = *v;
  }
  std::optional<std::string> lic = scalar(s["endmodellicense"]);
  if (!lic && scalar(s["endmodel license"])) {
    lic = scalar(s["endmodel license"]);
    quirk("misspelt-key", "system key 'endmodel license' (with a space) read as 'endmodellicense'", src, id);
  }
  if (lic) {
    e["end_model_license"] = *lic;
    note_license(*lic, src, id);
  }
  if (auto v = scalar(s["releasedate"])) e["release_date"] = *v;
  if (auto v = scalar(s["notes"])) e["notes"] = *v;
  for (const auto& kv : s) {
    const std::string k = kv.first.as<std::string>();
    if (!known_system.count(k) && k != "endmodel license")
      quirk("stray-key", "unexpected key system." + k + " ignored", src, id);
  }
}

ojson Importer::eosai_parameters(const YAML::Node& y, const std::string& src, const std::string& id) {
  ojson params = ojson::object();
  for (const auto& p : eosai_params()) {
    YAML::Node pn = y[p];
    ojson pj;
    auto cls = scalar(pn["class"]);
    if (cls && (*cls == "open" || *cls == "partial" || *cls == "closed")) {
      pj["grade"] = *cls;
    } else {
      pj["grade"] = nullptr;
      quirk("missing-grade", "parameter " + p + " has no open/partial/closed grade (scored 0)", src, id);
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
  return params;
}

// The family record built from an EOSAI entry.
void Importer::eosai_record(Rec& rec, const ojson& e, const std::string& stem, const std::string& src) {
  const std::string sname = e["system_name"];
  ojson& j = rec.j;
  j["id"] = slug(stem);
  j["kind"] = "family";
  j["name"] = sname;
  const std::string producer = e["org"]["name"];
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
    if (auto repo = hf_repo(e["link"])) aliases.push_back({{"value", *repo}, {"kind", "huggingface"}, {"source", src}});
  }
  j["aliases"] = aliases;
  j["links"] = links;
  j["eosai"] = e;
  rec.family_keys = {slug(stem), slug(sname)};
  for (const char* k : {"end_model", "base_model"})
    if (e.contains(k) && e[k].is_string()) rec.generations.push_back(generation(e[k]));
}

// ----- linking
// 1. An EOSAI entry whose end model *is* a MOT model (same name) merges into that MOT record.
// 2. Otherwise it stays a family record; its id gets "-family" if a MOT record has the same id.
// 3. A MOT record links to the EOSAI family whose file or system name starts its own name (at a
//    separator or digit), whose normalised producer is the same, and whose scored model is of
//    the record's generation; the longest such name wins.
void Importer::link_and_merge() {
  const std::vector<Family> families = merge_eosai_records();
  for (auto& er : eosai_recs_)
    if (!er.j.is_null() && er.j.contains("id")) recs_.push_back(std::move(er));
  eosai_recs_.clear();
  link_families(families);
}

std::vector<Importer::Family> Importer::merge_eosai_records() {
  std::map<std::string, std::size_t> mot_by_key;
  for (std::size_t i = 0; i < recs_.size(); ++i) {
    mot_by_key[slug(recs_[i].j["name"])] = i;
    mot_by_key[slug(fs::path(recs_[i].mot_file).stem().string())] = i;
  }
  std::set<std::string> mot_ids;
  for (const auto& r : recs_) mot_ids.insert(r.j["id"]);
  std::vector<Family> families;
  for (auto& er : eosai_recs_) {
    const ojson& e = er.j["eosai"];
    std::optional<std::size_t> target;
    if (e.contains("end_model"))
      if (auto it = mot_by_key.find(slug(e["end_model"])); it != mot_by_key.end()) target = it->second;
    if (target) {
      merge_eosai_into(recs_[*target], er);
      families.push_back({recs_[*target].j["id"], er.family_keys, er.producer_norm, er.generations});
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
    families.push_back({er.j["id"], er.family_keys, er.producer_norm, er.generations});
  }
  return families;
}

void Importer::link_families(const std::vector<Family>& families) {
  for (auto& r : recs_) {
    if (r.j["kind"] != "model" || r.j.contains("eosai")) continue;
    const std::string key = slug(r.j["name"]);
    const Generation gen = generation(r.j["name"]);
    const Family* best = nullptr;
    std::size_t best_len = 0;
    for (const auto& f : families) {
      if (f.producer.empty() || f.producer != r.producer_norm) continue;
      // EOSAI scores a family on one model: its score speaks for that model's generation
      // (Granite 4.0), not for the older ones that share the family name (Granite Code, Phi-1).
      if (!f.generations.empty() && std::none_of(f.generations.begin(), f.generations.end(),
                                                 [&](const Generation& g) { return same_generation(gen, g); }))
        continue;
      for (const auto& k : f.keys) {
        if (!continues_family(key, k)) continue;
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

// A family named by a producer's curated file may hold models of several generations (OLMo,
// Qwen, Phi): EOSAI's score of its end model speaks only for the ones of that model's generation.
void Importer::mark_family_scores() {
  std::map<std::string, const ojson*> by_id;
  for (const auto& r : recs_) by_id[r.j["id"]] = &r.j;
  for (auto& r : recs_) {
    if (r.j["kind"] != "model" || r.j.contains("eosai") || !r.j.contains("family")) continue;
    const auto fam = by_id.find(r.j["family"]["id"]);
    if (fam == by_id.end() || !fam->second->contains("eosai")) continue;
    const ojson& e = (*fam->second)["eosai"];
    const Generation gen = generation(r.j["name"]);
    bool same = true;
    for (const char* k : {"end_model", "base_model"}) {
      if (!e.contains(k) || !e[k].is_string()) continue;
      same = same_generation(gen, generation(e[k]));
      if (same) break;
    }
    if (same) continue;
    r.j["family"]["eosai_score"] = "another-generation";
    ++family_scores_withheld_;
  }
}

void Importer::merge_eosai_into(Rec& m, Rec& er) {
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
  compare_eosai(j, e, msrc, esrc);
  er.j = ojson();  // consumed
}

// Release month, weights license and what is released: MOT's record and EOSAI's entry compared.
void Importer::compare_eosai(ojson& j, const ojson& e, const std::string& msrc, const std::string& esrc) {
  if (e.contains("release_date")) {
    // MOT's release.date is often the date the entry was written; EOSAI's releasedate is the model's.
    if (j.contains("release_date") &&
        j["release_date"].get<std::string>().substr(0, 7) != e["release_date"].get<std::string>().substr(0, 7)) {
      disagree(j, "release_date", "MOT's release.date and EOSAI's releasedate", j["release_date"], msrc,
               e["release_date"], esrc);
    }
  }
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
      disagree(j, "license.weights", "MOT's license for Model parameters (Final) and EOSAI's endmodellicense", *weights,
               msrc, e["end_model_license"], esrc);
  }
  auto check = [&](const char* field, const char* cname, const char* param) {
    const bool l = resolved(cname).has_value();
    const ojson g = e["parameters"][param]["grade"];
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
}

}  // namespace importer
