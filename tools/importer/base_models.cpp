// Base models by id: a record's `base_model` that names another record of the dataset becomes that
// record's id, so that lineage follows it without a look-up; the text as published is kept as a
// `base-model-by-id` quirk of the record.
#include "importer.h"

#include <openness/dataset.h>
#include <openness/resolver.h>

namespace importer {

namespace {

// The record `text` names and how: by its id, or by its name or an alias as the server's resolver
// matches them exactly (Resolver::resolve_exact, which lineage follows too). Null when the dataset
// holds no such record, or it is `self`.
std::pair<const openness::Record*, openness::MatchMethod> named_record(const openness::Dataset& ds,
                                                                       const openness::Record* self,
                                                                       const std::string& text) {
  const openness::Resolution res = ds.resolver().resolve_exact(text);
  const openness::Record* b = res.match();
  if (!b || b == self) return {nullptr, openness::MatchMethod::Id};
  return {b, res.candidates.front().method};
}

}  // namespace

void Importer::link_base_models(std::vector<ojson>& records) {
  std::vector<std::string> names, texts;
  names.reserve(records.size());
  texts.reserve(records.size());
  for (const auto& j : records) {
    names.push_back("models/" + j["id"].get<std::string>() + ".json");
    texts.push_back(j.dump());
  }
  std::vector<openness::TextFile> files;
  for (std::size_t i = 0; i < records.size(); ++i) files.push_back({names[i], texts[i]});
  const auto ds = openness::Dataset::load(licenses_text_, files, {});
  for (auto& j : records) {
    if (!j.contains("base_model")) continue;
    const std::string text = j["base_model"];
    const auto [b, how] = named_record(*ds, ds->find(j["id"].get<std::string>()), text);
    if (!b) {
      ++base_models_as_text_;
      continue;
    }
    ++base_models_by_id_;
    const std::string id(b->id);
    if (id == text) continue;
    j["base_model"] = id;
    j["quirks"].push_back(
        {{"kind", "base-model-by-id"},
         {"detail", "base_model as published is '" + text + "', " +
                        (how == openness::MatchMethod::Alias ? "an alias" : "the name") + " of the record '" + id +
                        "'; base_model holds that id"},
         {"source", j["field_sources"].value("base_model", j["sources"][0]["id"].get<std::string>())}});
  }
}

}  // namespace importer
