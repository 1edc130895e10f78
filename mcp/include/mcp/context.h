// What a handler may do while it serves one request: notice cancellation, report progress, send
// log messages, ask the client something (sampling, elicitation, roots). Handlers get this and
// their arguments, never the session itself, so tools and the domain core hold no per-session state.
#pragma once
#include <mcp/error.h>
#include <mcp/json.h>
#include <mcp/protocol.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mcp {

enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };
std::string_view to_string(LogLevel level);
std::optional<LogLevel> log_level_from_string(std::string_view s);

class RequestContext {
 public:
  virtual ~RequestContext() = default;

  // True once the client sent notifications/cancelled for this request (or the connection went
  // away). A cancelled request gets no reply whatever the handler returns.
  virtual bool cancelled() const = 0;

  // notifications/progress, sent only when the request carried _meta.progressToken.
  virtual void progress(double progress, std::optional<double> total = std::nullopt, std::string_view message = {}) = 0;

  // notifications/message, sent when `level` is at or above the client's logging/setLevel.
  virtual void log(LogLevel level, const Json& data, std::string_view logger = {}) = 0;

  // A request to the client (e.g. sampling/createMessage, elicitation/create); blocks until the
  // answer, cancellation or the timeout. Fails with -32601 when the client did not declare the
  // capability that `method` needs.
  virtual Result<Json> ask_client(std::string_view method, Json params,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(60)) = 0;

  // Ends this request's response stream early where the transport can resume it (HTTP SSE
  // polling); later messages for the request reach the client on the resumed stream.
  virtual void close_stream() = 0;

  // The negotiated protocol revision and what the client declared at initialize; under a
  // stateless revision, what this request declared in its _meta.
  virtual std::string_view protocol_version() const = 0;
  virtual const Json& client_capabilities() const = 0;

  // Multi round-trip requests: the client's answers to the input requests of an earlier
  // input_required result (params.inputResponses, an object; null when none) and the requestState
  // it echoed (empty when none). A handler that needs more input returns an input_required result
  // (ToolResult::ask, mcp::input_required); under a handshake revision the session asks the client
  // itself and calls the handler again with the answers.
  virtual const Json& input_responses() const {
    static const Json kNone;
    return kNone;
  }
  virtual std::string_view request_state() const { return {}; }

  // Served by a stateless revision (2026-07-28): there is no session, so ask_client fails.
  bool stateless() const { return protocol::features(protocol_version()).stateless; }
};

}  // namespace mcp
