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
        std::vector<std::string> notes = card.warnings;
        if (!card.has_front_matter)
          notes.push_back("the card has no YAML front matter (--- ... ---), so it declares no license or datasets");

        // The card's license: `license`, or for license: other, the license_name it points to.
        std::string license = card.license;
        if ((license == "other" || license.empty()) && !card.license_name.empty()) license = card.license_name;
        const Json license_json = license.empty() ? Json(nullptr) : Json(license);

        Release release;
        release.name = in.name.value_or("");
        if (!license.empty()) release.licenses.distribution = license;
        Json components = Json::array();
        auto add = [&](Component c, std::optional<std::string> lic, bool inferred, std::string basis) {
          release.components.push_back({c, lic, "", ""});
          components.push_back({{"name", info(c).name},
                                {"license", lic ? (lic->empty() ? Json(nullptr) : Json(*lic)) : license_json},
                                {"inferred", inferred},
                                {"basis", std::move(basis)}});
        };
        add(Component::ModelCard, std::nullopt, false,
            "the card itself, published with the model under the card's license");
        add(Component::ModelParametersFinal, std::nullopt, true,
            "a Hugging Face model card accompanies a repository of weights; their license is taken to be the card's");
        if (card.has_model_index)
          add(Component::EvaluationResults, std::nullopt, true,
              "the front matter's model-index declares evaluation results");
        if (!card.datasets.empty())
          add(Component::Datasets, std::string(), true,
              "the front matter names training datasets; they are published under their own licenses, which the card "
              "does not state, so they are not counted as openly licensed");
        if (!card.arxiv_ids.empty())
          add(Component::ResearchPaper, std::string(), true,
              "an arXiv paper is linked (" + card.arxiv_ids.front() + "); its license is not stated in the card");
        if (!card.code_links.empty())
          notes.push_back("code repositories are linked (" + card.code_links.front() +
                          (card.code_links.size() > 1 ? ", ..." : "") +
                          ") but the card does not say whether they hold training or inference code; not counted");
        if (!card.library_name.empty())
          notes.push_back("library_name '" + card.library_name +
                          "' suggests where the architecture code lives; not counted as a released component");
        if (license.empty()) notes.push_back("no license declared: nothing in the card counts as openly licensed");

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
