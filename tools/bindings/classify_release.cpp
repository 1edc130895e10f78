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

const ToolRegistrar kRegistrar{{
    "classify_release",
    20,
    "Classify a described release",
    "Classifies a release you describe: tier, MOF class, OSAID, EOSAI if graded, next steps. For models not in "
    "the dataset, or what-ifs.",
    "for a release described by the user",
    {},
    typed<ReleaseIn>([](const Context& ctx) -> TypedHandler<ReleaseIn> {
      return [data = ctx.dataset](const ReleaseIn& in) {
        const LicenseDb& db = data->licenses();
        Json description = {{"components", in.components}};
        if (in.name) description["name"] = *in.name;
        if (in.licenses) description["licenses"] = *in.licenses;
        Release release;
        try {
          release = release_from_json(description);
        } catch (const DataError& e) {
          return mcp::ToolResult::error("The release description is not usable at " + e.pointer() + ": " + e.message());
        }
        std::optional<EosaiData> eosai;
        if (in.eosai) {
          eosai.emplace();
          eosai->end_model = "the described release";
          for (const auto& [key, grade] : in.eosai->items()) {
            auto p = eosai_param_from_key(key);
            if (!p) continue;  // the input schema allows only the 12 keys
            eosai->parameters[static_cast<std::size_t>(*p)].grade = grade == "open"      ? Grade::Open
                                                                    : grade == "partial" ? Grade::Partial
                                                                                         : Grade::Closed;
          }
        }
        const ReleaseVerdicts v = judge_release(release, eosai ? &*eosai : nullptr, db, in.options.mof_mode);
        const std::string summary = v.summary(release.name);
        Json out = {{"release", to_json(release)},
                    {"summary", summary},
                    {"verdicts", in.options.full ? v.to_json() : v.summary_json()},
                    {"next_steps", v.next_steps()}};
        std::string text = summary;
        for (const auto& why : v.spectrum.reasons) text += "\n- " + why;
        for (const auto& c : v.spectrum.capabilities)
          text += "\n  " + std::string(c.what) + ": " + std::string(c.answer) + " (" + std::string(c.why) + ")";
        if (!v.next_steps().empty()) {
          text += "\nTo become more open:";
          for (const auto& s : v.next_steps()) text += "\n- " + s;
        }
        auto result = mcp::ToolResult::structured_result(std::move(out), std::move(text));
        if (in.options.picture)
          result.content.push_back(card_image(
              release_scorecard(release.name, v.mof, v.spectrum, v.osaid, v.eosai,
                                "Classified by openness-mcp from the description given (classify_release)")));
        return result;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
