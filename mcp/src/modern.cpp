#include <mcp/modern.h>
#include <mcp/protocol.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

namespace mcp::modern {

namespace {

bool one_of(std::string_view method, std::initializer_list<std::string_view> methods) {
  for (auto m : methods)
    if (m == method) return true;
  return false;
}

}  // namespace

bool is_modern_request(std::string_view method, const Json& params) {
  return method == "server/discover" || member(params, "_meta").contains(kProtocolVersion);
}

Result<Envelope> read_envelope(const Json& params) {
  const Json& meta = member(params, "_meta");
  if (!meta.is_object())
    return Error::invalid_params(
        "Missing params._meta: a request of protocol revision 2026-07-28 carries its protocol version and client "
        "capabilities in _meta (io.modelcontextprotocol/protocolVersion, io.modelcontextprotocol/clientCapabilities)");
  Envelope env;
  const Json& version = member(meta, kProtocolVersion);
  if (!version.is_string())
    return Error::invalid_params(
        "Missing params._meta[\"io.modelcontextprotocol/protocolVersion\"]: a string such as \"2026-07-28\"");
  env.version = version.get<std::string>();
  const Json& caps = member(meta, kClientCapabilities);
  if (!caps.is_object())
    return Error::invalid_params(
        "Missing params._meta[\"io.modelcontextprotocol/clientCapabilities\"]: an object ({} when the client has no "
        "optional capabilities)");
  env.client_capabilities = caps;
  const Json& info = member(meta, kClientInfo);
  if (!info.is_null() && !info.is_object())
    return Error::invalid_params("params._meta[\"io.modelcontextprotocol/clientInfo\"] must be an object");
  if (info.is_object()) env.client_info = info;
  const Json& level = member(meta, kLogLevel);
  if (!level.is_null()) {
    env.log_level = level.is_string() ? log_level_from_string(level.get<std::string>()) : std::nullopt;
    if (!env.log_level)
      return Error::invalid_params(
          "params._meta[\"io.modelcontextprotocol/logLevel\"] must be one of debug, info, notice, warning, error, "
          "critical, alert, emergency");
  }
  return env;
}

std::optional<std::string> requested_version(const Json& params) {
  const Json& version = member(member(params, "_meta"), kProtocolVersion);
  if (!version.is_string()) return std::nullopt;
  return version.get<std::string>();
}

std::optional<Error> check_version(std::string_view requested) {
  if (protocol::is_modern(requested)) return std::nullopt;
  Json supported = Json::array();
  for (auto v : protocol::modern()) supported.push_back(std::string(v));
  std::string message = "Unsupported protocol version \"" + std::string(requested.substr(0, 40)) +
                        "\": requests with per-request _meta speak " + std::string(protocol::modern().front());
  if (protocol::is_supported(requested)) message += " (revision " + std::string(requested) + " starts with initialize)";
  return Error{code::kUnsupportedProtocolVersion, std::move(message),
               Json{{"supported", std::move(supported)}, {"requested", std::string(requested)}}};
}

bool is_method(std::string_view method) {
  return one_of(method, {"server/discover", "tools/list", "tools/call", "resources/list", "resources/templates/list",
                         "resources/read", "prompts/list", "prompts/get", "completion/complete"});
}

bool is_cacheable(std::string_view method) {
  return one_of(method, {"server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list",
                         "resources/read"});
}

bool may_require_input(std::string_view method) {
  return one_of(method, {"tools/call", "resources/read", "prompts/get"});
}

std::string_view capability_for(std::string_view method) {
  if (method == "sampling/createMessage") return "sampling";
  if (method == "elicitation/create") return "elicitation";
  if (method == "roots/list") return "roots";
  return {};
}

std::optional<std::string> malformed_input_required(const Json& result) {
  const Json& asked = member(result, "inputRequests");
  const Json& state = member(result, "requestState");
  if (!asked.is_object() && !state.is_string()) return "an input_required result needs inputRequests or requestState";
  if (asked.is_object())
    for (const auto& [key, request] : asked.items()) {
      const Json& method = member(request, "method");
      if (!method.is_string() || capability_for(method.get<std::string>()).empty())
        return "input request '" + key + "' is not elicitation/create, sampling/createMessage or roots/list";
    }
  return std::nullopt;
}

Json missing_capabilities(const Json& input_requests, const Json& client_capabilities) {
  Json missing = Json::object();
  if (!input_requests.is_object()) return missing;
  for (const auto& [_, request] : input_requests.items()) {
    const Json& method = member(request, "method");
    const auto need = method.is_string() ? capability_for(method.get<std::string>()) : std::string_view{};
    if (!need.empty() && !member(client_capabilities, need).is_object()) missing[std::string(need)] = Json::object();
  }
  return missing;
}

namespace {

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && (c == 0 || !std::strchr("!#$%&'*+-.^_`|~", c))) return false;
  return true;
}

// Walks a schema: `reachable` while every step from the root was a "properties" key.
std::optional<std::string> collect(const Json& schema, bool reachable, std::vector<std::string>& path,
                                   std::vector<HeaderParam>& out) {
  if (schema.is_array()) {
    for (const auto& x : schema)
      if (auto e = collect(x, false, path, out)) return e;
    return std::nullopt;
  }
  if (!schema.is_object()) return std::nullopt;
  for (const auto& [key, value] : schema.items()) {
    if (key == "x-mcp-header") {
      if (!reachable || path.empty()) return "x-mcp-header must sit on a property reached through \"properties\" alone";
      if (!value.is_string() || !is_token(value.get<std::string>()))
        return "x-mcp-header of '" + path.back() + "' must be a non-empty HTTP token";
      const Json& type = member(schema, "type");
      if (type != "string" && type != "integer" && type != "boolean")
        return "x-mcp-header of '" + path.back() + "' needs type string, integer or boolean";
      for (const auto& p : out)
        if (iequals(p.header, value.get<std::string>())) return "x-mcp-header '" + p.header + "' is given twice";
      out.push_back({value.get<std::string>(), path, type.get<std::string>()});
    } else if (key == "properties" && value.is_object()) {
      for (const auto& [name, sub] : value.items()) {
        path.push_back(name);
        auto e = collect(sub, reachable, path, out);
        path.pop_back();
        if (e) return e;
      }
    } else if (value.is_object() || value.is_array()) {
      if (auto e = collect(value, false, path, out)) return e;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<HeaderParam>> header_params(const Json& input_schema) {
  std::vector<HeaderParam> out;
  std::vector<std::string> path;
  if (auto problem = collect(input_schema, true, path, out)) return Error::invalid_params(*problem);
  return out;
}

const Json& header_value(const Json& arguments, const HeaderParam& p) {
  const Json* at = &arguments;
  for (const auto& name : p.path) at = &member(*at, name);
  return *at;
}

bool header_matches(std::string_view text, const Json& value) {
  if (value.is_string()) return text == value.get_ref<const std::string&>();
  if (value.is_boolean()) return text == (value.get<bool>() ? "true" : "false");
  if (value.is_number_integer()) {  // numerically: "42.0" says 42; past 2^53 only exact digits do
    long long exact = 0;
    if (const auto r = std::from_chars(text.data(), text.data() + text.size(), exact);
        r.ec == std::errc() && r.ptr == text.data() + text.size())
      return value.is_number_unsigned()
                 ? exact >= 0 && static_cast<unsigned long long>(exact) == value.get<unsigned long long>()
                 : exact == value.get<long long>();
    double given = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), given);
    constexpr double kSafe = 9007199254740991.0;  // 2^53 - 1
    const double v = value.get<double>();
    return r.ec == std::errc() && r.ptr == text.data() + text.size() && v >= -kSafe && v <= kSafe && given == v;
  }
  return false;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace mcp::modern
