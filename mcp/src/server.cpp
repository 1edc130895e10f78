#include <mcp/server.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace mcp {

// ---- content helpers and ToolResult ---------------------------------------------------------

Json text_content(std::string text) { return {{"type", "text"}, {"text", std::move(text)}}; }

Json image_content(std::string_view bytes, std::string mime_type) {
  return {{"type", "image"}, {"data", base64(bytes)}, {"mimeType", std::move(mime_type)}};
}

// Not libb64 (Debian's): it breaks its output into 72-character lines, which MCP's data fields may not hold.
std::string base64(std::string_view bytes, bool url_safe) {
  const char* alphabet = url_safe ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                  : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  unsigned val = 0;
  int bits = -6;
  for (unsigned char c : bytes) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(alphabet[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(alphabet[((val << 8) >> (bits + 8)) & 0x3F]);
  if (!url_safe)
    while (out.size() % 4) out.push_back('=');
  return out;
}

std::optional<std::string> unbase64(std::string_view text, bool url_safe) {
  const std::string_view alphabet = url_safe ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                             : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (!url_safe) {
    if (text.size() % 4) return std::nullopt;
    while (!text.empty() && text.back() == '=' && text.size() % 4 != 1) text.remove_suffix(1);
  }
  std::string out;
  unsigned val = 0;
  int bits = -8;
  for (char c : text) {
    const auto p = alphabet.find(c);
    if (p == std::string_view::npos) return std::nullopt;
    val = (val << 6) + static_cast<unsigned>(p);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  // What is left must be the few zero bits of a last, partial character: one lone character, or
  // set bits after the last byte, is not base64 that base64() writes.
  const int left = bits + 8;
  if (left >= 6 || (val & ((1U << left) - 1)) != 0) return std::nullopt;
  return out;
}

Json text_resource_contents(std::string uri, std::string mime_type, std::string text) {
  return {{"uri", std::move(uri)}, {"mimeType", std::move(mime_type)}, {"text", std::move(text)}};
}

ToolResult ToolResult::text(std::string text) {
  ToolResult r;
  r.content.push_back(text_content(std::move(text)));
  return r;
}

ToolResult ToolResult::structured_result(Json value, std::string rendering) {
  ToolResult r;
  if (!rendering.empty()) r.content.push_back(text_content(std::move(rendering)));
  r.structured = std::move(value);
  return r;
}

ToolResult ToolResult::precomputed(std::string_view structured_json, std::string_view escaped_text) {
  ToolResult r;
  std::string content = R"([{"type":"text","text":")";
  content += escaped_text;
  content += R"("}])";
  r.content = raw_json(content);
  r.structured = raw_json(structured_json);
  return r;
}

ToolResult ToolResult::error(std::string text) {
  ToolResult r = ToolResult::text(std::move(text));
  r.is_error = true;
  return r;
}

ToolResult ToolResult::ask(Json input_requests, std::string request_state) {
  ToolResult r;
  r.needs_input = input_required(std::move(input_requests), std::move(request_state));
  return r;
}

ToolResult ToolResult::reject(Error e) {
  ToolResult r;
  r.rejection = std::move(e);
  return r;
}

bool is_input_required(const Json& result) { return member(result, "resultType") == "input_required"; }

Json input_required(Json input_requests, std::string request_state) {
  Json j = {{"resultType", "input_required"}};
  if (input_requests.is_object() && !input_requests.empty()) j["inputRequests"] = std::move(input_requests);
  if (!request_state.empty()) j["requestState"] = std::move(request_state);
  return j;
}

// ---- log levels -------------------------------------------------------------------------------

namespace {
constexpr std::string_view kLevelNames[] = {"debug", "info",     "notice", "warning",
                                            "error", "critical", "alert",  "emergency"};
}

std::string_view to_string(LogLevel level) { return kLevelNames[static_cast<int>(level)]; }

std::optional<LogLevel> log_level_from_string(std::string_view s) {
  for (int i = 0; i < 8; ++i)
    if (kLevelNames[i] == s) return static_cast<LogLevel>(i);
  return std::nullopt;
}

// ---- Server -------------------------------------------------------------------------------------

Server::Server(Implementation info, std::string instructions, ServerOptions options)
    : info_(std::move(info)), instructions_(std::move(instructions)), options_(options) {
  if (options_.page_size == 0) options_.page_size = 1;
}

namespace {

Status check_name(const std::string& kind, const std::string& name) {
  if (name.empty() || name.size() > 128)
    return Error::internal(kind + " name must be 1-128 characters: '" + name + "'");
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '-' && c != '.')
      return Error::internal(kind + " name '" + name + "' may only use [A-Za-z0-9_.-]");
  return ok_status();
}

}  // namespace

Status Server::add_tool(Tool tool) {
  if (auto s = check_name("tool", tool.name); !s) return s;
  if (tool_index_.count(tool.name)) return Error::internal("tool '" + tool.name + "' is registered twice");
  if (tool.description.empty()) return Error::internal("tool '" + tool.name + "' needs a description");
  if (!tool.handler) return Error::internal("tool '" + tool.name + "' has no handler");
  if (auto e = lint_tool_schema(tool.input_schema); !e.empty())
    return Error::internal("tool '" + tool.name + "' input schema: " + e);
  auto input = JsonSchema::compile(tool.input_schema);
  if (!input) return Error::internal("tool '" + tool.name + "' input schema: " + input.error().message);
  auto headers = modern::header_params(tool.input_schema);
  if (!headers) return Error::internal("tool '" + tool.name + "' input schema: " + headers.error().message);
  std::optional<JsonSchema> output;
  if (tool.output_schema) {
    if (auto e = lint_tool_schema(*tool.output_schema); !e.empty())
      return Error::internal("tool '" + tool.name + "' output schema: " + e);
    // Compiled when a first success needs it: output schemas are the large ones, and compiling
    // them all would take most of the start-up time.
    output = JsonSchema::deferred(*tool.output_schema);
  }
  tool_index_.emplace(tool.name, tools_.size());
  tools_.push_back({std::move(tool), std::move(input).value(), std::move(output), std::move(headers).value()});
  return ok_status();
}

Status Server::add_resource(Resource resource) {
  if (resource.uri.empty() || resource.name.empty()) return Error::internal("a resource needs a uri and a name");
  if (!resource.read) return Error::internal("resource '" + resource.uri + "' has no reader");
  for (const auto& r : resources_)
    if (r.uri == resource.uri) return Error::internal("resource '" + resource.uri + "' is registered twice");
  resources_.push_back(std::move(resource));
  return ok_status();
}

Status Server::add_resource_template(ResourceTemplate tmpl) {
  if (tmpl.uri_template.empty() || tmpl.name.empty())
    return Error::internal("a resource template needs a uriTemplate and a name");
  if (!tmpl.read) return Error::internal("resource template '" + tmpl.uri_template + "' has no reader");
  if (std::count(tmpl.uri_template.begin(), tmpl.uri_template.end(), '{') !=
      std::count(tmpl.uri_template.begin(), tmpl.uri_template.end(), '}'))
    return Error::internal("resource template '" + tmpl.uri_template + "' has unbalanced braces");
  templates_.push_back(std::move(tmpl));
  return ok_status();
}

Status Server::add_prompt(Prompt prompt) {
  if (auto s = check_name("prompt", prompt.name); !s) return s;
  if (find_prompt(prompt.name)) return Error::internal("prompt '" + prompt.name + "' is registered twice");
  if (prompt.description.empty()) return Error::internal("prompt '" + prompt.name + "' needs a description");
  if (!prompt.get) return Error::internal("prompt '" + prompt.name + "' has no handler");
  prompts_.push_back(std::move(prompt));
  return ok_status();
}

const Server::CompiledTool* Server::find_tool(std::string_view name) const {
  auto it = tool_index_.find(std::string(name));
  return it == tool_index_.end() ? nullptr : &tools_[it->second];
}

const Prompt* Server::find_prompt(std::string_view name) const {
  for (const auto& p : prompts_)
    if (p.name == name) return &p;
  return nullptr;
}

void Server::add_extension(std::string id, Json settings, std::function<bool(const Json&)> accepts) {
  extensions_[std::move(id)] = {std::move(settings), std::move(accepts)};
}

bool Server::offers_extension(std::string_view id, const Json& client_capabilities) const {
  const auto ext = extensions_.find(id);
  const auto announced = client_capabilities.find("extensions");
  if (ext == extensions_.end() || announced == client_capabilities.end() || !announced->is_object()) return false;
  const auto client = announced->find(std::string(id));
  return client != announced->end() && (!ext->second.accepts || ext->second.accepts(*client));
}

Json Server::capabilities(std::string_view protocol_version, const Json& client_capabilities) const {
  const auto f = protocol::features(protocol_version);
  Json caps = Json::object();
  caps["logging"] = Json::object();
  if (!tools_.empty()) caps["tools"] = {{"listChanged", false}};
  if (!resources_.empty() || !templates_.empty()) {
    // resources/subscribe is gone from the stateless revisions.
    caps["resources"] = {{"listChanged", false}, {"subscribe", options_.resource_subscriptions && !f.stateless}};
  }
  if (!prompts_.empty()) caps["prompts"] = {{"listChanged", false}};
  if (f.completions_capability && (!prompts_.empty() || !templates_.empty())) caps["completions"] = Json::object();
  for (const auto& [id, ext] : extensions_)
    if (offers_extension(id, client_capabilities)) caps["extensions"][id] = ext.settings;
  return caps;
}

// ---- cursors ----------------------------------------------------------------------------------

std::string encode_cursor(char kind, std::size_t offset) {
  return base64(std::string("mcp1:") + kind + ":" + std::to_string(offset), true);
}

std::optional<std::size_t> decode_cursor(char kind, std::string_view cursor, std::size_t size) {
  if (cursor.empty() || cursor.size() > 64) return std::nullopt;
  auto raw = unbase64(cursor, true);
  if (!raw) return std::nullopt;
  const std::string prefix = std::string("mcp1:") + kind + ":";
  if (raw->rfind(prefix, 0) != 0) return std::nullopt;
  const std::string digits = raw->substr(prefix.size());
  if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
    return std::nullopt;
  const std::size_t offset = std::stoull(digits);
  if (offset == 0 || offset >= size) return std::nullopt;  // a cursor always points inside the list
  return offset;
}

// ---- URI templates ---------------------------------------------------------------------------

namespace {
std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
        return std::nullopt;
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}
}  // namespace

bool match_uri_template(std::string_view tmpl, std::string_view uri, std::map<std::string, std::string>& vars) {
  vars.clear();
  std::size_t t = 0, u = 0;
  while (t < tmpl.size()) {
    if (tmpl[t] == '{') {
      const auto close = tmpl.find('}', t);
      if (close == std::string_view::npos) return false;
      const std::string name(tmpl.substr(t + 1, close - t - 1));
      t = close + 1;
      // The variable runs to the next literal character of the template (or the end), never over '/'.
      const char stop = t < tmpl.size() ? tmpl[t] : '\0';
      std::size_t end = u;
      while (end < uri.size() && uri[end] != '/' && (stop == '\0' || uri[end] != stop)) ++end;
      if (end == u) return false;  // empty values do not match
      auto value = percent_decode(uri.substr(u, end - u));
      if (!value) return false;
      vars[name] = std::move(*value);
      u = end;
    } else {
      if (u >= uri.size() || uri[u] != tmpl[t]) return false;
      ++t;
      ++u;
    }
  }
  return u == uri.size();
}

}  // namespace mcp
