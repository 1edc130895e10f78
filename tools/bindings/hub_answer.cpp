// The answer for a model the dataset does not hold, read from the Hugging Face Hub (--hub): its
// card judged as assess_model_card judges one, a base model the dataset holds followed to its
// terms, and every fact marked as read from the Hub at a commit and a time.
#include "hub_answer.h"

#include "scorecard.h"

#include <openness/lineage.h>

#include <algorithm>
#include <cctype>

namespace openness::bindings {
namespace {

// The card as the README declares it; where the README was not read, or leaves a field out, the
// Hub's own reading of its front matter (the API record's cardData and tags).
ModelCard card_of(const hub::Model& m) {
  ModelCard c = m.readme.empty() ? ModelCard{} : parse_model_card(m.readme);
  if (m.readme.empty()) c.has_front_matter = !m.license.empty() || !m.base_models.empty() || !m.datasets.empty();
  if (c.license.empty()) c.license = m.license;
  if (c.license_name.empty()) c.license_name = m.license_name;
  if (c.base_models.empty()) c.base_models = m.base_models;
  if (c.datasets.empty()) c.datasets = m.datasets;
  if (c.pipeline_tag.empty()) c.pipeline_tag = m.pipeline_tag;
  if (c.library_name.empty()) c.library_name = m.library_name;
  return c;
}

struct Base {
  const Record* record = nullptr;  // the base the dataset holds
  std::string as_named;            // as the card names it
  std::optional<Lineage> lineage;  // the base's terms, when they are not open
};

// The first base model the dataset holds (by Hugging Face id, name or alias: never a guess).
Base base_of(const ModelCard& c, const Dataset& ds, MofMode mode) {
  Base b;
  for (const auto& name : c.base_models) {
    const Record* r = ds.resolver().resolve_exact(name).match();
    if (!r) continue;
    b.record = r;
    b.as_named = name;
    const LicenseDb& db = ds.licenses();
    const std::string terms = weights_terms(*r, db, mode);
    const License* l = db.find(terms);
    if (!l) l = db.normalize(terms).license;
    if (l && !l->mot_open())
      b.lineage = Lineage{r, std::string(l->id)};
    else
      b.lineage = restrictive_base(*r, ds, mode);
    break;
  }
  return b;
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 12); }

}  // namespace

Json HubJudgement::sources() const {
  return Json::array(
      {{{"id", "hub:" + model.id},
        {"url", "https://huggingface.co/" + model.id},
        {"title", "Hugging Face Hub: repository " + model.id + (model.sha.empty() ? "" : " at commit " + model.sha)},
        {"as_of", as_of()}}});
}

std::string HubJudgement::as_of() const { return model.read_at.substr(0, 10); }

bool hub_should_answer(const hub::Fetcher* hub, const Resolution& res, std::string_view name) {
  if (!hub || !hub::repo_id(name)) return false;
  auto guess = [&](const Candidate& c) {
    return (c.method == MatchMethod::Family || c.method == MatchMethod::Fuzzy) &&
           !Resolver::own_organisation(name, *c.record).value_or(false);
  };
  switch (res.status) {
    case ResolveStatus::NotFound: return true;
    case ResolveStatus::Ambiguous:
      return res.near_spellings || std::all_of(res.candidates.begin(), res.candidates.end(), guess);
    case ResolveStatus::Found: return guess(res.candidates.front());
    case ResolveStatus::InvalidQuery: return false;
  }
  return false;
}

namespace {
std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}
}  // namespace

std::string hub_failure_text(const std::string& name, const std::string& failure) {
  return "No model named '" + name + "' in the dataset. " + failure +
         ". Nothing here is inferred from a partial answer.";
}

std::variant<HubJudgement, std::string> judge_hub(const Dataset& ds, hub::Fetcher& hub, const std::string& name,
                                                  MofMode mode) {
  const auto id = hub::repo_id(name);
  if (!id) return "'" + name + "' is not a Hugging Face repository id";
  hub::Result got = hub.fetch(*id);
  if (got.status != hub::Status::Ok)
    return "The Hugging Face Hub was asked for '" + *id + "' and the lookup failed (" +
           std::string(hub::to_string(got.status)) + "): " + got.message;
  HubJudgement j{std::move(got.model), {}, {}, nullptr, {}, {}};
  const hub::Model& m = j.model;
  const ModelCard card = card_of(m);
  j.card = card_release(card, m.id);
  j.verdicts = judge_release(j.card.release, nullptr, ds.licenses(), mode);
  const Base base = base_of(card, ds, mode);
  j.base = base.record;
  ReleaseVerdicts& v = j.verdicts;
  if (base.lineage) apply_lineage(*base.lineage, true, v.spectrum, v.osaid);
  if (v.spectrum.basis != "base model's license") v.spectrum.basis = "the card on the Hugging Face Hub (inferred)";
  j.where = "the Hugging Face Hub, repository " + m.id + (m.sha.empty() ? "" : " at commit " + short_sha(m.sha)) +
            ", read at " + m.read_at + (m.from_cache ? " (cached)" : "");
  j.notes = j.card.notes;
  if (!m.readme_status.empty())
    j.notes.insert(j.notes.begin(), m.readme_status + "; the card's fields come from the Hub's record of it");
  if (!m.gated.empty())
    j.notes.push_back(std::string("access is gated on the Hub (") +
                      (m.gated == "manual" ? "the owner approves each request" : "users accept conditions first") +
                      "): the weights are released, but not to everyone without terms");
  if (base.record && !base.lineage)
    j.notes.push_back("its base model " + base.as_named + " is in the dataset as " + std::string(base.record->id) +
                      ", whose weights are under open terms or terms the dataset does not know");
  return j;
}

std::string HubJudgement::inferred() const { return "read from " + where + ", the tier inferred from the card"; }

HubReading read_hub(const Dataset& ds, hub::Fetcher* hub, const Resolution& res, const std::string& name,
                    MofMode mode) {
  HubReading out;
  if (!hub_should_answer(hub, res, name)) return out;
  auto judged = judge_hub(ds, *hub, name, mode);
  if (auto* j = std::get_if<HubJudgement>(&judged))
    out.judgement = std::move(*j);
  else if (res.status != ResolveStatus::Found)
    out.error = hub_failure_text(name, std::get<std::string>(judged));
  else
    out.note = lower_first(std::get<std::string>(judged));
  return out;
}

std::optional<mcp::ToolResult> hub_answer(const Dataset& ds, hub::Fetcher* hub, const std::string& name,
                                          const AnswerOptions& options, std::string* failed) {
  if (!hub || !hub::repo_id(name)) return std::nullopt;
  auto judged = judge_hub(ds, *hub, name, options.mof_mode);
  if (auto* failure = std::get_if<std::string>(&judged)) {
    if (!failed) return mcp::ToolResult::error(hub_failure_text(name, *failure));
    *failed = lower_first(*failure);
    return std::nullopt;
  }
  const HubJudgement& j = std::get<HubJudgement>(judged);
  const hub::Model& m = j.model;
  const ReleaseVerdicts& v = j.verdicts;
  const CardRelease& cr = j.card;
  std::string text = m.id + " (not in the dataset; from " + j.where + "): " + std::string(v.spectrum.label()) +
                     " (inferred from the card). MOF: " + std::string(v.mof.label()) + ". " +
                     (v.osaid.outcome == OsaidOutcome::Meets ? "Meets" : "Does not meet") +
                     " the OSAID 1.0 checklist. EOSAI: not scored.";
  for (const auto& why : v.spectrum.reasons) text += "\n  - " + why;
  text += "\nFrom the card:";
  for (const auto& p : cr.parts)
    text += "\n- " + std::string(info(p.component).name) + ": " +
            (p.license ? (p.license->empty() ? std::string("no license stated") : *p.license)
                       : (cr.license.empty() ? std::string("no license stated") : cr.license)) +
            (p.inferred ? " (inferred)" : "");
  for (const auto& n : j.notes) text += "\nNote: " + n;
  if (j.base)
    text += "\nBase model in the dataset: " + std::string(j.base->id) + " (" +
            (m.base_relation.empty() ? std::string("derived") : m.base_relation) +
            "); lookup_model with that id gives its full record.";

  Json hub_json = {{"repository", m.id},
                   {"url", "https://huggingface.co/" + m.id},
                   {"commit", m.sha.empty() ? Json(nullptr) : Json(m.sha)},
                   {"last_modified", m.last_modified.empty() ? Json(nullptr) : Json(m.last_modified)},
                   {"read_at", m.read_at},
                   {"from_cache", m.from_cache},
                   {"gated", m.gated.empty() ? Json(false) : Json(m.gated)},
                   {"readme", m.readme_status.empty() ? Json("read") : Json(m.readme_status)}};
  Json model = {{"id", m.id},
                {"name", m.id},
                {"in_dataset", false},
                {"base_model", m.base_models},
                {"base_relation", m.base_relation.empty() ? Json(nullptr) : Json(m.base_relation)},
                {"base_in_dataset", j.base ? Json{{"id", j.base->id}, {"name", j.base->name}} : Json(nullptr)}};
  Json verdicts = options.full ? v.to_json() : v.summary_json();
  verdicts["spectrum"]["basis"] = v.spectrum.basis;
  Json out = {
      {"status", "found"},
      {"query", name},
      {"match", {{"method", "hugging-face-hub"}, {"confidence", 1.0}, {"note", "not in the dataset: " + j.inferred()}}},
      {"model", std::move(model)},
      {"summary", text.substr(0, text.find('\n'))},
      {"verdicts", std::move(verdicts)},
      {"inferred", true},
      {"hub", std::move(hub_json)},
      {"notes", j.notes},
      {"sources", j.sources()},
      {"as_of", j.as_of()}};
  auto result = mcp::ToolResult::structured_result(std::move(out), std::move(text));
  if (options.picture) {
    Scorecard card =
        release_scorecard(m.id, v.mof, v.spectrum, v.osaid, v.eosai,
                          "Inferred by openness-mcp from the Hugging Face card of " + m.id + " (not in the dataset)");
    card.id = "read from its Hugging Face card";
    card.as_of = j.as_of();
    result.content.push_back(card_image(card));
  }
  return result;
}

}  // namespace openness::bindings
