#include <openness/claims.h>

#include <algorithm>
#include <cctype>

namespace openness {

std::string_view to_string(ClaimKind k) {
  switch (k) {
    case ClaimKind::FullyOpen: return "fully-open";
    case ClaimKind::OpenSource: return "open-source";
    case ClaimKind::OpenWeights: return "open-weights";
    case ClaimKind::Open: return "open";
    case ClaimKind::Closed: return "closed";
    case ClaimKind::Unrecognised: return "unrecognised";
  }
  return "?";
}

std::string_view to_string(ClaimOutcome o) {
  switch (o) {
    case ClaimOutcome::Accurate: return "accurate";
    case ClaimOutcome::Misleading: return "misleading";
    case ClaimOutcome::False: return "false";
    case ClaimOutcome::CannotTell: return "cannot-tell";
  }
  return "?";
}

int tier_rank(Tier t) {
  switch (t) {
    case Tier::Unknown: return 0;
    case Tier::Closed: return 1;
    case Tier::RestrictedWeights: return 2;
    case Tier::OpenWeights: return 3;
    case Tier::OpenSource: return 4;
    case Tier::FullyOpen: return 5;
  }
  return 0;
}

namespace {

// Lower case, every run of non-alphanumerics one space, padded with spaces for word matching.
std::string words(std::string_view text) {
  std::string out = " ";
  for (unsigned char c : text.substr(0, 4096)) {
    if (std::isalnum(c))
      out.push_back(static_cast<char>(std::tolower(c)));
    else if (out.back() != ' ')
      out.push_back(' ');
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

bool has(const std::string& w, std::initializer_list<std::string_view> phrases) {
  for (auto p : phrases)
    if (w.find(" " + std::string(p) + " ") != std::string::npos) return true;
  return false;
}

}  // namespace

ClaimKind read_claim(std::string_view text) {
  const std::string w = words(text);
  if (has(w, {"fully open", "fully open source", "completely open", "totally open", "100 open", "truly open source",
              "entirely open", "fully transparent and open"}))
    return ClaimKind::FullyOpen;
  if (has(w, {"open source", "opensource", "oss", "foss", "open sourced", "free software", "libre"}))
    return ClaimKind::OpenSource;
  if (has(w, {"open weights", "open weight", "openweight", "openweights", "weights available", "downloadable weights",
              "publicly available weights", "released weights", "weights are open", "weights released"}))
    return ClaimKind::OpenWeights;
  if (has(w, {"closed", "proprietary", "closed source", "closed weights", "not open"})) return ClaimKind::Closed;
  if (has(w, {"open", "openly", "opened", "open model", "open ai model", "open release", "openly available",
              "publicly available", "open access"}))
    return ClaimKind::Open;
  return ClaimKind::Unrecognised;
}

ClaimVerdict judge_claim(ClaimKind kind, const Assessment& a, std::string_view model_name) {
  ClaimVerdict v;
  const Tier tier = a.spectrum.tier;
  const int rank = tier_rank(tier);
  const std::string name(model_name);
  // The tier label in running text: "open weights under a restrictive license".
  std::string tier_text(tier_label(tier));
  if (!tier_text.empty()) tier_text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(tier_text[0])));
  auto because = [&](std::string s) { v.reasons.push_back(std::move(s)); };
  for (const auto& r : a.spectrum.reasons) because(r);

  const OsiValidation* osi = a.osaid.osi_validation;
  if (kind == ClaimKind::Unrecognised) {
    v.outcome = ClaimOutcome::CannotTell;
    v.headline = "The claim does not say which kind of openness it means; " + name + " is: " + tier_text + ".";
    return v;
  }
  if (tier == Tier::Unknown && !(kind == ClaimKind::OpenSource && osi)) {
    v.outcome = ClaimOutcome::CannotTell;
    v.headline = "The dataset does not say enough about what " + name + " released to judge the claim.";
    return v;
  }

  switch (kind) {
    case ClaimKind::FullyOpen:
      if (tier == Tier::FullyOpen)
        v.outcome = ClaimOutcome::Accurate;
      else if (tier == Tier::Closed)
        v.outcome = ClaimOutcome::False;
      else {
        v.outcome = ClaimOutcome::Misleading;
        because("fully open needs weights, training code and training data under open licenses; " + name +
                " is: " + tier_text);
      }
      break;
    case ClaimKind::OpenSource:
      if (osi) {
        const std::string_view o = osi->outcome;
        because("OSI's own validation against the Open Source AI Definition: " + std::string(o) +
                (osi->note.empty() ? "" : " (" + std::string(osi->note) + ")"));
        if (o == "pass")
          v.outcome = ClaimOutcome::Accurate;
        else if (tier == Tier::Closed)
          v.outcome = ClaimOutcome::False;
        else
          v.outcome = ClaimOutcome::Misleading;
      } else if (rank >= tier_rank(Tier::OpenSource)) {
        v.outcome = ClaimOutcome::Accurate;
        if (a.osaid.outcome != OsaidOutcome::Meets)
          because(
              "the OSAID 1.0 checklist is not fully met from the published component list, though weights and "
              "code are open");
      } else if (tier == Tier::Closed) {
        v.outcome = ClaimOutcome::False;
      } else {
        v.outcome = ClaimOutcome::Misleading;
        because(
            "open source needs the training code and enough information about the training data to rebuild the "
            "model, under open terms; " +
            name + " releases weights (" + tier_text + ")");
      }
      break;
    case ClaimKind::OpenWeights:
    case ClaimKind::Open:
      if (rank >= tier_rank(Tier::OpenWeights))
        v.outcome = ClaimOutcome::Accurate;
      else if (tier == Tier::RestrictedWeights) {
        v.outcome = ClaimOutcome::Misleading;
        because("the weights can be downloaded, but their license restricts use, so they are not open");
      } else {
        v.outcome = ClaimOutcome::False;
      }
      if (kind == ClaimKind::Open && v.outcome == ClaimOutcome::Accurate && rank < tier_rank(Tier::OpenSource))
        because("'open' holds for the weights only: training code or data are not released openly");
      break;
    case ClaimKind::Closed: v.outcome = tier == Tier::Closed ? ClaimOutcome::Accurate : ClaimOutcome::False; break;
    case ClaimKind::Unrecognised: break;
  }

  const std::string claim(to_string(kind));
  if (tier == Tier::Unknown) {
    // Only an "open source" claim gets here, judged on OSI's own validation alone.
    const bool pass = v.outcome == ClaimOutcome::Accurate;
    v.headline = std::string(pass ? "Accurate" : "Misleading") + ": OSI's own validation finds that " + name +
                 (pass ? " meets" : " does not meet") +
                 " the Open Source AI Definition; the dataset cannot place its weights on the spectrum.";
    return v;
  }
  switch (v.outcome) {
    case ClaimOutcome::Accurate: v.headline = "Accurate: " + name + " is " + tier_text + "."; break;
    case ClaimOutcome::Misleading:
      v.headline = "Misleading: calling " + name + " " + claim + " overstates it; it is " + tier_text + ".";
      break;
    case ClaimOutcome::False: v.headline = "False: " + name + " is " + tier_text + ", not " + claim + "."; break;
    case ClaimOutcome::CannotTell: v.headline = "Cannot tell from the data."; break;
  }
  return v;
}

}  // namespace openness
