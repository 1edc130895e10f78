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

// A claim judged against the evidence, and that evidence.
struct ClaimOut {
  Json model;  // {id, name, producer[, source]}
  std::string claim;
  std::optional<std::string> claimant;
  ClaimKind kind = ClaimKind::Unrecognised;
  ClaimVerdict verdict;
  Json evidence, sources;
  std::string as_of;
  std::string read_as;                    // how the name was read, when not as typed
  Json members;                           // a family's models, when it has no verdict of its own
  std::vector<std::string> restrictions;  // the weights' license restrictions, "<id>: <text>"
  std::vector<std::string> notes;         // what a Hub card's reading noted
  std::string evidence_line;              // the record's verdict line ("" for a Hub card)
};

void to_json(Json& j, const ClaimOut& o) {
  j = {{"model", o.model},
       {"claim", o.claim},
       {"claim_as_read", to_string(o.kind)},
       {"verdict", to_string(o.verdict.outcome)},
       {"headline", o.verdict.headline},
       {"reasons", o.verdict.reasons},
       {"evidence", o.evidence},
       {"sources", o.sources},
       {"as_of", o.as_of}};
  if (o.claimant) j["claimant"] = *o.claimant;
  if (!o.read_as.empty()) j["read_as"] = o.read_as;
  if (!o.members.is_null()) j["members"] = o.members;
}

std::string text(const ClaimOut& o) {
  std::string t = (o.claimant ? *o.claimant + "'s claim '" + o.claim + "': " : "") + o.verdict.headline;
  for (const auto& why : o.verdict.reasons) t += "\n- " + why;
  for (const auto& x : o.restrictions) t += "\n- license restriction, " + x;
  for (const auto& n : o.notes) t += "\nNote: " + n;
  if (!o.read_as.empty()) t = "Note: " + o.read_as + ".\n" + t;
  if (!o.evidence_line.empty()) t += "\nEvidence as of " + o.as_of + ": " + o.evidence_line;
  return t;
}

// What the verdict on a claim rests on: each framework's verdict and the weights' restrictions.
Json evidence_json(const Assessment& a, const std::vector<std::string>& restrictions) {
  return {{"tier", to_string(a.spectrum.tier)},
          {"tier_label", a.spectrum.label()},
          {"mof_class", a.mof ? Json(a.mof->mof_class) : Json(nullptr)},
          {"mof_label", a.mof ? Json(a.mof->label()) : Json(nullptr)},
          {"osaid", a.osaid.outcome == OsaidOutcome::Meets ? "meets" : "does-not-meet"},
          {"osi_validation", a.osaid.osi_validation ? Json(a.osaid.osi_validation->outcome) : Json(nullptr)},
          {"eosai_percent", a.eosai ? Json(a.eosai->score * 100) : Json(nullptr)},
          {"license_restrictions", restrictions}};
}

// A claim about a Hub repository the dataset does not hold (--hub): judged on its card.
ClaimOut check_hub_claim(const ClaimIn& in, const HubJudgement& j) {
  const ReleaseVerdicts& rv = j.verdicts;
  Assessment a;
  a.mof = rv.mof;
  a.osaid = rv.osaid;
  a.spectrum = rv.spectrum;
  const std::string& id = j.model.id;
  ClaimOut out;
  out.kind = read_claim(in.claim);
  out.verdict = judge_claim(out.kind, a, id);
  out.model = {{"id", id}, {"name", id}, {"producer", nullptr}, {"source", "hugging-face-hub"}};
  out.claim = in.claim;
  out.claimant = in.claimant;
  out.evidence = evidence_json(a, out.restrictions);
  out.sources = j.sources();
  out.as_of = j.as_of();
  out.read_as = "not in the dataset: " + j.inferred();
  out.notes = j.notes;
  return out;
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

// A claim about a record of the dataset: judged on its assessment (a family with no verdict of its
// own, against its models).
ClaimOut check_record_claim(const ClaimIn& in, const Resolved& rv, const Dataset& ds) {
  const Record& r = *rv.record;
  const MofMode mode = in.options.mof_mode;
  const Assessment a = assess(r, ds, mode);
  ClaimOut out;
  out.kind = read_claim(in.claim);
  out.verdict = judge_claim(out.kind, a, r.name);
  const std::vector<TierGroup> members = family_members(a);
  if (!members.empty() && out.kind != ClaimKind::Unrecognised) {
    if (ClaimVerdict f = judge_family_claim(out.kind, r, members, ds, mode);
        out.verdict.outcome == ClaimOutcome::CannotTell && !f.headline.empty())
      out.verdict = std::move(f);
  }
  // The restrictions of the license on the weights: what the claim is usually about.
  const auto given = given_licenses(r, a, ds);
  if (const GivenLicense* w = weights_license(given); w && w->normalized.license)
    for (const auto& x : w->normalized.license->restrictions)
      out.restrictions.push_back(std::string(w->normalized.license->id) + ": " + std::string(x.text));
  out.model = {{"id", r.id}, {"name", r.name}, {"producer", r.producer.empty() ? Json(nullptr) : Json(r.producer)}};
  out.claim = in.claim;
  out.claimant = in.claimant;
  out.evidence = evidence_json(a, out.restrictions);
  out.sources = sources_json(r, a);
  out.as_of = latest_as_of(r, a);
  out.read_as = rv.read_as;
  if (!members.empty()) out.members = members_json(members);
  out.evidence_line = verdict_line(r, a);
  return out;
}

const ToolRegistrar kRegistrar{{
    "check_openness_claim",
    40,
    "Check an openness claim",
    "Checks a claim ('Llama 3.1 is open source') against what was released: accurate, misleading, false or "
    "cannot-tell, with the reasons and sources. Pass the vendor's words as the claim.",
    "for \"X says Y is open source\"",
    {.reads_hub = true},
    typed<ClaimIn, ClaimOut>([](const Context& ctx) -> TypedHandler<ClaimIn, ClaimOut> {
      return [data = ctx.dataset, hub = ctx.hub](const ClaimIn& in) -> mcp::ToolOutcome<ClaimOut> {
        const Dataset& ds = *data;
        const Resolution res = ds.resolver().resolve(in.model);
        const HubReading from_hub = read_hub(ds, hub.get(), res, in.model, in.options.mof_mode);
        if (from_hub.judgement) return check_hub_claim(in, *from_hub.judgement);
        if (!from_hub.error.empty()) return mcp::ToolError{from_hub.error};
        auto resolved = resolve_model(res, in.model);
        if (auto* err = std::get_if<mcp::ToolError>(&resolved)) return std::move(*err);
        Resolved rv = std::get<Resolved>(resolved);
        const std::string& hub_failed = from_hub.note;
        if (!hub_failed.empty()) rv.read_as = rv.read_as.empty() ? hub_failed : rv.read_as + "; " + hub_failed;
        return check_record_claim(in, rv, ds);
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
