// The list methods (tools, resources, resource templates, prompts; paginated), completion, and
// what only the stateless revisions have: server/discover and the fields of their results.
#include <mcp/server.h>

#include <algorithm>

namespace mcp {

using jsonrpc::Request;

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

Result<Json> Session::do_list(const Json& params, char kind, const RequestContext& ctx) const {
  const auto f = protocol::features(ctx.protocol_version());
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
    std::lock_guard lock(mu_);  // a session's capabilities are set by initialize
    if (const Json& e = member(ctx.client_capabilities(), "extensions"); !e.is_null()) client["extensions"] = e;
  }
  Json items = Json::array();
  for (std::size_t i = start; i < end; ++i) {
    if (kind == 't') {
      const Tool& t = server_.tools()[i].tool;
      // A request of the stateless HTTP mode under a handshake revision carries no capabilities of
      // its client: a tool's extension _meta is listed, for the hosts that use it (others ignore it).
      const bool with_meta = t.meta_extension.empty() || (!options_.require_initialize && !ctx.stateless()) ||
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

Result<Json> Session::do_complete(const Json& params) const {
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

// ---- the stateless revisions --------------------------------------------------------------------

Json Server::implementation(std::string_view protocol_version) const {
  const auto f = protocol::features(protocol_version);
  Json j = {{"name", info_.name}, {"version", info_.version}};
  if (f.titles && !info_.title.empty()) j["title"] = info_.title;
  if (f.server_description && !info_.description.empty()) j["description"] = info_.description;
  if (f.server_description && !info_.website_url.empty()) j["websiteUrl"] = info_.website_url;
  if (f.server_description && info_.icons.is_array()) j["icons"] = info_.icons;
  return j;
}

Result<Json> Session::do_discover(const RequestContext& ctx) const {
  Json versions = Json::array();
  for (auto v : protocol::modern()) versions.push_back(std::string(v));
  Json result = {{"supportedVersions", std::move(versions)},
                 {"capabilities", server_.capabilities(ctx.protocol_version(), ctx.client_capabilities())}};
  if (!server_.instructions().empty()) result["instructions"] = server_.instructions();
  return result;
}

Result<Json> Session::finish_modern(const Request& req, Result<Json> result, const RequestContext& ctx) const {
  if (!result) {
    if (result.error().code != code::kResourceNotFound) return result;
    Error e = result.error();  // a URI that names nothing is an invalid parameter from 2026-07-28 on
    e.code = code::kInvalidParams;
    return e;
  }
  Json& r = result.value();
  if (!r.is_object()) return Error::internal("Internal error: " + req.method + " produced no result object");
  if (member(r, "resultType") == "input_required") {
    if (!modern::may_require_input(req.method))
      return Error::internal("Internal error: " + req.method + " cannot ask the client for input");
    if (auto bad = modern::malformed_input_required(r)) return Error::internal("Internal error: " + *bad);
    if (Json missing = modern::missing_capabilities(member(r, "inputRequests"), ctx.client_capabilities());
        !missing.empty())
      return Error::missing_client_capability(
          req.method + " needs client capabilities this request did not declare: " + missing.dump(), missing);
  } else {
    r["resultType"] = "complete";
    if (modern::is_cacheable(req.method)) {
      // A retry that carries answers depends on more than the request's own parameters: its hints
      // say it is stale at once and the caller's alone.
      const bool retry =
          modern::may_require_input(req.method) && (!ctx.input_responses().is_null() || !ctx.request_state().empty());
      r["ttlMs"] = retry ? 0 : server_.options().cache_ttl.count();
      r["cacheScope"] = server_.options().cache_public && !retry ? "public" : "private";
    }
  }
  if (!r.contains("_meta") || !r["_meta"].is_object()) r["_meta"] = Json::object();
  r["_meta"][modern::kServerInfo] = server_.implementation(ctx.protocol_version());
  return result;
}

}  // namespace mcp
