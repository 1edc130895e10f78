// Output: data/models/<id>.json, licenses.json, import-report.json, NOTICE and README.md.
#include "importer.h"

#include <iostream>
#include <sstream>
#include <stdexcept>

namespace importer {

void Importer::write_all() {
  fs::create_directories(o_.out / "models");
  for (const auto& e : fs::directory_iterator(o_.out / "models"))
    if (e.path().extension() == ".json") fs::remove(e.path());
  std::vector<ojson> records = final_records();
  link_base_models(records);
  const ojson r = report(write_records(records));
  write_whole_file(o_.out / "licenses.json", licenses_text_);
  write_whole_file(o_.out / "import-report.json", r.dump(1) + "\n");
  write_notice();
  write_readme(r["counts"]);
  std::cout << r["counts"].dump(1) << "\n" << r["quirks_by_kind"].dump(1) << "\n";
}

// Each record as written: with the quirks of the upstream files it was built from, keys in a
// stable order.
std::vector<ojson> Importer::final_records() {
  std::set<std::string> ids;
  std::vector<ojson> records;
  for (auto& r : recs_) {
    ojson& j = r.j;
    const std::string id = j["id"];
    if (!ids.insert(id).second) throw std::runtime_error("duplicate record id " + id);
    if (!j.contains("disagreements")) j["disagreements"] = ojson::array();
    std::set<std::string> files;
    for (const auto& src : j["sources"]) files.insert(src["id"].get<std::string>());
    ojson q = j.value("quirks", ojson::array());  // the curated layer's (alias corrections)
    for (auto& x : quirks_)
      if (files.count(x.source)) {
        q.push_back({{"kind", x.kind}, {"detail", x.detail}, {"source", x.source}});
        x.record = id;
      }
    j["quirks"] = q;
    ojson out;
    for (const char* k : {"id",           "kind",     "name",           "producer",     "producer_as_published",
                          "release_date", "modality", "size",           "version",      "architecture",
                          "base_model",   "family",   "field_sources",  "aliases",      "links",
                          "mof",          "eosai",    "osi_validation", "availability", "disagreements",
                          "quirks",       "sources"})
      if (j.contains(k)) out[k] = j[k];
    records.push_back(std::move(out));
  }
  return records;
}

// Writes models/<id>.json; returns the counts of the report that the records give.
ojson Importer::write_records(const std::vector<ojson>& records) {
  std::size_t aliases = 0, sources = 0, disagreements = 0, with_mof = 0, with_eosai = 0, families = 0;
  for (const auto& out : records) {
    aliases += out["aliases"].size();
    sources += out["sources"].size();
    disagreements += out["disagreements"].size();
    with_mof += out.contains("mof");
    with_eosai += out.contains("eosai");
    families += out["kind"] == "family";
    write_whole_file(o_.out / "models" / (out["id"].get<std::string>() + ".json"), out.dump(1) + "\n");
  }
  return {{"records_with_mof", with_mof}, {"records_with_eosai", with_eosai},
          {"family_records", families},   {"aliases", aliases},
          {"sources", sources},           {"disagreements", disagreements}};
}

ojson Importer::report(const ojson& rc) const {
  std::map<std::string, std::size_t> qcount;
  for (const auto& q : quirks_) ++qcount[q.kind];
  ojson report;
  report["generated_by"] = "tools/importer (openness-import)";
  report["inputs"] = {{"mot", {{"repository", motp_.repository}, {"commit", motp_.commit}, {"date", motp_.date}}},
                      {"eosai", {{"repository", eosp_.repository}, {"commit", eosp_.commit}, {"date", eosp_.date}}}};
  report["counts"] = {{"mot_files", mot_file_count_},
                      {"eosai_files", eosai_file_count_},
                      {"records", recs_.size()},
                      {"records_with_mof", rc["records_with_mof"]},
                      {"records_with_eosai", rc["records_with_eosai"]},
                      {"family_records", rc["family_records"]},
                      {"eosai_merged_into_mot_records", merged_},
                      {"mot_records_linked_to_a_family", family_links_},
                      {"family_scores_of_another_generation", family_scores_withheld_},
                      {"aliases", rc["aliases"]},
                      {"sources", rc["sources"]},
                      {"disagreements", rc["disagreements"]},
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
                      {"base_models_as_ids", base_models_by_id_},
                      {"base_models_as_published", base_models_as_text_},
                      {"licenses", license_count_},
                      {"quirks", quirks_.size()}};
  report["quirks_by_kind"] = qcount;
  ojson ql = ojson::array();
  for (const auto& q : quirks_)
    ql.push_back({{"kind", q.kind}, {"record", q.record}, {"source", q.source}, {"detail", q.detail}});
  report["quirks"] = ql;
  return report;
}

void Importer::write_readme(const ojson& c) {
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
  write_whole_file(o_.out / "README.md", r.str());
}

void Importer::write_notice() {
  std::string mit = read_whole_file(o_.mot / "LICENSE");
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
  write_whole_file(o_.out / "NOTICE", n.str());
}

}  // namespace importer
