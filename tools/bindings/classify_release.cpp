// classify_release: the verdict of every framework for a release the caller describes (a model
// not in the dataset, or a what-if: "what if they released the training code under MIT?").
#include "binding.h"
#include "present.h"

#include <openness/errors.h>

namespace openness::bindings {
namespace {

const ToolRegistrar kRegistrar{{
    "classify_release",
    20,
    "Classify a described release",
    "Classifies a release you describe (components, licenses): tier, MOF class, OSAID, EOSAI if graded, and "
    "next steps. For models not in the dataset, or what-ifs.",
    [](const Context& ctx) -> mcp::ToolHandler {
      return [data = ctx.dataset](const Json& args, mcp::RequestContext&) {
        const LicenseDb& db = data->licenses();
        Json description = {{"components", args["components"]}};
        if (args.contains("name")) description["name"] = args["name"];
        if (args.contains("licenses")) description["licenses"] = args["licenses"];
        Release release;
        try {
          release = release_from_json(description);
        } catch (const DataError& e) {
          return mcp::ToolResult::error("The release description is not usable at " + e.pointer() + ": " + e.message());
        }
        std::optional<EosaiData> eosai;
        if (args.contains("eosai")) {
          eosai.emplace();
          eosai->end_model = "the described release";
          for (const auto& [key, grade] : args["eosai"].items()) {
            auto p = eosai_param_from_key(key);
            if (!p) continue;  // the input schema allows only the 12 keys
            eosai->parameters[static_cast<std::size_t>(*p)].grade =
                grade == "open" ? Grade::Open : grade == "partial" ? Grade::Partial : Grade::Closed;
          }
        }
        const ReleaseVerdicts v = judge_release(release, eosai ? &*eosai : nullptr, db, mof_mode(args));
        const std::string summary = v.summary(release.name);
        Json out = {{"release", to_json(release)}, {"summary", summary}, {"verdicts", full_detail(args) ? v.to_json() : v.summary_json()}, {"next_steps", v.next_steps()}};
        std::string text = summary;
        for (const auto& why : v.spectrum.reasons) text += "\n- " + why;
        for (const auto& c : v.spectrum.capabilities)
          text += "\n  " + std::string(c.what) + ": " + std::string(c.answer) + " (" + std::string(c.why) + ")";
        if (!v.next_steps().empty()) {
          text += "\nTo become more open:";
          for (const auto& s : v.next_steps()) text += "\n- " + s;
        }
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    },
}};

}  // namespace
}  // namespace openness::bindings
