#include "http_util.h"

#include <mcp/jsonrpc.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace mcp::http::detail {

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (unsigned char c : s.substr(0, max)) out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  if (s.size() > max) out += "...";
  return out;
}

std::string error_body(const std::string& message, const Json& id) {
  return jsonrpc::serialize(jsonrpc::make_error(id, Error{kTransportError, message}));
}

void reply_error(httplib::Response& res, int status, const std::string& message, const Json& id) {
  res.status = status;
  res.set_content(error_body(message, id), kJsonType);
}

void reply_too_large(httplib::Response& res, std::size_t max_body_bytes) {
  reply_error(res, 413, "Payload too large: the body may hold at most " + std::to_string(max_body_bytes) + " bytes");
}

std::string status_text(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 408: return "Request timeout";
    case 411: return "Length required";
    case 413: return "Payload too large";
    case 414: return "URI too long";
    case 416: return "Range not satisfiable";
    case 431: return "Request header fields too large";
    case 500: return "Internal server error";
    case 503: return "Service unavailable";
    default: return "HTTP error " + std::to_string(status);
  }
}

const char* limit_message(bool header_overflow) {
  return header_overflow ? "Request header fields too large" : "Request timeout: the request did not arrive in time";
}

bool has_body(const httplib::Request& req) {
  return req.get_header_value_count("Transfer-Encoding") > 0 ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::strchr(".^$|()[]{}*+?\\", c)) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool is_final(const Json& m) {
  return m.is_array() || (m.is_object() && !m.contains("method") && (m.contains("result") || m.contains("error")));
}

bool is_initialize(const Json& m) {
  if (!m.is_object()) return false;
  auto it = m.find("method");
  return it != m.end() && it->is_string() && *it == "initialize" && m.contains("id");
}

int modern_status(const Json& final) {
  const Json& code = member(member(final, "error"), "code");
  if (!code.is_number_integer()) return 200;
  switch (code.get<int>()) {
    case mcp::code::kMethodNotFound: return 404;
    case mcp::code::kHeaderMismatch:
    case mcp::code::kMissingClientCapability:
    case mcp::code::kUnsupportedProtocolVersion: return 400;
    default: return 200;
  }
}

std::string rpc_method(const Json& m) {
  if (m.is_array()) return "batch";
  if (!m.is_object()) return "-";
  if (auto it = m.find("method"); it != m.end() && it->is_string())
    return printable(it->get_ref<const std::string&>(), 64);
  return m.contains("result") || m.contains("error") ? "response" : "-";
}

}  // namespace mcp::http::detail
