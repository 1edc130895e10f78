// The importer's state and steps (see README.md here). One Importer reads the upstream MOT and
// EOSAI files and the curated tables, builds one JSON record per model and writes data/. Its
// steps live in one file per concern: licenses.cpp, mot.cpp, eosai.cpp, attach.cpp (the curated
// tables), base_models.cpp, output.cpp; util.cpp holds the small helpers.
#pragma once
#include "curated.h"

#include <openness/files.h>
#include <openness/licenses.h>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace importer {

namespace fs = std::filesystem;

// ----- small helpers (util.cpp)
using openness::read_whole_file;
using openness::write_whole_file;
std::string trim(std::string s);
// Record ids: lower case ASCII letters, digits, '.', '+', '-'; anything else becomes '-'.
std::string slug(const std::string& s);
// A model name's generation: its words before the first version number, and that number
// ("Qwen1.5-7B" and "qwen-1.5": "qwen1.5"; "Llama-Poro-2-70B": llama poro, 2). Two names share a
// generation when they spell the same, or have one version and one's words end the other's.
struct Generation {
  std::vector<std::string> words;
  std::string version;  // without dots; empty when a size, a date or the end comes first
};
Generation generation(const std::string& name);
bool same_generation(const Generation& a, const Generation& b);
// Spaces as %20 (file names in URLs).
std::string url_path(const std::string& s);
// A YAML scalar as a trimmed string, or nullopt for null / missing / empty / non-scalars.
std::optional<std::string> scalar(const YAML::Node& n);
// "https://huggingface.co/org/name[/...]" -> "org/name".
std::optional<std::string> hf_repo(const std::string& url);

struct Provenance {
  std::string commit, date, repository;
};

// Reads the commit and its date: from git if `dir` is a clone, else from the SOURCE.md of the
// reference copy ("Copied from commit: <40 hex> (<YYYY-MM-DD>, ...").
Provenance provenance(const fs::path& dir, const std::string& repository);

// A record's source entry for the upstream file `path` at the commit of `p`.
ojson upstream_source(const std::string& id, const std::string& title, const Provenance& p, const std::string& path,
                      const std::string& license);

// ----- the import state

struct Quirk {
  std::string kind, detail, source, record;
};

struct Rec {
  ojson j;                 // the record being built
  std::string mot_file;    // MOT file name, if any
  std::string eosai_file;  // EOSAI file name, if any
  std::string producer_norm;
  std::vector<std::string> family_keys;  // EOSAI family records: slugs that name the family
  std::vector<Generation> generations;   // EOSAI family records: of the models it scored
};

struct Options {
  fs::path mot, eosai, out, curated;
};

class Importer {
 public:
  explicit Importer(Options o) : o_(std::move(o)) {}

  void run();

 private:
  // producers and quirks (attach.cpp)
  void load_producers();
  std::string norm_producer(const std::string& p) const;
  void quirk(const std::string& kind, const std::string& detail, const std::string& source, const std::string& rec);
  // Notes a license string that is not an exact id (MOT treats it as "not open").
  void note_license(const std::string& l, const std::string& src, const std::string& rec);
  static void disagree(ojson& j, const std::string& field, const std::string& note, ojson a, const std::string& sa,
                       ojson b, const std::string& sb);

  // licenses (licenses.cpp)
  void build_licenses();
  ojson license_sources(const nlohmann::json& spdx, const YAML::Node& cur) const;

  // MOT (mot.cpp)
  void read_mot();
  Rec read_mot_file(const fs::path& f);
  void mot_identity(Rec& rec, const YAML::Node& r, const std::string& stem, const std::string& src);
  void mot_aliases_and_links(ojson& j, const YAML::Node& r, const std::string& stem, const std::string& src);
  ojson mot_section(const YAML::Node& y, const YAML::Node& r, const std::string& src, const std::string& id);
  ojson mot_global_licenses(const YAML::Node& r, const std::string& src, const std::string& id);
  ojson mot_components(const YAML::Node& r, const std::string& src, const std::string& id);
  ojson mot_source(const std::string& file) const;
  void resolve_mot_duplicates();
  void merge_same_name(const std::string& name, const std::vector<std::size_t>& idx, const std::string& files,
                       std::set<std::size_t>& drop);
  void rename_after_file(Rec& r, const std::string& name, const std::string& files);
  void merge_duplicate(Rec& primary, Rec& other);

  // EOSAI and linking (eosai.cpp)
  void read_eosai();
  Rec read_eosai_file(const fs::path& f);
  ojson eosai_entry(const YAML::Node& y, const std::string& stem, const std::string& src);
  void eosai_system(ojson& e, const YAML::Node& s, const std::string& src, const std::string& id);
  ojson eosai_parameters(const YAML::Node& y, const std::string& src, const std::string& id);
  void eosai_record(Rec& rec, const ojson& e, const std::string& stem, const std::string& src);
  ojson eosai_source(const std::string& file) const;
  struct Family {
    std::string id;
    std::vector<std::string> keys;
    std::string producer;
    std::vector<Generation> generations;  // of the models EOSAI scored
  };
  void link_and_merge();
  std::vector<Family> merge_eosai_records();
  void link_families(const std::vector<Family>& families);
  void mark_family_scores();
  void merge_eosai_into(Rec& m, Rec& er);
  void compare_eosai(ojson& j, const ojson& e, const std::string& msrc, const std::string& esrc);

  // curated tables (attach.cpp)
  void attach_osi();
  void attach_availability();
  void attach_curated();

  // base models by id (base_models.cpp)
  void link_base_models(std::vector<ojson>& records);

  // output (output.cpp)
  void write_all();
  std::vector<ojson> final_records();
  ojson write_records(const std::vector<ojson>& records);
  ojson report(const ojson& record_counts) const;
  void write_readme(const ojson& c);
  void write_notice();

  Options o_;
  Provenance motp_, eosp_;
  std::map<std::string, std::string> producer_map_;
  std::string licenses_text_;
  CuratedSet curated_set_;
  CuratedCounts curated_counts_;
  std::shared_ptr<const openness::LicenseDb> db_;
  std::vector<Rec> recs_, eosai_recs_;
  std::vector<Quirk> quirks_;
  std::size_t mot_file_count_ = 0, eosai_file_count_ = 0, merged_ = 0, family_links_ = 0, family_scores_withheld_ = 0,
              osi_attached_ = 0, availability_attached_ = 0, license_count_ = 0, base_models_by_id_ = 0,
              base_models_as_text_ = 0;
};

}  // namespace importer
