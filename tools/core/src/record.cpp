#include <openness/record.h>

#include <nlohmann/json.hpp>

namespace openness {

std::string_view to_string(RecordKind k) { return k == RecordKind::Model ? "model" : "family"; }

std::string_view to_string(Stated s) {
  switch (s) {
    case Stated::Released: return "released";
    case Stated::NotReleased: return "not-released";
    case Stated::Described: return "described";
    case Stated::Unstated: break;
  }
  return "";
}

std::string_view stated_words(Stated s) {
  switch (s) {
    case Stated::Released: return "released";
    case Stated::NotReleased: return "not released";
    case Stated::Described: return "described, not released";
    case Stated::Unstated: break;
  }
  return "not stated";
}

std::string_view to_string(Grade g) {
  switch (g) {
    case Grade::None: return "none";
    case Grade::Closed: return "closed";
    case Grade::Partial: return "partial";
    case Grade::Open: return "open";
  }
  return "?";
}

namespace {
// reference/eosai/_parameters.yml (12 parameters since 2026-03-13).
constexpr EosaiParamInfo kEosai[kEosaiParamCount] = {
    {EosaiParam::DatasourcesBasemodel, "datasources_basemodel", "Base Model Data", "Availability"},
    {EosaiParam::DatasourcesEndmodel, "datasources_endmodel", "End User Model Data", "Availability"},
    {EosaiParam::WeightsBasemodel, "weights_basemodel", "Base Model Weights", "Availability"},
    {EosaiParam::WeightsEndmodel, "weights_endmodel", "End User Model Weights", "Availability"},
    {EosaiParam::Trainingcode, "trainingcode", "Training Code", "Availability"},
    {EosaiParam::Code, "code", "Code Documentation", "Documentation"},
    {EosaiParam::HardwareArchitecture, "hardware_architecture", "Hardware Architecture", "Documentation"},
    {EosaiParam::Preprint, "preprint", "Preprint", "Documentation"},
    {EosaiParam::Paper, "paper", "Paper", "Documentation"},
    {EosaiParam::Modelcard, "modelcard", "Modelcard", "Documentation"},
    {EosaiParam::Datasheet, "datasheet", "Datasheet", "Documentation"},
    {EosaiParam::Licenses, "licenses", "Licenses", "Access"},
};
}  // namespace

std::span<const EosaiParamInfo> eosai_param_table() { return kEosai; }

std::optional<EosaiParam> eosai_param_from_key(std::string_view key) {
  for (const auto& p : kEosai)
    if (p.key == key) return p.id;
  return std::nullopt;
}

std::string_view Availability::source_of(std::string_view fact) const {
  std::string_view s;
  if (fact == "weights")
    s = weights_source;
  else if (fact == "license")
    s = license_source;
  else if (fact == "training_code")
    s = code_source;
  else if (fact == "training_data")
    s = data_source;
  return s.empty() ? source : s;
}

const Source* Record::source(std::string_view ref) const {
  if (auto h = ref.find('#'); h != std::string_view::npos) ref = ref.substr(0, h);
  for (const auto& s : sources)
    if (s.id == ref) return &s;
  return nullptr;
}

std::string_view Record::field_source(std::string_view field) const {
  for (const auto& f : field_sources)
    if (f.field == field) return f.source;
  return {};
}

Release Record::release() const {
  Release r;
  r.name = std::string(name);
  if (!mof) return r;
  auto put = [](const std::optional<LicenseRef>& g, std::optional<std::string>& name,
                std::optional<std::string>& path) {
    if (!g) return;
    name = std::string(g->name);
    if (!g->path.empty()) path = std::string(g->path);
  };
  put(mof->distribution, r.licenses.distribution, r.licenses.distribution_path);
  put(mof->code, r.licenses.code, r.licenses.code_path);
  put(mof->data, r.licenses.data, r.licenses.data_path);
  put(mof->document, r.licenses.document, r.licenses.document_path);
  for (const auto& c : mof->components) {
    ReleaseComponent rc{c.id, std::nullopt, std::string(c.license_path), std::string(c.component_path)};
    if (c.has_license) rc.license = std::string(c.license);
    r.components.push_back(std::move(rc));
  }
  return r;
}

nlohmann::json to_json(const Source& s) {
  nlohmann::json j{{"id", s.id}, {"title", s.title}, {"url", s.url}, {"as_of", s.as_of}};
  if (!s.repository.empty()) j["repository"] = s.repository;
  if (!s.path.empty()) j["path"] = s.path;
  if (!s.commit.empty()) j["commit"] = s.commit;
  if (!s.license.empty()) j["license"] = s.license;
  return j;
}

namespace {

std::vector<std::string_view> strings(std::span<const std::string_view> v) { return {v.begin(), v.end()}; }

nlohmann::json mof_json(const MofData& d) {
  using nlohmann::json;
  json m{{"source", d.source}};
  if (!d.framework_version.empty()) m["framework_version"] = d.framework_version;
  json g = json::object();
  auto put = [&](const char* k, const std::optional<LicenseRef>& l) {
    if (!l) return;
    json x{{"name", l->name}};
    if (!l->path.empty()) x["path"] = l->path;
    g[k] = x;
  };
  put("distribution", d.distribution);
  put("code", d.code);
  put("data", d.data);
  put("document", d.document);
  m["licenses"] = g;
  json cs = json::array();
  for (const auto& c : d.components) {
    json x{{"name", info(c.id).name}};
    if (c.has_license) x["license"] = c.license;
    if (!c.license_path.empty()) x["license_path"] = c.license_path;
    if (!c.component_path.empty()) x["component_path"] = c.component_path;
    if (!c.description.empty()) x["description"] = c.description;
    cs.push_back(x);
  }
  m["components"] = cs;
  return m;
}

nlohmann::json eosai_json(const EosaiData& e) {
  using nlohmann::json;
  json x{{"source", e.source}};
  auto o = [&](const char* k, std::string_view v) {
    if (!v.empty()) x[k] = v;
  };
  o("file", e.file);
  o("system_name", e.system_name);
  o("link", e.link);
  o("type", e.type);
  o("performance_class", e.performance_class);
  o("base_model", e.base_model);
  o("end_model", e.end_model);
  o("end_model_license", e.end_model_license);
  o("release_date", e.release_date);
  o("notes", e.notes);
  json org{{"name", e.org_name}};
  if (!e.org_link.empty()) org["link"] = e.org_link;
  if (!e.org_notes.empty()) org["notes"] = e.org_notes;
  x["org"] = org;
  json ps = json::object();
  for (const auto& pi : eosai_param_table()) {
    const auto& p = e.parameters[static_cast<std::size_t>(pi.id)];
    json pj;
    pj["grade"] = p.grade == Grade::None ? json(nullptr) : json(to_string(p.grade));
    pj["links"] = strings(p.links);
    if (!p.notes.empty()) pj["notes"] = p.notes;
    ps[std::string(pi.key)] = pj;
  }
  x["parameters"] = ps;
  return x;
}

nlohmann::json availability_json(const Availability& a) {
  using nlohmann::json;
  json x{{"weights", a.released ? "released" : "not-released"}, {"note", a.note}, {"source", a.source}};
  if (!a.license.empty()) x["license"] = a.license;
  if (a.training_code != Stated::Unstated) x["training_code"] = to_string(a.training_code);
  if (a.training_data != Stated::Unstated) x["training_data"] = to_string(a.training_data);
  json fs = json::object();
  if (!a.weights_source.empty()) fs["weights"] = a.weights_source;
  if (!a.license_source.empty()) fs["license"] = a.license_source;
  if (!a.code_source.empty()) fs["training_code"] = a.code_source;
  if (!a.data_source.empty()) fs["training_data"] = a.data_source;
  if (!fs.empty()) x["fact_sources"] = fs;
  json from = json::array();
  if (a.license_from_family) from.push_back("license");
  if (a.code_from_family) from.push_back("training_code");
  if (a.data_from_family) from.push_back("training_data");
  if (!from.empty()) x["from_family"] = from;
  return x;
}

}  // namespace

nlohmann::json to_json(const Record& r) {
  using nlohmann::json;
  json j;
  j["id"] = r.id;
  j["kind"] = to_string(r.kind);
  j["name"] = r.name;
  auto opt = [&](const char* k, std::string_view v) {
    if (!v.empty()) j[k] = v;
  };
  opt("producer", r.producer);
  if (!r.producer_as_published.empty()) j["producer_as_published"] = strings(r.producer_as_published);
  opt("release_date", r.release_date);
  if (!r.modality.empty()) j["modality"] = strings(r.modality);
  opt("size", r.size);
  opt("version", r.version);
  opt("architecture", r.architecture);
  opt("base_model", r.base_model);
  if (!r.family_id.empty()) {
    j["family"] = {{"id", r.family_id}};
    if (!r.family_method.empty()) j["family"]["method"] = r.family_method;
    if (!r.family_eosai_applies) j["family"]["eosai_score"] = "another-generation";
  }
  json fs = json::object();
  for (const auto& f : r.field_sources) fs[std::string(f.field)] = f.source;
  j["field_sources"] = fs;
  json al = json::array();
  for (const auto& a : r.aliases) al.push_back({{"value", a.value}, {"kind", a.kind}, {"source", a.source}});
  j["aliases"] = al;
  json li = json::array();
  for (const auto& l : r.links) li.push_back({{"kind", l.kind}, {"url", l.url}, {"source", l.source}});
  j["links"] = li;
  if (r.mof) j["mof"] = mof_json(*r.mof);
  if (r.eosai) j["eosai"] = eosai_json(*r.eosai);
  if (r.osi_validation) {
    const auto& v = *r.osi_validation;
    json x{{"system", v.system}, {"outcome", v.outcome}, {"source", v.source}};
    if (!v.producer.empty()) x["producer"] = v.producer;
    if (!v.note.empty()) x["note"] = v.note;
    j["osi_validation"] = x;
  }
  if (r.availability) j["availability"] = availability_json(*r.availability);
  json ds = json::array();
  for (const auto& d : r.disagreements) {
    json vals = json::array();
    for (const auto& v : d.values) vals.push_back({{"value", v.value}, {"source", v.source}});
    json x{{"field", d.field}, {"values", vals}};
    if (!d.note.empty()) x["note"] = d.note;
    ds.push_back(x);
  }
  j["disagreements"] = ds;
  json qs = json::array();
  for (const auto& q : r.quirks) qs.push_back({{"kind", q.kind}, {"detail", q.detail}, {"source", q.source}});
  j["quirks"] = qs;
  json ss = json::array();
  for (const auto& s : r.sources) ss.push_back(to_json(s));
  j["sources"] = ss;
  return j;
}

}  // namespace openness
