// Prompts: is_it_open(model), compare_openness(models), audit_open_source_claim(model, claim).
// Each tells the assistant which tools to call and how to answer; where the model resolves, the
// prompt embeds its scorecard resource so the answer can start from the evidence.
#include "binding.h"
#include "present.h"

namespace openness::bindings {

namespace {

Json user_text(std::string text) { return {{"role", "user"}, {"content", mcp::text_content(std::move(text))}}; }

// The scorecard of `name` as an embedded resource, when the name resolves.
std::optional<Json> scorecard(const Dataset& ds, const std::string& name) {
  Resolution r = ds.resolver().resolve(name, 1);
  if (r.status != ResolveStatus::Found) return std::nullopt;
  const std::string uri = "openness://models/" + std::string(r.match()->id) + "/card";
  return Json{{"role", "user"},
              {"content",
               {{"type", "resource"},
                {"resource", {{"uri", uri}, {"mimeType", "text/markdown"}, {"text", card_markdown(*r.match(), ds)}}}}}};
}

const char* kHowToAnswer =
    "Answer in plain language: say what was released (weights, training code, training data, documentation) and "
    "under which licenses, what that lets people do (run, fine-tune, verify what the model learned from, "
    "reproduce, retrain or improve), and where the model sits on the spectrum closed / open weights / open "
    "source / fully open. Give the Model Openness Framework class, the OSI Open Source AI Definition outcome and "
    "the European Open Source AI Index score when the tools return them, and cite the sources with their as-of "
    "dates. If the data is missing, say so rather than guess.";

const PromptRegistrar kIsItOpen{
    {10, [](const Context& ctx) {
       mcp::Prompt p;
       p.name = "is_it_open";
       p.title = "Is this model actually open?";
       p.description =
           "Ask whether a model is actually open, with evidence: what was released, under which licenses, and the "
           "verdict of each openness framework";
       p.arguments = {{"model", "Model",
                       "The model, under any name people use (Hugging Face id, Ollama tag, marketing name)", true}};
       auto data = ctx.dataset;
       p.get = [data](const std::map<std::string, std::string>& a, mcp::RequestContext&) -> mcp::Result<Json> {
         const std::string& model = a.at("model");
         Json messages = Json::array();
         messages.push_back(user_text("Is " + model + " actually open? Call the lookup_model tool with name \"" +
                                      model + "\" (and explain_openness if a plain explanation helps). " +
                                      kHowToAnswer));
         if (auto card = scorecard(*data, model)) messages.push_back(std::move(*card));
         return Json{{"description", "Is " + model + " actually open?"}, {"messages", messages}};
       };
       p.completers["model"] = [data](std::string_view typed, const Json&) { return complete_model_id(*data, typed); };
       return p;
     }}};

const PromptRegistrar kCompare{
    {20, [](const Context& ctx) {
       mcp::Prompt p;
       p.name = "compare_openness";
       p.title = "Compare models' openness";
       p.description =
           "Compare how open several models are, dimension by dimension (weights, training code, training data, "
           "documentation, licenses)";
       p.arguments = {{"models", "Models", "2 to 10 models, separated by commas", true}};
       auto data = ctx.dataset;
       p.get = [](const std::map<std::string, std::string>& a, mcp::RequestContext&) -> mcp::Result<Json> {
         std::vector<std::string> names;
         std::string rest = a.at("models");
         while (!rest.empty()) {
           const auto comma = rest.find(',');
           std::string n = rest.substr(0, comma);
           n.erase(0, n.find_first_not_of(" \t"));
           n.erase(n.find_last_not_of(" \t") + 1);
           if (!n.empty()) names.push_back(n);
           if (comma == std::string::npos) break;
           rest = rest.substr(comma + 1);
         }
         if (names.size() < 2 || names.size() > 10)
           return mcp::Error::invalid_params("compare_openness needs 2 to 10 models, separated by commas");
         return Json{{"description", "Compare the openness of " + a.at("models")},
                     {"messages",
                      {user_text("Compare how open these models are: " + Json(names).dump() +
                                 ". Call the compare_models tool with names " + Json(names).dump() +
                                 ", then present a table (weights, training code, training data, documentation, "
                                 "license, tier, MOF class, EOSAI score) and say which is most open where. " +
                                 kHowToAnswer)}}};
       };
       p.completers["models"] = [data](std::string_view typed, const Json&) {
         // Complete the last name of the comma-separated list.
         const std::string t(typed);
         const auto comma = t.rfind(',');
         const std::string head = comma == std::string::npos ? "" : t.substr(0, comma + 1) + " ";
         std::string last = comma == std::string::npos ? t : t.substr(comma + 1);
         last.erase(0, last.find_first_not_of(' '));
         std::vector<std::string> out;
         for (auto& id : complete_model_id(*data, last)) out.push_back(head + id);
         return out;
       };
       return p;
     }}};

const PromptRegistrar kAudit{
    {30, [](const Context& ctx) {
       mcp::Prompt p;
       p.name = "audit_open_source_claim";
       p.title = "Audit an openness claim";
       p.description =
           "Audit a claim that a model is open source (or open, open weights, fully open) against what was actually "
           "released";
       p.arguments = {{"model", "Model", "The model the claim is about", true},
                      {"claim", "Claim", "The claim in the vendor's words, e.g. 'our open-source model'", true}};
       auto data = ctx.dataset;
       p.get = [data](const std::map<std::string, std::string>& a, mcp::RequestContext&) -> mcp::Result<Json> {
         const std::string& model = a.at("model");
         const std::string& claim = a.at("claim");
         Json messages = Json::array();
         messages.push_back(
             user_text("Audit this claim: \"" + claim + "\" about " + model +
                       ". Call check_openness_claim with model \"" + model + "\" and claim \"" + claim +
                       "\", then give the verdict (accurate, misleading, false or cannot tell) and the reasons: "
                       "which components or license terms decide it, and OSI's own validation if there is one. " +
                       kHowToAnswer));
         if (auto card = scorecard(*data, model)) messages.push_back(std::move(*card));
         return Json{{"description", "Audit: " + claim}, {"messages", messages}};
       };
       p.completers["model"] = [data](std::string_view typed, const Json&) { return complete_model_id(*data, typed); };
       p.completers["claim"] = [](std::string_view typed, const Json&) {
         std::vector<std::string> out;
         for (const char* c : {"open source", "open weights", "fully open", "open"})
           if (std::string_view(c).substr(0, typed.size()) == typed) out.emplace_back(c);
         return out;
       };
       return p;
     }}};

}  // namespace
}  // namespace openness::bindings
