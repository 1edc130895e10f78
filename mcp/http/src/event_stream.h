// The messages of one text/event-stream response: those the server sends for one POST (progress,
// logs, its requests to the client, then the response) and, in stateful mode, kept so that the
// client can resume the stream with GET and Last-Event-ID after the connection ended (the server
// closed it early, SEP-1699 polling, or the network dropped it).
//
// Producers (the handler's threads) append; one writer at a time (the connection the stream is
// attached to) sends. Attaching a new writer ends the previous one. Event ids are
// "<stream>-<index>"; index 0 is the priming event (an id and empty data) of a resumable stream.
#pragma once
#include <mcp/json.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcp::http::detail {

class EventStream {
 public:
  // `number` > 0 makes the stream resumable: events carry ids and a priming event (with `retry`)
  // comes first. 0: a plain stream (stateless mode), no ids.
  EventStream(std::uint64_t number, std::chrono::milliseconds retry);

  std::uint64_t number() const { return number_; }

  // ---- producers -----------------------------------------------------------------------------
  // `final`: the response that completes the stream; the writer ends after sending it.
  void append(const Json& message, bool final);
  // The request is over (answered, cancelled or failed): nothing more will be appended.
  void finish();
  // Ends the writer attached now once it has sent what is here (Outbound::close_stream). The
  // messages that follow wait for a writer that resumes the stream.
  void close_current();
  // Ends every writer at once and for good (the session ended, the server is stopping).
  void abort();

  // ---- writers -------------------------------------------------------------------------------
  // Takes the stream over from whoever had it, to send the events after `last_index` (nullopt:
  // from the start). nullopt when `last_index` is not an event of this stream.
  std::optional<std::uint64_t> attach(std::optional<std::uint64_t> last_index);
  struct Chunk {
    std::string text;  // SSE text to send (events, or a comment when only the heartbeat was due)
    bool end = false;  // send `text`, then end the response
  };
  // Blocks until there is something to send, the writer must end, or `heartbeat` passed.
  Chunk next(std::uint64_t writer, std::chrono::milliseconds heartbeat);
  // The same without waiting, for a writer that pushes as messages are appended: nullopt when
  // there is nothing to do now.
  std::optional<Chunk> take(std::uint64_t writer);
  // The writer's connection failed: the stream waits for a client to resume it.
  void detach(std::uint64_t writer);

  // The response went out to a writer (it may still need a resume if the connection then broke),
  // or the request ended without one and everything was sent.
  bool delivered() const;
  // Finished, delivered, and no writer attached: the stream can be forgotten.
  bool done() const;

  // "<stream>-<index>" -> (stream, index).
  static std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_event_id(std::string_view id);

 private:
  void add(std::string_view data);
  std::optional<Chunk> step_locked(std::uint64_t writer);

  const std::uint64_t number_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> events_;
  std::size_t next_ = 0;      // the next event the attached writer sends
  std::uint64_t writer_ = 0;  // the writer attached now; 0: none
  std::uint64_t last_writer_ = 0;
  bool final_ = false;
  bool finished_ = false;
  bool close_ = false;
  bool aborted_ = false;
  bool delivered_ = false;
};

}  // namespace mcp::http::detail
