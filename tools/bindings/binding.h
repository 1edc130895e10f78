// The MCP bindings of the openness core: one file per tool, each a thin layer that validates
// nothing itself (the input schema did), calls the core and shapes its answer for an assistant.
//
// A tool file registers itself with a static ToolRegistrar: its name, title, description, the
// phrase the server's instructions use for it, what it does to the world (annotations), and a
// typed handler (`typed<In, Out>`, mcp/typed.h): from a struct of its arguments, read from the
// JSON the input schema has validated, to a struct of its answer, whose to_json is the structured
// content and whose text() is the text block. Its schemas live in schemas/tools/<name>.input.json and
// <name>.output.json (embedded at build time) and are found by name. So adding a tool touches one .cpp file here and
// its two schema files: the instructions, the tool tests' registry check, the fuzz seeds and the soak take the list
// from the registry. Resources and prompts register the same way (resources.cpp, prompts.cpp).
#pragma once
#include <mcp/registry.h>
#include <mcp/server.h>
#include <mcp/typed.h>
#include <openness/dataset.h>
#include <openness/hub.h>
#include <openness/mof.h>

#include "answers.h"
#include "catalog.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::bindings {

// What every binding reads: the loaded dataset, the per-record verdict summaries (computed on
// first use) and, for the bundled dataset alone, its precomputed answers; immutable and shared by
// all sessions.
struct Context {
  std::shared_ptr<const Dataset> dataset;
  std::shared_ptr<const Catalog> catalog;
  std::optional<AnswerTable> answers;  // set before registering (answers.h)
  std::shared_ptr<hub::Fetcher> hub;   // the Hugging Face Hub, with --hub only (hub_answer.h); set before registering

  explicit Context(std::shared_ptr<const Dataset> ds)
      : dataset(std::move(ds)), catalog(std::make_shared<const Catalog>(dataset)) {}
};

// What a tool does to the world (the tools/list annotations). The default is an openness tool:
// it reads the bundled dataset and nothing else, so it has no side effects, gives the same answer
// for the same input, and does not reach the outside world.
struct ToolEffects {
  bool read_only = true, destructive = false, idempotent = true, open_world = false;
  // Reads the Hugging Face Hub when the server runs with --hub: then it reaches the outside world
  // and waits on the network; otherwise it answers from memory in microseconds (mcp::Tool::quick).
  bool reads_hub = false;
};

struct ToolBinding {
  std::string_view name;
  int order = 0;  // position in tools/list and in the instructions (ascending)
  std::string_view title;
  std::string_view description;
  std::string_view use_for;  // the instructions' phrase: "<name> <use_for>", e.g. "for several models"
  ToolEffects effects;
  // Builds the handler once the dataset is loaded; the handler captures what it needs by value
  // (the dataset's shared_ptr), never the Context itself.
  std::function<mcp::ToolHandler(const Context&)> make_handler;
};

// Reads an argument when it is present and not null; `out` keeps its default otherwise.
template <class T>
void arg(const mcp::Json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->template get<T>();
}
template <class T>
void arg(const mcp::Json& j, const char* key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->template get<T>();
}

// The options several tools share: MOF license matching and how much to answer.
struct AnswerOptions {
  MofMode mof_mode = MofMode::Normalized;
  bool full = false;     // detail: "full"
  bool picture = false;  // picture: true, an SVG scorecard as an image block (scorecard.h)
};
AnswerOptions answer_options(const mcp::Json& args);

// A typed handler (mcp/typed.h): `make(ctx)` returns a function from the tool's argument struct
// `In` to its output struct `Out` (or a ToolError), or to the ToolResult itself when Out is
// mcp::ToolResult. The input schema has validated the JSON already; a struct it cannot fill is
// reported as the tool's error.
template <class In, class Out = mcp::ToolResult>
using TypedHandler = mcp::TypedToolHandler<In, Out>;

template <class In, class Out = mcp::ToolResult>
std::function<mcp::ToolHandler(const Context&)> typed(std::function<TypedHandler<In, Out>(const Context&)> make) {
  return [make = std::move(make)](const Context& ctx) { return mcp::typed_tool<In, Out>(make(ctx)); };
}

class ToolRegistrar {
 public:
  explicit ToolRegistrar(ToolBinding binding);
};

// The MCP App (a ui:// resource, resources.cpp) that renders tool `tool`'s results: named in the
// tool's _meta.ui.resourceUri, listed only to clients that announce the MCP Apps extension.
class UiRegistrar {
 public:
  UiRegistrar(std::string_view tool, std::string_view ui_resource);
};

struct PromptBinding {
  int order = 0;
  std::function<mcp::Prompt(const Context&)> make;
};

class PromptRegistrar {
 public:
  explicit PromptRegistrar(PromptBinding binding);
};

// Resources and resource templates are added by one function per file.
class ResourceRegistrar {
 public:
  explicit ResourceRegistrar(int order, std::function<mcp::Status(mcp::Server&, const Context&)> add);
};

// The MCP Apps extension, and the one App this server offers (resources.cpp).
inline constexpr std::string_view kUiExtension = "io.modelcontextprotocol/ui";
inline constexpr std::string_view kScorecardApp = "ui://openness/scorecard";
inline constexpr std::string_view kAppMimeType = "text/html;profile=mcp-app";

// The embedded schemas/ files, by path relative to schemas/ (e.g. "tools/lookup_model.input.json").
std::optional<mcp::Json> schema(std::string_view path);

// Registers every tool, resource and prompt in their declared order.
mcp::Status register_all(mcp::Server& server, const Context& ctx);

// The server's identity and its instructions to assistants (naming every registered tool).
mcp::Implementation server_info();
std::string_view instructions();

// The registered tools' names, in tools/list order.
std::vector<std::string> tool_names();

}  // namespace openness::bindings
