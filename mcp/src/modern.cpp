#include <mcp/modern.h>
#include <mcp/protocol.h>

#include <array>

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
    return Error::invalid_params(std::string("Missing params._meta[\"") + kProtocolVersion +
                                 "\"]: a string such as \"2026-07-28\"");
  env.version = version.get<std::string>();
  const Json& caps = member(meta, kClientCapabilities);
  if (!caps.is_object())
    return Error::invalid_params(std::string("Missing params._meta[\"") + kClientCapabilities +
                                 "\"]: an object ({} when the client has no optional capabilities)");
  env.client_capabilities = caps;
  const Json& info = member(meta, kClientInfo);
  if (!info.is_null() && !info.is_object())
    return Error::invalid_params(std::string("params._meta[\"") + kClientInfo + "\"] must be an object");
  if (info.is_object()) env.client_info = info;
  const Json& level = member(meta, kLogLevel);
  if (!level.is_null()) {
    env.log_level = level.is_string() ? log_level_from_string(level.get<std::string>()) : std::nullopt;
    if (!env.log_level)
      return Error::invalid_params(std::string("params._meta[\"") + kLogLevel +
                                   "\"] must be one of debug, info, notice, warning, error, critical, alert, "
                                   "emergency");
  }
  return env;
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

}  // namespace mcp::modern
