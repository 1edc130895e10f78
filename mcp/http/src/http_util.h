// Small helpers the HTTP transport's units share: the JSON-RPC error replies of the transport,
// the access log's view of a message, and text checks on request headers.
#pragma once
#include <mcp/json.h>

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace mcp::http::detail {

using Clock = std::chrono::steady_clock;

constexpr int kTransportError = -32000;  // errors of the transport rather than of a method
constexpr const char* kJsonType = "application/json; charset=utf-8";

// `s` cut to `max` bytes, with anything but printable ASCII as '?': safe for logs and messages.
std::string printable(std::string_view s, std::size_t max = 80);

// The JSON-RPC error body of a transport error, and a response made of it.
std::string error_body(const std::string& message, const Json& id = nullptr);
void reply_error(httplib::Response& res, int status, const std::string& message, const Json& id = nullptr);
// 413, naming the limit.
void reply_too_large(httplib::Response& res, std::size_t max_body_bytes);

// The message of an error response with no more to say than its status.
std::string status_text(int status);
// The message for a request that broke a limit of its connection: its header block was too large
// (431) or it did not arrive in time (408).
const char* limit_message(bool header_overflow);

bool has_body(const httplib::Request& req);
std::string regex_escape(std::string_view s);

// A JSON-RPC response (or a batch of them): what ends an exchange.
bool is_final(const Json& m);
bool is_initialize(const Json& m);
// The HTTP status of a stateless revision's response: 404 for an unknown method, 400 for the
// revision's own errors (header mismatch, missing client capability, unsupported version), else 200.
int modern_status(const Json& final);
// The message's method as the access log shows it.
std::string rpc_method(const Json& m);

}  // namespace mcp::http::detail
