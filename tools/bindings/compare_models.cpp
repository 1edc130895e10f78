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

struct Compared {
  std::string query;
  Summary summary;
};

// The models compared, most open first; the names that resolved to none; what was read as what.
struct CompareOut {
  std::vector<Compared> models;
  Json unresolved = Json::array();  // {query, message}
  std::vector<std::string> read_as;
  Json pictures = Json::array();  // picture: true, one block per model
};

Json models_json(const CompareOut& o) {
  Json models = Json::array();
  for (const auto& [q, s] : o.models) {
    Json m = summary_json(s);
    m["query"] = q;
    models.push_back(std::move(m));
  }
  return models;
}

// Per dimension, each model's one-word state and the most open of them.
Json matrix_json(const std::vector<Compared>& models) {
  Json matrix = Json::array();
  for (const auto& [row, state] : {std::pair{"weights", &Dimensions::weights},
                                   {"training code", &Dimensions::training_code},
                                   {"training data", &Dimensions::training_data},
                                   {"documentation", &Dimensions::documentation}}) {
    int best = -1;
    for (const auto& m : models) best = std::max(best, dim_rank(m.summary.dims.*state));
    Json values = Json::array(), most = Json::array();
    for (const auto& m : models) {
      const std::string& value = m.summary.dims.*state;
      values.push_back({{"id", summary_id(m.summary)}, {"value", value}});
      if (dim_rank(value) == best && best > 1) most.push_back(summary_id(m.summary));
    }
    matrix.push_back({{"dimension", row}, {"values", std::move(values)}, {"most_open", std::move(most)}});
  }
  return matrix;
}

std::string headline(const CompareOut& o) {
  const Summary& top = o.models.front().summary;
  std::string summary = std::string(summary_name(top)) + " is the most open of these: " + top.label + ".";
  if (o.models.size() > 1 && tier_rank(o.models[1].summary.tier) == tier_rank(top.tier))
    summary += " " + std::string(summary_name(o.models[1].summary)) +
               " is on the same tier; MOF class and EOSAI score break the tie.";
  return summary;
}

void to_json(Json& j, const CompareOut& o) {
  j = {{"models", models_json(o)},   {"matrix", matrix_json(o.models)},
       {"summary", headline(o)},     {"most_open", summary_id(o.models.front().summary)},
       {"unresolved", o.unresolved}, {"read_as", o.read_as}};
}

std::string text(const CompareOut& o) {
  std::string t = headline(o) + "\nMost open first:";
  for (const auto& [q, s] : o.models)
    t += "\n- " + std::string(summary_name(s)) + ": " + s.label +
         (s.mof_class >= 0 ? ", MOF class " + std::to_string(s.mof_class) : std::string()) +
         (s.eosai ? ", EOSAI " + percent(*s.eosai, true) : std::string()) + family_words(s);
  for (const auto& row : matrix_json(o.models)) {
    t += "\n" + row["dimension"].get<std::string>() + ": ";
    bool first = true;
    for (const auto& v : row["values"]) {
      t += (first ? "" : ", ") + v["id"].get<std::string>() + " " + v["value"].get<std::string>();
      first = false;
    }
  }
  for (const auto& u : o.unresolved) t += "\nNot compared: " + u["message"].get<std::string>();
  for (const auto& n : o.read_as) t += "\nNote: " + n + ".";
  return t;
}

Json extra_content(const CompareOut& o) { return o.pictures; }

// Adds the model `q` names to `out`: from the dataset, or from its Hugging Face card with --hub.
void compare_one(const Dataset& ds, hub::Fetcher* hub, const std::string& q, MofMode mode, CompareOut& out) {
  const Resolution res = ds.resolver().resolve(q);
  const HubReading from_hub = read_hub(ds, hub, res, q, mode);
  auto& found = out.models;
  if (const auto& j = from_hub.judgement) {
    // A Hub repository the dataset does not hold: its card, as lookup_model reads it.
    out.read_as.push_back("'" + q + "' was " + j->inferred());
    const ReleaseVerdicts& v = j->verdicts;
    if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.summary.hub_id == j->model.id; }))
      found.push_back({q, summarize_hub(j->model.id, v.mof, v.spectrum, v.osaid, ds.licenses(), j->card.license)});
    return;
  }
  if (!from_hub.error.empty()) {
    out.unresolved.push_back({{"query", q}, {"message", from_hub.error}});
    return;
  }
  if (!from_hub.note.empty()) out.read_as.push_back(from_hub.note);
  auto resolved = resolve_model(res, q);
  if (auto* err = std::get_if<mcp::ToolError>(&resolved)) {
    out.unresolved.push_back({{"query", q}, {"message", err->text}});
    return;
  }
  const Resolved& rv = std::get<Resolved>(resolved);
  const Record* r = rv.record;
  if (!rv.read_as.empty()) out.read_as.push_back(rv.read_as);
  if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.summary.record == r; }))
    found.push_back({q, summarize(*r, ds, mode)});
}

const ToolRegistrar kRegistrar{{
    "compare_models",
    50,
    "Compare models' openness",
    "Compares 2 to 10 models side by side (tier, MOF, OSAID, EOSAI; weights, code, data, docs), most open "
    "first. Names as typed.",
    "for several",
    {.reads_hub = true},
    typed<CompareIn, CompareOut>([](const Context& ctx) -> TypedHandler<CompareIn, CompareOut> {
      return [data = ctx.dataset, hub = ctx.hub](const CompareIn& in) -> mcp::ToolOutcome<CompareOut> {
        const Dataset& ds = *data;
        const MofMode mode = in.options.mof_mode;
        CompareOut out;
        for (const std::string& q : in.names) compare_one(ds, hub.get(), q, mode, out);
        if (out.models.size() < 2) {
          std::string msg = "Need at least two models that resolve to compare.";
          for (const auto& u : out.unresolved) msg += "\n" + u["message"].get<std::string>();
          return mcp::ToolError{msg};
        }
        std::stable_sort(out.models.begin(), out.models.end(),
                         [](const auto& a, const auto& b) { return more_open(a.summary, b.summary); });
        // One picture per model, in the order of `models`; a repository read from the Hub has none.
        if (in.options.picture)
          for (const auto& [q, s] : out.models)
            out.pictures.push_back(
                s.record ? card_image(make_scorecard(*s.record, assess(*s.record, ds, mode), ds))
                         : mcp::text_content("No scorecard for " + s.hub_id + ": read from its Hugging Face card."));
        return out;
      };
    }),
}};

// Hosts with the MCP Apps extension render its answers in the scorecard App (resources.cpp).
const UiRegistrar kUi{"compare_models", kScorecardApp};

}  // namespace
}  // namespace openness::bindings
