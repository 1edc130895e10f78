// The stateless revisions of MCP (2026-07-28 and later), apart from any transport: what a request
// says about its client in `_meta`, which methods exist, and what every result carries.
//
// A request is modern when its params._meta names a protocol version, or when it is
// server/discover (which only the stateless revisions have). Everything a handshake would have
// settled travels with each request instead, so any replica can serve any request.
#pragma once
#include <mcp/context.h>
#include <mcp/error.h>
#include <mcp/json.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcp::modern {

inline constexpr const char* kProtocolVersion = "io.modelcontextprotocol/protocolVersion";
inline constexpr const char* kClientCapabilities = "io.modelcontextprotocol/clientCapabilities";
inline constexpr const char* kClientInfo = "io.modelcontextprotocol/clientInfo";
inline constexpr const char* kLogLevel = "io.modelcontextprotocol/logLevel";
inline constexpr const char* kServerInfo = "io.modelcontextprotocol/serverInfo";

bool is_modern_request(std::string_view method, const Json& params);

// What one request declares about its client.
struct Envelope {
  std::string version;
  Json client_capabilities = Json::object();
  Json client_info = Json::object();
  std::optional<LogLevel> log_level;  // no notifications/message without one
};

// The envelope of params._meta, or -32602 naming the field that is missing or malformed.
Result<Envelope> read_envelope(const Json& params);
// -32022 (UnsupportedProtocolVersion) with {supported, requested} unless the library speaks it.
std::optional<Error> check_version(std::string_view requested);
// The revision params._meta names, when it names one as a string: checked before the other fields,
// so that a client of another revision learns which ones are spoken (and does not fall back).
std::optional<std::string> requested_version(const Json& params);

// The methods of the stateless revisions that this library serves (subscriptions/listen aside).
bool is_method(std::string_view method);
// The methods whose complete results carry ttlMs and cacheScope.
bool is_cacheable(std::string_view method);
// The methods that may answer with an input_required result (multi round-trip requests).
bool may_require_input(std::string_view method);

// The client capability an input request's method needs: "sampling" for sampling/createMessage,
// "elicitation" for elicitation/create, "roots" for roots/list; empty for anything else.
std::string_view capability_for(std::string_view method);
// The capabilities that the input requests of an input_required result need and the client did
// not declare, as a ClientCapabilities object ({} when none are missing).
Json missing_capabilities(const Json& input_requests, const Json& client_capabilities);
// What makes an input_required result malformed: neither inputRequests nor requestState, or an
// input request that is not elicitation/create, sampling/createMessage or roots/list.
std::optional<std::string> malformed_input_required(const Json& result);

// A tool parameter that HTTP clients mirror into an `Mcp-Param-{header}` header (the inputSchema
// property's "x-mcp-header"): its path of property names from the arguments object, and its type
// ("string", "integer" or "boolean").
struct HeaderParam {
  std::string header;
  std::vector<std::string> path;
  std::string type;
};
// The header parameters of an inputSchema, or why its x-mcp-header annotations are invalid (a name
// that is not an HTTP token or repeats another, a type other than string, integer or boolean, or an
// annotation that no chain of "properties" reaches).
Result<std::vector<HeaderParam>> header_params(const Json& input_schema);
// The argument a header parameter mirrors; null when the arguments do not give it.
const Json& header_value(const Json& arguments, const HeaderParam& p);
// Whether a header's text (already decoded from =?base64?...?=) says `value`: a string as it is,
// an integer in decimal (compared as a number), a boolean as true or false.
bool header_matches(std::string_view text, const Json& value);
// ASCII equality with case aside: how header names and x-mcp-header names compare.
bool iequals(std::string_view a, std::string_view b);

}  // namespace mcp::modern
