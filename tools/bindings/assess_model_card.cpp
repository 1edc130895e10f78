// assess_model_card: what a Hugging Face model card declares (license, datasets, base model,
// papers, code links), mapped to MOF components, and the verdicts that follow. Every value that
// is inferred rather than declared is marked inferred, with its basis.
#include "binding.h"
#include "present.h"

#include <openness/model_card.h>

namespace openness::bindings {
namespace {

Json declared_json(const ModelCard& c) {
  return {{"license", c.license},
          {"license_name", c.license_name},
          {"license_link", c.license_link},
          {"datasets", c.datasets},
          {"base_models", c.base_models},
          {"languages", c.languages},
          {"tags", c.tags},
          {"pipeline_tag", c.pipeline_tag},
          {"library_name", c.library_name},
          {"evaluation_results", c.has_model_index},
          {"arxiv_ids", c.arxiv_ids},
          {"code_links", c.code_links},
          {"dataset_links", c.dataset_links}};
}

Json parts_json(const CardRelease& cr) {
  const Json license = cr.license.empty() ? Json(nullptr) : Json(cr.license);
  Json out = Json::array();
  for (const auto& p : cr.parts)
    out.push_back({{"name", info(p.component).name},
                   {"license", p.license ? (p.license->empty() ? Json(nullptr) : Json(*p.license)) : license},
                   {"inferred", p.inferred},
                   {"basis", p.basis}});
  return out;
}

struct CardIn {
  std::string card;
  std::optional<std::string> name;
  AnswerOptions options;
};
void read(const Json& j, CardIn& in) {
  arg(j, "card", in.card);
  arg(j, "name", in.name);
  in.options = answer_options(j);
}

const ToolRegistrar kRegistrar{{
    "assess_model_card",
    80,
    "Assess a Hugging Face model card",
    "Judges a pasted model card (README.md with front matter): declared license, datasets, base model, code, "
    "papers, mapped to the frameworks. For models not in the dataset.",
    "for a Hugging Face model card",
    {},
    typed<CardIn>([](const Context& ctx) -> TypedHandler<CardIn> {
      return [data = ctx.dataset](const CardIn& in) {
        const Dataset& ds = *data;
        const ModelCard card = parse_model_card(in.card);
        const CardRelease cr = card_release(card, in.name.value_or(""));
        const Release& release = cr.release;
        const std::vector<std::string>& notes = cr.notes;
        const Json components = parts_json(cr);

        const ReleaseVerdicts v = judge_release(release, nullptr, ds.licenses(), in.options.mof_mode);
        Json in_dataset = Json::array();
        auto relate = [&](const std::string& q, const char* relation) {
          Resolution r = ds.resolver().resolve(q, 1);
          if (r.status == ResolveStatus::Found)
            in_dataset.push_back({{"id", r.match()->id}, {"name", r.match()->name}, {"relation", relation}});
        };
        if (in.name) relate(*in.name, "this model");
        for (const auto& b : card.base_models) relate(b, "base model");

        const std::string summary = v.summary(release.name);
        Json verdicts = in.options.full ? v.to_json() : v.summary_json();
        verdicts.erase("eosai");
        Json out = {{"declared", declared_json(card)}, {"components", components}, {"summary", summary},
                    {"verdicts", std::move(verdicts)}, {"notes", notes},           {"in_dataset", in_dataset}};
        std::string text = summary + "\nFrom the card:";
        for (const auto& c : components)
          text += "\n- " + c["name"].get<std::string>() + ": " +
                  (c["license"].is_null() ? std::string("no license stated") : c["license"].get<std::string>()) +
                  (c["inferred"].get<bool>() ? " (inferred: " + c["basis"].get<std::string>() + ")" : "");
        for (const auto& n : notes) text += "\nNote: " + n;
        for (const auto& d : in_dataset)
          text += "\nIn the dataset (" + d["relation"].get<std::string>() + "): " + d["id"].get<std::string>() +
                  "; see lookup_model for its full record.";
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
