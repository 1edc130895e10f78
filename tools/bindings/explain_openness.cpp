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

// What a model or a described release lets people do, and what its label says against that.
struct ExplainOut {
  Json subject;  // {kind, name[, id, producer, source]}
  std::string name, read_as;
  std::optional<MofVerdict> mof;
  SpectrumVerdict spectrum;
  std::vector<TierGroup> members;  // a family with no verdict of its own: its models
  Json sources = Json::array(), as_of = nullptr;
  std::optional<std::string> label_vs_reality;
  bool from_hub = false;
  bool detailed = false;  // audience: "detailed"
};

// An upstream listing too sparse to place the model: its gaps are not evidence of absence.
bool unsure(const ExplainOut& o) {
  return o.subject["kind"] == "model" && !o.from_hub && o.spectrum.tier == Tier::Unknown;
}

std::string headline(const ExplainOut& o) {
  const SpectrumVerdict& sp = o.spectrum;
  const bool nothing_known = sp.tier == Tier::Unknown && !sp.weights_released && !sp.varies;
  return o.name + ": " + (nothing_known ? std::string("openness unknown from the data") : std::string(sp.label())) +
         ".";
}

// What the verdict rests on and which components were released, as sentences.
std::string facts_text(const ExplainOut& o, const Parts& parts) {
  const SpectrumVerdict& sp = o.spectrum;
  // A family whose models differ has no facts of its own: its models, named below, have them.
  const bool own_facts = o.mof || !sp.varies;
  std::string t;
  if (own_facts && !o.mof && sp.basis.empty()) {
    t += " Neither the Model Openness Tool, the European Open Source AI Index nor a statement of the "
         "producer in the data describes what was released.";
  } else if (own_facts && !o.mof) {
    t += " The Model Openness Tool has no component list for it; the verdict rests on " +
         std::string(sp.basis == "eosai"                  ? "the European Open Source AI Index's grades."
                     : sp.basis == "producer statement"   ? "the producer's own statements."
                     : sp.basis == "base model's license" ? "the license of the model it derives from."
                                                          : "what the data says of it.");
    for (const auto& r : sp.reasons) t += " " + r + ".";
  } else if (o.mof) {
    if (!parts.released.empty()) t += "\nReleased: " + join_components(parts.released, o.detailed ? 99 : 6) + ".";
    if (!parts.not_open.empty())
      t += "\nReleased but not openly licensed: " + join_components(parts.not_open, o.detailed ? 99 : 4) + ".";
    if (!parts.missing.empty())
      t += (unsure(o) ? "\nNot listed in MOT's entry (too incomplete to place the model, so whether these were "
                        "released is unknown): "
                      : "\nNot released: ") +
           join_components(parts.missing, o.detailed ? 99 : 6) + ".";
  }
  return t;
}

std::string text(const ExplainOut& o) {
  const Parts parts = o.mof ? parts_of(*o.mof) : Parts{};
  std::string t = (o.read_as.empty() ? std::string() : "Note: " + o.read_as + ".\n") + headline(o);
  if (o.label_vs_reality) t += " " + *o.label_vs_reality;
  t += facts_text(o, parts);
  if (!o.members.empty()) t += " " + o.name + " names a family; its models: " + members_words(o.members, 6) + ".";
  t += "\nWhat that means:";
  for (const auto& c : o.spectrum.capabilities)
    t += "\n- " + std::string(c.what) + ": " + std::string(c.answer) + " (" + std::string(c.why) + ")";
  if (unsure(o)) {
    // What each gap blocks would read as a finding; the data does not show the gaps.
  } else if (o.detailed) {
    for (const auto& m : parts.missing)
      t += "\n* " + m["component"].get<std::string>() + ": " + m["why_it_matters"].get<std::string>();
  } else {
    // The three gaps that matter most for checking and reproducing a model.
    for (Component c : {Component::Datasets, Component::TrainingCode, Component::ModelParametersFinal})
      for (const auto& m : parts.missing)
        if (m["component"] == info(c).name) t += "\n* " + std::string(why_it_matters(c));
  }
  return t;
}

void to_json(Json& j, const ExplainOut& o) {
  Parts parts = o.mof ? parts_of(*o.mof) : Parts{};
  Json blocks = Json::array();
  for (const auto& c : o.spectrum.capabilities)
    blocks.push_back({{"what", c.what}, {"answer", c.answer}, {"why", c.why}});
  Json sources = o.sources, subject = o.subject;
  if (!o.read_as.empty()) subject["read_as"] = o.read_as;
  if (!o.detailed) {
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
  j = {{"subject", std::move(subject)},
       {"tier", to_string(o.spectrum.tier)},
       {"tier_label", o.spectrum.label()},
       {"headline", headline(o)},
       {"released", parts.released},
       {"missing", parts.missing},
       {"not_open", parts.not_open},
       {"blocks", std::move(blocks)},
       {"label_vs_reality", o.label_vs_reality ? Json(*o.label_vs_reality) : Json(nullptr)},
       {"explanation", o.detailed ? text(o) : headline(o)},
       {"sources", std::move(sources)},
       {"as_of", o.as_of}};
  if (!o.members.empty()) j["members"] = members_json(o.members);
}

// A Hub repository the dataset does not hold: its card, as lookup_model reads it.
void explain_hub(const HubJudgement& h, ExplainOut& out) {
  const hub::Model& m = h.model;
  out.name = m.id;
  out.read_as = "not in the dataset: " + h.inferred();
  out.subject = {
      {"kind", "model"}, {"id", m.id}, {"name", m.id}, {"producer", nullptr}, {"source", "hugging-face-hub"}};
  out.mof = h.verdicts.mof;
  out.spectrum = h.verdicts.spectrum;
  out.sources = h.sources();
  out.as_of = h.as_of();
  out.from_hub = true;
}

void explain_record(const Record& r, const Dataset& ds, MofMode mode, ExplainOut& out) {
  const Assessment a = assess(r, ds, mode);
  out.name = std::string(r.name);
  out.subject = {{"kind", "model"},
                 {"id", r.id},
                 {"name", r.name},
                 {"producer", r.producer.empty() ? Json(nullptr) : Json(r.producer)}};
  out.mof = a.mof;
  out.spectrum = a.spectrum;
  out.members = family_members(a);
  out.sources = sources_json(r, a);
  out.as_of = latest_as_of(r, a);
  // EOSAI lists only models whose makers describe or market them as open (its inclusion rule).
  if (const Record* fam = ds.family_of(r); fam && fam->eosai)
    out.label_vs_reality = "Presented as open: the European Open Source AI Index lists the " + std::string(fam->name) +
                           " family, and it includes only models their makers describe or market as open. "
                           "What was released: " +
                           std::string(a.spectrum.label()) + ".";
}

std::optional<mcp::ToolError> explain_release(const Json& description, const Dataset& ds, MofMode mode,
                                              ExplainOut& out) {
  Release release;
  try {
    release = release_from_json(description);
  } catch (const DataError& e) {
    return mcp::ToolError{"The release description is not usable at /release" + e.pointer() + ": " + e.message()};
  }
  const ReleaseVerdicts v = judge_release(release, nullptr, ds.licenses(), mode);
  out.name = release.name.empty() ? "This release" : release.name;
  out.subject = {{"kind", "release"}, {"name", out.name}};
  out.mof = v.mof;
  out.spectrum = v.spectrum;
  return std::nullopt;
}

const ToolRegistrar kRegistrar{{
    "explain_openness",
    30,
    "Explain a model's openness",
    "Plain words: what a model (or described release) lets people do: check what it learned from, reproduce "
    "it, improve it; and its label against what was released.",
    "to explain in plain words what a model or a described release lets people do",
    {.reads_hub = true},
    typed<ExplainIn, ExplainOut>([](const Context& ctx) -> TypedHandler<ExplainIn, ExplainOut> {
      return [data = ctx.dataset, hub = ctx.hub](const ExplainIn& in) -> mcp::ToolOutcome<ExplainOut> {
        const Dataset& ds = *data;
        if (in.name.has_value() == in.release.has_value())
          return mcp::ToolError{
              "Give exactly one of: name (a model in the dataset) or release (a description as for "
              "classify_release)."};
        ExplainOut out;
        out.detailed = in.detailed;
        if (!in.name) {
          if (auto err = explain_release(*in.release, ds, in.mof_mode, out)) return std::move(*err);
          return out;
        }
        const Resolution res = ds.resolver().resolve(*in.name);
        HubReading reading = read_hub(ds, hub.get(), res, *in.name, in.mof_mode);
        if (!reading.error.empty()) return mcp::ToolError{reading.error};
        if (reading.judgement) {
          explain_hub(*reading.judgement, out);
          return out;
        }
        auto resolved = resolve_model(res, *in.name);
        if (auto* err = std::get_if<mcp::ToolError>(&resolved)) return std::move(*err);
        const Resolved& rv = std::get<Resolved>(resolved);
        explain_record(*rv.record, ds, in.mof_mode, out);
        out.read_as = rv.read_as.empty()     ? reading.note
                      : reading.note.empty() ? rv.read_as
                                             : rv.read_as + "; " + reading.note;
        return out;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
