// One POST: the Outbound its message is handled with. The message is handled on the thread that
// serves the connection (no hand-off, which costs more than most calls). The response alone
// becomes a JSON body, written by httplib once the handler returns. Anything sent before the
// response (progress, logs, a request to the client, or close_stream) starts an SSE stream, when
// the client accepts one: the exchange then writes the response head and the events to the
// connection itself, as they come, and httplib's own response for the request is dropped.
#pragma once
#include <mcp/server.h>

#include "connection.h"
#include "event_stream.h"
#include "security.h"
#include "session_table.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

namespace mcp::http::detail {

class Exchange;

// Every POST exchange in progress, to cancel on a forced stop.
class LiveExchanges {
 public:
  void add(Exchange* ex);
  void remove(Exchange* ex);
  void abort_all();

 private:
  std::mutex mu_;
  std::unordered_set<Exchange*> live_;
};

// What an exchange needs of its server.
struct ExchangeContext {
  LiveExchanges& live;
  const std::atomic<bool>& stopping;  // the server is stopping: streams say Connection: close
  std::chrono::milliseconds sse_retry;
};

class Exchange final : public Outbound {
 public:
  Exchange(const ExchangeContext& context, std::shared_ptr<HttpSession> hs, std::shared_ptr<Session> stateless,
           const Accepts& accepts, Connection* conn, const httplib::Headers& response_headers);
  ~Exchange() override;

  Session& session() { return hs_ ? hs_->mcp : *stateless_; }
  bool resumable() const { return hs_ && sse_ok_; }

  void send(const Json& message) override;
  void close_stream() override;

  enum class Outcome { kJson, kStreamed, kAccepted };

  // After the message was handled (receive returned: the work is done). kJson: `final()` is the
  // response; kStreamed: the SSE stream was written here; kAccepted: nothing to answer.
  Outcome end_of_handler();
  // kJson: the response.
  const std::optional<Json>& final() const { return final_; }
  bool json_ok() const { return json_ok_; }

  // The server is stopping and the grace period is over.
  void abort();

 private:
  void start_stream_locked();
  // Writes what the stream has for this connection's writer, as one chunk.
  void push_locked();
  void end_push_locked();
  // A request to the client (sampling, elicitation, roots) that cannot reach it, because the
  // client takes only JSON on this POST: answer it at once with an error instead of letting the
  // handler wait for its timeout.
  void refuse(const Json& request);

  const ExchangeContext context_;
  std::shared_ptr<HttpSession> hs_;
  std::shared_ptr<Session> stateless_;
  Busy busy_;
  const bool json_ok_;
  const bool sse_ok_;
  Connection* const conn_;
  std::string extra_headers_;

  std::mutex mu_;  // also serialises the writes to conn_
  std::optional<Json> final_;
  bool ended_ = false;
  std::shared_ptr<EventStream> stream_;
  std::uint64_t writer_ = 0;
  bool pushing_ = false;
};

}  // namespace mcp::http::detail
