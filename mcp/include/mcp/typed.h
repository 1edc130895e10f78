// Typed tools: a handler from the tool's argument struct to its output struct, as the Go SDK's
// AddTool[In, Out] has it. The server validates the arguments against the input schema first;
// `typed_tool` reads them into `In`, calls the handler and turns its `Out` into the result.
//
// What the structs provide, found by argument-dependent lookup (declare them beside the struct):
//   void read(const Json&, In&);             the arguments into the struct (a Json::exception
//                                            becomes the tool's error "invalid arguments: ...")
//   void to_json(Json&, const Out&);         the structured content (nlohmann's convention)
//   std::string text(const Out&);            the text block an assistant reads
//   Json extra_content(const Out&);          optional: more content blocks (an array), e.g. an image
// A handler that fails returns ToolError{text}: an isError result with that text, which should
// say what to do instead. With Out = ToolResult the handler builds the result itself, for an
// answer no struct describes (one computed ahead of time as JSON text, ToolResult::precomputed).
#pragma once
#include <mcp/registry.h>

#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace mcp {

struct ToolError {
  std::string text;
};

template <class Out>
using ToolOutcome = std::variant<Out, ToolError>;

template <class In, class Out>
using TypedToolHandler =
    std::function<std::conditional_t<std::is_same_v<Out, ToolResult>, ToolResult, ToolOutcome<Out>>(const In&)>;

// The result of a typed handler's outcome.
template <class Out>
ToolResult to_result(ToolOutcome<Out> outcome) {
  if (auto* e = std::get_if<ToolError>(&outcome)) return ToolResult::error(std::move(e->text));
  const Out& out = std::get<Out>(outcome);
  Json structured;
  to_json(structured, out);
  ToolResult r = ToolResult::structured_result(std::move(structured), text(out));
  if constexpr (requires { extra_content(out); })
    for (auto& block : extra_content(out)) r.content.push_back(std::move(block));
  return r;
}

template <class In, class Out>
ToolHandler typed_tool(TypedToolHandler<In, Out> handler) {
  return [h = std::move(handler)](const Json& args, RequestContext&) -> ToolResult {
    In in;
    try {
      read(args, in);
    } catch (const Json::exception& e) {
      return ToolResult::error(std::string("invalid arguments: ") + e.what());
    }
    if constexpr (std::is_same_v<Out, ToolResult>)
      return h(in);
    else
      return to_result<Out>(h(in));
  };
}

}  // namespace mcp
