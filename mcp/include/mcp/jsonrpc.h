// JSON-RPC 2.0 messages: classification of incoming values and construction of outgoing ones.
// Knows nothing of MCP methods.
#pragma once
#include <mcp/error.h>
#include <mcp/json.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace mcp::jsonrpc {

// Ids are strings or integers, never null (MCP tightens JSON-RPC here).
using RequestId = std::variant<std::int64_t, std::string>;

Json id_to_json(const RequestId& id);
std::string id_to_string(const RequestId& id);  // for logs and map keys: 7 or "abc" (quoted)
// A string or integer id; nullopt for anything else (null, float, bool, object, ...).
std::optional<RequestId> id_from_json(const Json& j);

struct Request {
  RequestId id;
  std::string method;
  Json params;  // an object, or null when absent
};

struct Notification {
  std::string method;
  Json params;  // an object, or null when absent
};

struct Response {
  RequestId id;
  bool is_error = false;
  Json result;  // when !is_error
  Error error;  // when is_error
};

using Message = std::variant<Request, Notification, Response>;

// Why an incoming value is not a usable message. `id` is the request's id when one could be read,
// so the error reply can carry it; null otherwise. `reply` is false when no reply may be sent
// (a malformed response or notification has nobody to answer).
struct Invalid {
  Error error;
  Json id = nullptr;
  bool reply = true;
};

// Classifies one JSON value (not a batch). Checks "jsonrpc":"2.0", the id's type, that `method`
// is a string, and that `params`, when present, is an object (MCP params are always objects).
std::variant<Message, Invalid> classify(const Json& value);

Json make_request(const RequestId& id, std::string_view method, Json params);
Json make_notification(std::string_view method, Json params);
Json make_result(const RequestId& id, Json result);
Json make_error(const Json& id, const Error& error);
inline Json make_error(const RequestId& id, const Error& error) { return make_error(id_to_json(id), error); }

}  // namespace mcp::jsonrpc

namespace mcp::jsonrpc {

// Parses one message's text. Refuses, before building any tree, text nested deeper than
// `max_depth` arrays/objects (a -32600, so that hostile input cannot exhaust the stack), and
// answers text that is not JSON with -32700 naming the byte offset.
Result<Json> parse(std::string_view text, std::size_t max_depth = 128);

// Serialises a message for the wire: compact, and never throws on invalid UTF-8 in strings
// (replaced with U+FFFD).
std::string serialize(const Json& message);

}  // namespace mcp::jsonrpc
