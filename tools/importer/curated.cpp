#include "curated.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

namespace importer {
namespace fs = std::filesystem;

namespace {

std::string str(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : std::string(); }

// m.fact_sources[fact], or "" (yaml-cpp throws on a child of a missing node).
std::string fact_source(const YAML::Node& m, const std::string& fact) {
  const YAML::Node fs = m["fact_sources"];
  if (!fs || !fs.IsMap()) return {};
  return str(fs[fact]);
}

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
}

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw std::runtime_error("curated/" + file + ": " + what);
}

void check_model(const YAML::Node& m, const std::string& file, const std::map<std::string, ojson>& sources) {
  static const std::regex id_re("^[a-z0-9][a-z0-9.+-]*$");
  const std::string id = str(m["id"]);
  if (!std::regex_match(id, id_re)) fail(file, "model id '" + id + "' is not of the form [a-z0-9][a-z0-9.+-]*");
  if (!one_of(str(m["kind"]), {"model", "family"})) fail(file, id + ": kind must be model or family");
  if (str(m["name"]).empty()) fail(file, id + ": no name");
  auto defined = [&](const std::string& ref, const std::string& what) {
    if (!sources.count(ref)) fail(file, id + ": " + what + " names undefined source '" + ref + "'");
  };
  defined(str(m["source"]), "source");
  for (const auto& kv : m["fact_sources"]) defined(str(kv.second), "fact_sources." + kv.first.as<std::string>());
  for (const char* k : {"weights", "training_code"})
    if (m[k] && !one_of(str(m[k]), {"released", "not-released", "unknown"}))
      fail(file, id + ": " + k + " must be released, not-released or unknown");
  if (m["training_data"] && !one_of(str(m["training_data"]), {"released", "described", "not-released", "unknown"}))
    fail(file, id + ": training_data must be released, described, not-released or unknown");
  if (m["license"] && str(m["weights"]) != "released") fail(file, id + ": a license goes only with released weights");
  for (const auto& kv : m["aliases"]) {
    const std::string kind = kv.first.as<std::string>();
    if (!one_of(kind, {"huggingface", "ollama", "marketing"}))
      fail(file, id + ": alias kind '" + kind + "' is not huggingface, ollama or marketing");
  }
}

}  // namespace

CuratedSet read_curated(const fs::path& dir) {
  CuratedSet set;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::set<std::string> model_ids;
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    set.files.push_back(file);
    const YAML::Node y = YAML::LoadFile(path.string());
    for (const auto& s : y["sources"]) {
      ojson src{{"id", str(s["id"])}, {"title", str(s["title"])}, {"url", str(s["url"])}, {"as_of", str(s["as_of"])}};
      for (const char* k : {"id", "title", "url", "as_of"})
        if (src[k].get<std::string>().empty()) fail(file, std::string("a source lacks ") + k);
      if (!std::regex_match(src["as_of"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")))
        fail(file, "source " + str(s["id"]) + ": as_of must be YYYY-MM-DD");
      if (!set.sources.emplace(str(s["id"]), src).second) fail(file, "source id " + str(s["id"]) + " is used twice");
    }
    for (const auto& l : y["new_licenses"]) set.new_licenses.push_back(l);
    for (const auto& c : y["alias_corrections"]) {
      const std::string rec = str(c["record"]);
      if (rec.empty() || !c["remove"] || !c["remove"].IsSequence() || str(c["why"]).empty())
        fail(file, "an alias correction needs record, remove (a list) and why");
      set.alias_corrections.push_back({c, file, ""});
    }
    for (const auto& m : y["models"]) {
      check_model(m, file, set.sources);
      if (!model_ids.insert(str(m["id"])).second) fail(file, "model id " + str(m["id"]) + " is used twice");
      std::string producer = m["producer"] ? str(m["producer"]) : str(y["producer"]);
      if (producer.empty()) fail(file, str(m["id"]) + ": no producer");
      set.models.push_back({m, file, producer});
    }
  }
  for (const auto& c : set.alias_corrections)  // sources may be defined in any file
    if (!set.sources.count(str(c.node["source"])))
      fail(c.file, str(c.node["record"]) + ": alias correction names undefined source '" + str(c.node["source"]) + "'");
  return set;
}

namespace {

// Builds one record from the curated entries, into a new or an existing record.
class Merger {
 public:
  Merger(const CuratedSet& set, const std::function<std::string(const std::string&)>& license_id,
         const std::function<std::string(const std::string&)>& producer, CuratedCounts& counts)
      : set_(set), license_id_(license_id), producer_(producer), n_(counts) {}

  void merge(const CuratedModel& cm, ojson& j, bool is_new) {
    const YAML::Node& m = cm.node;
    const std::string main = str(m["source"]);
    auto src = [&](const std::string& fact) {
      const std::string s = fact_source(m, fact);
      return s.empty() ? main : s;
    };
    if (is_new) {
      j["id"] = str(m["id"]);
      j["kind"] = str(m["kind"]);
      j["name"] = str(m["name"]);
      j["producer"] = producer_(cm.producer);
      j["producer_as_published"] = ojson::array({cm.producer});
      j["field_sources"] = {{"name", main}, {"producer", main}};
      j["aliases"] = ojson::array();
      j["links"] = ojson::array();
      j["sources"] = ojson::array();
      j["disagreements"] = ojson::array();
      use(j, main);
    }
    if (!j.contains("disagreements")) j["disagreements"] = ojson::array();
    for (const char* f : {"release_date", "size", "base_model"}) {
      if (!m[f]) continue;
      set_field(j, f, ojson(str(m[f])), src(f));
    }
    if (m["modality"]) {
      ojson mods = ojson::array();
      for (const auto& x : m["modality"]) mods.push_back(str(x));
      set_field(j, "modality", mods, src("modality"));
    }
    if (m["family"] && str(m["family"]) != str(m["id"])) {
      j["family"] = {{"id", str(m["family"])},
                     {"method", "named by the producer's curated file (tools/importer/curated/" + cm.file + ")"}};
      use(j, main);
    }
    for (const auto& kv : m["aliases"]) {
      const std::string kind = kv.first.as<std::string>();
      std::string s = fact_source(m, "aliases." + kind);
      if (s.empty()) s = src("aliases");
      for (const auto& v : kv.second) add_alias(j, str(v), kind, s);
    }
    if (is_new) link_hf(j);
    statement(cm, j, src);
  }

  // A link to the record's first Hugging Face alias, when it has no Hugging Face link.
  static void link_hf(ojson& j) {
    for (const auto& l : j["links"])
      if (l["kind"] == "huggingface") return;
    for (const auto& a : j["aliases"])
      if (a["kind"] == "huggingface") {
        j["links"].push_back({{"kind", "huggingface"},
                              {"url", "https://huggingface.co/" + a["value"].get<std::string>()},
                              {"source", a["source"]}});
        return;
      }
  }

  // Facts the variant does not state, taken from its family's statement (said so in from_family).
  void inherit(ojson& j, const ojson& family) {
    if (!family.contains("availability")) return;
    const ojson& fa = family["availability"];
    if (fa["weights"] != "released") return;  // a family of closed models says nothing of a variant
    if (!j.contains("availability")) return;
    ojson& av = j["availability"];
    if (av["weights"] != "released") return;
    ojson from = av.value("from_family", ojson::array());
    for (const char* f : {"license", "training_code", "training_data"}) {
      if (av.contains(f) || !fa.contains(f)) continue;
      av[f] = fa[f];
      std::string s = fa.contains("fact_sources") && fa["fact_sources"].contains(f)
                          ? fa["fact_sources"][f].get<std::string>()
                          : fa["source"].get<std::string>();
      av["fact_sources"][f] = s;
      copy_source(j, family, s);
      from.push_back(f);
      ++n_.inherited_facts;
    }
    if (!from.empty()) av["from_family"] = from;
  }

  void cite(ojson& j, const std::string& source) { use(j, source); }

 private:
  void use(ojson& j, const std::string& id) {
    for (const auto& s : j["sources"])
      if (s["id"] == id) return;
    j["sources"].push_back(set_.sources.at(id));
  }

  void copy_source(ojson& j, const ojson& from, const std::string& id) {
    for (const auto& s : j["sources"])
      if (s["id"] == id) return;
    for (const auto& s : from["sources"])
      if (s["id"] == id) {
        j["sources"].push_back(s);
        return;
      }
  }

  static std::string upstream_source(const ojson& j, const std::string& field) {
    if (j.contains("field_sources") && j["field_sources"].contains(field))
      return j["field_sources"][field].get<std::string>();
    return {};
  }

  void set_field(ojson& j, const std::string& f, const ojson& v, const std::string& s) {
    use(j, s);
    if (j.contains(f) && j[f] != v) {
      const std::string before = upstream_source(j, f);
      if (!before.empty() && before != s) {
        j["disagreements"].push_back(
            {{"field", f},
             {"note", "The producer's page and the upstream listing differ; the producer's page is used."},
             {"values",
              ojson::array({{{"value", v.is_string() ? v : ojson(v.dump())}, {"source", s}},
                            {{"value", j[f].is_string() ? j[f] : ojson(j[f].dump())}, {"source", before}}})}});
        ++n_.disagreements;
      }
    }
    j[f] = v;
    j["field_sources"][f] = s;
  }

  void add_alias(ojson& j, const std::string& value, const std::string& kind, const std::string& s) {
    if (value.empty()) return;
    for (const auto& a : j["aliases"])
      if (lower(a["value"].get<std::string>()) == lower(value)) return;
    use(j, s);
    j["aliases"].push_back({{"value", value}, {"kind", kind}, {"source", s}});
    ++n_.aliases_added;
  }

  // The MOT listing's license of the final weights, when it names one.
  static std::string mot_weights_license(const ojson& j, std::string& source) {
    if (!j.contains("mof")) return {};
    source = j["mof"].value("source", "");
    for (const auto& c : j["mof"].value("components", ojson::array()))
      if (c.value("name", "") == "Model parameters (Final)" || c.value("name", "") == "model_parameters_final")
        return c.value("license", "");
    return {};
  }

  void statement(const CuratedModel& cm, ojson& j, const std::function<std::string(const std::string&)>& src) {
    const YAML::Node& m = cm.node;
    const std::string weights = str(m["weights"]);
    if (weights != "released" && weights != "not-released") return;
    const std::string main = str(m["source"]);
    ojson av{{"weights", weights}};
    ojson fs = ojson::object();
    if (src("weights") != main) fs["weights"] = src("weights");
    if (m["license"]) {
      const std::string lic = str(m["license"]);
      if (license_id_(lic) != lic) fail(cm.file, str(m["id"]) + ": license '" + lic + "' is not in licenses.json");
      av["license"] = lic;
      if (src("license") != main) fs["license"] = src("license");
    }
    for (const char* f : {"training_code", "training_data"}) {
      const std::string v = str(m[f]);
      if (v != "released" && v != "not-released" && v != "described") continue;
      av[f] = v;
      if (src(f) != main) fs[f] = src(f);
    }
    std::string note = str(m["note"]);
    if (note.empty()) note = "The producer's page states these facts.";
    av["note"] = note;
    av["source"] = main;
    if (!fs.empty()) av["fact_sources"] = fs;
    for (const auto& kv : fs.items()) use(j, kv.value().get<std::string>());
    use(j, main);
    // Disagreements with what the record already says of the weights.
    std::string mot_src;
    const std::string mot_lic = mot_weights_license(j, mot_src);
    if (av.contains("license") && !mot_lic.empty() && !mot_src.empty() &&
        license_id_(mot_lic) != av["license"].get<std::string>()) {
      j["disagreements"].push_back(
          {{"field", "weights license"},
           {"note",
            "The producer's page names another license for the weights than MOT's listing; the producer's is used."},
           {"values", ojson::array({{{"value", av["license"]}, {"source", src("license")}},
                                    {{"value", mot_lic}, {"source", mot_src}}})}});
      ++n_.disagreements;
    }
    if (j.contains("availability")) {
      // A statement from tools/importer/availability.yaml stays; the curated file adds what it lacks.
      ojson& old = j["availability"];
      if (old["weights"] != av["weights"]) {
        j["disagreements"].push_back({{"field", "weights released"},
                                      {"note", "Two producer statements differ; the one in availability.yaml is used."},
                                      {"values", ojson::array({{{"value", old["weights"]}, {"source", old["source"]}},
                                                               {{"value", av["weights"]}, {"source", main}}})}});
        ++n_.disagreements;
        return;
      }
      for (const char* f : {"license", "training_code", "training_data"})
        if (!old.contains(f) && av.contains(f) && (std::string(f) != "license" || old["weights"] == "released")) {
          old[f] = av[f];
          old["fact_sources"][f] = fs.contains(f) ? fs[f] : ojson(main);
        }
      return;
    }
    j["availability"] = av;
    ++n_.statements;
  }

  const CuratedSet& set_;
  const std::function<std::string(const std::string&)>& license_id_;
  const std::function<std::string(const std::string&)>& producer_;
  CuratedCounts& n_;
};

}  // namespace

CuratedCounts merge_curated(const CuratedSet& set, std::vector<ojson*>& records, std::vector<ojson>& added,
                            const std::function<std::string(const std::string&)>& license_id,
                            const std::function<std::string(const std::string&)>& producer) {
  CuratedCounts n;
  n.files = set.files.size();
  n.models = set.models.size();
  std::map<std::string, ojson*> by_id;
  for (ojson* r : records) by_id[(*r)["id"].get<std::string>()] = r;
  // New records first, so that every id exists before references are checked.
  added.reserve(added.size() + set.models.size());
  std::vector<std::pair<const CuratedModel*, bool>> order;
  for (const auto& cm : set.models) {
    const std::string id = str(cm.node["id"]);
    const bool is_new = !by_id.count(id);
    if (is_new) {
      added.emplace_back(ojson::object());
      by_id[id] = &added.back();
      ++n.new_records;
    } else {
      ++n.merged_records;
    }
    order.emplace_back(&cm, is_new);
  }
  Merger merger(set, license_id, producer, n);
  for (const auto& [cm, is_new] : order) merger.merge(*cm, *by_id.at(str(cm->node["id"])), is_new);
  // References: a family or a base model must be a record of the dataset.
  for (const auto& [cm, is_new] : order) {
    for (const char* f : {"family", "base_model"}) {
      const std::string ref = str(cm->node[f]);
      if (!ref.empty() && !by_id.count(ref))
        fail(cm->file, str(cm->node["id"]) + ": " + f + " '" + ref + "' is no record of the dataset");
    }
  }
  // Families first, then their variants: a variant takes what its family states and it does not.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& [cm, is_new] : order) {
      if ((str(cm->node["kind"]) == "family") != (pass == 0)) continue;
      const std::string fam = str(cm->node["family"]);
      if (fam.empty() || fam == str(cm->node["id"])) continue;
      merger.inherit(*by_id.at(str(cm->node["id"])), *by_id.at(fam));
    }
  // Aliases and links an upstream listing got wrong (another model's repository): removed, and
  // the removal kept as a quirk of the record with its reason and source.
  for (const auto& c : set.alias_corrections) {
    const std::string rec = str(c.node["record"]);
    if (!by_id.count(rec)) fail(c.file, "alias correction for '" + rec + "', which is no record of the dataset");
    ojson& j = *by_id.at(rec);
    for (const auto& v : c.node["remove"]) {
      const std::string value = str(v), url = "https://huggingface.co/" + value;
      const auto before = j["aliases"].size() + j["links"].size();
      auto& al = j["aliases"];
      al.erase(std::remove_if(al.begin(), al.end(),
                              [&](const ojson& a) { return lower(a["value"].get<std::string>()) == lower(value); }),
               al.end());
      auto& ln = j["links"];
      ln.erase(
          std::remove_if(ln.begin(), ln.end(), [&](const ojson& l) { return l["url"] == value || l["url"] == url; }),
          ln.end());
      if (j["aliases"].size() + j["links"].size() == before)
        fail(c.file, rec + ": no alias or link '" + value + "' to remove");
      j["quirks"].push_back(
          {{"kind", "alias-removed"},
           {"detail", "'" + value + "' removed from the upstream aliases and links: " + str(c.node["why"])},
           {"source", str(c.node["source"])}});
      ++n.aliases_removed;
    }
    merger.cite(j, str(c.node["source"]));
    Merger::link_hf(j);
  }
  return n;
}

}  // namespace importer
