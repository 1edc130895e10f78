// compare_models: 2 to 10 models side by side, and who is most open where.
#include "binding.h"
#include "hub_answer.h"
#include "present.h"
#include "scorecard.h"

#include <algorithm>

namespace openness::bindings {
namespace {

int dim_rank(const std::string& v) {
  if (v == "open") return 4;
  if (v == "restricted") return 3;
  if (v == "partial") return 2;
  if (v == "not released") return 1;
  return 0;
}

// A family with no verdict of its own: what its models are.
std::string family_words(const Summary& s) {
  if (s.members.empty()) return "";
  return " (a family with no verdict of its own; its models: " + members_words(s.members, 3) + ")";
}

struct CompareIn {
  std::vector<std::string> names;
  AnswerOptions options;
};
void read(const Json& j, CompareIn& in) {
  arg(j, "names", in.names);
  in.options = answer_options(j);
}

const ToolRegistrar kRegistrar{{
    "compare_models",
    50,
    "Compare models' openness",
    "Compares 2 to 10 models side by side (tier, MOF, OSAID, EOSAI; weights, code, data, docs), most open "
    "first. Names as typed.",
    "for several",
    {.reads_hub = true},
    typed<CompareIn>([](const Context& ctx) -> TypedHandler<CompareIn> {
      return [data = ctx.dataset, hub = ctx.hub](const CompareIn& in) {
        const Dataset& ds = *data;
        const MofMode mode = in.options.mof_mode;
        std::vector<std::pair<std::string, Summary>> found;
        Json unresolved = Json::array();
        std::vector<std::string> read_as;
        for (const std::string& q : in.names) {
          const Resolution res = ds.resolver().resolve(q);
          const HubReading from_hub = read_hub(ds, hub.get(), res, q, mode);
          if (const auto& j = from_hub.judgement) {
            // A Hub repository the dataset does not hold: its card, as lookup_model reads it.
            read_as.push_back("'" + q + "' was " + j->inferred());
            const ReleaseVerdicts& v = j->verdicts;
            if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.second.hub_id == j->model.id; }))
              found.emplace_back(
                  q, summarize_hub(j->model.id, v.mof, v.spectrum, v.osaid, ds.licenses(), j->card.license));
            continue;
          }
          if (!from_hub.error.empty()) {
            unresolved.push_back({{"query", q}, {"message", from_hub.error}});
            continue;
          }
          if (!from_hub.note.empty()) read_as.push_back(from_hub.note);
          auto resolved = resolve_model(res, q);
          if (auto* err = std::get_if<mcp::ToolResult>(&resolved)) {
            unresolved.push_back({{"query", q}, {"message", err->content[0]["text"]}});
            continue;
          }
          const Resolved& rv = std::get<Resolved>(resolved);
          const Record* r = rv.record;
          if (!rv.read_as.empty()) read_as.push_back(rv.read_as);
          if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.second.record == r; })) continue;
          found.emplace_back(q, summarize(*r, ds, mode));
        }
        if (found.size() < 2) {
          std::string msg = "Need at least two models that resolve to compare.";
          for (const auto& u : unresolved) msg += "\n" + u["message"].get<std::string>();
          return mcp::ToolResult::error(msg);
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const auto& a, const auto& b) { return more_open(a.second, b.second); });

        Json models = Json::array();
        for (const auto& [q, s] : found) {
          Json m = summary_json(s);
          m["query"] = q;
          models.push_back(std::move(m));
        }
        Json matrix = Json::array();
        std::string text = "Most open first:";
        for (const auto& [q, s] : found)
          text += "\n- " + std::string(summary_name(s)) + ": " + s.label +
                  (s.mof_class >= 0 ? ", MOF class " + std::to_string(s.mof_class) : std::string()) +
                  (s.eosai ? ", EOSAI " + percent(*s.eosai, true) : std::string()) + family_words(s);
        for (const char* dim : {"weights", "training_code", "training_data", "documentation"}) {
          Json values = Json::array();
          int best = -1;
          for (const auto& m : models) best = std::max(best, dim_rank(m[dim]));
          Json most = Json::array();
          for (const auto& m : models) {
            values.push_back({{"id", m["id"]}, {"value", m[dim]}});
            if (dim_rank(m[dim]) == best && best > 1) most.push_back(m["id"]);
          }
          std::string row = std::string(dim);
          std::replace(row.begin(), row.end(), '_', ' ');
          text += "\n" + row + ": ";
          for (std::size_t i = 0; i < values.size(); ++i)
            text += (i ? ", " : "") + values[i]["id"].get<std::string>() + " " + values[i]["value"].get<std::string>();
          matrix.push_back({{"dimension", row}, {"values", std::move(values)}, {"most_open", std::move(most)}});
        }
        const Summary& top = found.front().second;
        std::string summary = std::string(summary_name(top)) + " is the most open of these: " + top.label + ".";
        if (found.size() > 1 && tier_rank(found[1].second.tier) == tier_rank(top.tier))
          summary += " " + std::string(summary_name(found[1].second)) +
                     " is on the same tier; MOF class and EOSAI score break the tie.";
        text = summary + "\n" + text;
        for (const auto& u : unresolved) text += "\nNot compared: " + u["message"].get<std::string>();
        for (const auto& n : read_as) text += "\nNote: " + n + ".";
        Json out = {{"models", std::move(models)},  {"matrix", std::move(matrix)},         {"summary", summary},
                    {"most_open", summary_id(top)}, {"unresolved", std::move(unresolved)}, {"read_as", read_as}};
        auto result = mcp::ToolResult::structured_result(std::move(out), std::move(text));
        // One picture per model, in the order of `models`; a repository read from the Hub has none.
        if (in.options.picture)
          for (const auto& [q, s] : found)
            result.content.push_back(
                s.record ? card_image(make_scorecard(*s.record, assess(*s.record, ds, mode), ds))
                         : mcp::text_content("No scorecard for " + s.hub_id + ": read from its Hugging Face card."));
        return result;
      };
    }),
}};

// Hosts with the MCP Apps extension render its answers in the scorecard App (resources.cpp).
const UiRegistrar kUi{"compare_models", kScorecardApp};

}  // namespace
}  // namespace openness::bindings
