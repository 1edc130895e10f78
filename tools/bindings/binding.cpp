#include "binding.h"

#include <embedded/openness_schemas.h>
#include <openness/version.h>

#include <algorithm>
#include <map>
#include <vector>

namespace openness::bindings {

namespace {

struct Registry {
  std::vector<ToolBinding> tools;
  std::map<std::string_view, std::string_view> ui;  // a tool's MCP App, by tool name
  std::vector<PromptBinding> prompts;
  std::vector<std::pair<int, std::function<mcp::Status(mcp::Server&, const Context&)>>> resources;
};

// Function-local, so registrars in other translation units may run in any order.
Registry& registry() {
  static Registry r;
  return r;
}

// The registered tools in tools/list order.
std::vector<ToolBinding> sorted_tools() {
  auto tools = registry().tools;
  std::stable_sort(tools.begin(), tools.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  return tools;
}

}  // namespace

ToolRegistrar::ToolRegistrar(ToolBinding binding) { registry().tools.push_back(std::move(binding)); }
UiRegistrar::UiRegistrar(std::string_view tool, std::string_view ui_resource) { registry().ui[tool] = ui_resource; }
PromptRegistrar::PromptRegistrar(PromptBinding binding) { registry().prompts.push_back(std::move(binding)); }
ResourceRegistrar::ResourceRegistrar(int order, std::function<mcp::Status(mcp::Server&, const Context&)> add) {
  registry().resources.emplace_back(order, std::move(add));
}

std::optional<mcp::Json> schema(std::string_view path) {
  const auto* f = embedded::openness_schemas::find(path);
  if (!f) return std::nullopt;
  mcp::Json j = mcp::Json::parse(f->data, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

mcp::Status register_all(mcp::Server& server, const Context& ctx) {
  Registry& r = registry();
  for (const auto& b : sorted_tools()) {
    const std::string name(b.name);
    auto in = schema("tools/" + name + ".input.json");
    if (!in)
      return mcp::Error::internal("tool " + name + ": schemas/tools/" + name + ".input.json is missing or not JSON");
    mcp::Tool t;
    t.name = name;
    t.title = std::string(b.title);
    t.description = std::string(b.description);
    t.input_schema = std::move(*in);
    t.output_schema = schema("tools/" + name + ".output.json");
    if (!t.output_schema)
      return mcp::Error::internal("tool " + name + ": schemas/tools/" + name + ".output.json is missing or not JSON");
    t.annotations.read_only = b.effects.read_only;
    t.annotations.destructive = b.effects.destructive;
    t.annotations.idempotent = b.effects.idempotent;
    const bool online = b.effects.reads_hub && ctx.hub;
    t.annotations.open_world = b.effects.open_world || online;
    t.quick = !online;
    if (const auto ui = r.ui.find(b.name); ui != r.ui.end()) {
      t.meta = {{"ui", {{"resourceUri", ui->second}}}};
      t.meta_extension = kUiExtension;
      // A host announces the MIME types it renders; the App is text/html;profile=mcp-app.
      server.add_extension(std::string(kUiExtension), mcp::Json::object(), [](const mcp::Json& host) {
        const auto types = host.is_object() ? host.find("mimeTypes") : host.end();
        return types != host.end() && types->is_array() &&
               std::find(types->begin(), types->end(), mcp::Json(kAppMimeType)) != types->end();
      });
    }
    t.handler = b.make_handler(ctx);
    if (auto s = server.add_tool(std::move(t)); !s) return s;
  }
  auto resources = r.resources;
  std::stable_sort(resources.begin(), resources.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [_, add] : resources)
    if (auto s = add(server, ctx); !s) return s;
  auto prompts = r.prompts;
  std::stable_sort(prompts.begin(), prompts.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& p : prompts)
    if (auto s = server.add_prompt(p.make(ctx)); !s) return s;
  return mcp::ok_status();
}

mcp::Implementation server_info() {
  return {"openness-mcp",
          "Model Openness",
          std::string(openness::version()),
          "Answers, with evidence, whether an AI model is actually open: per-component openness, licenses and "
          "verdicts under the Model Openness Framework, OSI's Open Source AI Definition, the European Open Source AI "
          "Index and the plain open-weights-to-fully-open spectrum.",
          "",
          nullptr};
}

std::vector<std::string> tool_names() {
  const auto tools = sorted_tools();
  std::vector<std::string> out;
  out.reserve(tools.size());
  for (const auto& b : tools) out.emplace_back(b.name);
  return out;
}

std::string_view instructions() {
  static const std::string text = [] {
    const auto tools = sorted_tools();
    std::string s =
        "Use this server whenever someone asks whether an AI model is open, open source, open weights or fully "
        "open; what its license allows; whether a vendor's openness claim holds; or which models are most open. "
        "Answer from its tools, cite the sources and as-of dates they return, and say when the data is unknown. "
        "Use ";
    for (std::size_t i = 0; i < tools.size(); ++i) {
      if (i) s += i + 1 == tools.size() ? " and " : "; ";
      s += std::string(tools[i].name) + " " + std::string(tools[i].use_for);
    }
    s += ". Openness is a spectrum: weights alone let people run and fine-tune a model, but only released "
         "training code and data let them check what it learned from, reproduce it, or improve how it was made.";
    return s;
  }();
  return text;
}

AnswerOptions answer_options(const mcp::Json& args) {
  AnswerOptions o;
  std::string mode = "normalized", detail = "summary";
  arg(args, "mof_mode", mode);
  arg(args, "detail", detail);
  o.mof_mode = mode == "strict" ? MofMode::Strict : MofMode::Normalized;
  o.full = detail == "full";
  arg(args, "picture", o.picture);
  return o;
}

}  // namespace openness::bindings
