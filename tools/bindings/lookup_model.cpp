// lookup_model: one model, resolved from whatever name the user typed, with its component matrix,
// licenses, the verdict of every framework, disagreements between sources, sources and as-of dates.
#include "binding.h"
#include "catalog.h"
#include "hub_answer.h"
#include "present.h"
#include "scorecard.h"
#include "summary.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace openness::bindings {
namespace {

Json disagreements_json(const Record& r) {
  Json out = Json::array();
  for (const auto& d : r.disagreements) {
    Json values = Json::array();
    for (const auto& v : d.values) values.push_back({{"value", v.value}, {"source", v.source}});
    out.push_back({{"field", d.field}, {"note", d.note}, {"values", std::move(values)}});
  }
  return out;
}

std::string render(const Record& r, const Assessment& a, const Json& licenses, const std::string& as_of) {
  std::string s = verdict_line(r, a);
  s += "\nSpectrum: " + std::string(a.spectrum.label());
  for (const auto& why : a.spectrum.reasons) s += "\n  - " + why;
  if (a.mof) {
    s += "\nMOF (" + std::string(to_string(a.mof->mode)) + " licenses): " + std::string(a.mof->label()) +
         "; progress Class III " + percent(a.mof->progress[3], false) + ", II " + percent(a.mof->progress[2], false) +
         ", I " + percent(a.mof->progress[1], false) + components_text(a);
  } else {
    s += "\nMOF: the Model Openness Tool has no entry for this model.";
  }
  s += "\nOSAID 1.0: " + std::string(a.osaid.outcome == OsaidOutcome::Meets ? "meets" : "does not meet");
  for (const auto& e : a.osaid.elements) s += "\n  - " + e.name + (e.met ? ": met" : ": not met");
  if (a.eosai) s += "\nEOSAI: " + percent(a.eosai->score, true) + " (scored on " + a.eosai->scored_model + ")";
  if (!licenses.empty()) {
    s += "\nLicenses:";
    for (const auto& l : licenses) {
      s += "\n  - " + l["as_given"].get<std::string>();
      if (!l["id"].is_null() && l["id"] != l["as_given"]) s += " = " + l["id"].get<std::string>();
      s += l.value("open", false) ? " (open)" : " (not open)";
      if (l["applies_to"].size() == 1 && l["applies_to"][0].get<std::string>().rfind("EOSAI", 0) == 0)
        s += ", per " + l["applies_to"][0].get<std::string>();
      const auto n = l.value("restrictions", Json::array()).size();
      if (n) s += ", " + std::to_string(n) + " restriction(s) recorded";
    }
  }
  s += "\nAs of " + as_of + "; sources listed in the structured result.";
  return s;
}

// "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF": a repository of an organisation that is not the
// record's own (none of its Hugging Face ids) is a re-upload; the answer is the original's.
std::string reupload_note(std::string_view query, const Record& r) {
  if (Resolver::own_organisation(query, r).value_or(true)) return {};
  return "'" + Resolver::organisation(query) + "' is not " + std::string(r.name) +
         "'s own organisation on Hugging Face: a re-upload or quantisation has the openness of the original, "
         "answered here";
}

// A name several records answer to whose verdicts differ ("SmolLM2": base models fully open,
// instruct models open weights), or one the resolver is unsure of: what each candidate is, so the
// answer is not a bare list of ids. Candidates of one tier differ in their weights' terms (or the
// data cannot tell any of them): each line says which terms.
mcp::ToolResult differing_verdicts(const Resolution& res, const Dataset& ds, MofMode mode, const std::string& name,
                                   const std::string& hub_failed) {
  std::vector<const Record*> records;
  records.reserve(res.candidates.size());
  for (const auto& c : res.candidates) records.push_back(c.record);
  const std::vector<TierGroup> groups = by_tier(records, ds, mode);
  const bool one_tier = groups.size() == 1;
  Json candidates = candidates_json(res);
  std::vector<Tier> tiers(records.size(), Tier::Unknown);
  for (const auto& g : groups)
    for (const Record* r : g.records)
      tiers[static_cast<std::size_t>(std::find(records.begin(), records.end(), r) - records.begin())] = g.tier;
  std::string list;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Record& r = *records[i];
    candidates[i]["tier"] = to_string(tiers[i]);
    const std::string terms = one_tier ? weights_terms(r, ds.licenses(), mode) : std::string();
    list += "\n- " + std::string(r.id) + " (" + std::string(r.name) +
            (r.producer.empty() ? "" : ", " + std::string(r.producer)) + "): " + short_tier_label(tiers[i]) +
            (terms.empty() ? "" : ", weights " + terms);
  }
  std::string head = "'" + name + "' ";
  if (records.size() == 1)
    head += "names no record exactly; the nearest is";
  else if (!one_tier)
    head += "matches " + std::to_string(records.size()) +
            " models with different verdicts: " + members_words(groups, 0) +
            ". For one model's full answer, call lookup_model again with its id";
  else if (groups.front().tier == Tier::Unknown)
    head += "matches " + std::to_string(records.size()) +
            " models, and the data cannot tell the openness of any of them. Their ids";
  else
    head += "matches " + std::to_string(records.size()) + " models, all " + short_tier_label(groups.front().tier) +
            ", whose weights' terms differ. For one model's full answer, call lookup_model again with its id";
  Json out = {{"status", "ambiguous"}, {"query", name}, {"candidates", std::move(candidates)}};
  if (!hub_failed.empty()) out["hub"] = {{"read", false}, {"message", hub_failed}};
  return mcp::ToolResult::structured_result(
      out, (hub_failed.empty() ? std::string() : "Note: " + hub_failed + ".\n") + head + ":" + list);
}

struct LookupIn {
  std::string name;
  AnswerOptions options;
};
void read(const Json& j, LookupIn& in) {
  arg(j, "name", in.name);
  in.options = answer_options(j);
}

const ToolRegistrar kRegistrar{{
    "lookup_model",
    10,
    "Look up a model's openness",
    "Is this model actually open? One call, the name as typed (Hugging Face id, Ollama tag, marketing name, "
    "typo): tier (closed to fully open), MOF class, OSAID, EOSAI score, what was released under which license, "
    "sources.",
    "for one model (it resolves Hugging Face ids, Ollama tags, marketing names and typos)",
    {.reads_hub = true},
    typed<LookupIn>([](const Context& ctx) -> TypedHandler<LookupIn> {
      return [data = ctx.dataset, hub = ctx.hub, answers = ctx.answers](const LookupIn& in) {
        const Dataset& ds = *data;
        const std::string& name = in.name;
        const bool full = in.options.full;
        const MofMode mode = in.options.mof_mode;
        const Resolution res = ds.resolver().resolve(name);
        std::string hub_failed;
        if (hub_should_answer(hub.get(), res, name)) {
          // Where the dataset has something to say (a guess, candidates), a failed lookup falls back to it.
          const bool fallback =
              res.status == ResolveStatus::Found || (res.status == ResolveStatus::Ambiguous && !res.near_spellings);
          if (auto h = hub_answer(ds, hub.get(), name, in.options, fallback ? &hub_failed : nullptr))
            return std::move(*h);
        }
        std::optional<Assessment> picked;
        std::string shared_note;
        if (res.status == ResolveStatus::Ambiguous && !res.near_spellings) {
          std::string others;
          picked = shared_verdict(res, ds, mode, others);
          if (picked)
            shared_note = "the name matches several records that share this verdict; this answer is for " +
                          std::string(picked->record->id) + ", the others are: " + others;
          if (!picked) return differing_verdicts(res, ds, mode, name, hub_failed);
        }
        Resolved rv;
        Json match;
        if (picked) {
          rv.record = picked->record;
          match = {{"method", "shared-verdict"}, {"confidence", 0.7}, {"note", shared_note}};
        } else {
          auto resolved = resolve_model(res, name);
          if (auto* err = std::get_if<mcp::ToolError>(&resolved)) return mcp::ToolResult::error(std::move(err->text));
          rv = std::get<Resolved>(resolved);
          const Candidate& c = res.candidates.front();
          match = {{"method", to_string(c.method)},
                   {"confidence", std::round(c.confidence * 100) / 100},
                   {"matched", c.matched}};
          if (!c.note.empty()) match["note"] = c.note;
        }
        const Record& r = *rv.record;
        for (const std::string& re : {reupload_note(name, r), hub_failed}) {
          if (re.empty()) continue;
          match["note"] = match.contains("note") ? match["note"].get<std::string>() + "; " + re : re;
          rv.read_as = rv.read_as.empty() ? re : rv.read_as + "; " + re;
        }
        std::string notes;
        if (picked) notes += "Note: " + shared_note + ".\n";
        if (!rv.read_as.empty()) notes += "Note: " + rv.read_as + ".\n";
        if (!full && mode == MofMode::Normalized && answers && !in.options.picture)
          if (const auto pre = answers->find(r.id))
            return mcp::ToolResult::precomputed(R"({"match":)" + mcp::jsonrpc::serialize(match) + R"(,"query":)" +
                                                    mcp::jsonrpc::serialize(Json(name)) + R"(,"status":"found",)" +
                                                    std::string(pre->members) + "}",
                                                json_escaped(notes) + std::string(pre->text));
        const Assessment a = picked ? std::move(*picked) : assess(r, ds, mode);
        auto with_picture = [&](mcp::ToolResult result) {
          if (in.options.picture) result.content.push_back(card_image(make_scorecard(r, a, ds)));
          return result;
        };
        if (!full) {
          Json out = summary_json(r, a, ds);
          std::string text = notes + summary_text(r, out);
          out["status"] = "found";
          out["query"] = name;
          out["match"] = std::move(match);
          return with_picture(mcp::ToolResult::structured_result(std::move(out), std::move(text)));
        }
        Json licenses = licenses_json(r, a, ds);
        const std::string as_of = latest_as_of(r, a);
        Json out = {{"status", "found"},
                    {"query", name},
                    {"summary", verdict_line(r, a)},
                    {"match", std::move(match)},
                    {"model", model_json(r, ds)},
                    {"verdicts", verdicts_json(a, r, ds)},
                    {"licenses", licenses},
                    {"disagreements", disagreements_json(r)},
                    {"sources", sources_json(r, a)},
                    {"as_of", as_of}};
        std::string text = render(r, a, licenses, as_of);
        if (!rv.read_as.empty()) text = "Note: " + rv.read_as + ".\n" + text;
        return with_picture(mcp::ToolResult::structured_result(std::move(out), std::move(text)));
      };
    }),
}};

// Hosts with the MCP Apps extension render its answers in the scorecard App (resources.cpp).
const UiRegistrar kUi{"lookup_model", kScorecardApp};

}  // namespace
}  // namespace openness::bindings
