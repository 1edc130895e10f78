// Declarations of what a server offers: tools, resources, resource templates and prompts.
// Each is declared once, with its schemas and handler; the Server keeps them in registration
// order, which is the order clients see in list results.
#pragma once
#include <mcp/context.h>
#include <mcp/error.h>
#include <mcp/json.h>
#include <mcp/schema.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mcp {

// ---- tools ---------------------------------------------------------------------------------

struct ToolAnnotations {
  std::optional<bool> read_only;    // readOnlyHint
  std::optional<bool> destructive;  // destructiveHint
  std::optional<bool> idempotent;   // idempotentHint
  std::optional<bool> open_world;   // openWorldHint
};

// What a tool handler returns. Success with an output schema: `structured` is set and conforms;
// the server adds the JSON as a text block when the handler's content lacks it. Failure:
// `is_error` with a text that helps the caller recover; never `structured`.
struct ToolResult {
  Json content = Json::array();
  std::optional<Json> structured;
  bool is_error = false;
  // Set by ask(): the call needs input from the client first (an input_required result).
  std::optional<Json> needs_input;
  // Set by reject(): the request is answered with this JSON-RPC error instead of a result.
  std::optional<Error> rejection;

  // Asks the client for input and to call again: `input_requests` maps keys of the tool's choice
  // to {method, params} of elicitation/create, sampling/createMessage or roots/list; the answers
  // come back as RequestContext::input_responses() under the same keys, with `request_state`.
  static ToolResult ask(Json input_requests, std::string request_state = {});
  // A JSON-RPC error instead of a result, for a request the protocol itself rejects, such as a
  // retry whose requestState fails its integrity check (-32602). A failure of the tool's own work
  // is error(), which the model sees.
  static ToolResult reject(Error e);

  static ToolResult text(std::string text);
  // `rendering` is a short human-readable text shown before the JSON text block.
  static ToolResult structured_result(Json value, std::string rendering = {});
  static ToolResult error(std::string text);
  // An answer computed ahead of time, written as it is (raw_json): `structured_json`, the
  // structured content as JSON text, and `escaped_text`, its rendering as it reads between the
  // quotes of a JSON string.
  static ToolResult precomputed(std::string_view structured_json, std::string_view escaped_text);
};

using ToolHandler = std::function<ToolResult(const Json& arguments, RequestContext& ctx)>;

struct Tool {
  std::string name;   // 1-128 chars of [A-Za-z0-9_.-]
  std::string title;  // display name
  std::string description;
  Json input_schema;                  // {"type":"object","properties":{...}}
  std::optional<Json> output_schema;  // when set, every success carries conforming structuredContent
  ToolAnnotations annotations;
  Json icons = nullptr;  // optional array of {src, mimeType?, sizes?}
  // The tool's `_meta` in tools/list, an object; when `meta_extension` is set, listed only to the
  // clients that announce that extension (capabilities.extensions), e.g. an MCP App's
  // {"ui": {"resourceUri": "ui://..."}} for "io.modelcontextprotocol/ui".
  Json meta = nullptr;
  std::string meta_extension;
  ToolHandler handler;
  // Answers in microseconds and waits on nothing (no I/O): a call runs on the thread that read
  // it, without the hand-off to a worker, and cannot be cancelled once it runs.
  bool quick = false;
};

// ---- completion ----------------------------------------------------------------------------

// Suggests values for one argument. `value` is what the user typed so far; `context` holds the
// other arguments already given (completion/complete's context.arguments), an object.
using Completer = std::function<std::vector<std::string>(std::string_view value, const Json& context)>;

// ---- resources -----------------------------------------------------------------------------

// A read returns the `contents` array: [{uri, mimeType?, text} | {uri, mimeType?, blob}], or an
// input_required() result.
using ResourceReader = std::function<Result<Json>(const std::string& uri, RequestContext& ctx)>;

struct Resource {
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::optional<std::uint64_t> size;
  ResourceReader read;
};

// `vars` holds the template's variables, percent-decoded, taken from the URI being read.
using TemplateReader = std::function<Result<Json>(const std::string& uri,
                                                  const std::map<std::string, std::string>& vars, RequestContext& ctx)>;

struct ResourceTemplate {
  std::string uri_template;  // RFC 6570 level 1: literal text and {var}; a var never spans '/'
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  TemplateReader read;
  std::map<std::string, Completer> completers;  // by variable name
};

// ---- prompts -------------------------------------------------------------------------------

struct PromptArgument {
  std::string name;
  std::string title;
  std::string description;
  bool required = false;
};

// Returns the GetPromptResult: {description?, messages:[{role, content}]}, or an input_required()
// result.
using PromptHandler = std::function<Result<Json>(const std::map<std::string, std::string>& args, RequestContext& ctx)>;

struct Prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PromptArgument> arguments;
  PromptHandler get;
  std::map<std::string, Completer> completers;  // by argument name
};

// An input_required result (multi round-trip requests), for a prompt or resource handler that
// needs input first; see ToolResult::ask.
Json input_required(Json input_requests, std::string request_state = {});
bool is_input_required(const Json& result);

// Helpers for content blocks.
Json text_content(std::string text);
// An image block: `bytes` base64-encoded, e.g. an SVG document with "image/svg+xml".
Json image_content(std::string_view bytes, std::string mime_type);
// RFC 4648 base64 with padding, or (url_safe) the URL alphabet without padding.
std::string base64(std::string_view bytes, bool url_safe = false);
// Its inverse; nullopt for a character outside the alphabet (or, with padding, a length that is
// not a multiple of four).
std::optional<std::string> unbase64(std::string_view text, bool url_safe = false);
Json text_resource_contents(std::string uri, std::string mime_type, std::string text);

}  // namespace mcp
