#include <mcp/server.h>

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <future>

namespace mcp {

using jsonrpc::Notification;
using jsonrpc::Request;
using jsonrpc::RequestId;
using jsonrpc::Response;

struct Session::InFlight {
  std::atomic<bool> cancelled{false};
  Json progress_token = nullptr;
  std::optional<modern::Envelope> modern;  // a request of a stateless revision: what its _meta says
};

struct Session::Pending {
  std::promise<Result<Json>> promise;
};

namespace {

// Rounds of input requests a handler may ask of a handshake-revision client for one request.
constexpr int kMaxRounds = 8;

thread_local bool t_reads_client = false;  // Session::ReaderThread

bool is_concurrent(const std::string& method) {
  return method == "tools/call" || method == "resources/read" || method == "prompts/get" ||
         method == "completion/complete";
}

// Collects the replies of a batch's members into one array; passes everything else on.
class BatchCollector final : public Outbound {
 public:
  explicit BatchCollector(Outbound& next) : next_(next) {}
  void send(const Json& message) override {
    const bool is_reply = message.contains("id") && (message.contains("result") || message.contains("error"));
    if (!is_reply) return next_.send(message);
    std::lock_guard lock(mu_);
    replies_.push_back(message);
  }
  Json take() {
    std::lock_guard lock(mu_);
    return std::move(replies_);
  }

 private:
  Outbound& next_;
  std::mutex mu_;
  Json replies_ = Json::array();
};

}  // namespace

// ---- the handler's view of a request ----------------------------------------------------------

class Session::Context final : public RequestContext {
 public:
  Context(Session& s, Outbound& out, std::shared_ptr<InFlight> state, std::string version, const Json& params)
      : s_(s),
        out_(out),
        state_(std::move(state)),
        version_(state_->modern ? state_->modern->version : std::move(version)),
        // Under a handshake revision the answers come from the session's own round trip only.
        input_responses_(state_->modern ? member(params, "inputResponses") : Json()) {
    if (const Json& rs = member(params, "requestState"); state_->modern && rs.is_string())
      request_state_ = rs.get<std::string>();
  }

  bool cancelled() const override { return state_ && state_->cancelled.load(); }

  void progress(double progress, std::optional<double> total, std::string_view message) override {
    if (!state_ || state_->progress_token.is_null() || cancelled()) return;
    Json p = {{"progressToken", state_->progress_token}, {"progress", progress}};
    if (total) p["total"] = *total;
    if (!message.empty()) p["message"] = std::string(message);
    out_.send(jsonrpc::make_notification("notifications/progress", std::move(p)));
  }

  void log(LogLevel level, const Json& data, std::string_view logger) override {
    // A stateless request is sent log messages only at or above the level its _meta names.
    const int threshold = !state_->modern             ? s_.log_level_.load()
                          : state_->modern->log_level ? static_cast<int>(*state_->modern->log_level)
                                                      : static_cast<int>(LogLevel::kEmergency) + 1;
    if (static_cast<int>(level) < threshold || cancelled()) return;
    Json p = {{"level", std::string(to_string(level))}, {"data", data}};
    if (!logger.empty()) p["logger"] = std::string(logger);
    out_.send(jsonrpc::make_notification("notifications/message", std::move(p)));
  }

  Result<Json> ask_client(std::string_view method, Json params, std::chrono::milliseconds timeout) override {
    if (state_->modern)
      return Error::internal("Protocol revision " + version_ +
                             " has no requests from server to client: return an input_required result instead");
    return s_.ask_client(method, std::move(params), out_, state_, timeout);
  }

  void close_stream() override { out_.close_stream(); }

  std::string_view protocol_version() const override { return version_; }
  const Json& client_capabilities() const override {
    return state_->modern ? state_->modern->client_capabilities : s_.client_capabilities_;
  }
  const Json& input_responses() const override { return input_responses_; }
  std::string_view request_state() const override { return request_state_; }
  // The session's own round trip for a handshake revision (Session::ask_inputs).
  void set_input(Json responses, std::string state) {
    input_responses_ = std::move(responses);
    request_state_ = std::move(state);
  }

 private:
  Session& s_;
  Outbound& out_;
  std::shared_ptr<InFlight> state_;
  std::string version_;
  Json input_responses_;
  std::string request_state_;
};

// ---- Session --------------------------------------------------------------------------------------

Session::Session(const Server& server, SessionOptions options) : server_(server), options_(std::move(options)) {
  if (!options_.require_initialize) {
    version_ = protocol::is_supported(options_.assumed_version) ? options_.assumed_version
                                                                : std::string(protocol::kHttpDefault);
    initialized_ = true;
  }
}

Session::~Session() {
  close();
  wait_idle();
}

bool Session::initialized() const {
  std::lock_guard lock(mu_);
  return initialized_;
}

std::string Session::protocol_version() const {
  std::lock_guard lock(mu_);
  return version_;
}

void Session::receive_text(std::string_view text, Outbound& out, const Executor& executor) {
  auto parsed = jsonrpc::parse(text, options_.max_depth);
  if (!parsed) {
    out.send(jsonrpc::make_error(Json(nullptr), parsed.error()));
    return;
  }
  receive(*parsed, out, executor);
}

void Session::receive(const Json& value, Outbound& out, const Executor& executor) {
  if (value.is_array()) {
    const bool allowed = protocol::features(protocol_version()).batches;
    if (!allowed) {
      out.send(jsonrpc::make_error(
          Json(nullptr),
          Error::invalid_request(
              "JSON-RPC batches are only allowed in protocol revision 2025-03-26; "
              "this session speaks " +
              (protocol_version().empty() ? std::string("none yet (send initialize first)") : protocol_version()))));
      return;
    }
    if (value.empty()) {
      out.send(jsonrpc::make_error(Json(nullptr), Error::invalid_request("An empty batch is not a valid request")));
      return;
    }
    BatchCollector collector(out);
    for (const auto& item : value) {
      if (item.is_array()) {
        collector.send(jsonrpc::make_error(Json(nullptr), Error::invalid_request("Batches cannot be nested")));
        continue;
      }
      receive(item, collector, {});  // members run inline so the array can be answered whole
    }
    Json replies = collector.take();
    if (!replies.empty()) out.send(replies);
    return;
  }

  auto classified = jsonrpc::classify(value);
  if (auto* invalid = std::get_if<jsonrpc::Invalid>(&classified)) {
    if (invalid->reply)
      out.send(jsonrpc::make_error(invalid->id, invalid->error));
    else
      spdlog::debug("dropping malformed message: {}", invalid->error.message);
    return;
  }
  auto& msg = std::get<jsonrpc::Message>(classified);
  // Whatever a message makes us throw must not end the process, or any client could end it at
  // will: a request gets an internal error, a notification or a response is logged and dropped.
  // run() already catches what method and tool handlers throw; this is for the rest (fuzz_jsonrpc
  // found an initialize whose clientInfo.version was an array, which aborted the server).
  std::optional<RequestId> id;
  if (auto* req = std::get_if<Request>(&msg)) id = req->id;
  try {
    if (auto* req = std::get_if<Request>(&msg)) return on_request(std::move(*req), out, executor);
    if (auto* n = std::get_if<Notification>(&msg)) return on_notification(*n);
    on_response(std::move(std::get<Response>(msg)));
  } catch (const std::exception& e) {
    spdlog::error("a message failed: {}", e.what());
  } catch (...) {
    spdlog::error("a message failed with an unknown exception");
  }
  if (id) out.send(jsonrpc::make_error(*id, Error::internal("Internal error while handling the request")));
}

bool Session::quick_call(const Request& req) const {
  if (req.method != "tools/call") return false;
  const Json& name = member(req.params, "name");
  const auto* tool = name.is_string() ? server_.find_tool(name.get_ref<const std::string&>()) : nullptr;
  return tool && tool->tool.quick;
}

std::optional<Error> Session::read_modern(const Request& req, InFlight& state) const {
  if (const auto version = modern::requested_version(req.params))
    if (auto unsupported = modern::check_version(*version)) return unsupported;
  auto envelope = modern::read_envelope(req.params);
  if (!envelope) return envelope.error();
  if (const Json& answers = member(req.params, "inputResponses"); !answers.is_null() && !answers.is_object())
    return Error::invalid_params("params.inputResponses must be an object of answers by input request key");
  if (const Json& state = member(req.params, "requestState"); !state.is_null() && !state.is_string())
    return Error::invalid_params("params.requestState must be the string a previous input_required result gave");
  state.modern = std::move(envelope).value();
  return std::nullopt;
}

void Session::on_request(Request req, Outbound& out, const Executor& executor) {
  auto state = std::make_shared<InFlight>();
  // A request of a stateless revision stands alone, whatever this session negotiated (if anything).
  if (modern::is_modern_request(req.method, req.params)) {
    if (auto rejected = read_modern(req, *state)) {
      out.send(jsonrpc::make_error(req.id, *rejected));
      return;
    }
  } else if (req.method == "initialize") {
    auto r = do_initialize(req.params);
    out.send(r ? jsonrpc::make_result(req.id, std::move(r).value()) : jsonrpc::make_error(req.id, r.error()));
    return;
  }
  const std::string key = jsonrpc::id_to_string(req.id);
  {
    std::lock_guard lock(mu_);
    if (!state->modern && !initialized_ && req.method != "ping") {
      out.send(
          jsonrpc::make_error(req.id, Error::invalid_request("Server not initialized: the first request must be "
                                                             "\"initialize\" (only \"ping\" may come before it)")));
      return;
    }
    if (in_flight_.count(key)) {
      out.send(jsonrpc::make_error(
          req.id, Error::invalid_request("Request id " + key + " is already in use by a request in flight")));
      return;
    }
    if (const Json& token = member(member(req.params, "_meta"), "progressToken");
        token.is_string() || token.is_number_integer())
      state->progress_token = token;
    in_flight_.emplace(key, state);
  }
  if (executor && is_concurrent(req.method) && !quick_call(req)) {
    executor([this, req = std::move(req), state, &out]() { run(req, state, out); });
  } else {
    run(req, state, out);
  }
}

void Session::run(const Request& req, const std::shared_ptr<InFlight>& state, Outbound& out) {
  Context ctx(*this, out, state, protocol_version(), req.params);
  Result<Json> result = Error::internal("unreachable");
  try {
    result = state->modern ? finish_modern(req, dispatch_modern(req, ctx), ctx) : dispatch(req, ctx);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", req.method, e.what());
    result = Error::internal("Internal error while handling " + req.method);
  } catch (...) {
    spdlog::error("{} failed with an unknown exception", req.method);
    result = Error::internal("Internal error while handling " + req.method);
  }
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(jsonrpc::id_to_string(req.id));
    if (in_flight_.empty()) idle_cv_.notify_all();
  }
  if (state->cancelled.load()) {
    spdlog::debug("request {} was cancelled; not answering", jsonrpc::id_to_string(req.id));
    return;
  }
  out.send(result ? jsonrpc::make_result(req.id, std::move(result).value())
                  : jsonrpc::make_error(req.id, result.error()));
}

void Session::on_notification(const Notification& n) {
  if (n.method == "notifications/initialized") return;  // nothing to do: initialize already set us up
  if (n.method == "notifications/cancelled") {
    const Json& id_json = member(n.params, "requestId");
    auto id = jsonrpc::id_from_json(id_json);
    if (!id) return;
    std::lock_guard lock(mu_);
    if (auto it = in_flight_.find(jsonrpc::id_to_string(*id)); it != in_flight_.end()) {
      it->second->cancelled = true;
      spdlog::debug("request {} cancelled by the client", it->first);
    }
    return;
  }
  // notifications/progress, notifications/roots/list_changed and anything unknown: nothing to do.
  spdlog::debug("notification {} ignored", n.method);
}

void Session::on_response(Response r) {
  std::shared_ptr<Pending> p;
  {
    std::lock_guard lock(mu_);
    auto it = pending_.find(jsonrpc::id_to_string(r.id));
    if (it == pending_.end()) {
      spdlog::warn("response to unknown request id {} ignored", jsonrpc::id_to_string(r.id));
      return;
    }
    p = it->second;
    pending_.erase(it);
  }
  if (r.is_error)
    p->promise.set_value(r.error);
  else
    p->promise.set_value(std::move(r.result));
}

Session::ReaderThread::ReaderThread() { t_reads_client = true; }
Session::ReaderThread::~ReaderThread() { t_reads_client = false; }

Result<Json> Session::ask_client(std::string_view method, Json params, Outbound& out,
                                 const std::shared_ptr<InFlight>& state, std::chrono::milliseconds timeout) {
  if (t_reads_client)
    return Error::internal(
        "this request runs on the thread that reads the client's messages (a batch member or a "
        "quick tool), so the answer to " +
        std::string(method) + " could not be read; send the request on its own");
  std::string key;
  RequestId id;
  auto pending = std::make_shared<Pending>();
  auto fut = pending->promise.get_future();
  {
    std::lock_guard lock(mu_);
    if (const auto need = modern::capability_for(method); !need.empty() && !client_capabilities_.contains(need))
      return Error::method_not_found("The client did not declare the \"" + std::string(need) +
                                     "\" capability needed for " + std::string(method));
    if (closed_) return Error::internal("the connection is closed");
    id = "srv-" + std::to_string(next_request_id_++);
    key = jsonrpc::id_to_string(id);
    pending_.emplace(key, pending);
  }
  out.send(jsonrpc::make_request(id, method, std::move(params)));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fut.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
    const bool gone = state && state->cancelled.load();
    if (gone || std::chrono::steady_clock::now() >= deadline) {
      std::lock_guard lock(mu_);
      pending_.erase(key);
      return Error::internal(gone ? "cancelled while waiting for the client"
                                  : "the client did not answer " + std::string(method) + " in time");
    }
  }
  return fut.get();
}

void Session::close() {
  std::map<std::string, std::shared_ptr<Pending>> pending;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    for (auto& [_, s] : in_flight_) s->cancelled = true;
    pending.swap(pending_);
  }
  for (auto& [_, p] : pending) p->promise.set_value(Error::internal("the connection closed"));
}

void Session::wait_idle() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [&] { return in_flight_.empty(); });
}

// ---- methods ------------------------------------------------------------------------------------------

Result<Json> Session::dispatch(const Request& req, Context& ctx) {
  const std::string& m = req.method;
  const Json& p = req.params;
  if (m == "ping") return Json::object();
  if (m == "tools/list") return do_list(p, 't', ctx);
  if (m == "tools/call") return do_tools_call(p, ctx);
  if (m == "resources/list") return do_list(p, 'r', ctx);
  if (m == "resources/templates/list") return do_list(p, 'T', ctx);
  if (m == "resources/read") return do_resources_read(p, ctx);
  if (m == "prompts/list") return do_list(p, 'p', ctx);
  if (m == "prompts/get") return do_prompts_get(p, ctx);
  if (m == "completion/complete") return do_complete(p);
  if (m == "logging/setLevel") return do_set_level(p);
  if (server_.options().resource_subscriptions) {
    if (m == "resources/subscribe") return do_subscribe(p, true);
    if (m == "resources/unsubscribe") return do_subscribe(p, false);
  }
  return Error::method_not_found("Method not found: " + m);
}

Result<Json> Session::dispatch_modern(const Request& req, Context& ctx) {
  // initialize, ping, logging/setLevel and resources/(un)subscribe are gone from these revisions.
  if (!modern::is_method(req.method)) return Error::method_not_found("Method not found: " + req.method);
  if (req.method == "server/discover") return do_discover(ctx);
  return dispatch(req, ctx);
}

Result<Json> Session::do_initialize(const Json& params) {
  const Json& requested = member(params, "protocolVersion");
  if (!requested.is_string())
    return Error::invalid_params("initialize needs params.protocolVersion, a string such as \"2025-11-25\"");
  const Json& caps = member(params, "capabilities");
  if (!caps.is_null() && !caps.is_object()) return Error::invalid_params("params.capabilities must be an object");
  const Json& client = member(params, "clientInfo");
  if (!client.is_null() && !client.is_object()) return Error::invalid_params("params.clientInfo must be an object");

  std::string version = protocol::negotiate(requested.get<std::string>());
  {
    std::lock_guard lock(mu_);
    if (initialized_ && options_.require_initialize)
      return Error::invalid_request("This session is already initialized");
    initialized_ = true;
    version_ = version;
    client_capabilities_ = caps.is_object() ? caps : Json::object();
    client_info_ = client.is_object() ? client : Json::object();
  }
  // clientInfo's name and version are strings by the schema, but a client may send anything.
  const auto text_or_mark = [](const Json& v) { return v.is_string() ? v.get<std::string>() : std::string("?"); };
  spdlog::info("initialize: client {} {} asked for {}, speaking {}", text_or_mark(member(client_info_, "name")),
               text_or_mark(member(client_info_, "version")), requested.get<std::string>(), version);

  Json result = {{"protocolVersion", version},
                 {"capabilities", server_.capabilities(version, caps.is_object() ? caps : Json::object())},
                 {"serverInfo", server_.implementation(version)}};
  if (!server_.instructions().empty()) result["instructions"] = server_.instructions();
  return result;
}

namespace {
// A precomputed answer (raw_json) is checked as what a client parses: its content an array, its
// structured content one JSON value that the schema accepts.
std::vector<SchemaProblem> checked_output(const JsonSchema& schema, const ToolResult& r) {
  if (const auto content = raw_json_text(r.content))
    if (const Json parsed = Json::parse(*content, nullptr, false); !parsed.is_array())
      return {SchemaProblem{"", "the precomputed content is not a JSON array"}};
  const auto raw = raw_json_text(*r.structured);
  if (!raw) return schema.validate(*r.structured);
  const Json parsed = Json::parse(*raw, nullptr, false);
  if (parsed.is_discarded()) return {SchemaProblem{"", "the precomputed answer is not valid JSON"}};
  return schema.validate(parsed);
}
}  // namespace

namespace {
// A handshake revision has requests from server to client: while a handler's answer asks for input
// (`needs` gives its input_required result, or null), the session asks the client (`ask`) and calls
// the handler again, a few rounds at most; `fail` makes an answer of an error. A stateless request
// answers input_required itself.
template <class R, class Call, class Needs, class Ask, class Fail>
R round_trips(bool stateless, const Call& call, const Needs& needs, const Ask& ask, const Fail& fail,
              const std::string& what) {
  R r = call();
  for (int round = 0; !stateless; ++round) {
    const Json* input = needs(r);
    if (!input) break;
    if (round == kMaxRounds)
      return fail(Error::internal(what + " still needed input after " + std::to_string(kMaxRounds) + " rounds"));
    if (auto failed = ask(*input)) return fail(std::move(*failed));
    r = call();
  }
  return r;
}
}  // namespace

ToolResult Session::call_tool(const Server::CompiledTool& tool, const Json& args, Context& ctx) {
  const auto call = [&] {
    try {
      return tool.tool.handler(args, ctx);
    } catch (const std::exception& e) {
      spdlog::error("tool {} threw: {}", tool.tool.name, e.what());
    } catch (...) {
      spdlog::error("tool {} threw a non-standard exception", tool.tool.name);
    }
    return ToolResult::error("Tool " + tool.tool.name + " failed with an internal error; the failure was logged.");
  };
  return round_trips<ToolResult>(
      ctx.stateless(), call, [](const ToolResult& r) { return r.needs_input ? &*r.needs_input : nullptr; },
      [&](const Json& input) { return ask_inputs(input, ctx); },
      [](Error e) { return ToolResult::error(std::move(e.message)); }, "Tool " + tool.tool.name);
}

Result<Json> Session::with_round_trips(const std::function<Result<Json>()>& handler, Context& ctx,
                                       const std::string& what) {
  return round_trips<Result<Json>>(
      ctx.stateless(), handler, [](const Result<Json>& r) { return r && is_input_required(*r) ? &*r : nullptr; },
      [&](const Json& input) { return ask_inputs(input, ctx); }, [](Error e) { return Result<Json>(std::move(e)); },
      what);
}

std::optional<Error> Session::ask_inputs(const Json& input_required, Context& ctx) {
  static const Json kNone = Json::object();
  const Json& asked = member(input_required, "inputRequests");
  Json answers = Json::object();
  for (const auto& [key, request] : (asked.is_object() ? asked : kNone).items()) {
    const Json& method = member(request, "method");
    if (!method.is_string()) return Error::internal("Internal error: a malformed input request");
    auto answer = ctx.ask_client(method.get<std::string>(), member(request, "params"), std::chrono::seconds(60));
    if (!answer)
      return Error{answer.error().code, "This request needs " + method.get<std::string>() +
                                            " from the client, which failed: " + answer.error().message};
    answers[key] = std::move(answer).value();
  }
  const Json& state = member(input_required, "requestState");
  ctx.set_input(std::move(answers), state.is_string() ? state.get<std::string>() : std::string());
  return std::nullopt;
}

Result<Json> Session::do_tools_call(const Json& params, Context& ctx) {
  const Json& name = member(params, "name");
  if (!name.is_string()) return Error::invalid_params("tools/call needs params.name, the tool's name (a string)");
  const auto* tool = server_.find_tool(name.get_ref<const std::string&>());
  if (!tool) {
    std::string known;
    for (const auto& t : server_.tools()) known += (known.empty() ? "" : ", ") + t.tool.name;
    return Error::invalid_params("Unknown tool: '" + name.get<std::string>() + "'. Tools: " + known);
  }
  const Json& given = member(params, "arguments");
  if (!given.is_null() && !given.is_object()) return Error::invalid_params("params.arguments must be an object");
  const Json args = given.is_object() ? given : Json::object();

  auto finish = [](ToolResult r) {
    Json j = {{"content", std::move(r.content)}};
    if (r.is_error)
      j["isError"] = true;
    else if (r.structured)
      j["structuredContent"] = std::move(*r.structured);
    return j;
  };

  if (auto problems = tool->input.validate(args); !problems.empty())
    return finish(ToolResult::error("Invalid arguments for tool " + tool->tool.name + ":\n" + describe(problems) +
                                    "\nSee the tool's inputSchema for the expected arguments."));

  ToolResult r = call_tool(*tool, args, ctx);
  if (r.rejection) return std::move(*r.rejection);
  if (r.needs_input) return std::move(*r.needs_input);
  if (r.is_error) {
    r.structured.reset();
    return finish(std::move(r));
  }
  if (tool->output) {
    if (!r.structured) {
      spdlog::error("tool {} returned no structured content", tool->tool.name);
      return finish(
          ToolResult::error("Tool " + tool->tool.name + " failed: it produced no structured result (internal error)."));
    }
    if (auto problems =
            server_.options().check_outputs ? checked_output(*tool->output, r) : std::vector<SchemaProblem>{};
        !problems.empty()) {
      spdlog::error("tool {} output breaks its schema:\n{}", tool->tool.name, describe(problems));
      return finish(ToolResult::error("Tool " + tool->tool.name +
                                      " failed: its result did not match its output schema (internal error)."));
    }
  }
  // A client that reads only `content` gets the tool's own text rendering; a tool that gives none
  // gets the JSON as text. Both at once would show a host's model the same answer twice.
  if (r.structured && r.content.empty()) {
    const auto raw = raw_json_text(*r.structured);
    r.content.push_back(text_content(raw ? std::string(*raw) : jsonrpc::serialize(*r.structured)));
  }
  return finish(std::move(r));
}

Result<Json> Session::do_resources_read(const Json& params, Context& ctx) {
  const Json& uri_j = member(params, "uri");
  if (!uri_j.is_string()) return Error::invalid_params("resources/read needs params.uri, a string");
  const std::string& uri = uri_j.get_ref<const std::string&>();
  for (const auto& r : server_.resources()) {
    if (r.uri != uri) continue;
    auto contents = with_round_trips([&] { return r.read(uri, ctx); }, ctx, "resources/read of " + uri);
    if (!contents) return contents.error();
    if (is_input_required(*contents)) return contents;
    return Json{{"contents", std::move(contents).value()}};
  }
  std::map<std::string, std::string> vars;
  for (const auto& t : server_.resource_templates()) {
    if (!match_uri_template(t.uri_template, uri, vars)) continue;
    auto contents = with_round_trips([&] { return t.read(uri, vars, ctx); }, ctx, "resources/read of " + uri);
    if (!contents) return contents.error();
    if (is_input_required(*contents)) return contents;
    return Json{{"contents", std::move(contents).value()}};
  }
  return Error::resource_not_found(uri);
}

Result<Json> Session::do_prompts_get(const Json& params, Context& ctx) {
  const Json& name = member(params, "name");
  if (!name.is_string()) return Error::invalid_params("prompts/get needs params.name, a string");
  const Prompt* prompt = server_.find_prompt(name.get_ref<const std::string&>());
  if (!prompt) {
    std::string known;
    for (const auto& p : server_.prompts()) known += (known.empty() ? "" : ", ") + p.name;
    return Error::invalid_params("Unknown prompt: '" + name.get<std::string>() + "'. Prompts: " + known);
  }
  const Json& given = member(params, "arguments");
  if (!given.is_null() && !given.is_object())
    return Error::invalid_params("params.arguments must be an object of strings");
  std::map<std::string, std::string> args;
  if (given.is_object()) {
    for (const auto& [k, v] : given.items()) {
      if (!v.is_string()) return Error::invalid_params("Prompt argument '" + k + "' must be a string");
      args.emplace(k, v.get<std::string>());
    }
  }
  for (const auto& a : prompt->arguments)
    if (a.required && (!args.count(a.name) || args[a.name].empty()))
      return Error::invalid_params("Prompt " + prompt->name + " needs the argument '" + a.name + "'");
  for (const auto& [k, _] : args) {
    bool known = false;
    for (const auto& a : prompt->arguments) known = known || a.name == k;
    if (!known) return Error::invalid_params("Prompt " + prompt->name + " has no argument '" + k + "'");
  }
  return with_round_trips([&] { return prompt->get(args, ctx); }, ctx, "prompts/get of " + prompt->name);
}

Result<Json> Session::do_set_level(const Json& params) {
  const Json& level = member(params, "level");
  auto parsed = level.is_string() ? log_level_from_string(level.get<std::string>()) : std::nullopt;
  if (!parsed)
    return Error::invalid_params(
        "logging/setLevel needs params.level, one of debug, info, notice, warning, error, "
        "critical, alert, emergency");
  log_level_ = static_cast<int>(*parsed);
  return Json::object();
}

Result<Json> Session::do_subscribe(const Json& params, bool subscribe) {
  const Json& uri = member(params, "uri");
  if (!uri.is_string()) return Error::invalid_params("params.uri must be a string");
  std::lock_guard lock(mu_);
  auto it = std::find(subscriptions_.begin(), subscriptions_.end(), uri.get<std::string>());
  if (subscribe && it == subscriptions_.end()) subscriptions_.push_back(uri.get<std::string>());
  if (!subscribe && it != subscriptions_.end()) subscriptions_.erase(it);
  return Json::object();
}

}  // namespace mcp
