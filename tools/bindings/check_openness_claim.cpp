// check_openness_claim: "X says Y is open source" -> accurate, misleading, false or cannot tell,
// with the reasons and the sources to cite.
#include "binding.h"
#include "catalog.h"
#include "hub_answer.h"
#include "present.h"

#include <openness/claims.h>

#include <algorithm>

namespace openness::bindings {
namespace {

struct ClaimIn {
  std::string model, claim;
  std::optional<std::string> claimant;
  AnswerOptions options;
};
void read(const Json& j, ClaimIn& in) {
  arg(j, "model", in.model);
  arg(j, "claim", in.claim);
  arg(j, "claimant", in.claimant);
  in.options = answer_options(j);
}

// A claim about a Hub repository the dataset does not hold (--hub): judged on its card.
mcp::ToolResult check_hub_claim(const ClaimIn& in, const HubJudgement& j) {
  const ReleaseVerdicts& rv = j.verdicts;
  Assessment a;
  a.mof = rv.mof;
  a.osaid = rv.osaid;
  a.spectrum = rv.spectrum;
  const std::string& id = j.model.id;
  const ClaimKind kind = read_claim(in.claim);
  const ClaimVerdict v = judge_claim(kind, a, id);
  const std::string read_as = "not in the dataset: " + j.inferred();
  Json evidence = {{"tier", to_string(rv.spectrum.tier)},
                   {"tier_label", rv.spectrum.label()},
                   {"mof_class", rv.mof.mof_class},
                   {"mof_label", rv.mof.label()},
                   {"osaid", rv.osaid.outcome == OsaidOutcome::Meets ? "meets" : "does-not-meet"},
                   {"osi_validation", nullptr},
                   {"eosai_percent", nullptr},
                   {"license_restrictions", Json::array()}};
  Json out = {{"model", {{"id", id}, {"name", id}, {"producer", nullptr}, {"source", "hugging-face-hub"}}},
              {"claim", in.claim},
              {"claim_as_read", to_string(kind)},
              {"verdict", to_string(v.outcome)},
              {"headline", v.headline},
              {"reasons", v.reasons},
              {"evidence", evidence},
              {"sources", j.sources()},
              {"as_of", j.as_of()},
              {"read_as", read_as}};
  if (in.claimant) out["claimant"] = *in.claimant;
  std::string text =
      "Note: " + read_as + ".\n" + (in.claimant ? *in.claimant + "'s claim '" + in.claim + "': " : "") + v.headline;
  for (const auto& why : v.reasons) text += "\n- " + why;
  for (const auto& n : j.notes) text += "\nNote: " + n;
  return mcp::ToolResult::structured_result(std::move(out), std::move(text));
}

// A family with no verdict of its own: the claim judged against each of its models. One outcome
// for all of them is the family's; models that differ make the claim misleading. A claim that holds
// for every model the data can judge, while it cannot judge others, stays "cannot tell"; the
// headline says which is which either way.
ClaimVerdict judge_family_claim(ClaimKind kind, const Record& family, const std::vector<TierGroup>& groups,
                                const Dataset& ds, MofMode mode) {
  std::vector<std::pair<ClaimOutcome, std::vector<const Record*>>> by_outcome;
  for (const auto& g : groups)
    for (const Record* m : g.records) {
      const ClaimOutcome o = judge_claim(kind, assess(*m, ds, mode), m->name).outcome;
      auto it = std::find_if(by_outcome.begin(), by_outcome.end(), [&](const auto& x) { return x.first == o; });
      if (it == by_outcome.end()) it = by_outcome.insert(by_outcome.end(), {o, {}});
      it->second.push_back(m);
    }
  // The models the data cannot judge, last.
  std::stable_partition(by_outcome.begin(), by_outcome.end(),
                        [](const auto& x) { return x.first != ClaimOutcome::CannotTell; });
  const bool undecided = !by_outcome.empty() && by_outcome.back().first == ClaimOutcome::CannotTell;
  const std::size_t decided = by_outcome.size() - (undecided ? 1 : 0);
  ClaimVerdict v;
  if (decided == 0) return v;
  if (decided > 1)
    v.outcome = ClaimOutcome::Misleading;  // true of some models, not of others
  else if (!undecided)
    v.outcome = by_outcome.front().first;
  else
    v.outcome =
        by_outcome.front().first == ClaimOutcome::Accurate ? ClaimOutcome::CannotTell : ClaimOutcome::Misleading;
  std::string parts;
  for (const auto& [o, models] : by_outcome)
    parts += (parts.empty() ? "" : "; ") + std::string(to_string(o)) + " for " + std::to_string(models.size()) + " (" +
             id_list(models, 6) + ")";
  const std::string name(family.name);
  v.headline = name +
               " names a family with no verdict of its own in the data; judged against its models, the claim is " +
               std::string(to_string(v.outcome)) + ": " + parts + ".";
  v.reasons.push_back(name + "'s models: " + members_words(groups, 6));
  return v;
}

const ToolRegistrar kRegistrar{{
    "check_openness_claim",
    40,
    "Check an openness claim",
    "Checks a claim ('Llama 3.1 is open source') against what was released: accurate, misleading, false or "
    "cannot-tell, with the reasons and sources. Pass the vendor's words as the claim.",
    "for \"X says Y is open source\"",
    {.reads_hub = true},
    typed<ClaimIn>([](const Context& ctx) -> TypedHandler<ClaimIn> {
      return [data = ctx.dataset, hub = ctx.hub](const ClaimIn& in) {
        const Dataset& ds = *data;
        const Resolution res = ds.resolver().resolve(in.model);
        const HubReading from_hub = read_hub(ds, hub.get(), res, in.model, in.options.mof_mode);
        if (from_hub.judgement) return check_hub_claim(in, *from_hub.judgement);
        if (!from_hub.error.empty()) return mcp::ToolResult::error(from_hub.error);
        const std::string& hub_failed = from_hub.note;
        auto resolved = resolve_model(res, in.model);
        if (auto* err = std::get_if<mcp::ToolResult>(&resolved)) return std::move(*err);
        Resolved rv = std::get<Resolved>(resolved);
        if (!hub_failed.empty()) rv.read_as = rv.read_as.empty() ? hub_failed : rv.read_as + "; " + hub_failed;
        const Record& r = *rv.record;
        const Assessment a = assess(r, ds, in.options.mof_mode);
        const std::string& claim = in.claim;
        const ClaimKind kind = read_claim(claim);
        ClaimVerdict v = judge_claim(kind, a, r.name);
        // A family with no verdict of its own: its models.
        const std::vector<TierGroup> members = family_members(a);
        if (!members.empty() && kind != ClaimKind::Unrecognised) {
          if (ClaimVerdict f = judge_family_claim(kind, r, members, ds, in.options.mof_mode);
              v.outcome == ClaimOutcome::CannotTell && !f.headline.empty())
            v = std::move(f);
        }

        // The restrictions of the license on the weights: what the claim is usually about.
        Json restrictions = Json::array();
        const auto given = given_licenses(r, a, ds);
        if (const GivenLicense* w = weights_license(given); w && w->normalized.license)
          for (const auto& x : w->normalized.license->restrictions)
            restrictions.push_back(std::string(w->normalized.license->id) + ": " + std::string(x.text));
        Json evidence = {
            {"tier", to_string(a.spectrum.tier)},
            {"tier_label", a.spectrum.label()},
            {"mof_class", a.mof ? Json(a.mof->mof_class) : Json(nullptr)},
            {"mof_label", a.mof ? Json(a.mof->label()) : Json(nullptr)},
            {"osaid", a.osaid.outcome == OsaidOutcome::Meets ? "meets" : "does-not-meet"},
            {"osi_validation", a.osaid.osi_validation ? Json(a.osaid.osi_validation->outcome) : Json(nullptr)},
            {"eosai_percent", a.eosai ? Json(a.eosai->score * 100) : Json(nullptr)},
            {"license_restrictions", restrictions}};
        Json out = {
            {"model",
             {{"id", r.id}, {"name", r.name}, {"producer", r.producer.empty() ? Json(nullptr) : Json(r.producer)}}},
            {"claim", claim},
            {"claim_as_read", to_string(kind)},
            {"verdict", to_string(v.outcome)},
            {"headline", v.headline},
            {"reasons", v.reasons},
            {"evidence", evidence},
            {"sources", sources_json(r, a)},
            {"as_of", latest_as_of(r, a)}};
        if (in.claimant) out["claimant"] = *in.claimant;
        if (!rv.read_as.empty()) out["read_as"] = rv.read_as;
        if (!members.empty()) out["members"] = members_json(members);

        std::string text = v.headline;
        if (in.claimant) text = *in.claimant + "'s claim '" + claim + "': " + text;
        for (const auto& why : v.reasons) text += "\n- " + why;
        for (const auto& x : restrictions) text += "\n- license restriction, " + x.get<std::string>();
        if (!rv.read_as.empty()) text = "Note: " + rv.read_as + ".\n" + text;
        text += "\nEvidence as of " + out["as_of"].get<std::string>() + ": " + verdict_line(r, a);
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
