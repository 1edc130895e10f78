#include "exchange.h"

#include <mcp/jsonrpc.h>

#include "http_util.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <string_view>

namespace mcp::http::detail {

namespace {

class NullOutbound final : public Outbound {
 public:
  void send(const Json&) override {}
};

}  // namespace

void LiveExchanges::add(Exchange* ex) {
  std::lock_guard lock(mu_);
  live_.insert(ex);
}

void LiveExchanges::remove(Exchange* ex) {
  std::lock_guard lock(mu_);
  live_.erase(ex);
}

void LiveExchanges::abort_all() {
  std::lock_guard lock(mu_);
  for (auto* ex : live_) ex->abort();
}

Exchange::Exchange(const ExchangeContext& context, std::shared_ptr<HttpSession> hs, std::shared_ptr<Session> stateless,
                   const Accepts& accepts, Connection* conn, const httplib::Headers& response_headers)
    : context_(context),
      hs_(std::move(hs)),
      stateless_(std::move(stateless)),
      busy_(hs_),
      json_ok_(accepts.json),
      sse_ok_(accepts.sse && conn != nullptr),
      conn_(conn) {
  for (const auto& [k, v] : response_headers) extra_headers_ += k + ": " + v + "\r\n";
  context_.live.add(this);
}

Exchange::~Exchange() { context_.live.remove(this); }

void Exchange::send(const Json& message) {
  const bool final = is_final(message);
  std::unique_lock lock(mu_);
  if (stream_) {
    stream_->append(message, final);
    push_locked();
    return;
  }
  if (ended_) {
    spdlog::debug("http: a message sent after the response was dropped");
    return;
  }
  if (final) {
    final_ = message;
    return;
  }
  if (!sse_ok_) {
    lock.unlock();
    if (message.contains("method") && message.contains("id"))
      refuse(message);
    else
      spdlog::debug("http: notification dropped: the client does not accept text/event-stream on this request");
    return;
  }
  start_stream_locked();
  stream_->append(message, false);
  push_locked();
}

void Exchange::close_stream() {
  std::lock_guard lock(mu_);
  if (!resumable() || ended_) return;  // nothing could resume it: keep the response on this request
  if (!stream_) start_stream_locked();
  push_locked();  // what is there goes out first (at least the priming event to resume from)
  if (!pushing_) return;
  stream_->detach(writer_);
  end_push_locked();
  // The response is complete for the client; close the connection rather than let the client
  // send its next request on it while this handler still runs.
  conn_->shut_down_writing();
}

Exchange::Outcome Exchange::end_of_handler() {
  std::lock_guard lock(mu_);
  ended_ = true;
  if (!stream_) return final_ ? Outcome::kJson : Outcome::kAccepted;
  stream_->finish();
  push_locked();  // sends the end of the stream if the response never came (a cancelled request)
  conn_->swallow_response();
  return Outcome::kStreamed;
}

void Exchange::abort() {
  std::shared_ptr<EventStream> s;
  {
    std::lock_guard lock(mu_);
    s = stream_;
  }
  if (s) s->abort();
  session().close();
}

void Exchange::start_stream_locked() {
  stream_ = resumable() ? hs_->new_stream(context_.sse_retry) : std::make_shared<EventStream>(0, context_.sse_retry);
  writer_ = *stream_->attach(std::nullopt);
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "X-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\n";
  head += extra_headers_;
  if (context_.stopping.load()) head += "Connection: close\r\n";
  head += "\r\n";
  pushing_ = conn_->write_all(head);
  if (!pushing_) stream_->detach(writer_);
}

void Exchange::push_locked() {
  if (!pushing_) return;
  auto chunk = stream_->take(writer_);
  if (!chunk) return;
  if (!chunk->text.empty()) {
    std::string framed;
    framed.reserve(chunk->text.size() + 16);
    char size[20];
    const int n = std::snprintf(size, sizeof size, "%zx\r\n", chunk->text.size());
    framed.append(size, static_cast<std::size_t>(n));
    framed += chunk->text;
    framed += "\r\n";
    if (!conn_->write_all(framed)) {
      stream_->detach(writer_);  // the client went away: the stream waits for a resume
      pushing_ = false;
      return;
    }
  }
  if (chunk->end) end_push_locked();
}

void Exchange::end_push_locked() {
  static constexpr std::string_view kLastChunk = "0\r\n\r\n";
  conn_->write_all(kLastChunk);
  pushing_ = false;
}

void Exchange::refuse(const Json& request) {
  const std::string method = request.value("method", std::string("?"));
  spdlog::warn("http: cannot send {} to the client: its POST does not accept text/event-stream", method);
  NullOutbound sink;
  session().receive(jsonrpc::make_error(request["id"], Error{kTransportError,
                                                             "The client did not accept text/event-stream on this "
                                                             "request, so the server could not send it " +
                                                                 method}),
                    sink);
}

}  // namespace mcp::http::detail
