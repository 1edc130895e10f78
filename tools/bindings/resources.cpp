// Resources: the dataset (openness://dataset), what each framework measures
// (openness://frameworks/{mof,eosai,osaid,spectrum}), and templates for one model's record
// (openness://models/{id}), its scorecard for people (openness://models/{id}/card in Markdown,
// card.svg and badge.svg as pictures) and a license (openness://licenses/{id}), with completion of
// {id}; and the MCP App that renders lookup_model's and compare_models' results
// (ui://openness/scorecard).
#include "binding.h"
#include "present.h"
#include "scorecard.h"

#include <embedded/openness_docs.h>
#include <openness/version.h>

#include <algorithm>
#include <cctype>

namespace openness::bindings {

namespace {

std::string doc(std::string_view path) {
  const auto* f = embedded::openness_docs::find(path);
  return f ? std::string(f->data) : std::string();
}

std::string spectrum_markdown() {
  std::string table =
      "| tier | what was released | run it | fine-tune it | verify what it learned from | reproduce it | retrain or "
      "improve it |\n|---|---|---|---|---|---|---|\n";
  for (Tier t : {Tier::Closed, Tier::RestrictedWeights, Tier::OpenWeights, Tier::OpenSource, Tier::FullyOpen}) {
    table += "| " + std::string(to_string(t)) + " | " + std::string(tier_label(t)) + " |";
    for (const auto& c : capabilities_of(t)) table += " " + std::string(c.answer) + " (" + std::string(c.why) + ") |";
    table += "\n";
  }
  std::string md = doc("frameworks/spectrum.md");
  if (auto p = md.find("{{TABLE}}"); p != std::string::npos) md.replace(p, 9, table);
  return md;
}

mcp::Json dataset_json(const Dataset& ds) {
  std::size_t models = 0, families = 0, aliases = 0;
  std::string as_of;
  for (const Record& r : ds) {
    (r.kind == RecordKind::Family ? families : models)++;
    aliases += r.aliases.size();
    for (const auto& s : r.sources) as_of = std::max(as_of, std::string(s.as_of));
  }
  Json report = Json::parse(doc("import-report.json"), nullptr, false);
  Json out = {{"server_version", openness::version()},
              {"records", ds.size()},
              {"models", models},
              {"families", families},
              {"aliases", aliases},
              {"licenses", ds.licenses().all().size()},
              {"as_of", as_of},
              {"user_overrides", std::vector<std::string>(ds.overridden().begin(), ds.overridden().end())},
              {"upstream", report.is_object() ? report.value("inputs", Json::object()) : Json::object()},
              {"import_counts", report.is_object() ? report.value("counts", Json::object()) : Json::object()},
              {"attribution", doc("NOTICE")}};
  return out;
}

// Template ids are plain: [A-Za-z0-9._+-]; anything else (such as "..", "/" or "%2F") names nothing.
bool plain_id(const std::string& id) {
  if (id.empty() || id.size() > 200 || id == "." || id == "..") return false;
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '+' || c == '-'; });
}

// openness://models/{id}<suffix>: the record `id` names, drawn by `draw`; completion of {id}.
mcp::ResourceTemplate record_template(const std::shared_ptr<const Dataset>& data, const std::string& suffix,
                                      std::string name, std::string title, std::string description,
                                      const std::string& mime,
                                      std::function<std::string(const Record&, const Dataset&)> draw) {
  mcp::ResourceTemplate t;
  t.uri_template = "openness://models/{id}" + suffix;
  t.name = std::move(name);
  t.title = std::move(title);
  t.description = std::move(description);
  t.mime_type = mime;
  t.read = [data, mime, draw = std::move(draw)](const std::string& uri, const std::map<std::string, std::string>& v,
                                                mcp::RequestContext&) -> mcp::Result<Json> {
    const std::string& id = v.at("id");
    const Record* r = plain_id(id) ? data->find(id) : nullptr;
    if (!r) return mcp::Error::resource_not_found(uri);
    return Json::array({mcp::text_resource_contents(uri, mime, draw(*r, *data))});
  };
  t.completers["id"] = [data](std::string_view typed, const Json&) { return complete_model_id(*data, typed); };
  return t;
}

mcp::Status add_resources(mcp::Server& server, const Context& ctx) {
  auto data = ctx.dataset;
  auto static_md = [](std::string uri, std::string name, std::string title, std::string desc,
                      std::function<std::string()> body) {
    return mcp::Resource{std::move(uri),
                         std::move(name),
                         std::move(title),
                         std::move(desc),
                         "text/markdown",
                         std::nullopt,
                         [body = std::move(body)](const std::string& u, mcp::RequestContext&) -> mcp::Result<Json> {
                           return Json::array({mcp::text_resource_contents(u, "text/markdown", body())});
                         }};
  };
  if (auto s = server.add_resource(
          {"openness://dataset", "dataset", "The bundled dataset",
           "Dataset version, counts, as-of date, upstream sources (Model Openness Tool, European Open "
           "Source AI Index) and their attribution",
           "application/json", std::nullopt,
           [data](const std::string& uri, mcp::RequestContext&) -> mcp::Result<Json> {
             return Json::array({mcp::text_resource_contents(uri, "application/json", dataset_json(*data).dump(2))});
           }});
      !s)
    return s;
  for (const auto& [key, title] :
       std::vector<std::pair<std::string, std::string>>{{"mof", "Model Openness Framework (MOF)"},
                                                        {"eosai", "European Open Source AI Index (EOSAI)"},
                                                        {"osaid", "OSI Open Source AI Definition 1.0"},
                                                        {"spectrum", "The openness spectrum"}}) {
    std::function<std::string()> body =
        key == "spectrum" ? std::function<std::string()>(spectrum_markdown)
                          : std::function<std::string()>([k = key] { return doc("frameworks/" + k + ".md"); });
    if (auto s = server.add_resource(static_md("openness://frameworks/" + key, "framework-" + key, title,
                                               "What the " + title + " measures and how this server applies it", body));
        !s)
      return s;
  }

  std::vector<mcp::ResourceTemplate> templates = {
      record_template(data, "", "model", "Model record",
                      "One model's record as JSON (schemas/model.schema.json) with every framework's verdict",
                      "application/json",
                      [](const Record& r, const Dataset& ds) {
                        Json j = {{"record", to_json(r)}, {"assessment", assess(r, ds, MofMode::Normalized).to_json()}};
                        return j.dump(2);
                      }),
      record_template(data, "/card", "model-card", "Model openness scorecard",
                      "One model's openness scorecard in Markdown, for people", "text/markdown", card_markdown),
      record_template(data, "/card.svg", "model-card-svg", "Model openness scorecard (SVG)",
                      "One model's openness scorecard as a 600 px SVG picture", "image/svg+xml",
                      [](const Record& r, const Dataset& ds) { return card_svg(scorecard(r, ds)); }),
      record_template(data, "/badge.svg", "model-badge-svg", "Model openness badge (SVG)",
                      "A one-line SVG badge of a model's openness tier, for a README", "image/svg+xml",
                      [](const Record& r, const Dataset& ds) { return badge_svg(scorecard(r, ds)); }),
  };

  mcp::ResourceTemplate license;
  license.uri_template = "openness://licenses/{id}";
  license.name = "license";
  license.title = "License";
  license.description = "A license by id (SPDX or model license): OSI / FSF / open-data status, restrictions, URL";
  license.mime_type = "application/json";
  license.read = [data](const std::string& uri, const std::map<std::string, std::string>& v,
                        mcp::RequestContext&) -> mcp::Result<Json> {
    const std::string& id = v.at("id");
    const License* l = plain_id(id) ? data->licenses().find(id) : nullptr;
    if (!l) return mcp::Error::resource_not_found(uri);
    return Json::array({mcp::text_resource_contents(uri, "application/json", to_json(*l).dump(2))});
  };
  license.completers["id"] = [data](std::string_view typed, const Json&) {
    std::vector<std::string> out;
    const std::string t = lower(typed);
    for (const auto& l : data->licenses().all())
      if (lower(l.id).rfind(t, 0) == 0) out.emplace_back(l.id);
    return out;
  };
  templates.push_back(std::move(license));
  for (auto& t : templates)
    if (auto s = server.add_resource_template(std::move(t)); !s) return s;
  return mcp::ok_status();
}

// The MCP App: one inline HTML page (app/scorecard.html) that hosts with the extension render
// lookup_model's and compare_models' answers in (their UiRegistrar).
mcp::Status add_app(mcp::Server& server, const Context&) {
  return server.add_resource(
      {std::string(kScorecardApp), "scorecard-app", "Openness scorecard (MCP App)",
       "Renders lookup_model's and compare_models' results as a scorecard and a comparison grid",
       std::string(kAppMimeType), std::nullopt, [](const std::string& uri, mcp::RequestContext&) -> mcp::Result<Json> {
         return Json::array({mcp::text_resource_contents(uri, std::string(kAppMimeType), doc("app/scorecard.html"))});
       }});
}

const ResourceRegistrar kRegistrar{10, add_resources};
const ResourceRegistrar kAppRegistrar{20, add_app};

}  // namespace

Scorecard scorecard(const Record& r, const Dataset& ds) {
  return make_scorecard(r, assess(r, ds, MofMode::Normalized), ds);
}

std::string card_markdown(const Record& r, const Dataset& ds) {
  const Assessment a = assess(r, ds, MofMode::Normalized);
  std::string md = "# " + std::string(r.name) + "\n\n";
  md += "**" + std::string(a.spectrum.label()) + "**";
  if (!r.producer.empty()) md += " · " + std::string(r.producer);
  if (!r.release_date.empty()) md += " · released " + std::string(r.release_date);
  md += "\n\n" + verdict_line(r, a) + "\n\n## What users can do\n\n| | | why |\n|---|---|---|\n";
  for (const auto& c : a.spectrum.capabilities)
    md += "| " + std::string(c.what) + " | " + std::string(c.answer) + " | " + std::string(c.why) + " |\n";
  if (a.mof) {
    md += "\n## Components (Model Openness Framework, " + std::string(a.mof->label()) +
          ")\n\n| component | class | released | license |\n|---|---|---|---|\n";
    for (const auto& c : a.mof->components) {
      const auto& ci = info(c.component);
      md += "| " + std::string(ci.name) + " | " +
            std::string(ci.mof_class == 3   ? "III"
                        : ci.mof_class == 2 ? "II"
                                            : "I") +
            (ci.required ? "" : " (optional)") + " | " + (c.listed ? "yes" : "no") + " | " +
            (c.listed ? (c.license_as_given.empty() ? std::string("none")
                                                    : c.license_as_given + (c.open ? " (open)" : " (not open)"))
                      : "") +
            " |\n";
    }
  }
  if (a.eosai) {
    md += "\n## European Open Source AI Index: " + percent(a.eosai->score, true) + " (scored on " +
          a.eosai->scored_model + ")\n\n| parameter | grade |\n|---|---|\n";
    for (const auto& p : a.eosai->params)
      md += "| " + std::string(eosai_param_table()[static_cast<std::size_t>(p.param)].name) + " | " +
            std::string(p.grade == Grade::None ? "ungraded" : to_string(p.grade)) + " |\n";
  }
  md += "\n## OSI Open Source AI Definition 1.0\n\n" +
        std::string(a.osaid.outcome == OsaidOutcome::Meets ? "Meets the checklist." : "Does not meet the checklist.") +
        "\n";
  for (const auto& e : a.osaid.elements) md += "- " + e.name + ": " + (e.met ? "met" : "not met") + "\n";
  if (a.osaid.osi_validation) md += "- OSI's own validation: " + std::string(a.osaid.osi_validation->outcome) + "\n";
  md += "\n## Sources\n\n";
  for (const auto& s : sources_json(r, a))
    md += "- [" + s.value("title", s["id"].get<std::string>()) + "](" + s["url"].get<std::string>() + "), as of " +
          s["as_of"].get<std::string>() + "\n";
  return md;
}

std::vector<std::string> complete_model_id(const Dataset& ds, std::string_view typed) {
  const std::string t = lower(typed);
  std::vector<std::string> prefix, inner;
  for (const Record& r : ds) {
    const std::string id(r.id), name = lower(r.name);
    if (id.rfind(t, 0) == 0 || name.rfind(t, 0) == 0)
      prefix.push_back(id);
    else if (!t.empty() && (id.find(t) != std::string::npos || name.find(t) != std::string::npos))
      inner.push_back(id);
  }
  std::sort(prefix.begin(), prefix.end());
  std::sort(inner.begin(), inner.end());
  prefix.insert(prefix.end(), inner.begin(), inner.end());
  if (prefix.empty() && !t.empty()) {
    for (const auto& c : ds.resolver().resolve(std::string(typed)).candidates) prefix.emplace_back(c.record->id);
  }
  return prefix;
}

}  // namespace openness::bindings
