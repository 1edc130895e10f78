// Requests of the stateless revisions (2026-07-28 on): the request metadata headers are checked
// against the body (MCP-Protocol-Version, Mcp-Method, Mcp-Name, and the Mcp-Param-* headers of a
// tool's x-mcp-header parameters), then each request is served by a Session of its own, whether or
// not this server keeps sessions for the handshake revisions.
#include "server_impl.h"

#include <mcp/jsonrpc.h>
#include <mcp/modern.h>
#include <mcp/protocol.h>

namespace mcp::http {

using detail::Accepts;

namespace {

// A header value as the client meant it: the base64 sentinel (=?base64?...?=) decoded.
std::optional<std::string> header_text(const std::string& value) {
  constexpr std::string_view kOpen = "=?base64?", kClose = "?=";
  if (value.size() < kOpen.size() + kClose.size() || value.compare(0, kOpen.size(), kOpen) != 0 ||
      value.compare(value.size() - kClose.size(), kClose.size(), kClose) != 0)
    return value;
  return unbase64(std::string_view(value).substr(kOpen.size(), value.size() - kOpen.size() - kClose.size()));
}

// The body value Mcp-Name mirrors: params.name or params.uri; null for other methods.
const Json& named(const std::string& method, const Json& params) {
  static const Json kNone;
  if (method == "tools/call" || method == "prompts/get") return member(params, "name");
  if (method == "resources/read") return member(params, "uri");
  return kNone;
}

std::optional<Error> mismatch(const std::string& why) { return Error::header_mismatch("Header mismatch: " + why); }

// Visible ASCII, space and tab: what an HTTP field value may hold (RFC 9110).
bool field_text(std::string_view v) {
  for (unsigned char c : v)
    if ((c < 0x20 && c != '\t') || c > 0x7e) return false;
  return true;
}

// The tool's arguments that its inputSchema mirrors into Mcp-Param-* headers (x-mcp-header) against
// those headers: each argument given needs its header, saying the same.
std::optional<Error> check_param_headers(const httplib::Request& req, const Server::CompiledTool& tool,
                                         const Json& arguments) {
  for (const auto& p : tool.header_params) {
    const Json& value = modern::header_value(arguments, p);
    if (value.is_null()) continue;  // not given: no header to expect
    const std::string field = "Mcp-Param-" + p.header;
    if (!req.has_header(field)) return mismatch(field + " is missing; the arguments give " + p.path.back());
    const std::string raw = req.get_header_value(field);
    if (!field_text(raw)) return mismatch(field + " holds characters a header value may not");
    const auto text = header_text(raw);
    if (!text) return mismatch(field + "'s =?base64?...?= value is not base64");
    if (!modern::header_matches(*text, value))
      return mismatch(field + " \"" + detail::printable(*text, 64) + "\" differs from the argument " + p.path.back() +
                      " " + detail::printable(value.dump(), 64));
  }
  return std::nullopt;
}

// Each request metadata header at most once, in the characters a header value may hold.
std::optional<Error> check_header_fields(const httplib::Request& req) {
  constexpr std::string_view kParam = "mcp-param-";
  for (const auto& [name, value] : req.headers) {
    using modern::iequals;
    if (!iequals(name, "MCP-Protocol-Version") && !iequals(name, "Mcp-Method") && !iequals(name, "Mcp-Name") &&
        !iequals(std::string_view(name).substr(0, kParam.size()), kParam))
      continue;
    if (req.get_header_value_count(name) > 1) return mismatch(detail::printable(name, 64) + " is given more than once");
    if (!field_text(value)) return mismatch(detail::printable(name, 64) + " holds characters a header value may not");
  }
  return std::nullopt;
}

// Why Mcp-Method, Mcp-Name and Mcp-Param-* do not describe the request (HeaderMismatch), or nothing
// when they do.
std::optional<Error> check_headers(const httplib::Request& req, const Server& server, const std::string& method,
                                   const Json& params) {
  if (!req.has_header("Mcp-Method")) return mismatch("the Mcp-Method header is missing");
  if (const std::string m = req.get_header_value("Mcp-Method"); m != method)
    return mismatch("Mcp-Method \"" + detail::printable(m, 64) + "\" differs from the body's method \"" +
                    detail::printable(method, 64) + "\"");
  const Json& name = named(method, params);
  if (!name.is_string()) return std::nullopt;  // no name to mirror, or a malformed one the method rejects
  if (!req.has_header("Mcp-Name")) return mismatch("the Mcp-Name header is missing; " + method + " needs it");
  const auto given = header_text(req.get_header_value("Mcp-Name"));
  if (!given) return mismatch("Mcp-Name's =?base64?...?= value is not base64");
  if (*given != name.get_ref<const std::string&>())
    return mismatch("Mcp-Name \"" + detail::printable(*given, 64) + "\" differs from the body's \"" +
                    detail::printable(name.get_ref<const std::string&>(), 64) + "\"");
  if (method == "tools/call")
    if (const auto* tool = server.find_tool(name.get_ref<const std::string&>()))
      return check_param_headers(req, *tool, member(params, "arguments"));
  return std::nullopt;
}

// The checks of a 2026-07-28 request, in the order that tells a client most: the headers'
// form, the revision (a mismatch with the header first, then whether it is spoken), the _meta
// fields, then what the headers mirror.
std::optional<Error> check_request(const httplib::Request& req, const Server& server, const Json& message) {
  if (auto e = check_header_fields(req)) return e;
  if (!req.has_header("MCP-Protocol-Version")) return mismatch("the MCP-Protocol-Version header is missing");
  const std::string header = req.get_header_value("MCP-Protocol-Version");
  const Json& params = member(message, "params");
  if (const auto version = modern::requested_version(params)) {
    if (*version != header)
      return mismatch("MCP-Protocol-Version \"" + detail::printable(header, 40) +
                      "\" differs from the body's _meta protocol version \"" + detail::printable(*version, 40) + "\"");
    if (auto e = modern::check_version(*version)) return e;
  }
  if (auto env = modern::read_envelope(params); !env) return env.error();
  return check_headers(req, server, message["method"].get_ref<const std::string&>(), params);
}

}  // namespace

bool HttpServer::Impl::is_modern(const httplib::Request& req, const Json& message) {
  const bool header =
      req.has_header("MCP-Protocol-Version") && protocol::is_modern(req.get_header_value("MCP-Protocol-Version"));
  if (!message.is_object()) return header;  // a batch: handle_modern refuses it
  const Json& method = member(message, "method");
  if (!method.is_string()) return false;
  if (modern::is_modern_request(method.get_ref<const std::string&>(), member(message, "params"))) return true;
  // An initialize negotiates in its body, whatever its header says.
  return method != "initialize" && header;
}

void HttpServer::Impl::handle_modern(const httplib::Request& req, httplib::Response& res, const Json& message,
                                     const Accepts& accepts) {
  if (!message.is_object()) {
    res.status = 400;
    res.set_content(jsonrpc::serialize(jsonrpc::make_error(
                        Json(nullptr),
                        Error::invalid_request("A request of revision " + req.get_header_value("MCP-Protocol-Version") +
                                               " is one JSON-RPC object: no batches"))),
                    detail::kJsonType);
    return;
  }
  const Json id = message.value("id", Json(nullptr));
  const auto reject = [&](const Error& e) {
    res.status = 400;
    res.set_content(jsonrpc::serialize(jsonrpc::make_error(id, e)), detail::kJsonType);
  };
  if (message.contains("id"))
    if (auto e = check_request(req, server, message)) return reject(*e);
  SessionOptions so;
  so.require_initialize = false;
  respond(res, nullptr, std::make_shared<Session>(server, so), message, accepts, /*modern=*/true);
}

}  // namespace mcp::http
