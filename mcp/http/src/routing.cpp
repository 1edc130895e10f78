// The handling of each endpoint: POST (a message, answered as JSON or as an SSE stream), GET (a
// stream resumed with Last-Event-ID), DELETE (the end of a session), and /healthz.
#include "server_impl.h"

#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>

#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdio>

namespace mcp::http {

using detail::Accepts;
using detail::current_request;
using detail::EventStream;
using detail::HttpSession;
using detail::kJsonType;
using detail::printable;
using detail::reply_error;

void HttpServer::Impl::healthz(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    reply_error(res, 405, "Method not allowed: /healthz answers GET");
    return;
  }
  res.status = stopping.load() ? 503 : 200;
  res.set_content(stopping.load() ? "stopping\n" : "ok\n", "text/plain");
}

const GetRoute* HttpServer::Impl::get_route_for(const std::string& path) const {
  for (const auto& r : opts.get_routes)
    if (path.size() > r.prefix.size() + r.suffix.size() && path.compare(0, r.prefix.size(), r.prefix) == 0 &&
        path.compare(path.size() - r.suffix.size(), r.suffix.size(), r.suffix) == 0)
      return &r;
  return nullptr;
}

void HttpServer::Impl::serve_get_route(const GetRoute& route, const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    reply_error(res, 405, "Method not allowed: " + printable(req.path, 80) + " answers GET");
    return;
  }
  const std::string name =
      req.path.substr(route.prefix.size(), req.path.size() - route.prefix.size() - route.suffix.size());
  std::optional<std::string> body = route.read ? route.read(name) : std::nullopt;
  if (!body) {
    reply_error(res, 404, "Not found: " + printable(req.path, 80));
    return;
  }
  // FNV-1a over the body: the same answer has the same ETag on every replica of one build.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : *body) h = (h ^ c) * 1099511628211ull;
  char etag[24];
  (void)std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(h));
  res.set_header("ETag", etag);
  // Behind a bearer token the answer is the token holder's: a shared cache must not keep it.
  res.set_header("Cache-Control", std::string(opts.auth_token.empty() ? "public" : "private") +
                                      ", max-age=" + std::to_string(route.max_age.count()));
  res.set_header("X-Content-Type-Options", "nosniff");
  // Opened on its own, the document may run nothing and load nothing.
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  if (const std::string inm = req.get_header_value("If-None-Match");
      inm == "*" || inm.find(etag) != std::string::npos) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(*body, route.content_type);
}

bool HttpServer::Impl::check_version(const httplib::Request& req, httplib::Response& res, const Json& id) {
  if (!req.has_header("MCP-Protocol-Version")) return true;  // taken to be 2025-03-26
  const std::string v = req.get_header_value("MCP-Protocol-Version");
  if (protocol::is_supported(v)) return true;
  Json versions = Json::array();
  std::string supported;
  for (const auto& list : {protocol::modern(), protocol::supported()})
    for (auto s : list) {
      versions.push_back(std::string(s));
      supported += (supported.empty() ? "" : ", ") + std::string(s);
    }
  res.status = 400;
  res.set_content(
      jsonrpc::serialize(jsonrpc::make_error(id, Error{code::kUnsupportedProtocolVersion,
                                                       "Bad request: unsupported MCP-Protocol-Version \"" +
                                                           printable(v, 40) + "\"; this server supports " + supported,
                                                       Json{{"supported", std::move(versions)}, {"requested", v}}})),
      kJsonType);
  return false;
}

std::shared_ptr<HttpSession> HttpServer::Impl::session_for(const httplib::Request& req, httplib::Response& res,
                                                           const Json& id) {
  if (!req.has_header("Mcp-Session-Id")) {
    reply_error(res, 400, "Bad request: the Mcp-Session-Id header is required (send initialize first to get one)", id);
    return nullptr;
  }
  auto hs = sessions.find(req.get_header_value("Mcp-Session-Id"));
  if (!hs) reply_error(res, 404, "Session not found: it ended or expired; send initialize to start a new one", id);
  return hs;
}

// Reads the whole body into `body`; false, with the error response, when it could not.
bool HttpServer::Impl::read_body(const httplib::ContentReader& reader, std::string& body, httplib::Response& res) {
  bool too_large = false;
  const bool ok = reader([&](const char* data, std::size_t n) {
    if (body.size() + n > opts.max_body_bytes) {
      too_large = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (ok && !too_large) return true;
  auto* conn = current_request().conn;
  if (conn) conn->must_close();
  if (too_large)
    detail::reply_too_large(res, opts.max_body_bytes);
  else if (conn && conn->timed_out())
    reply_error(res, 408, "Request timeout: the body did not arrive in time");
  else
    reply_error(res, 400, "Bad request: the body could not be read");
  return false;
}

void HttpServer::Impl::handle_post(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader* reader) {
  std::string body;
  if (reader && !read_body(*reader, body, res)) return;

  const Accepts accepts = detail::parse_accept(req.get_header_value("Accept"), req.has_header("Accept"));
  if (!accepts.json && !accepts.sse) {
    reply_error(res, 406, "Not acceptable: the client must accept application/json or text/event-stream");
    return;
  }
  auto parsed = jsonrpc::parse(body);
  if (!parsed) {
    res.status = 400;
    res.set_content(jsonrpc::serialize(jsonrpc::make_error(Json(nullptr), parsed.error())), kJsonType);
    return;
  }
  const Json& message = *parsed;
  current_request().rpc = detail::rpc_method(message);
  if (is_modern(req, message)) {
    handle_modern(req, res, message, accepts);
    return;
  }
  const Json id = message.is_object() ? message.value("id", Json(nullptr)) : Json(nullptr);
  const bool init = detail::is_initialize(message);
  if (!init && !check_version(req, res, id)) return;

  if (opts.stateless) {
    SessionOptions so;
    so.require_initialize = false;
    if (req.has_header("MCP-Protocol-Version")) so.assumed_version = req.get_header_value("MCP-Protocol-Version");
    respond(res, nullptr, std::make_shared<Session>(server, so), message, accepts);
    return;
  }
  if (init) {
    open_and_respond(res, message, accepts);
    return;
  }
  auto hs = session_for(req, res, id);
  if (!hs) return;
  respond(res, hs, nullptr, message, accepts);
}

// initialize: a new session, kept when the initialization succeeds.
void HttpServer::Impl::open_and_respond(httplib::Response& res, const Json& message, const Accepts& accepts) {
  auto hs = sessions.open();
  if (!hs) {
    res.set_header("Retry-After", "60");
    reply_error(res, 503,
                "Service unavailable: the server holds its maximum of " + std::to_string(opts.max_sessions) +
                    " sessions; retry later or end unused sessions with DELETE",
                message.value("id", Json(nullptr)));
    return;
  }
  respond(res, hs, nullptr, message, accepts);
  if (hs->mcp.initialized()) {
    res.set_header("Mcp-Session-Id", hs->id);
    spdlog::info("http: session {}... opened", hs->id.substr(0, 8));
  } else {
    sessions.drop(hs->id);  // initialize failed: no session
  }
}

void HttpServer::Impl::respond(httplib::Response& res, std::shared_ptr<HttpSession> hs,
                               std::shared_ptr<Session> stateless, const Json& message, const Accepts& accepts,
                               bool modern) {
  using detail::Exchange;
  Exchange ex(detail::ExchangeContext{live, stopping, opts.sse_retry}, std::move(hs), std::move(stateless), accepts,
              current_request().conn, res.headers);
  ex.session().receive(message, ex);
  switch (ex.end_of_handler()) {
    case Exchange::Outcome::kJson: {
      const Json& final = *ex.final();
      // An error nobody's id can carry (unparsable or invalid message) is the client's fault.
      const bool anonymous_error = final.is_object() && final.contains("error") && final["id"].is_null();
      res.status = anonymous_error ? 400 : modern ? detail::modern_status(final) : 200;
      std::string text = jsonrpc::serialize(final);
      if (ex.json_ok()) {
        res.body = std::move(text);  // set_content() without the copy
        res.headers.erase("Content-Type");
        res.set_header("Content-Type", kJsonType);
      } else {  // the client takes only text/event-stream: the response as the stream's one event
        res.set_header("Cache-Control", "no-cache");
        res.set_content("event: message\ndata: " + text + "\n\n", "text/event-stream");
      }
      break;
    }
    case Exchange::Outcome::kStreamed:
      res.status = 200;  // already on the wire; for the access log
      break;
    case Exchange::Outcome::kAccepted: res.status = 202; break;
  }
}

void HttpServer::Impl::stream_response(httplib::Response& res, std::shared_ptr<EventStream> stream,
                                       std::uint64_t writer, std::shared_ptr<void> hold) {
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  const auto heartbeat = opts.sse_heartbeat;
  res.set_chunked_content_provider(
      "text/event-stream",
      [stream, writer, heartbeat, hold](std::size_t, httplib::DataSink& sink) {
        auto chunk = stream->next(writer, heartbeat);
        if (!chunk.text.empty() && !sink.write(chunk.text.data(), chunk.text.size())) {
          stream->detach(writer);
          return false;
        }
        if (chunk.end) sink.done();
        return true;
      },
      [stream, writer](bool) { stream->detach(writer); });
}

// GET and DELETE: a session's request; null, with the error response, when there is none to serve.
std::shared_ptr<HttpSession> HttpServer::Impl::stateful_session(const httplib::Request& req, httplib::Response& res,
                                                                const char* stateless_refusal) {
  if (opts.stateless) {
    res.set_header("Allow", "POST");
    reply_error(res, 405, std::string("Method not allowed: this server is stateless and ") + stateless_refusal);
    return nullptr;
  }
  if (!check_version(req, res)) return nullptr;
  return session_for(req, res);
}

void HttpServer::Impl::handle_get(const httplib::Request& req, httplib::Response& res) {
  auto hs = stateful_session(req, res, "offers no SSE stream on GET");
  if (!hs) return;
  if (!req.has_header("Last-Event-ID")) {
    res.set_header("Allow", "POST, DELETE");
    reply_error(res, 405,
                "Method not allowed: this server sends no messages outside responses; GET only resumes a "
                "response stream (with Last-Event-ID)");
    return;
  }
  const std::string last = req.get_header_value("Last-Event-ID");
  auto parsed = EventStream::parse_event_id(last);
  auto stream = parsed ? hs->find_stream(parsed->first) : nullptr;
  auto writer = stream ? stream->attach(parsed->second) : std::nullopt;
  if (!writer) {
    reply_error(res, 400,
                "Bad request: Last-Event-ID \"" + printable(last, 40) +
                    "\" names no stream of this session that can be resumed");
    return;
  }
  current_request().rpc = "resume";
  stream_response(res, stream, *writer, std::make_shared<detail::Busy>(hs));
}

void HttpServer::Impl::handle_delete(const httplib::Request& req, httplib::Response& res) {
  auto hs = stateful_session(req, res, "has no sessions to end");
  if (!hs) return;
  sessions.drop(hs->id);
  spdlog::info("http: session {}... ended by the client", hs->id.substr(0, 8));
  res.status = 200;
}

}  // namespace mcp::http
