// The MCP bindings of the openness core: one file per tool, each a thin layer that validates
// nothing itself (the input schema did), calls the core and shapes its answer for an assistant.
//
// A tool file registers itself with a static ToolRegistrar; its schemas live in
// schemas/tools/<name>.input.json and <name>.output.json (embedded at build time) and are found by
// name. So adding a tool touches one .cpp file here and its two schema files: nothing else.
// Resources and prompts register the same way (resources.cpp, prompts.cpp).
#pragma once
#include <mcp/registry.h>
#include <mcp/server.h>
#include <openness/dataset.h>

#include "catalog.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace openness::bindings {

// What every binding reads: the loaded dataset and the per-record verdict summaries (computed on
// first use), immutable and shared by all sessions.
struct Context {
  std::shared_ptr<const Dataset> dataset;
  std::shared_ptr<const Catalog> catalog;

  explicit Context(std::shared_ptr<const Dataset> ds)
      : dataset(std::move(ds)), catalog(std::make_shared<const Catalog>(dataset)) {}
};

struct ToolBinding {
  std::string_view name;
  int order = 0;  // position in tools/list (ascending)
  std::string_view title;
  std::string_view description;
  // Builds the handler once the dataset is loaded; the handler captures what it needs by value
  // (the dataset's shared_ptr), never the Context itself.
  std::function<mcp::ToolHandler(const Context&)> make_handler;
};

class ToolRegistrar {
 public:
  explicit ToolRegistrar(ToolBinding binding);
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

// The embedded schemas/ files, by path relative to schemas/ (e.g. "tools/lookup_model.input.json").
std::optional<mcp::Json> schema(std::string_view path);

// Registers every tool, resource and prompt in their declared order.
mcp::Status register_all(mcp::Server& server, const Context& ctx);

// The server's identity and its instructions to assistants.
mcp::Implementation server_info();
std::string_view instructions();

}  // namespace openness::bindings
