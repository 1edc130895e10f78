// The curated tables (producers.yaml, osi_validation.yaml, availability.yaml, curated/) and the
// bookkeeping every reader shares: quirks, free-text licenses and disagreements.
#include "importer.h"

#include <openness/release.h>

#include <stdexcept>

namespace importer {

void Importer::load_producers() {
  YAML::Node y = YAML::LoadFile((o_.curated / "producers.yaml").string());
  for (const auto& kv : y) {
    const std::string canon = kv.first.as<std::string>();
    for (const auto& v : kv.second) producer_map_[lower(v.as<std::string>())] = canon;
  }
}

std::string Importer::norm_producer(const std::string& p) const {
  auto it = producer_map_.find(lower(trim(p)));
  return it == producer_map_.end() ? trim(p) : it->second;
}

void Importer::quirk(const std::string& kind, const std::string& detail, const std::string& source,
                     const std::string& rec) {
  quirks_.push_back({kind, detail, source, rec});
}

void Importer::note_license(const std::string& l, const std::string& src, const std::string& rec) {
  if (db_->find(l)) return;
  auto n = db_->normalize(l);
  std::string detail = "license '" + l + "' is not an SPDX id";
  detail += n.license ? "; normalised mode reads it as " + std::string(n.license->id)
                      : "; no license id recognised (stays not open in both modes)";
  quirk("free-text-license", detail, src, rec);
}

void Importer::disagree(ojson& j, const std::string& field, const std::string& note, ojson a, const std::string& sa,
                        ojson b, const std::string& sb) {
  j["disagreements"].push_back(
      {{"field", field},
       {"note", note},
       {"values", ojson::array({{{"value", a}, {"source", sa}}, {{"value", b}, {"source", sb}}})}});
}

// OSI's OSAID 1.0 validation outcomes, on the records of the systems OSI named.
void Importer::attach_osi() {
  YAML::Node y = YAML::LoadFile((o_.curated / "osi_validation.yaml").string());
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

namespace {

// MOT's listing names the final weights with a license, not with "Proprietary" or its "Component
// not included" filler.
bool mot_lists_weights_released(const ojson& j) {
  if (!j.contains("mof")) return false;
  for (const auto& c : j["mof"]["components"]) {
    if (c["name"] != "Model parameters (Final)") continue;
    const std::string l = c.value("license", "");
    return !openness::says_withheld(l);
  }
  return false;
}

}  // namespace

// Producers' statements about the weights (availability.yaml).
void Importer::attach_availability() {
  YAML::Node y = YAML::LoadFile((o_.curated / "availability.yaml").string());
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
    // Released weights whose producer names no license keep none: their terms stay unknown.
    if (e["license"]) {
      if (weights != "released")
        throw std::runtime_error("availability.yaml: weights of " + id + " are not released but have a license");
      av["license"] = e["license"].as<std::string>();
    }
    av["note"] = note;
    av["source"] = src["id"];
    j["availability"] = av;
    std::string mot_src;
    for (const auto& x : j["sources"])
      if (x["id"].get<std::string>().rfind("mot:", 0) == 0) mot_src = x["id"].get<std::string>();
    // A statement that contradicts MOT's listing of released weights is a disagreement.
    if (weights == "not-released" && !mot_src.empty() && mot_lists_weights_released(j)) {
      if (!j.contains("disagreements")) j["disagreements"] = ojson::array();
      disagree(j, "weights released", note, "listed as released (Model parameters (Final))", mot_src,
               "not released (offered as a service)", src["id"]);
    }
    ++availability_attached_;
  }
}

// The curated layer: the models people ask about, from their producers' pages (curated/)
void Importer::attach_curated() {
  std::vector<ojson*> existing;
  for (auto& r : recs_) existing.push_back(&r.j);
  std::vector<ojson> added;
  curated_counts_ = merge_curated(
      curated_set_, existing, added,
      [&](const std::string& text) {
        if (db_->find(text)) return text;
        const auto n = db_->normalize(text);
        return n.license ? std::string(n.license->id) : std::string();
      },
      [&](const std::string& p) { return norm_producer(p); });
  for (auto& j : added) recs_.push_back(Rec{std::move(j), "", "", "", {}, {}});
}

}  // namespace importer
