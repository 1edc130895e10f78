// classify_release: the verdict of every framework for a release the caller describes (a model
// not in the dataset, or a what-if: "what if they released the training code under MIT?").
#include "binding.h"
#include "present.h"
#include "scorecard.h"

#include <openness/errors.h>

namespace openness::bindings {
namespace {

struct ReleaseIn {
  Json components = Json::array();
  std::optional<Json> name, licenses, eosai;  // kept as given: the release parser reads them
  AnswerOptions options;
};
void read(const Json& j, ReleaseIn& in) {
  arg(j, "components", in.components);
  arg(j, "name", in.name);
  arg(j, "licenses", in.licenses);
  arg(j, "eosai", in.eosai);
  in.options = answer_options(j);
}

// A described release and every framework's verdict on it.
struct ReleaseOut {
  Release release;
  ReleaseVerdicts verdicts;
  bool full = false;                 // detail: "full": each framework's whole verdict
  std::optional<Scorecard> picture;  // picture: true
};

void to_json(Json& j, const ReleaseOut& o) {
  j = {{"release", to_json(o.release)},
       {"summary", o.verdicts.summary(o.release.name)},
       {"verdicts", o.full ? o.verdicts.to_json() : o.verdicts.summary_json()},
       {"next_steps", o.verdicts.next_steps()}};
}

std::string text(const ReleaseOut& o) {
  const ReleaseVerdicts& v = o.verdicts;
  std::string t = v.summary(o.release.name);
  for (const auto& why : v.spectrum.reasons) t += "\n- " + why;
  for (const auto& c : v.spectrum.capabilities)
    t += "\n  " + std::string(c.what) + ": " + std::string(c.answer) + " (" + std::string(c.why) + ")";
  if (!v.next_steps().empty()) {
    t += "\nTo become more open:";
    for (const auto& s : v.next_steps()) t += "\n- " + s;
  }
  return t;
}

Json extra_content(const ReleaseOut& o) { return o.picture ? Json::array({card_image(*o.picture)}) : Json::array(); }

std::optional<EosaiData> eosai_grades(const std::optional<Json>& grades) {
  if (!grades) return std::nullopt;
  EosaiData eosai;
  eosai.end_model = "the described release";
  for (const auto& [key, grade] : grades->items()) {
    auto p = eosai_param_from_key(key);
    if (!p) continue;  // the input schema allows only the 12 keys
    eosai.parameters[static_cast<std::size_t>(*p)].grade = grade == "open"      ? Grade::Open
                                                           : grade == "partial" ? Grade::Partial
                                                                                : Grade::Closed;
  }
  return eosai;
}

const ToolRegistrar kRegistrar{{
    "classify_release",
    20,
    "Classify a described release",
    "Classifies a release you describe: tier, MOF class, OSAID, EOSAI if graded, next steps. For models not in "
    "the dataset, or what-ifs.",
    "for a release described by the user",
    {},
    typed<ReleaseIn, ReleaseOut>([](const Context& ctx) -> TypedHandler<ReleaseIn, ReleaseOut> {
      return [data = ctx.dataset](const ReleaseIn& in) -> mcp::ToolOutcome<ReleaseOut> {
        Json description = {{"components", in.components}};
        if (in.name) description["name"] = *in.name;
        if (in.licenses) description["licenses"] = *in.licenses;
        ReleaseOut out;
        try {
          out.release = release_from_json(description);
        } catch (const DataError& e) {
          return mcp::ToolError{"The release description is not usable at " + e.pointer() + ": " + e.message()};
        }
        const std::optional<EosaiData> eosai = eosai_grades(in.eosai);
        out.verdicts = judge_release(out.release, eosai ? &*eosai : nullptr, data->licenses(), in.options.mof_mode);
        out.full = in.options.full;
        const ReleaseVerdicts& v = out.verdicts;
        if (in.options.picture)
          out.picture = release_scorecard(out.release.name, v.mof, v.spectrum, v.osaid, v.eosai,
                                          "Classified by openness-mcp from the description given (classify_release)");
        return out;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
