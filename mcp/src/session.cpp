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
};

struct Session::Pending {
  std::promise<Result<Json>> promise;
};

namespace {

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

const Json& member(const Json& params, const char* key) {
  static const Json kNull;
  if (!params.is_object()) return kNull;
  auto it = params.find(key);
  return it == params.end() ? kNull : *it;
}

}  // namespace

// ---- the handler's view of a request ----------------------------------------------------------

class Session::Context final : public RequestContext {
 public:
  Context(Session& s, Outbound& out, std::shared_ptr<InFlight> state, std::string version)
      : s_(s), out_(out), state_(std::move(state)), version_(std::move(version)) {}

  bool cancelled() const override { return state_ && state_->cancelled.load(); }

  void progress(double progress, std::optional<double> total, std::string_view message) override {
    if (!state_ || state_->progress_token.is_null() || cancelled()) return;
    Json p = {{"progressToken", state_->progress_token}, {"progress", progress}};
    if (total) p["total"] = *total;
    if (!message.empty()) p["message"] = std::string(message);
    out_.send(jsonrpc::make_notification("notifications/progress", std::move(p)));
  }

  void log(LogLevel level, const Json& data, std::string_view logger) override {
    if (static_cast<int>(level) < s_.log_level_.load() || cancelled()) return;
    Json p = {{"level", std::string(to_string(level))}, {"data", data}};
    if (!logger.empty()) p["logger"] = std::string(logger);
    out_.send(jsonrpc::make_notification("notifications/message", std::move(p)));
  }

  Result<Json> ask_client(std::string_view method, Json params, std::chrono::milliseconds timeout) override {
    return s_.ask_client(method, std::move(params), out_, state_, timeout);
  }

  void close_stream() override { out_.close_stream(); }

  std::string_view protocol_version() const override { return version_; }
  const Json& client_capabilities() const override { return s_.client_capabilities_; }

 private:
  Session& s_;
  Outbound& out_;
  std::shared_ptr<InFlight> state_;
  std::string version_;
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

void Session::on_request(Request req, Outbound& out, const Executor& executor) {
  if (req.method == "initialize") {
    auto r = do_initialize(req.params);
    out.send(r ? jsonrpc::make_result(req.id, std::move(r).value()) : jsonrpc::make_error(req.id, r.error()));
    return;
  }
  const std::string key = jsonrpc::id_to_string(req.id);
  auto state = std::make_shared<InFlight>();
  {
    std::lock_guard lock(mu_);
    if (!initialized_ && req.method != "ping") {
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
  Context ctx(*this, out, state, protocol_version());
  Result<Json> result = Error::internal("unreachable");
  try {
    result = dispatch(req, ctx);
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

Result<Json> Session::ask_client(std::string_view method, Json params, Outbound& out,
                                 const std::shared_ptr<InFlight>& state, std::chrono::milliseconds timeout) {
  static const std::map<std::string_view, const char*> kNeeds = {
      {"sampling/createMessage", "sampling"}, {"elicitation/create", "elicitation"}, {"roots/list", "roots"}};
  std::string key;
  RequestId id;
  auto pending = std::make_shared<Pending>();
  auto fut = pending->promise.get_future();
  {
    std::lock_guard lock(mu_);
    if (auto need = kNeeds.find(method); need != kNeeds.end() && !client_capabilities_.contains(need->second))
      return Error::method_not_found(std::string("The client did not declare the \"") + need->second +
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
  if (m == "tools/list") return do_list(p, 't');
  if (m == "tools/call") return do_tools_call(p, ctx);
  if (m == "resources/list") return do_list(p, 'r');
  if (m == "resources/templates/list") return do_list(p, 'T');
  if (m == "resources/read") return do_resources_read(p, ctx);
  if (m == "prompts/list") return do_list(p, 'p');
  if (m == "prompts/get") return do_prompts_get(p, ctx);
  if (m == "completion/complete") return do_complete(p);
  if (m == "logging/setLevel") return do_set_level(p);
  if (server_.options().resource_subscriptions) {
    if (m == "resources/subscribe") return do_subscribe(p, true);
    if (m == "resources/unsubscribe") return do_subscribe(p, false);
  }
  return Error::method_not_found("Method not found: " + m);
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

  const auto f = protocol::features(version);
  const auto& info = server_.info();
  Json server_info = {{"name", info.name}, {"version", info.version}};
  if (f.titles && !info.title.empty()) server_info["title"] = info.title;
  if (f.server_description && !info.description.empty()) server_info["description"] = info.description;
  if (f.server_description && !info.website_url.empty()) server_info["websiteUrl"] = info.website_url;
  if (f.server_description && info.icons.is_array()) server_info["icons"] = info.icons;
  Json result = {{"protocolVersion", version},
                 {"capabilities", server_.capabilities(version, caps.is_object() ? caps : Json::object())},
                 {"serverInfo", server_info}};
  if (!server_.instructions().empty()) result["instructions"] = server_.instructions();
  return result;
}

namespace {

// `with_meta`: the tool's `_meta` is listed (one tied to an extension goes only to the clients that
// get that extension).
Json tool_listing(const Tool& t, const protocol::Features& f, bool with_meta) {
  Json j = {{"name", t.name}, {"description", t.description}, {"inputSchema", t.input_schema}};
  if (f.titles && !t.title.empty()) j["title"] = t.title;
  if (f.structured_content && t.output_schema) j["outputSchema"] = *t.output_schema;
  if (f.tool_annotations) {
    Json a = Json::object();
    // Clients read the top-level title first; before it existed (2025-06-18) only this one.
    if (!t.title.empty() && !f.titles) a["title"] = t.title;
    if (t.annotations.read_only) a["readOnlyHint"] = *t.annotations.read_only;
    if (t.annotations.destructive) a["destructiveHint"] = *t.annotations.destructive;
    if (t.annotations.idempotent) a["idempotentHint"] = *t.annotations.idempotent;
    if (t.annotations.open_world) a["openWorldHint"] = *t.annotations.open_world;
    if (!a.empty()) j["annotations"] = std::move(a);
  }
  if (t.icons.is_array()) j["icons"] = t.icons;
  if (with_meta && t.meta.is_object()) j["_meta"] = t.meta;
  return j;
}

void put_common(Json& j, const std::string& title, const std::string& description, const std::string& mime,
                const protocol::Features& f) {
  if (f.titles && !title.empty()) j["title"] = title;
  if (!description.empty()) j["description"] = description;
  if (!mime.empty()) j["mimeType"] = mime;
}

}  // namespace

Result<Json> Session::do_list(const Json& params, char kind) {
  const auto f = protocol::features(protocol_version());
  std::size_t size = 0;
  const char* field = "";
  switch (kind) {
    case 't':
      size = server_.tools().size();
      field = "tools";
      break;
    case 'r':
      size = server_.resources().size();
      field = "resources";
      break;
    case 'T':
      size = server_.resource_templates().size();
      field = "resourceTemplates";
      break;
    default:
      size = server_.prompts().size();
      field = "prompts";
      break;
  }
  std::size_t start = 0;
  const Json& cursor = member(params, "cursor");
  if (!cursor.is_null()) {
    auto decoded = cursor.is_string() ? decode_cursor(kind, cursor.get<std::string>(), size) : std::nullopt;
    if (!decoded)
      return Error::invalid_params("Invalid cursor: pass back a nextCursor from a previous page, unchanged");
    start = *decoded;
  }
  const std::size_t end = std::min(size, start + server_.options().page_size);
  Json client = Json::object();
  if (kind == 't') {
    std::lock_guard lock(mu_);
    if (auto e = client_capabilities_.find("extensions"); e != client_capabilities_.end()) client["extensions"] = *e;
  }
  Json items = Json::array();
  for (std::size_t i = start; i < end; ++i) {
    if (kind == 't') {
      const Tool& t = server_.tools()[i].tool;
      // A stateless request carries no capabilities of its client: a tool's extension _meta is
      // listed, for the hosts that use it (others ignore it).
      const bool with_meta = t.meta_extension.empty() || !options_.require_initialize ||
                             server_.offers_extension(t.meta_extension, client);
      items.push_back(tool_listing(t, f, with_meta));
    } else if (kind == 'r') {
      const auto& r = server_.resources()[i];
      Json j = {{"uri", r.uri}, {"name", r.name}};
      put_common(j, r.title, r.description, r.mime_type, f);
      if (r.size) j["size"] = *r.size;
      items.push_back(std::move(j));
    } else if (kind == 'T') {
      const auto& t = server_.resource_templates()[i];
      Json j = {{"uriTemplate", t.uri_template}, {"name", t.name}};
      put_common(j, t.title, t.description, t.mime_type, f);
      items.push_back(std::move(j));
    } else {
      const auto& p = server_.prompts()[i];
      Json j = {{"name", p.name}};
      put_common(j, p.title, p.description, "", f);
      Json args = Json::array();
      for (const auto& a : p.arguments) {
        Json aj = {{"name", a.name}, {"required", a.required}};
        put_common(aj, a.title, a.description, "", f);
        args.push_back(std::move(aj));
      }
      j["arguments"] = std::move(args);
      items.push_back(std::move(j));
    }
  }
  Json result = {{field, std::move(items)}};
  if (end < size) result["nextCursor"] = encode_cursor(kind, end);
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

  ToolResult r = [&] {
    try {
      return tool->tool.handler(args, ctx);
    } catch (const std::exception& e) {
      spdlog::error("tool {} threw: {}", tool->tool.name, e.what());
    } catch (...) {
      spdlog::error("tool {} threw a non-standard exception", tool->tool.name);
    }
    return ToolResult::error("Tool " + tool->tool.name + " failed with an internal error; the failure was logged.");
  }();
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
    auto contents = r.read(uri, ctx);
    if (!contents) return contents.error();
    return Json{{"contents", std::move(contents).value()}};
  }
  std::map<std::string, std::string> vars;
  for (const auto& t : server_.resource_templates()) {
    if (!match_uri_template(t.uri_template, uri, vars)) continue;
    auto contents = t.read(uri, vars, ctx);
    if (!contents) return contents.error();
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
  return prompt->get(args, ctx);
}

Result<Json> Session::do_complete(const Json& params) {
  const Json& ref = member(params, "ref");
  const Json& arg = member(params, "argument");
  if (!ref.is_object() || !ref.value("type", Json()).is_string())
    return Error::invalid_params("completion/complete needs params.ref {type: \"ref/prompt\"|\"ref/resource\", ...}");
  if (!arg.is_object() || !member(arg, "name").is_string() || !member(arg, "value").is_string())
    return Error::invalid_params("completion/complete needs params.argument {name, value}, both strings");
  const std::string type = ref["type"].get<std::string>();
  const std::string arg_name = arg["name"].get<std::string>();
  const std::string value = arg["value"].get<std::string>();
  Json context = member(member(params, "context"), "arguments");
  if (!context.is_object()) context = Json::object();

  const Completer* completer = nullptr;
  if (type == "ref/prompt") {
    const Json& name = member(ref, "name");
    const Prompt* p = name.is_string() ? server_.find_prompt(name.get<std::string>()) : nullptr;
    if (!p) return Error::invalid_params("Unknown prompt in completion ref: " + name.dump());
    bool has_arg = false;
    for (const auto& a : p->arguments) has_arg = has_arg || a.name == arg_name;
    if (!has_arg) return Error::invalid_params("Prompt " + p->name + " has no argument '" + arg_name + "'");
    if (auto it = p->completers.find(arg_name); it != p->completers.end()) completer = &it->second;
  } else if (type == "ref/resource") {
    const Json& uri = member(ref, "uri");
    const ResourceTemplate* t = nullptr;
    for (const auto& x : server_.resource_templates())
      if (uri.is_string() && x.uri_template == uri.get<std::string>()) t = &x;
    if (!t) return Error::invalid_params("Unknown resource template in completion ref: " + uri.dump());
    if (auto it = t->completers.find(arg_name); it != t->completers.end()) completer = &it->second;
  } else {
    return Error::invalid_params("Unknown completion ref type: " + type);
  }
  std::vector<std::string> values;
  if (completer && *completer) values = (*completer)(value, context);
  const std::size_t total = values.size();
  if (values.size() > 100) values.resize(100);
  return Json{{"completion", {{"values", values}, {"total", total}, {"hasMore", total > 100}}}};
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
