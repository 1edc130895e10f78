// The classifiers' rules, case by case (beyond MOT's 27 golden cases), and their verdicts on
// known records of the bundled dataset.
#include <openness/bundled.h>
#include <openness/classify.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

using namespace openness;

namespace {

const Dataset& ds() {
  static const auto d = load_dataset();
  return *d;
}

Release release(const char* json_text) { return release_from_json(std::string_view(json_text)); }

MofVerdict mof(const Release& r, MofMode m = MofMode::Strict) { return evaluate_mof(r, test::licenses(), m); }

const MofComponentResult& comp(const MofVerdict& v, Component c) { return v.components[static_cast<std::size_t>(c)]; }

// All 10 Class II + Class III required components, under `lic` unless overridden.
std::string class2(const char* lic) {
  return std::string(R"({"licenses":{"distribution":")") + lic + R"("},"components":[
    {"name":"model_architecture"},{"name":"model_parameters_final"},{"name":"evaluation_results"},
    {"name":"model_card"},{"name":"data_card"},{"name":"technical_report"},{"name":"training_code"},
    {"name":"inference_code"},{"name":"evaluation_code"},{"name":"evaluation_data"}]})";
}

}  // namespace

TEST_CASE("MOF: license resolution order (component, content type, distribution, none)", "[mof]") {
  const auto r = release(R"({"licenses":{"distribution":"MIT","data":"CC-BY-4.0"},"components":[
      {"name":"Model architecture"},
      {"name":"model_parameters_final"},
      {"name":"Model card","license":"Apache-2.0"},
      {"name":"Technical report","license":"unlicensed"},
      {"name":"Data card","license":""}]})");
  const auto v = mof(r);
  CHECK(comp(v, Component::ModelArchitecture).origin == LicenseOrigin::Distribution);
  CHECK(comp(v, Component::ModelArchitecture).license == "MIT");
  CHECK(comp(v, Component::ModelParametersFinal).origin == LicenseOrigin::ContentType);
  CHECK(comp(v, Component::ModelParametersFinal).license == "CC-BY-4.0");
  CHECK(comp(v, Component::ModelCard).origin == LicenseOrigin::Component);
  CHECK(comp(v, Component::ModelCard).license == "Apache-2.0");
  // "unlicensed" and "" mean explicitly no license: they do not inherit the distribution license.
  CHECK(comp(v, Component::TechnicalReport).status == ComponentStatus::Unlicensed);
  CHECK(comp(v, Component::DataCard).status == ComponentStatus::Unlicensed);
  const auto none = mof(release(R"({"components":[{"name":"Model architecture"}]})"));
  CHECK(comp(none, Component::ModelArchitecture).status == ComponentStatus::Unlicensed);
  CHECK(comp(none, Component::ModelArchitecture).origin == LicenseOrigin::None);
}

TEST_CASE("MOF: a not type-appropriate open license passes with a warning", "[mof]") {
  // Weights (data) under Apache-2.0 (a code license): open, so Class III is reachable.
  const auto v = mof(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"model_architecture"},{"name":"model_parameters_final"},{"name":"evaluation_results"},
      {"name":"model_card"},{"name":"data_card"},{"name":"technical_report"}]})"));
  CHECK(v.mof_class == 3);
  CHECK(comp(v, Component::ModelParametersFinal).status == ComponentStatus::Included);
  CHECK_FALSE(comp(v, Component::ModelParametersFinal).type_appropriate);
  REQUIRE_FALSE(v.warnings.empty());
  CHECK(v.warnings[0].find("Model parameters (Final)") != std::string::npos);
}

TEST_CASE("MOF: the research paper stands in for a missing technical report", "[mof]") {
  // All Class II and I requirements except the technical report; the paper is listed.
  const auto v = mof(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"model_architecture"},{"name":"model_parameters_final"},{"name":"evaluation_results"},
      {"name":"model_card"},{"name":"data_card"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"evaluation_code"},{"name":"evaluation_data"},{"name":"datasets"},
      {"name":"data_preprocessing_code"},{"name":"model_parameters_intermediate"},
      {"name":"research_paper","license":"CC-BY-4.0"}]})"));
  CHECK(v.paper_replaces_report);
  CHECK(v.mof_class == 1);  // Class I with 13 of 13 (the report no longer required)
  CHECK(v.progress[1] == 100);
  // Without the paper, the report is missing and Class III is not met.
  const auto w = mof(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"model_architecture"},{"name":"model_parameters_final"},{"name":"evaluation_results"},
      {"name":"model_card"},{"name":"data_card"}]})"));
  CHECK_FALSE(w.paper_replaces_report);
  CHECK(w.mof_class == 0);
  CHECK(w.progress[3] == Approx(5.0 / 6 * 100));
  bool named = false;
  for (const auto& r : w.reasons) named = named || r.find("Technical report: not released") != std::string::npos;
  CHECK(named);
}

TEST_CASE("MOF: a lower class is 0% until every higher class is complete; optional parts never count", "[mof]") {
  // Class II code components released, Class III incomplete (no model card): Class II shows 0.
  const auto v = mof(release(R"({"licenses":{"distribution":"MIT"},"components":[
      {"name":"model_architecture"},{"name":"model_parameters_final"},{"name":"training_code"},
      {"name":"inference_code"},{"name":"evaluation_code"},{"name":"sample_model_outputs"},
      {"name":"supporting_libraries_and_tools"},{"name":"model_metadata"}]})"));
  CHECK(v.progress[3] == Approx(2.0 / 6 * 100));
  CHECK(v.progress[2] == 0);
  CHECK(v.progress[1] == 0);
  CHECK(v.mof_class == 0);
  const auto c2 = mof(release(class2("MIT").c_str()));
  CHECK(c2.mof_class == 2);
  CHECK(c2.progress[1] == Approx(10.0 / 14 * 100));
}

TEST_CASE("MOF: strict versus normalised mode, and every verdict names its mode", "[mof]") {
  const auto r = release(class2("Apache 2.0").c_str());
  const auto strict = mof(r, MofMode::Strict);
  const auto norm = mof(r, MofMode::Normalized);
  CHECK(strict.mof_class == 0);
  CHECK(comp(strict, Component::ModelArchitecture).status == ComponentStatus::Invalid);
  CHECK(norm.mof_class == 2);
  CHECK(comp(norm, Component::ModelArchitecture).license == "Apache-2.0");
  CHECK(comp(norm, Component::ModelArchitecture).normalized_by == NormalizeMethod::Alias);
  CHECK(strict.to_json()["mode"] == "strict");
  CHECK(norm.to_json()["mode"] == "normalized");
  // A model license stays not open in both modes.
  CHECK(mof(release(class2("Llama 3.1 Community License Agreement").c_str()), MofMode::Normalized).mof_class == 0);
}

TEST_CASE("MOF on the bundled dataset: MOT's class distribution and known models", "[mof][dataset]") {
  int counts[4] = {0, 0, 0, 0};
  for (const Record& r : ds())
    if (r.mof) ++counts[mof(r.release()).mof_class];
  // 273 MOT files give Class I 14, II 1, III 16, unclassified 242; two unclassified duplicates
  // were merged, so 240 remain.
  CHECK(counts[1] == 14);
  CHECK(counts[2] == 1);
  CHECK(counts[3] == 16);
  CHECK(counts[0] == 240);
  CHECK(mof(ds().find("pythia-70m")->release()).mof_class == 1);
  CHECK(mof(ds().find("polyglot-ko")->release()).mof_class == 2);
  CHECK(mof(ds().find("gpt-neox-20b")->release()).mof_class == 3);
  const auto gemma = mof(ds().find("gemma-7b")->release());
  CHECK(gemma.mof_class == 0);
  CHECK(gemma.progress[3] == 0);
}

TEST_CASE("EOSAI: open 1, partial 0.5, closed or ungraded 0, the mean of 12", "[eosai]") {
  EosaiData e;
  for (auto& p : e.parameters) p.grade = Grade::Open;
  CHECK(evaluate_eosai(e).score == 1.0);
  e.parameters[static_cast<std::size_t>(EosaiParam::Paper)].grade = Grade::Partial;
  e.parameters[static_cast<std::size_t>(EosaiParam::Licenses)].grade = Grade::Closed;
  e.parameters[static_cast<std::size_t>(EosaiParam::Datasheet)].grade = Grade::None;
  const auto v = evaluate_eosai(e);
  CHECK(v.score == Approx(9.5 / 12));
  CHECK(v.group_scores[2] == 0);                // Access: licenses closed
  CHECK(v.group_scores[1] == Approx(4.5 / 6));  // Documentation
  CHECK(v.reasons.size() == 3);
}

TEST_CASE("EOSAI on the bundled dataset matches the index's figures", "[eosai][dataset]") {
  double sum = 0;
  std::vector<double> scores;
  for (const Record& r : ds())
    if (r.eosai) scores.push_back(evaluate_eosai(*r.eosai).score);
  REQUIRE(scores.size() == 193);
  for (double s : scores) sum += s;
  CHECK(sum / 193 == Approx(0.487).margin(0.0005));  // mean 48.7 %
  CHECK(std::count_if(scores.begin(), scores.end(), [](double s) { return s >= 0.75; }) == 28);
  CHECK(std::count_if(scores.begin(), scores.end(), [](double s) { return s < 0.25; }) == 19);
  CHECK(std::count(scores.begin(), scores.end(), 1.0) == 2);  // Mustango and YuLan
  CHECK(evaluate_eosai(*ds().find("mustango")->eosai).score == 1.0);
  CHECK(evaluate_eosai(*ds().find("yulan")->eosai).score == 1.0);
  CHECK(evaluate_eosai(*ds().find("olmo")->eosai).score == Approx(23.0 / 24));
  CHECK(evaluate_eosai(*ds().find("bloomz")->eosai).score == Approx(23.0 / 24));
}

TEST_CASE("OSAID: the checklist element by element", "[osaid]") {
  const LicenseDb& db = test::licenses();
  const char* full = R"({"components":[
      {"name":"datasets","license":"CC-BY-4.0"},{"name":"data_preprocessing_code","license":"MIT"},
      {"name":"training_code","license":"Apache-2.0"},{"name":"inference_code","license":"Apache-2.0"},
      {"name":"supporting_libraries_and_tools","license":"BSD-3-Clause"},
      {"name":"model_architecture","license":"Apache-2.0"},{"name":"model_parameters_final","license":"Apache-2.0"}]})";
  auto v = evaluate_osaid(release(full), db, MofMode::Strict);
  CHECK(v.outcome == OsaidOutcome::Meets);
  // Data information: a data card alone is enough; the datasets themselves are not required.
  v = evaluate_osaid(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"data_card","license":"CC-BY-4.0"},{"name":"data_preprocessing_code"},{"name":"training_code"},
      {"name":"inference_code"},{"name":"supporting_libraries_and_tools"},{"name":"model_architecture"},
      {"name":"model_parameters_final"}]})"),
                     db, MofMode::Strict);
  CHECK(v.outcome == OsaidOutcome::Meets);
  CHECK(v.elements[0].met);
  // Code: OSI's checklist asks for supporting libraries and tools "if used": unlisted, they are not
  // a failure; the other three are required.
  v = evaluate_osaid(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"data_card"},{"name":"data_preprocessing_code"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"model_architecture"},{"name":"model_parameters_final"}]})"),
                     db, MofMode::Strict);
  CHECK(v.outcome == OsaidOutcome::Meets);
  CHECK(v.elements[1].met);
  v = evaluate_osaid(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"data_card"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"model_architecture"},{"name":"model_parameters_final"}]})"),
                     db, MofMode::Strict);
  CHECK(v.outcome == OsaidOutcome::DoesNotMeet);
  CHECK_FALSE(v.elements[1].met);
  CHECK(v.elements[2].met);
  // Code needs OSI-approved licenses: CC-BY-4.0 is open but not OSI-approved.
  v = evaluate_osaid(release(R"({"licenses":{"distribution":"CC-BY-4.0"},"components":[
      {"name":"data_card"},{"name":"data_preprocessing_code"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"supporting_libraries_and_tools"},{"name":"model_architecture"},{"name":"model_parameters_final"}]})"),
                     db, MofMode::Strict);
  CHECK_FALSE(v.elements[1].met);
  CHECK_FALSE(v.elements[2].met);
  CHECK(v.elements[3].met);  // parameters: OSD-conformant terms (CC-BY-4.0 is)
  // Parameters under a model license fail.
  v = evaluate_osaid(release(R"({"licenses":{"distribution":"Apache-2.0"},"components":[
      {"name":"data_card"},{"name":"data_preprocessing_code"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"supporting_libraries_and_tools"},{"name":"model_architecture"},
      {"name":"model_parameters_final","license":"Llama 2 Community License"}]})"),
                     db, MofMode::Normalized);
  CHECK_FALSE(v.elements[3].met);
  CHECK(v.outcome == OsaidOutcome::DoesNotMeet);
}

TEST_CASE("OSAID: OSI's own outcomes are recorded and compared", "[osaid][dataset]") {
  const Record* pythia = ds().find("pythia-70m");
  REQUIRE(pythia->osi_validation);
  CHECK(pythia->osi_validation->outcome == "pass");
  const auto v = evaluate_osaid(pythia->release(), ds().licenses(), MofMode::Strict, pythia->osi_validation);
  REQUIRE(v.agrees_with_osi.has_value());
  CHECK(v.outcome == OsaidOutcome::Meets);
  CHECK(*v.agrees_with_osi);
  const Record* llama = ds().find("llama-2-7b");
  REQUIRE(llama->osi_validation);
  CHECK(llama->osi_validation->outcome == "fail");
  const auto w = evaluate_osaid(llama->release(), ds().licenses(), MofMode::Normalized, llama->osi_validation);
  CHECK(w.outcome == OsaidOutcome::DoesNotMeet);
  CHECK(*w.agrees_with_osi);
  std::size_t facts = 0;
  for (const Record& r : ds()) facts += r.osi_validation != nullptr;
  CHECK(facts == 35);
  CHECK(ds().find("bloom")->osi_validation->outcome == "needs-license-change");
}

TEST_CASE("spectrum: each tier from a component list", "[spectrum]") {
  const LicenseDb& db = test::licenses();
  auto tier = [&](const char* j) {
    const Release r = release(j);
    return evaluate_spectrum(&r, nullptr, db, MofMode::Normalized).tier;
  };
  CHECK(tier(R"({"components":[{"name":"model_card"}]})") == Tier::Closed);
  CHECK(tier(R"({"components":[{"name":"model_parameters_final","license":"llama3.1"}]})") == Tier::RestrictedWeights);
  // A blank license says nothing of the terms: unknown, never restrictive; "unlicensed" is explicit.
  CHECK(tier(R"({"components":[{"name":"model_parameters_final"}]})") == Tier::Unknown);
  CHECK(tier(R"({"components":[{"name":"model_parameters_final","license":"unlicensed"}]})") ==
        Tier::RestrictedWeights);
  CHECK(tier(R"({"components":[{"name":"model_parameters_final","license":"BSD"}]})") == Tier::Unknown);
  CHECK(tier(R"({"licenses":{"distribution":"Apache 2.0"},"components":[{"name":"model_parameters_final"},
      {"name":"inference_code"}]})") == Tier::OpenWeights);
  CHECK(tier(R"({"licenses":{"distribution":"MIT"},"components":[{"name":"model_parameters_final"},
      {"name":"model_architecture"},{"name":"training_code"},{"name":"inference_code"},
      {"name":"research_paper","license":"CC-BY-4.0"}]})") == Tier::OpenSource);
  CHECK(tier(R"({"licenses":{"distribution":"MIT"},"components":[{"name":"model_parameters_final"},
      {"name":"model_architecture"},{"name":"training_code"},{"name":"inference_code"}]})") == Tier::OpenWeights);
  CHECK(tier(R"({"licenses":{"distribution":"Apache-2.0","data":"ODC-By-1.0"},"components":[
      {"name":"model_parameters_final"},{"name":"model_architecture"},{"name":"training_code"},
      {"name":"inference_code"},{"name":"datasets"}]})") == Tier::FullyOpen);
  CHECK(evaluate_spectrum(nullptr, nullptr, db, MofMode::Normalized).tier == Tier::Unknown);
}

TEST_CASE("spectrum: every tier says what a user can and cannot do", "[spectrum]") {
  for (Tier t :
       {Tier::Unknown, Tier::Closed, Tier::RestrictedWeights, Tier::OpenWeights, Tier::OpenSource, Tier::FullyOpen}) {
    const auto caps = capabilities_of(t);
    REQUIRE(caps.size() == 5);
    CHECK(caps[0].what == "run it");
    CHECK(caps[4].what == "retrain or improve it");
  }
  CHECK(capabilities_of(Tier::FullyOpen)[2].answer == "yes");  // verify what it learned from
  CHECK(capabilities_of(Tier::OpenSource)[2].answer == "partly");
  CHECK(capabilities_of(Tier::OpenWeights)[2].answer == "no");
  CHECK(capabilities_of(Tier::Closed)[0].answer == "no");
}

TEST_CASE("spectrum from EOSAI grades, and both bases reported when they differ", "[spectrum][dataset]") {
  const Record* olmo = ds().find("olmo");  // an EOSAI family record, no MOF data
  REQUIRE(olmo);
  auto v = evaluate_spectrum(nullptr, olmo->eosai, ds().licenses(), MofMode::Normalized);
  CHECK(v.basis == "eosai");
  CHECK(v.tier == Tier::FullyOpen);
  const Record* santa = ds().find("santacoder");  // MOT lists no weights; EOSAI grades them open
  REQUIRE(santa->eosai);
  const Release rel = santa->release();
  REQUIRE_FALSE(rel.find(Component::ModelParametersFinal));
  // A caller's description is complete: weights it does not list were not released.
  CHECK(evaluate_spectrum(&rel, santa->eosai, ds().licenses(), MofMode::Normalized).tier == Tier::Closed);
  // MOT's listing is partial: its silence about the weights is not evidence that they are closed;
  // EOSAI's grade is.
  v = evaluate_spectrum(&rel, santa->eosai, ds().licenses(), MofMode::Normalized, Listing::Partial);
  CHECK(v.basis == "eosai");
  CHECK(v.tier != Tier::Closed);
  CHECK(v.tier != Tier::Unknown);
  CHECK(v.reasons.front().find("does not cover the weights") != std::string::npos);
}

TEST_CASE("spectrum: an upstream listing that does not cover the weights is not a verdict of closed",
          "[spectrum][dataset]") {
  // MOT lists six components of HGRN2, not the weights, and the record has no EOSAI grades of
  // its own nor a producer's statement: the tier cannot be told, never "closed".
  for (const char* id : {"hgrn2"}) {
    const Record* r = ds().find(id);
    REQUIRE(r);
    REQUIRE(r->mof);
    CHECK_FALSE(r->release().find(Component::ModelParametersFinal));
    CHECK(r->eosai == nullptr);
    CHECK(r->availability == nullptr);
    const Assessment a = assess(*r, ds(), MofMode::Normalized);
    CHECK(a.spectrum.tier == Tier::Unknown);
    CHECK(a.spectrum.reasons.front().find("cannot be told") != std::string::npos);
    CHECK(a.spectrum.capabilities[0].answer == "cannot tell");
  }
  // T5's listing alone cannot place it either (OSI's validation passes it) ...
  const Record* t5 = ds().find("t5");
  REQUIRE(t5);
  const Release t5rel = t5->release();
  CHECK(evaluate_spectrum(&t5rel, nullptr, test::licenses(), MofMode::Normalized, Listing::Partial).tier ==
        Tier::Unknown);
  // ... but Google's model card says the weights (Apache-2.0), the code and the C4 data are
  // released: the producer's statement places it, and the listing's verdict stays beside it.
  REQUIRE(t5->availability);
  CHECK(t5->availability->released);
  CHECK(t5->availability->license == "Apache-2.0");
  CHECK(t5->availability->training_code == Stated::Released);
  CHECK(t5->availability->training_data == Stated::Released);
  CHECK(t5->source(t5->availability->source) != nullptr);
  CHECK(t5->source(t5->availability->source_of("training_data")) != nullptr);
  const Assessment t5a = assess(*t5, ds(), MofMode::Normalized);
  CHECK(t5a.spectrum.tier == Tier::FullyOpen);
  CHECK(t5a.spectrum.basis == "producer statement");
  REQUIRE(t5a.spectrum.other_basis_tier);
  CHECK(*t5a.spectrum.other_basis_tier == Tier::Unknown);
  // Phi-1: MOT lists no weights; Microsoft's card gives MIT and says nothing of code or data.
  const Record* phi1 = ds().find("phi-1");
  REQUIRE(phi1);
  REQUIRE(phi1->availability);
  const Assessment pa = assess(*phi1, ds(), MofMode::Normalized);
  CHECK(pa.spectrum.tier == Tier::OpenWeights);
  // What the card does not say stays unstated: never "not released".
  bool unstated = false, says_unreleased = false;
  for (const auto& why : pa.spectrum.reasons) {
    unstated = unstated || why.find("not stated by the producer") != std::string::npos;
    says_unreleased = says_unreleased || why.ends_with(" not released");
  }
  CHECK(unstated);
  CHECK_FALSE(says_unreleased);
  // StarCoder: MOT's form filler "Component not include." on the weights says nothing either.
  const Record* sc = ds().find("starcoder");
  REQUIRE(sc);
  const Assessment sa = assess(*sc, ds(), MofMode::Normalized);
  REQUIRE(sa.mof);
  for (const auto& c : sa.mof->components)
    if (c.component == Component::ModelParametersFinal)
      CHECK(c.license_as_given.find("not include") != std::string::npos);
  CHECK(sa.spectrum.tier == Tier::RestrictedWeights);  // BigCode's card: OpenRAIL-M, gated
  const Release screl = sc->release();
  CHECK(evaluate_spectrum(&screl, nullptr, test::licenses(), MofMode::Normalized, Listing::Partial).tier ==
        Tier::Unknown);
  // An explicit "Proprietary" in an upstream listing is a statement, and still reads as closed.
  const Release prop =
      release(R"({"components":[{"name":"model_parameters_final","license":"Proprietary"},{"name":"model_card"}]})");
  CHECK(evaluate_spectrum(&prop, nullptr, test::licenses(), MofMode::Normalized, Listing::Partial).tier ==
        Tier::Closed);
}

TEST_CASE("spectrum: MOT listings that say the weights are not released", "[spectrum]") {
  const LicenseDb& db = test::licenses();
  for (const char* marker :
       {"Proprietary", "Undisclosed", "Component not include.", "Component Component not included"}) {
    const Release r = release((std::string(R"({"components":[{"name":"model_parameters_final","license":")") + marker +
                               R"("},{"name":"model_card"}]})")
                                  .c_str());
    const auto v = evaluate_spectrum(&r, nullptr, db, MofMode::Normalized);
    CHECK(v.tier == Tier::Closed);
    REQUIRE_FALSE(v.reasons.empty());
    CHECK(v.reasons.front().find("not released") != std::string::npos);
  }
  // Unlicensed weights are released (all rights reserved), not closed.
  const Release unlicensed = release(R"({"components":[{"name":"model_parameters_final","license":"unlicensed"}]})");
  CHECK(evaluate_spectrum(&unlicensed, nullptr, db, MofMode::Normalized).tier == Tier::RestrictedWeights);
  const Record* gpt4 = ds().find("gpt-4");
  REQUIRE(gpt4);
  CHECK(assess(*gpt4, ds(), MofMode::Normalized).spectrum.tier == Tier::Closed);
}

TEST_CASE("spectrum from EOSAI: end weights graded closed for their license, base weights downloadable",
          "[spectrum][dataset]") {
  const Record* llama = ds().find("llama-3.1");  // EOSAI: end weights closed, base weights partial
  REQUIRE(llama);
  REQUIRE(llama->eosai);
  const auto v = evaluate_spectrum(nullptr, llama->eosai, ds().licenses(), MofMode::Normalized);
  CHECK(v.tier == Tier::RestrictedWeights);
  CHECK(v.reasons.front().find("base model's weights partial") != std::string::npos);
}

TEST_CASE("assess: a producer's statement that the weights are not released outranks MOT's listing",
          "[assess][dataset]") {
  const Record* claude = ds().find("claude-2");  // MOT lists the weights under MIT
  REQUIRE(claude);
  const Release rel = claude->release();
  CHECK(evaluate_spectrum(&rel, nullptr, ds().licenses(), MofMode::Normalized).tier == Tier::OpenWeights);
  const Assessment a = assess(*claude, ds(), MofMode::Normalized);
  CHECK(a.spectrum.tier == Tier::Closed);
  CHECK(a.spectrum.basis == "producer statement");
  REQUIRE(a.spectrum.other_basis_tier);
  CHECK(*a.spectrum.other_basis_tier == Tier::OpenWeights);
  CHECK(a.spectrum.capabilities[0].answer == "no");
  bool sourced = false;
  for (const auto& s : claude->sources) sourced = sourced || s.url == "https://www.anthropic.com/news/claude-2";
  CHECK(sourced);
  bool disagreement = false;
  for (const auto& d : claude->disagreements) disagreement = disagreement || d.field == "weights released";
  CHECK(disagreement);
}

TEST_CASE("spectrum: an API-only model whose MOT entry does not cover the weights is closed", "[spectrum][dataset]") {
  // MOT lists GPT-3's weights only with its "Component not included" filler: no disagreement with
  // OpenAI's statement that the API serves the model, which places it.
  const Record* gpt3 = ds().find("gpt-3");
  REQUIRE(gpt3);
  REQUIRE(gpt3->availability);
  CHECK_FALSE(gpt3->availability->released);
  const Assessment a = assess(*gpt3, ds(), MofMode::Normalized);
  CHECK(a.spectrum.tier == Tier::Closed);
  CHECK(a.spectrum.basis == "producer statement");
  for (const auto& d : gpt3->disagreements) CHECK(d.field != "weights released");
  // Released weights whose producer names no license: released, terms unknown.
  const Record* coder = ds().find("qwen3-coder-480b-a35b-instruct");
  REQUIRE(coder);
  REQUIRE(coder->availability);
  CHECK(coder->availability->released);
  CHECK(coder->availability->license.empty());
  CHECK(assess(*coder, ds(), MofMode::Normalized).spectrum.tier == Tier::Unknown);
}

TEST_CASE("assess: every framework on a record, EOSAI from the family", "[assess][dataset]") {
  const Record* r = ds().find("llama-3.1-8b-instruct");
  REQUIRE(r);
  const Assessment a = assess(*r, ds(), MofMode::Strict);
  REQUIRE(a.mof);
  CHECK(a.mof->mof_class == 0);
  REQUIRE(a.eosai);
  CHECK(a.eosai_from->id == "llama-3.1");
  CHECK(a.osaid.outcome == OsaidOutcome::DoesNotMeet);
  CHECK(a.spectrum.tier == Tier::RestrictedWeights);
  const auto j = a.to_json();
  CHECK(j["eosai"]["from_record"] == "llama-3.1");
  CHECK(j["eosai"]["note"].get<std::string>().find("Llama-3.1-405B-Instruct") != std::string::npos);
  CHECK(j["mof"]["mode"] == "strict");
}

TEST_CASE("assess: an EOSAI family score speaks for the generation EOSAI scored", "[assess][dataset]") {
  // EOSAI's "Granite" file scores Granite-4.0-H-Small: its sizes share the score, the older
  // Granite Code models do not; nor do Phi-1 (Phi-4-reasoning scored), Qwen1.5 (Qwen3.5) or Grok-0 (Grok 2).
  auto eosai_from = [](std::string_view id) -> std::string {
    const Record* r = ds().find(id);
    REQUIRE(r);
    const Assessment a = assess(*r, ds(), MofMode::Strict);
    return a.eosai ? std::string(a.eosai_from->id) : "";
  };
  CHECK(eosai_from("granite-4.0-h-micro") == "granite-4.0-h-small");
  CHECK(eosai_from("openelm-270m") == "openelm-3b-instruct");
  CHECK(eosai_from("openelm-1-1b") == "openelm-3b-instruct");
  CHECK(eosai_from("codegen2.5") == "codegen-family");
  for (const char* older :
       {"granite-8b-code-instruct", "phi-1", "qwen1.5-7b", "grok-0", "codegen2", "olmo-7b-twin-2t-hf"})
    CHECK(eosai_from(older).empty());
  // A producer's curated file may put several generations in one family; the family's score
  // goes to the generation EOSAI scored only: Olmo 3 (scored on Olmo-3.1-32B-Think and its base
  // Olmo-3-1125-32B), Mistral NeMo and Poro 2 (named without "Llama-"), BLOOMZ (scored on
  // BLOOMZ-P3, a training mix), not OLMo 2, Qwen2.5 (Qwen3.5 scored), K2 65B (K2-V2) or Whisper base.
  for (const char* same : {"olmo-3-7b", "mistral-nemo-base-2407", "llama-poro-2-70b-base", "bloomz-560m"})
    CHECK_FALSE(eosai_from(same).empty());
  for (const char* other : {"olmo-2-1124-7b", "qwen2.5-7b", "k2-65b", "whisper-base", "gemma-2-9b-it"}) {
    CHECK(eosai_from(other).empty());
    const Record* r = ds().find(other);
    REQUIRE(r);
    CHECK_FALSE(r->family_id.empty());  // still in the family, only without its score
    CHECK_FALSE(r->family_eosai_applies);
  }
}

TEST_CASE("lineage: a derivative stays under its base's terms", "[spectrum][lineage][dataset]") {
  // DeepSeek's card gives MIT for R1-Distill-Llama-8B, and its README says the model is derived
  // from Llama 3.1 8B, whose weights are under the Llama 3.1 license.
  const Record* distill = ds().find("deepseek-r1-distill-llama-8b");
  REQUIRE(distill);
  REQUIRE(distill->availability);
  CHECK(distill->availability->license == "MIT");
  const Assessment a = assess(*distill, ds(), MofMode::Normalized);
  REQUIRE(a.lineage);
  CHECK(a.lineage->base->id == "llama-3.1-8b");
  CHECK(a.lineage->license == "llama3.1");
  CHECK(a.spectrum.tier == Tier::RestrictedWeights);
  CHECK(a.spectrum.basis == "base model's license");
  REQUIRE(a.spectrum.other_basis_tier);
  CHECK(*a.spectrum.other_basis_tier == Tier::OpenWeights);
  CHECK(a.spectrum.reasons.front().find("llama3.1") != std::string::npos);
  CHECK(a.to_json()["lineage"]["base_model"] == "llama-3.1-8b");
  // A base under an open license (Qwen2.5-Math-7B, Apache-2.0) leaves the tier as it is.
  const Record* qwen = ds().find("deepseek-r1-distill-qwen-7b");
  REQUIRE(qwen);
  const Assessment q = assess(*qwen, ds(), MofMode::Normalized);
  CHECK_FALSE(q.lineage);
  CHECK(q.spectrum.tier == Tier::OpenWeights);
  // A producer licenses its own derivative as it chooses: R1 (MIT) on DeepSeek-V3-Base
  // (DeepSeek Model License) keeps its own terms.
  const Record* r1 = ds().find("deepseek-r1");
  REQUIRE(r1);
  REQUIRE(r1->base_model == "deepseek-v3-base");
  CHECK_FALSE(restrictive_base(*r1, ds(), MofMode::Normalized));
  // ... but a derivative that names no license of its own takes its base's: Hermes 4 405B, on
  // Llama 3.1 405B.
  const Record* hermes = ds().find("hermes-4-405b");
  REQUIRE(hermes);
  REQUIRE(hermes->availability);
  CHECK(hermes->availability->license.empty());
  const Assessment b = assess(*hermes, ds(), MofMode::Normalized);
  REQUIRE(b.lineage);
  CHECK(b.lineage->license == "llama3.1");
  CHECK(b.spectrum.tier == Tier::RestrictedWeights);
  // An upstream listing's base_model that names a record is written by the importer as that
  // record's id; the text as published is kept as a quirk.
  const Record* belle = ds().find("belle");
  REQUIRE(belle);
  CHECK(belle->base_model == "llama-2-13b");
  bool kept = false;
  for (const auto& q : belle->quirks)
    kept = kept || (q.kind == "base-model-by-id" && q.detail.find("'Llama-2-13B'") != std::string_view::npos);
  CHECK(kept);
  const Record* base = base_record(*belle, ds());
  REQUIRE(base);
  CHECK(base->id == "llama-2-13b");
}

TEST_CASE("lineage: the base's terms fail OSAID's parameters element, never an OSI validation", "[osaid][lineage]") {
  const Record* base = ds().find("llama-3.1-8b");
  REQUIRE(base);
  Record derived;
  derived.id = "x";
  SpectrumVerdict s;
  s.tier = Tier::FullyOpen;
  s.basis = "mof";
  OsaidVerdict o;
  for (auto& e : o.elements) e.met = true;
  o.elements[3].name = "parameters";
  o.checklist = o.outcome = OsaidOutcome::Meets;
  o.reasons = {"Every OSAID 1.0 checklist element is met by the released components"};
  apply_lineage(Lineage{base, "llama3.1"}, derived, s, o);
  CHECK(s.tier == Tier::RestrictedWeights);
  CHECK(*s.other_basis_tier == Tier::FullyOpen);
  CHECK_FALSE(o.elements[3].met);
  CHECK(o.outcome == OsaidOutcome::DoesNotMeet);
  CHECK(o.reasons.back().find("parameters not met") != std::string::npos);
  // Weights not released: nothing to inherit.
  SpectrumVerdict closed;
  closed.tier = Tier::Closed;
  OsaidVerdict o2;
  apply_lineage(Lineage{base, "llama3.1"}, derived, closed, o2);
  CHECK(closed.tier == Tier::Closed);
  CHECK_FALSE(closed.other_basis_tier);
}

TEST_CASE("spectrum: a producer who says the data was not released caps a listing's fully open",
          "[spectrum][dataset]") {
  // MOT lists Polyglot-Ko's components without licenses under one global Apache-2.0 licence,
  // which reads as fully open; EleutherAI's card says the training data will not be released.
  const Record* r = ds().find("polyglot-ko");
  REQUIRE(r);
  REQUIRE(r->availability);
  REQUIRE(r->availability->training_data == Stated::Described);
  const Assessment a = assess(*r, ds(), MofMode::Normalized);
  CHECK(a.spectrum.tier == Tier::OpenSource);
  CHECK(a.spectrum.basis == "producer statement");
  REQUIRE(a.spectrum.other_basis_tier);
  CHECK(*a.spectrum.other_basis_tier == Tier::FullyOpen);
  CHECK(a.spectrum.reasons.front().find("training data is described, not released") != std::string::npos);
}

TEST_CASE("spectrum: weights released under terms the data lacks are said to be released", "[spectrum]") {
  // Olmo 3 7B: Ai2's weights are released, the license was not read; the tier stays unknown (the
  // terms decide between restrictive and open), and the label says what is known.
  const Assessment a = assess(*ds().find("olmo-3-7b"), ds(), MofMode::Normalized);
  CHECK(a.spectrum.tier == Tier::Unknown);
  CHECK(a.spectrum.label() == "Weights released; their license is not in the data");
  CHECK(a.spectrum.to_json()["label"] == "Weights released; their license is not in the data");
  // Nothing stated about the weights: the tier's own label.
  const Assessment b = assess(*ds().find("glam"), ds(), MofMode::Normalized);
  CHECK(b.spectrum.tier == Tier::Unknown);
  CHECK(b.spectrum.label() == tier_label(Tier::Unknown));
}
