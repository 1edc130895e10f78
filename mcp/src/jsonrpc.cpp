#include <mcp/jsonrpc.h>

#include <algorithm>

#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>

namespace mcp::jsonrpc {

Json id_to_json(const RequestId& id) {
  if (const auto* n = std::get_if<std::int64_t>(&id)) return *n;
  return std::get<std::string>(id);
}

std::string id_to_string(const RequestId& id) { return id_to_json(id).dump(); }

std::optional<RequestId> id_from_json(const Json& j) {
  if (j.is_string()) return RequestId{j.get<std::string>()};
  if (j.is_number_integer()) {
    if (j.is_number_unsigned()) {
      auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
      return RequestId{static_cast<std::int64_t>(u)};
    }
    return RequestId{j.get<std::int64_t>()};
  }
  return std::nullopt;
}

namespace {

std::string type_name(const Json& j) {
  if (j.is_number_float()) return "a non-integer number";
  if (j.is_number()) return "a number";
  return std::string(j.is_null()      ? "null"
                     : j.is_object()  ? "an object"
                     : j.is_array()   ? "an array"
                     : j.is_string()  ? "a string"
                     : j.is_boolean() ? "a boolean"
                                      : "a value of another type");
}

}  // namespace

std::variant<Message, Invalid> classify(const Json& value) {
  if (!value.is_object())
    return Invalid{Error::invalid_request("A JSON-RPC message must be an object, got " + type_name(value))};

  const auto id_it = value.find("id");
  const bool has_id = id_it != value.end();
  std::optional<RequestId> id;
  if (has_id) id = id_from_json(*id_it);
  const Json reply_id = id ? id_to_json(*id) : Json(nullptr);

  const auto v = value.find("jsonrpc");
  if (v == value.end() || !v->is_string() || v->get_ref<const std::string&>() != "2.0")
    return Invalid{Error::invalid_request("\"jsonrpc\" must be the string \"2.0\""), reply_id};

  const auto method_it = value.find("method");
  const bool has_result = value.contains("result");
  const bool has_error = value.contains("error");

  if (method_it == value.end()) {
    if (!has_result && !has_error)
      return Invalid{Error::invalid_request("Missing \"method\": a request or notification needs a method name"),
                     reply_id};
    // A response to one of our requests.
    if (!id) return Invalid{Error::invalid_request("A response needs a string or integer \"id\""), nullptr, false};
    if (has_result == has_error)
      return Invalid{Error::invalid_request("A response carries exactly one of \"result\" and \"error\""), nullptr,
                     false};
    Response r;
    r.id = *id;
    if (has_result) {
      r.result = value.at("result");
    } else {
      const Json& e = value.at("error");
      r.is_error = true;
      if (e.is_object() && e.contains("code") && e["code"].is_number_integer()) {
        r.error.code = e["code"].get<int>();
        if (e.contains("message") && e["message"].is_string()) r.error.message = e["message"].get<std::string>();
        if (e.contains("data")) r.error.data = e["data"];
      } else {
        r.error = Error::internal("malformed error object in response");
      }
    }
    return Message{std::move(r)};
  }

  if (!method_it->is_string())
    return Invalid{Error::invalid_request("\"method\" must be a string, got " + type_name(*method_it)), reply_id,
                   has_id};
  if (has_result || has_error)
    return Invalid{Error::invalid_request("A message cannot carry both \"method\" and \"result\"/\"error\""), reply_id,
                   has_id};

  if (has_id && !id)
    return Invalid{Error::invalid_request("\"id\" must be a string or an integer, got " + type_name(*id_it)), nullptr};

  Json params = nullptr;
  if (auto p = value.find("params"); p != value.end()) {
    // Only a request can be answered; a notification with bad params is dropped.
    if (!p->is_object())
      return Invalid{Error::invalid_params("\"params\" must be an object, got " + type_name(*p)), reply_id, has_id};
    params = *p;
  }

  std::string method = method_it->get<std::string>();
  if (!has_id) return Message{Notification{std::move(method), std::move(params)}};
  return Message{Request{std::move(*id), std::move(method), std::move(params)}};
}

Json make_request(const RequestId& id, std::string_view method, Json params) {
  Json j = {{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"method", method}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

Json make_notification(std::string_view method, Json params) {
  Json j = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

Json make_result(const RequestId& id, Json result) {
  return {{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"result", std::move(result)}};
}

Json make_error(const Json& id, const Error& error) {
  Json e = {{"code", error.code}, {"message", error.message}};
  if (!error.data.is_null()) e["data"] = error.data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(e)}};
}

}  // namespace mcp::jsonrpc

namespace mcp::jsonrpc {

namespace {

// Depth of the deepest array/object nesting in `text`, stopping early past `limit`. Skips string
// contents (with escapes), so brackets inside strings do not count.
std::size_t nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

Result<Json> parse(std::string_view text, std::size_t max_depth) {
  if (nesting_depth(text, max_depth) > max_depth)
    return Error::invalid_request("Message nested deeper than " + std::to_string(max_depth) + " levels");
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Re-parse with exceptions only on the failure path, to name the position. Not only
    // parse_error: a number too large for a double is out_of_range (406), and an exception that
    // escaped here would end the process.
    try {
      [[maybe_unused]] const Json again = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
      std::string what = e.what();
      if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);  // "[json.exception...] "
      // The message quotes the offending token, which may be megabytes long.
      constexpr std::size_t kMaxMessage = 200;
      if (what.size() > kMaxMessage) {
        std::size_t cut = kMaxMessage;
        while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 sequences
        what = what.substr(0, cut) + "...";
      }
      return Error::parse("Parse error: " + what);
    }
    return Error::parse("Parse error: not valid JSON");
  }
  return j;
}

namespace {
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool has_raw_result(const Json& message) {
  if (!message.is_object()) return false;
  const auto r = message.find("result");
  if (r == message.end() || !r->is_object()) return false;
  return std::any_of(r->begin(), r->end(), [](const Json& v) { return raw_json_text(v).has_value(); });
}
}  // namespace

std::string serialize(const Json& message) {
  if (message.is_array() && std::any_of(message.begin(), message.end(), has_raw_result)) {
    std::string out = "[";  // a batch's replies, each written as one message
    for (const auto& m : message) {
      if (out.size() > 1) out += ',';
      out += serialize(m);
    }
    return out + "]";
  }
  if (!has_raw_result(message)) return dump(message);
  // Member by member, the result's raw values written as their text.
  std::string out = "{";
  for (const auto& [key, value] : message.items()) {
    if (out.size() > 1) out += ',';
    out += dump(Json(key));
    out += ':';
    if (key != "result") {
      out += dump(value);
      continue;
    }
    out += '{';
    bool first = true;
    for (const auto& [k, v] : value.items()) {
      if (!first) out += ',';
      first = false;
      out += dump(Json(k));
      out += ':';
      if (const auto raw = raw_json_text(v))
        out += *raw;
      else
        out += dump(v);
    }
    out += '}';
  }
  out += '}';
  return out;
}

}  // namespace mcp::jsonrpc
