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

// A record of the dataset the card names (itself or its base model).
struct InDataset {
  std::string_view id, name;
  const char* relation;
};

// What a card declares, the release that follows from it, and the verdicts on that release.
struct CardOut {
  ModelCard card;
  CardRelease release;
  ReleaseVerdicts verdicts;
  bool full = false;
  std::vector<InDataset> in_dataset;
};

void to_json(Json& j, const CardOut& o) {
  Json verdicts = o.full ? o.verdicts.to_json() : o.verdicts.summary_json();
  verdicts.erase("eosai");
  Json in_dataset = Json::array();
  for (const auto& d : o.in_dataset) in_dataset.push_back({{"id", d.id}, {"name", d.name}, {"relation", d.relation}});
  j = {{"declared", declared_json(o.card)},
       {"components", parts_json(o.release)},
       {"summary", o.verdicts.summary(o.release.release.name)},
       {"verdicts", std::move(verdicts)},
       {"notes", o.release.notes},
       {"in_dataset", std::move(in_dataset)}};
}

std::string text(const CardOut& o) {
  std::string t = o.verdicts.summary(o.release.release.name) + "\nFrom the card:";
  for (const auto& p : o.release.parts) {
    const std::string& license = p.license ? *p.license : o.release.license;
    t += "\n- " + std::string(info(p.component).name) + ": " +
         (license.empty() ? std::string("no license stated") : license) +
         (p.inferred ? " (inferred: " + std::string(p.basis) + ")" : "");
  }
  for (const auto& n : o.release.notes) t += "\nNote: " + n;
  for (const auto& d : o.in_dataset)
    t += "\nIn the dataset (" + std::string(d.relation) + "): " + std::string(d.id) +
         "; see lookup_model for its full record.";
  return t;
}

const ToolRegistrar kRegistrar{{
    "assess_model_card",
    80,
    "Assess a Hugging Face model card",
    "Judges a pasted model card (README.md with front matter): declared license, datasets, base model, code, "
    "papers, mapped to the frameworks. For models not in the dataset.",
    "for a Hugging Face model card",
    {},
    typed<CardIn, CardOut>([](const Context& ctx) -> TypedHandler<CardIn, CardOut> {
      return [data = ctx.dataset](const CardIn& in) -> mcp::ToolOutcome<CardOut> {
        const Dataset& ds = *data;
        CardOut out;
        out.card = parse_model_card(in.card);
        out.release = card_release(out.card, in.name.value_or(""));
        out.verdicts = judge_release(out.release.release, nullptr, ds.licenses(), in.options.mof_mode);
        out.full = in.options.full;
        auto relate = [&](const std::string& q, const char* relation) {
          Resolution r = ds.resolver().resolve(q, 1);
          if (r.status == ResolveStatus::Found) out.in_dataset.push_back({r.match()->id, r.match()->name, relation});
        };
        if (in.name) relate(*in.name, "this model");
        for (const auto& b : out.card.base_models) relate(b, "base model");
        return out;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
