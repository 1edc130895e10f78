// The MCP server side of the protocol, independent of any domain and of any transport.
//
//   Server   what is offered (identity, instructions, the registries); immutable once serving.
//   Session  one client's conversation: lifecycle, negotiated revision, log level, requests in
//            flight, requests we sent the client. A transport owns one per connection (stdio) or
//            per Mcp-Session-Id (HTTP), or one per request (stateless HTTP).
//   Outbound where a session writes the messages it produces for one incoming message.
#pragma once
#include <mcp/error.h>
#include <mcp/json.h>
#include <mcp/jsonrpc.h>
#include <mcp/modern.h>
#include <mcp/protocol.h>
#include <mcp/registry.h>
#include <mcp/schema.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mcp {

struct Implementation {
  std::string name;
  std::string title;
  std::string version;
  std::string description;
  std::string website_url;
  Json icons = nullptr;
};

#ifdef NDEBUG
inline constexpr bool kCheckOutputsByDefault = false;
#else
inline constexpr bool kCheckOutputsByDefault = true;
#endif

struct ServerOptions {
  std::size_t page_size = 100;          // items per tools/list, resources/list, ... page
  bool resource_subscriptions = false;  // offer resources/subscribe and unsubscribe
  // Validate every tool's structuredContent against its outputSchema before it is sent (a breach
  // becomes an internal-error result). A check of the tools, not of the client's input: on in
  // debug builds and in the tests, off in release builds.
  bool check_outputs = kCheckOutputsByDefault;
  // The caching hints of the stateless revisions' list, read and discover results: how long a
  // client may keep them, and whether shared caches may (public) or only the caller (private).
  std::chrono::milliseconds cache_ttl{std::chrono::hours(1)};
  bool cache_public = true;
};

class Server {
 public:
  Server(Implementation info, std::string instructions, ServerOptions options = {});

  // Registration checks what clients check: names, descriptions, schemas that compile and have
  // "properties"/"items" where clients demand them. A failure is a programming error to fix.
  // An output schema is compiled when the tool's first success needs it (see
  // JsonSchema::deferred): one that valijson cannot read fails those calls as internal errors.
  Status add_tool(Tool tool);
  Status add_resource(Resource resource);
  Status add_resource_template(ResourceTemplate tmpl);
  Status add_prompt(Prompt prompt);
  // An extension the server supports (e.g. "io.modelcontextprotocol/ui"), with its settings
  // object: declared in capabilities.extensions to the clients that announce it themselves, with
  // settings that `accepts` (when given) takes, e.g. the MIME types an MCP Apps host renders.
  void add_extension(std::string id, Json settings = Json::object(),
                     std::function<bool(const Json& client_settings)> accepts = {});
  // Whether a client that announced `client_capabilities` gets extension `id`.
  bool offers_extension(std::string_view id, const Json& client_capabilities) const;

  const Implementation& info() const { return info_; }
  const std::string& instructions() const { return instructions_; }
  const ServerOptions& options() const { return options_; }
  // The capabilities initialize (or server/discover) declares, to a client that announced
  // `client_capabilities`.
  Json capabilities(std::string_view protocol_version, const Json& client_capabilities = Json::object()) const;
  // initialize's serverInfo, or the stateless revisions' _meta serverInfo: the Implementation
  // object with the fields `protocol_version` has.
  Json implementation(std::string_view protocol_version) const;

  struct CompiledTool {
    Tool tool;
    JsonSchema input;
    std::optional<JsonSchema> output;
    std::vector<modern::HeaderParam> header_params;  // what HTTP clients mirror into Mcp-Param-*
  };
  const std::vector<CompiledTool>& tools() const { return tools_; }
  const CompiledTool* find_tool(std::string_view name) const;
  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<ResourceTemplate>& resource_templates() const { return templates_; }
  const std::vector<Prompt>& prompts() const { return prompts_; }
  const Prompt* find_prompt(std::string_view name) const;

 private:
  Implementation info_;
  std::string instructions_;
  ServerOptions options_;
  std::vector<CompiledTool> tools_;
  std::unordered_map<std::string, std::size_t> tool_index_;
  std::vector<Resource> resources_;
  std::vector<ResourceTemplate> templates_;
  std::vector<Prompt> prompts_;
  struct Extension {
    Json settings;
    std::function<bool(const Json&)> accepts;
  };
  std::map<std::string, Extension, std::less<>> extensions_;
};

class Outbound {
 public:
  virtual ~Outbound() = default;
  // Thread-safe: handlers running concurrently may send at the same time.
  virtual void send(const Json& message) = 0;
  // Asks the transport to end the response stream of this request early (Streamable HTTP's SSE
  // polling, SEP-1699): the client reconnects with GET and Last-Event-ID and receives the rest
  // there. Transports without that notion ignore it.
  virtual void close_stream() {}
};

struct SessionOptions {
  // true: the first request must be initialize (ping excepted). false: stateless HTTP, where each
  // request stands alone and speaks `assumed_version`.
  bool require_initialize = true;
  std::string assumed_version = std::string(protocol::kHttpDefault);
  std::size_t max_depth = 128;  // JSON nesting limit for receive_text
};

class Session {
 public:
  // Runs a piece of work somewhere (a worker pool); used for the methods that may be slow.
  using Executor = std::function<void(std::function<void()>)>;

  explicit Session(const Server& server, SessionOptions options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Handles one incoming JSON value, a message or (where the revision allows) a batch. The reply
  // and any notifications or requests it causes go to `out`. tools/call, resources/read,
  // prompts/get and completion/complete run on `executor` when one is given, everything else
  // inline, so that initialize, ping, cancellation and answers to our own requests never wait
  // behind a slow tool. `out` must outlive the work.
  void receive(const Json& value, Outbound& out, const Executor& executor = {});
  // Parses `text` first; text that is not JSON is answered with -32700.
  void receive_text(std::string_view text, Outbound& out, const Executor& executor = {});

  // While one lives, this thread is the one that reads the client's messages (stdio's loop): a
  // request run on it (a batch member, a quick tool) cannot wait for the client's answer to a
  // request of ours, which this thread would have to read, so asking fails at once.
  class ReaderThread {
   public:
    ReaderThread();
    ~ReaderThread();
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;
  };

  // The connection is gone: mark every request in flight cancelled and fail our own requests.
  void close();
  // Blocks until no request of this session is in flight.
  void wait_idle();

  bool initialized() const;
  std::string protocol_version() const;
  const Server& server() const { return server_; }

 private:
  struct InFlight;
  class Context;

  void on_request(jsonrpc::Request req, Outbound& out, const Executor& executor);
  void on_notification(const jsonrpc::Notification& n);
  void on_response(jsonrpc::Response r);
  void run(const jsonrpc::Request& req, const std::shared_ptr<InFlight>& state, Outbound& out);
  // A request of a stateless revision: its _meta read, or the error that rejects it.
  std::optional<Error> read_modern(const jsonrpc::Request& req, InFlight& state) const;
  // A tools/call of a quick tool (Tool::quick): run on the caller's thread.
  bool quick_call(const jsonrpc::Request& req) const;
  // The method's result, or its error.
  Result<Json> dispatch(const jsonrpc::Request& req, Context& ctx);
  Result<Json> dispatch_modern(const jsonrpc::Request& req, Context& ctx);
  // What every result of a stateless revision carries: resultType, serverInfo, caching hints.
  Result<Json> finish_modern(const jsonrpc::Request& req, Result<Json> result, const RequestContext& ctx) const;

  Result<Json> do_initialize(const Json& params);
  Result<Json> do_discover(const RequestContext& ctx) const;
  Result<Json> do_list(const Json& params, char kind, const RequestContext& ctx) const;
  Result<Json> do_tools_call(const Json& params, Context& ctx);
  // The handler's answer; under a handshake revision, input requests are asked of the client here.
  ToolResult call_tool(const Server::CompiledTool& tool, const Json& args, Context& ctx);
  // A prompt's or resource's answer, likewise.
  Result<Json> with_round_trips(const std::function<Result<Json>()>& handler, Context& ctx, const std::string& what);
  // Under a handshake revision: asks the client each input request of an input_required result and
  // hands the answers to the handler's next call; the error when the client could not answer.
  std::optional<Error> ask_inputs(const Json& input_required, Context& ctx);
  Result<Json> do_resources_read(const Json& params, Context& ctx);
  Result<Json> do_prompts_get(const Json& params, Context& ctx);
  Result<Json> do_complete(const Json& params) const;
  Result<Json> do_set_level(const Json& params);
  Result<Json> do_subscribe(const Json& params, bool subscribe);

  Result<Json> ask_client(std::string_view method, Json params, Outbound& out, const std::shared_ptr<InFlight>& state,
                          std::chrono::milliseconds timeout);

  const Server& server_;
  SessionOptions options_;

  mutable std::mutex mu_;
  std::condition_variable idle_cv_;
  bool initialized_ = false;
  bool closed_ = false;
  std::string version_;
  Json client_capabilities_ = Json::object();
  Json client_info_ = Json::object();
  std::atomic<int> log_level_{0};                               // LogLevel as int; debug (send all) until setLevel
  std::map<std::string, std::shared_ptr<InFlight>> in_flight_;  // by id_to_string(id)
  struct Pending;
  std::map<std::string, std::shared_ptr<Pending>> pending_;  // our requests, by id
  std::uint64_t next_request_id_ = 1;
  std::vector<std::string> subscriptions_;
};

// Opaque pagination cursors: encode an offset into one of the lists ('t'ools, 'r'esources,
// resource 'T'emplates, 'p'rompts); decoding rejects cursors of another list or out of range.
std::string encode_cursor(char kind, std::size_t offset);
std::optional<std::size_t> decode_cursor(char kind, std::string_view cursor, std::size_t size);

// Matches `uri` against an RFC 6570 level-1 template; fills `vars` (percent-decoded).
bool match_uri_template(std::string_view tmpl, std::string_view uri, std::map<std::string, std::string>& vars);

}  // namespace mcp
