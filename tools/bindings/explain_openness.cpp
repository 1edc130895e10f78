// explain_openness: plain language. What was released, what is missing, and what that blocks:
// checking what the model learned from, reproducing it, improving the process that made it; and
// the label against the reality.
#include "binding.h"
#include "catalog.h"
#include "hub_answer.h"
#include "present.h"

#include <openness/errors.h>

namespace openness::bindings {
namespace {

std::string_view why_it_matters(Component c) {
  switch (c) {
    case Component::ModelParametersFinal:
      return "Without the weights nobody outside can run, inspect or fine-tune the model; it can only be used as a "
             "service.";
    case Component::ModelArchitecture:
      return "Without the architecture code the weights cannot be loaded or studied faithfully.";
    case Component::Datasets:
      return "Without the training data nobody outside can check what the model learned from (copyrighted, personal or "
             "biased sources), test for contamination, or reproduce it.";
    case Component::DataPreprocessingCode:
      return "Without the data-processing code the filtering and cleaning choices that shaped the model stay invisible "
             "and cannot be repeated or improved.";
    case Component::TrainingCode:
      return "Without the training code the model cannot be reproduced, and the process that made it cannot be studied "
             "or improved; only fine-tuning on top of it remains.";
    case Component::ModelParametersIntermediate:
      return "Without intermediate checkpoints researchers cannot study how capabilities and biases emerged during "
             "training.";
    case Component::InferenceCode: return "Without inference code others must reimplement how the model is run.";
    case Component::EvaluationCode:
      return "Without evaluation code the published benchmark results cannot be re-run or checked.";
    case Component::EvaluationData: return "Without the evaluation data the published results cannot be verified.";
    case Component::EvaluationResults:
      return "Without evaluation results users cannot judge what the model is good or bad at.";
    case Component::ResearchPaper:
    case Component::TechnicalReport:
      return "Without a paper or technical report the design and training choices are undocumented.";
    case Component::ModelCard: return "Without a model card the intended uses, limits and risks are undocumented.";
    case Component::DataCard:
      return "Without a data card the sources, composition and processing of the training data are undocumented.";
    case Component::SupportingLibraries:
      return "Without the supporting libraries and tools (tokenizers, training frameworks) the pipeline cannot be "
             "rebuilt.";
    case Component::SampleModelOutputs:
      return "Sample outputs help others see the model's behaviour before running it.";
    case Component::ModelMetadata:
      return "Without training metadata (configuration, optimizer states) training cannot be resumed or analysed.";
  }
  return "";
}

struct Parts {
  Json released = Json::array(), missing = Json::array(), not_open = Json::array();
};

Parts parts_of(const MofVerdict& m) {
  Parts p;
  for (const auto& c : m.components) {
    const auto& ci = info(c.component);
    const std::string name(ci.name);
    if (!c.listed) {
      if (ci.required) p.missing.push_back({{"component", name}, {"why_it_matters", why_it_matters(c.component)}});
      continue;
    }
    const Json license = c.license_as_given.empty() ? Json(nullptr) : Json(c.license_as_given);
    p.released.push_back({{"component", name}, {"license", license}, {"open", c.open}});
    if (!c.open)
      p.not_open.push_back({{"component", name},
                            {"license", license},
                            {"why_it_matters",
                             "Released, but not under an open license: what others may do with it is limited "
                             "by its terms (or unclear, when no license is given)."}});
  }
  return p;
}

std::string join_components(const Json& list, std::size_t max) {
  std::string s;
  for (std::size_t i = 0; i < list.size() && i < max; ++i)
    s += (i ? ", " : "") + list[i]["component"].get<std::string>();
  if (list.size() > max) s += " and " + std::to_string(list.size() - max) + " more";
  return s;
}

struct ExplainIn {
  std::optional<std::string> name;
  std::optional<Json> release;
  bool detailed = false;  // audience: "detailed"
  MofMode mof_mode = MofMode::Normalized;
};
void read(const Json& j, ExplainIn& in) {
  arg(j, "name", in.name);
  arg(j, "release", in.release);
  std::string audience = "brief";
  arg(j, "audience", audience);
  in.detailed = audience == "detailed";
  in.mof_mode = answer_options(j).mof_mode;
}

const ToolRegistrar kRegistrar{{
    "explain_openness",
    30,
    "Explain a model's openness",
    "Plain words: what a model (or described release) lets people do: check what it learned from, reproduce "
    "it, improve it; and its label against what was released.",
    "to explain in plain words what a model or a described release lets people do",
    {.reads_hub = true},
    typed<ExplainIn>([](const Context& ctx) -> TypedHandler<ExplainIn> {
      return [data = ctx.dataset, hub = ctx.hub](const ExplainIn& in) {
        const Dataset& ds = *data;
        const bool detailed = in.detailed;
        const MofMode mode = in.mof_mode;
        if (in.name.has_value() == in.release.has_value())
          return mcp::ToolResult::error(
              "Give exactly one of: name (a model in the dataset) or release (a description as for "
              "classify_release).");
        Json subject, sources = Json::array(), as_of = nullptr, label_vs_reality = nullptr;
        std::optional<MofVerdict> mof;
        SpectrumVerdict spectrum;
        std::string name, read_as;
        std::optional<HubJudgement> from_hub;
        std::vector<TierGroup> members;  // a family with no verdict of its own: its models
        if (in.name) {
          const Resolution res = ds.resolver().resolve(*in.name);
          HubReading reading = read_hub(ds, hub.get(), res, *in.name, mode);
          if (!reading.error.empty()) return mcp::ToolResult::error(reading.error);
          from_hub = std::move(reading.judgement);
          read_as = std::move(reading.note);
        }
        if (from_hub) {
          // A Hub repository the dataset does not hold: its card, as lookup_model reads it.
          const hub::Model& m = from_hub->model;
          name = m.id;
          read_as = "not in the dataset: " + from_hub->inferred();
          subject = {
              {"kind", "model"}, {"id", m.id}, {"name", m.id}, {"producer", nullptr}, {"source", "hugging-face-hub"}};
          mof = from_hub->verdicts.mof;
          spectrum = from_hub->verdicts.spectrum;
          sources = from_hub->sources();
          as_of = from_hub->as_of();
        } else if (in.name) {
          auto resolved = resolve_model(ds, *in.name);
          if (auto* err = std::get_if<mcp::ToolResult>(&resolved)) return std::move(*err);
          const Resolved& rv = std::get<Resolved>(resolved);
          const Record& r = *rv.record;
          read_as = read_as.empty() ? rv.read_as : rv.read_as.empty() ? read_as : rv.read_as + "; " + read_as;
          const Assessment a = assess(r, ds, mode);
          name = std::string(r.name);
          subject = {{"kind", "model"},
                     {"id", r.id},
                     {"name", r.name},
                     {"producer", r.producer.empty() ? Json(nullptr) : Json(r.producer)}};
          mof = a.mof;
          spectrum = a.spectrum;
          members = family_members(a);
          sources = sources_json(r, a);
          as_of = latest_as_of(r, a);
          // EOSAI lists only models whose makers describe or market them as open (its inclusion rule).
          if (const Record* fam = ds.family_of(r); fam && fam->eosai) {
            label_vs_reality = "Presented as open: the European Open Source AI Index lists the " +
                               std::string(fam->name) +
                               " family, and it includes only models their makers describe or market as open. "
                               "What was released: " +
                               std::string(a.spectrum.label()) + ".";
          }
        } else {
          Release release;
          try {
            release = release_from_json(*in.release);
          } catch (const DataError& e) {
            return mcp::ToolResult::error("The release description is not usable at /release" + e.pointer() + ": " +
                                          e.message());
          }
          const ReleaseVerdicts v = judge_release(release, nullptr, ds.licenses(), mode);
          name = release.name.empty() ? "This release" : release.name;
          subject = {{"kind", "release"}, {"name", name}};
          mof = v.mof;
          spectrum = v.spectrum;
        }
        Parts parts = mof ? parts_of(*mof) : Parts{};
        // An upstream listing too sparse to place the model: its gaps are not evidence of absence.
        const bool unsure = subject["kind"] == "model" && !from_hub && spectrum.tier == Tier::Unknown;
        Json blocks = Json::array();
        for (const auto& c : spectrum.capabilities)
          blocks.push_back({{"what", c.what}, {"answer", c.answer}, {"why", c.why}});

        const std::string label(spectrum.label());
        const bool nothing_known = spectrum.tier == Tier::Unknown && !spectrum.weights_released && !spectrum.varies;
        std::string headline =
            name + ": " + (nothing_known ? std::string("openness unknown from the data") : label) + ".";
        std::string text = (read_as.empty() ? std::string() : "Note: " + read_as + ".\n") + headline;
        if (!label_vs_reality.is_null()) text += " " + label_vs_reality.get<std::string>();
        if (!read_as.empty()) subject["read_as"] = read_as;
        // A family whose models differ has no facts of its own: its models, named below, have them.
        const bool own_facts = mof || !spectrum.varies;
        if (own_facts && !mof && spectrum.basis.empty()) {
          text +=
              " Neither the Model Openness Tool, the European Open Source AI Index nor a statement of the "
              "producer in the data describes what was released.";
        } else if (own_facts && !mof) {
          text += " The Model Openness Tool has no component list for it; the verdict rests on " +
                  std::string(spectrum.basis == "eosai"                  ? "the European Open Source AI Index's grades."
                              : spectrum.basis == "producer statement"   ? "the producer's own statements."
                              : spectrum.basis == "base model's license" ? "the license of the model it derives from."
                                                                         : "what the data says of it.");
          for (const auto& r : spectrum.reasons) text += " " + r + ".";
        } else if (mof) {
          if (!parts.released.empty())
            text += "\nReleased: " + join_components(parts.released, detailed ? 99 : 6) + ".";
          if (!parts.not_open.empty())
            text += "\nReleased but not openly licensed: " + join_components(parts.not_open, detailed ? 99 : 4) + ".";
          if (!parts.missing.empty())
            text += (unsure ? "\nNot listed in MOT's entry (too incomplete to place the model, so whether these were "
                              "released is unknown): "
                            : "\nNot released: ") +
                    join_components(parts.missing, detailed ? 99 : 6) + ".";
        }
        if (!members.empty()) text += " " + name + " names a family; its models: " + members_words(members, 6) + ".";
        text += "\nWhat that means:";
        for (const auto& b : blocks)
          text += "\n- " + b["what"].get<std::string>() + ": " + b["answer"].get<std::string>() + " (" +
                  b["why"].get<std::string>() + ")";
        if (unsure) {
          // What each gap blocks would read as a finding; the data does not show the gaps.
        } else if (detailed) {
          for (const auto& m : parts.missing)
            text += "\n* " + m["component"].get<std::string>() + ": " + m["why_it_matters"].get<std::string>();
        } else {
          // The three gaps that matter most for checking and reproducing a model.
          for (Component c : {Component::Datasets, Component::TrainingCode, Component::ModelParametersFinal}) {
            for (const auto& m : parts.missing)
              if (m["component"] == info(c).name) text += "\n* " + std::string(why_it_matters(c));
          }
        }
        if (!detailed) {
          // The brief answer: component names without the why (the text says it), short sources,
          // and the explanation only in the content (not twice).
          for (Json* list : {&parts.missing, &parts.not_open})
            for (auto& m : *list) m.erase("why_it_matters");
          for (auto& b : blocks) b.erase("why");
          for (auto& s : sources) {
            s.erase("title");
            s.erase("license");
          }
        }
        Json out = {{"subject", subject},
                    {"tier", to_string(spectrum.tier)},
                    {"tier_label", label},
                    {"headline", headline},
                    {"released", parts.released},
                    {"missing", parts.missing},
                    {"not_open", parts.not_open},
                    {"blocks", blocks},
                    {"label_vs_reality", label_vs_reality},
                    {"explanation", detailed ? text : headline},
                    {"sources", sources},
                    {"as_of", as_of}};
        if (!members.empty()) out["members"] = members_json(members);
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
