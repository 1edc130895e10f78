// What the server refuses before a handler reads the request: malformed framing, headers it
// cannot trust, a Host, Origin or token it does not accept, a wrong path or method, a body too
// large. And the CORS headers of what it admits.
#include "server_impl.h"

#include <mcp/modern.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

namespace mcp::http {

using detail::current_request;
using detail::printable;
using detail::reply_error;
using HR = httplib::Server::HandlerResponse;

namespace {

void log_refused(const httplib::Request& req, const std::string& why) {
  spdlog::warn("http: refused {} {} from {}: {}", req.method, printable(req.path), req.remote_addr, why);
}

// 403, logged with `why`.
bool forbid(const httplib::Request& req, httplib::Response& res, const std::string& why, const std::string& message) {
  log_refused(req, why);
  reply_error(res, 403, message);
  return false;
}

}  // namespace

httplib::Server::HandlerResponse HttpServer::Impl::pre_route(const httplib::Request& req, httplib::Response& res) {
  auto& rq = current_request();
  rq.routed = true;
  auto refuse_unread = [&] {
    if (detail::has_body(req) && rq.conn) rq.conn->must_close();  // its body stays unread
    return HR::Handled;
  };
  if (check_framing(req, res) == HR::Handled) return HR::Handled;
  if (req.path == "/healthz") {
    healthz(req, res);
    return refuse_unread();
  }
  if (!check_percent_headers(res) || !admit(req, res)) return refuse_unread();
  if (const GetRoute* route = get_route_for(req.path); route && req.path != opts.path) {
    serve_get_route(*route, req, res);
    return refuse_unread();
  }
  if (req.path != opts.path) {
    reply_error(res, 404, "Not found: the MCP endpoint is " + opts.path);
    return refuse_unread();
  }
  cors(req, res);
  if (req.method == "OPTIONS") {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, DELETE");
    res.set_header("Access-Control-Allow-Headers",
                   "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID");
    res.set_header("Access-Control-Max-Age", "600");
    return refuse_unread();
  }
  if (req.method != "GET" && req.method != "POST" && req.method != "DELETE") {
    res.set_header("Allow", "GET, POST, DELETE");
    reply_error(res, 405, "Method not allowed: " + printable(req.method, 16));
    return refuse_unread();
  }
  return check_body_length(req, res);
}

httplib::Server::HandlerResponse HttpServer::Impl::check_framing(const httplib::Request& req, httplib::Response& res) {
  auto* conn = current_request().conn;
  if (conn && conn->malformed_header()) {
    reply_error(res, 400, "Bad request: a header line without a field name and a ':'");
    conn->must_close();  // the request's real end is unknown: do not read another from here
    return HR::Handled;
  }
  // A body must have exactly one length (RFC 9112 6.3): Content-Length twice, or beside
  // Transfer-Encoding, is how requests are smuggled past a proxy that reads the other one; and
  // chunked is the only transfer coding this server reads. The connection cannot carry another
  // request after a body whose end is unknown.
  const std::size_t lengths = req.get_header_value_count("Content-Length");
  const std::size_t codings = req.get_header_value_count("Transfer-Encoding");
  if (lengths > 1 || codings > 1 || (lengths && codings) ||
      (codings && !modern::iequals(req.get_header_value("Transfer-Encoding"), "chunked"))) {
    reply_error(res, 400,
                "Bad request: the body's length must be given once, by Content-Length or by "
                "Transfer-Encoding: chunked");
    if (conn) conn->must_close();
    return HR::Handled;
  }
  return HR::Unhandled;
}

// httplib percent-decodes header values: "Host: %6c%6f%63..." would be checked as "localhost",
// and a session id or a token could be spelled two ways. No header this server reads may hold
// a '%' (none of their legitimate values does).
bool HttpServer::Impl::check_percent_headers(httplib::Response& res) {
  auto* conn = current_request().conn;
  if (!conn) return true;
  static const char* const kRead[] = {
      "host",          "origin",         "authorization",     "mcp-session-id", "mcp-protocol-version",
      "last-event-id", "content-length", "transfer-encoding", "accept"};
  for (const auto& name : conn->percent_headers())
    if (std::find(std::begin(kRead), std::end(kRead), name) != std::end(kRead)) {
      reply_error(res, 400, "Bad request: the " + printable(name, 32) + " header may not hold percent-encoding");
      return false;
    }
  return true;
}

httplib::Server::HandlerResponse HttpServer::Impl::check_body_length(const httplib::Request& req,
                                                                     httplib::Response& res) {
  if (req.method != "POST") return HR::Unhandled;
  auto* conn = current_request().conn;
  const std::size_t lengths = req.get_header_value_count("Content-Length");
  if (lengths == 0 && req.get_header_value_count("Transfer-Encoding") == 0) {
    // RFC 9112 6.3: such a request has no body, yet a client that sends one would see it read as
    // its next request; MCP requests always have a body.
    reply_error(res, 411, "Length required: send the body with Content-Length or Transfer-Encoding: chunked");
    if (conn) conn->must_close();
    return HR::Handled;
  }
  if (lengths == 0) return HR::Unhandled;
  const std::string cl = req.get_header_value("Content-Length");
  const bool numeric = !cl.empty() && cl.size() <= 19 && std::all_of(cl.begin(), cl.end(), ::isdigit);
  const std::size_t declared = numeric ? std::stoull(cl) : 0;
  if (numeric && declared <= opts.max_body_bytes) return HR::Unhandled;
  if (numeric)
    detail::reply_too_large(res, opts.max_body_bytes);
  else
    reply_error(res, 400, "Bad request: invalid Content-Length");
  if (conn) conn->must_close();
  return HR::Handled;
}

bool HttpServer::Impl::admit(const httplib::Request& req, httplib::Response& res) {
  // RFC 9112 3.2: no Host, or more than one, is a 400 (and only the first would be checked).
  if (req.get_header_value_count("Host") != 1) {
    reply_error(res, 400, "Bad request: a request needs exactly one Host header");
    return false;
  }
  const std::string host = req.get_header_value("Host");
  if (!allow->host_allowed(host))
    return forbid(req, res, "Host \"" + printable(host) + "\" is not allowed",
                  "Forbidden: the Host header \"" + printable(host) +
                      "\" is not allowed (DNS rebinding protection). Start the server with --allow-host to accept it.");
  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    if (req.get_header_value_count("Origin") > 1 || !allow->origin_allowed(origin))
      return forbid(req, res, "Origin \"" + printable(origin) + "\" is not allowed",
                    "Forbidden: the Origin \"" + printable(origin) +
                        "\" is not allowed. Start the server with --allow-origin to accept it.");
  }
  if (opts.auth_token.empty() || req.method == "OPTIONS") return true;  // preflights carry no credentials
  const std::string authorization = req.get_header_value("Authorization");
  const auto token = detail::bearer_token(authorization);
  if (!token) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"mcp\"");
    reply_error(res, 401, "Unauthorized: send the header \"Authorization: Bearer <token>\"");
    return false;
  }
  if (!detail::constant_time_equals(*token, opts.auth_token)) {
    log_refused(req, "wrong bearer token");
    res.set_header("WWW-Authenticate", "Bearer realm=\"mcp\", error=\"invalid_token\"");
    reply_error(res, 401, "Unauthorized: the bearer token is not valid");
    return false;
  }
  return true;
}

void HttpServer::Impl::cors(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_header("Origin")) return;  // admit() checked it, when present
  res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
  res.set_header("Vary", "Origin");
  res.set_header("Access-Control-Expose-Headers", "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate");
}

}  // namespace mcp::http
