// Multi round-trip request fixtures (SEP-2322) and the stateless revision's diagnostic tools
// (SEP-2575) for the conformance suite. Names, input request keys and the texts the scenarios look
// for ("state-ok", ...) are the suite's own; see the scenarios' descriptions.
//
// Every requestState this server issues is signed (HMAC-SHA256 with a key drawn at start-up): a
// client carries it between rounds but cannot forge or alter it.
#include "fixture_mrtr.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace fixture {

namespace {

using mcp::Json;
using mcp::member;
using mcp::RequestContext;
using mcp::ToolResult;

const Json kNoArgs = {{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}};

// ---- requestState ------------------------------------------------------------------------------

std::string random_bytes(std::size_t n) {
  std::random_device rd;
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rd() & 0xff);
  return bytes;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

// HMAC-SHA256 of `data` under this process's key, in hex.
std::string mac(std::string_view data) {
  static const std::string kKey = random_bytes(32);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), kKey.data(), static_cast<int>(kKey.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return hex(std::string_view(reinterpret_cast<const char*>(out), len));
}

// An opaque requestState carrying `payload` (an object naming the tool's "kind"): the payload in
// URL-safe base64, a dot, its MAC. A nonce makes every state unique.
std::string sign(Json payload) {
  payload["nonce"] = hex(random_bytes(8));
  const std::string body = mcp::base64(payload.dump(), true);
  return body + "." + mac(body);
}

// The payload of a state this server signed for `kind`; nothing for a forged, altered or foreign one.
std::optional<Json> verify(std::string_view state, std::string_view kind) {
  const auto dot = state.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view body = state.substr(0, dot);
  const std::string_view tag = state.substr(dot + 1);
  const std::string expected = mac(body);
  if (tag.size() != expected.size() || CRYPTO_memcmp(tag.data(), expected.data(), tag.size()) != 0) return std::nullopt;
  const auto raw = mcp::unbase64(body, true);
  if (!raw) return std::nullopt;
  Json payload = Json::parse(*raw, nullptr, false);
  if (!payload.is_object() || member(payload, "kind") != std::string(kind)) return std::nullopt;
  return payload;
}

// What a tool answers to a requestState it did not issue: the request is rejected (-32602).
ToolResult rejected_state() {
  return ToolResult::reject(mcp::Error::invalid_params(
      "requestState failed its integrity check: this server did not issue it, or it was altered. Call the tool "
      "again without requestState to start over."));
}

// ---- input requests and the client's answers ----------------------------------------------------

Json elicit(const char* message, const char* field, const char* type = "string") {
  Json schema = {{"type", "object"}, {"properties", {{field, {{"type", type}}}}}, {"required", {field}}};
  return {{"method", "elicitation/create"}, {"params", {{"message", message}, {"requestedSchema", std::move(schema)}}}};
}

Json sample(const char* prompt, int max_tokens) {
  return {{"method", "sampling/createMessage"},
          {"params",
           {{"messages", {{{"role", "user"}, {"content", {{"type", "text"}, {"text", prompt}}}}}},
            {"maxTokens", max_tokens}}}};
}

Json list_roots() { return {{"method", "roots/list"}, {"params", Json::object()}}; }

// Field `field` of an accepted elicitation's content; null when the answer is anything else.
const Json& accepted(const Json& answer, const char* field) {
  static const Json kNone;
  if (member(answer, "action") != "accept") return kNone;
  return member(member(answer, "content"), field);
}

// "decline" or "cancel" when the user turned the elicitation down; nothing otherwise.
std::optional<std::string> refusal(const Json& answer) {
  const Json& action = member(answer, "action");
  if (action == "decline" || action == "cancel") return action.get<std::string>();
  return std::nullopt;
}

// The text a sampling answer (CreateMessageResult) carries: its content block, or the first text
// block of a content array.
std::optional<std::string> sampled_text(const Json& answer) {
  const auto text_of = [](const Json& block) -> std::optional<std::string> {
    if (member(block, "type") != "text" || !member(block, "text").is_string()) return std::nullopt;
    return block["text"].get<std::string>();
  };
  const Json& content = member(answer, "content");
  if (content.is_object()) return text_of(content);
  if (content.is_array())
    for (const auto& block : content)
      if (auto text = text_of(block)) return text;
  return std::nullopt;
}

// The URIs a roots/list answer (ListRootsResult) names, comma-separated; nothing when malformed.
std::optional<std::string> root_uris(const Json& answer) {
  const Json& roots = member(answer, "roots");
  if (!roots.is_array()) return std::nullopt;
  std::string uris;
  for (const auto& root : roots) {
    const Json& uri = member(root, "uri");
    if (!uri.is_string()) return std::nullopt;
    uris += (uris.empty() ? "" : ", ") + uri.get<std::string>();
  }
  return uris;
}

const Json& input(const RequestContext& ctx, const char* key) { return member(ctx.input_responses(), key); }

// ---- the single-input tools ---------------------------------------------------------------------

ToolResult greet(const Json&, RequestContext& ctx) {
  const Json& answer = input(ctx, "user_name");
  if (const Json& name = accepted(answer, "name"); name.is_string())
    return ToolResult::text("Hello, " + name.get<std::string>() + "!");
  if (auto action = refusal(answer)) return ToolResult::text("No one to greet: the user chose to " + *action + ".");
  // No answer yet, or one that is not an ElicitResult with a name: ask (again).
  return ToolResult::ask({{"user_name", elicit("What is your name?", "name")}});
}

ToolResult capital(const Json&, RequestContext& ctx) {
  if (auto text = sampled_text(input(ctx, "capital_question"))) return ToolResult::text("The LLM answered: " + *text);
  return ToolResult::ask({{"capital_question", sample("What is the capital of France?", 100)}});
}

ToolResult roots(const Json&, RequestContext& ctx) {
  const Json& answer = input(ctx, "client_roots");
  if (auto uris = root_uris(answer))
    return ToolResult::text("Found " + std::to_string(answer["roots"].size()) + " root(s)" +
                            (uris->empty() ? std::string(".") : ": " + *uris));
  return ToolResult::ask({{"client_roots", list_roots()}});
}

// Asks for a confirmation under a signed state of `kind`; on the retry, `done` once the state
// checks out and the confirmation (or a refusal) came back.
ToolResult confirm_with_state(RequestContext& ctx, const char* kind, const std::string& done) {
  if (!ctx.request_state().empty()) {
    if (!verify(ctx.request_state(), kind)) return rejected_state();
    const Json& answer = input(ctx, "confirm");
    if (const Json& ok = accepted(answer, "ok"); ok.is_boolean())
      return ToolResult::text(done + " (confirmed: " + (ok.get<bool>() ? "yes" : "no") + ")");
    if (auto action = refusal(answer)) return ToolResult::text(done + " (the user chose to " + *action + ")");
  }
  return ToolResult::ask({{"confirm", elicit("Please confirm", "ok", "boolean")}}, sign({{"kind", kind}}));
}

ToolResult request_state(const Json&, RequestContext& ctx) {
  return confirm_with_state(ctx, "request-state", "state-ok: the requestState this server issued came back intact");
}

ToolResult tampered_state(const Json&, RequestContext& ctx) {
  return confirm_with_state(ctx, "tamper-test", "integrity-ok: requestState verified");
}

// ---- the tools of several inputs or rounds -------------------------------------------------------

ToolResult multiple_inputs(const Json&, RequestContext& ctx) {
  constexpr const char* kKind = "multiple-inputs";
  if (!ctx.request_state().empty()) {
    if (!verify(ctx.request_state(), kKind)) return rejected_state();
    const Json& who = input(ctx, "user_name");
    const Json& name = accepted(who, "name");
    const auto refused = refusal(who);
    const auto greeting = sampled_text(input(ctx, "greeting"));
    const auto uris = root_uris(input(ctx, "client_roots"));
    if ((name.is_string() || refused) && greeting && uris)
      return ToolResult::text(
          "Name: " + (name.is_string() ? name.get<std::string>() : "(the user chose to " + *refused + ")") +
          "; Greeting: " + *greeting + "; Roots: " + (uris->empty() ? "none" : *uris));
  }
  // First round, or answers missing: ask for all three again (the client sends only the answers to
  // the latest input requests, so partial answers cannot be kept).
  return ToolResult::ask({{"user_name", elicit("What is your name?", "name")},
                          {"greeting", sample("Generate a greeting", 50)},
                          {"client_roots", list_roots()}},
                         sign({{"kind", kKind}}));
}

ToolResult multi_round(const Json&, RequestContext& ctx) {
  static constexpr const char* kKind = "multi-round";
  const auto step1 = [] {
    return ToolResult::ask({{"step1", elicit("Step 1: What is your name?", "name")}},
                           sign({{"kind", kKind}, {"round", 1}}));
  };
  const auto step2 = [](const Json& name) {
    return ToolResult::ask({{"step2", elicit("Step 2: What is your favorite color?", "color")}},
                           sign({{"kind", kKind}, {"round", 2}, {"name", name}}));
  };
  if (ctx.request_state().empty()) return step1();
  const auto state = verify(ctx.request_state(), kKind);
  if (!state) return rejected_state();
  const bool second = member(*state, "round") == 2;
  const Json& answer = input(ctx, second ? "step2" : "step1");
  if (auto action = refusal(answer))
    return ToolResult::text(std::string("Multi-round stopped at step ") + (second ? "2" : "1") +
                            ": the user chose to " + *action + ".");
  if (!second) {
    const Json& name = accepted(answer, "name");
    return name.is_string() ? step2(name) : step1();
  }
  const Json& name = member(*state, "name");
  const Json& color = accepted(answer, "color");
  if (!name.is_string()) return step1();
  if (!color.is_string()) return step2(name);
  return ToolResult::text("Multi-round complete: " + name.get<std::string>() + " likes " + color.get<std::string>() +
                          ".");
}

// Asks only for what the request declared it can answer: elicitation, sampling, roots.
ToolResult capabilities(const Json&, RequestContext& ctx) {
  constexpr const char* kKind = "capabilities";
  const Json& declared = ctx.client_capabilities();
  Json requests = Json::object();
  if (member(declared, "elicitation").is_object()) requests["elicit_input"] = elicit("Elicitation input", "value");
  if (member(declared, "sampling").is_object()) requests["sample_input"] = sample("Sample request", 50);
  if (member(declared, "roots").is_object()) requests["client_roots"] = list_roots();
  if (requests.empty())
    return ToolResult::text("Nothing to ask: the client declared none of elicitation, sampling and roots.");
  if (!ctx.request_state().empty()) {
    if (!verify(ctx.request_state(), kKind)) return rejected_state();
    std::string received;
    for (const auto& [key, _] : requests.items())
      if (input(ctx, key.c_str()).is_object()) received += (received.empty() ? "" : ",") + key;
    if (!received.empty()) return ToolResult::text("capabilities-ok: received " + received);
  }
  return ToolResult::ask(std::move(requests), sign({{"kind", kKind}}));
}

// ---- the stateless revision's diagnostics ---------------------------------------------------------

ToolResult missing_capability(const Json&, RequestContext& ctx) {
  if (sampled_text(input(ctx, "probe"))) return ToolResult::text("Success: the client declared sampling and answered.");
  return ToolResult::ask({{"probe", sample("Reply with OK.", 10)}});
}

ToolResult streaming_elicitation(const Json&, RequestContext& ctx) {
  const Json& answer = input(ctx, "proceed");
  if (accepted(answer, "ok").is_boolean() || refusal(answer)) {
    ctx.progress(100, 100, "Streaming complete");
    return ToolResult::text("Streaming complete");
  }
  ctx.progress(50, 100, "Waiting for the user's go-ahead");
  ctx.log(mcp::LogLevel::kInfo, "test_streaming_elicitation: asking the user to proceed");
  return ToolResult::ask({{"proceed", elicit("Proceed with the streaming test?", "ok", "boolean")}});
}

ToolResult logging(const Json&, RequestContext& ctx) {
  ctx.log(mcp::LogLevel::kInfo, "test_logging_tool: started");
  ctx.log(mcp::LogLevel::kDebug, "test_logging_tool: evaluating");
  ctx.log(mcp::LogLevel::kInfo, "test_logging_tool: finished");
  return ToolResult::text("Logging evaluated");
}

// ---- the prompt -----------------------------------------------------------------------------------

mcp::Result<Json> context_prompt(const std::map<std::string, std::string>&, RequestContext& ctx) {
  const Json request = elicit("What context should the prompt use?", "context");
  const Json answer = input(ctx, "user_context");
  const Json& context = accepted(answer, "context");
  std::string text;
  if (context.is_string())
    text = "Prompt with context: " + context.get<std::string>();
  else if (auto action = refusal(answer))
    text = "Prompt without context: the user chose to " + *action + ".";
  else
    return mcp::input_required({{"user_context", request}});
  return Json{{"messages", {{{"role", "user"}, {"content", mcp::text_content(text)}}}}};
}

struct Fixture {
  const char* name;
  const char* description;
  ToolResult (*handler)(const Json&, RequestContext&);
};

const Fixture kTools[] = {
    {"test_input_required_result_elicitation",
     "Asks the user's name with one elicitation input request (user_name), then greets them.", greet},
    {"test_input_required_result_sampling",
     "Asks the client's LLM the capital of France with one sampling input request (capital_question), then "
     "returns its answer.",
     capital},
    {"test_input_required_result_list_roots",
     "Asks the client's roots with one roots/list input request (client_roots), then lists them.", roots},
    {"test_input_required_result_request_state",
     "Asks for a confirmation along with a signed requestState; the retry answers state-ok once the state comes "
     "back intact.",
     request_state},
    {"test_input_required_result_multiple_inputs",
     "Asks for an elicitation, a sampling and a roots/list answer at once, then reports all three.", multiple_inputs},
    {"test_input_required_result_multi_round",
     "Asks for a name, then a favourite colour, in two rounds, carrying the name in a signed requestState.",
     multi_round},
    {"test_input_required_result_tampered_state",
     "Asks for a confirmation with an HMAC-signed requestState and rejects a retry whose state was altered.",
     tampered_state},
    {"test_input_required_result_capabilities",
     "Asks for input only through the capabilities the client declared (elicitation, sampling, roots).", capabilities},
    {"test_missing_capability",
     "Needs the client's sampling capability: it asks for one sampling/createMessage answer, so a client that did "
     "not declare sampling gets MissingRequiredClientCapability (-32021).",
     missing_capability},
    {"test_streaming_elicitation",
     "Reports progress and asks the user to proceed through an elicitation input request, never with a request of "
     "its own on the response stream.",
     streaming_elicitation},
    {"test_logging_tool",
     "Sends log messages while it runs, which reach only clients that asked for them (logging level).", logging},
};

}  // namespace

mcp::Status add_mrtr_fixtures(mcp::Server& server) {
  for (const auto& f : kTools) {
    mcp::Tool t;
    t.name = f.name;
    t.description = f.description;
    t.input_schema = kNoArgs;
    t.handler = f.handler;
    if (auto added = server.add_tool(std::move(t)); !added) return added;
  }
  return server.add_prompt({"test_input_required_result_prompt",
                            "Prompt that needs input",
                            "Asks the user, through an elicitation input request, what context the prompt should use",
                            {},
                            context_prompt,
                            {}});
}

}  // namespace fixture
