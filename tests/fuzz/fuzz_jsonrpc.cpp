// libFuzzer target: one JSON-RPC message (or several, one per line) through mcp::Session, the
// parser and dispatcher that every transport uses. Each input gets a fresh session; the first line
// is usually an initialize from the seed corpus, so the fuzzer reaches every method.
#include <mcp/server.h>

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// The client: it reads every line the server writes and answers the server's own requests
// (elicitation, sampling, roots) at once, so a handler that asks goes on instead of waiting for
// an answer that would never come.
class Sink final : public mcp::Outbound {
 public:
  explicit Sink(mcp::Session& session) : session_(session) {}
  void send(const mcp::Json& message) override {
    // Every message must serialise to one line (no throw on odd UTF-8).
    const std::string line = mcp::jsonrpc::serialize(message);
    if (line.find('\n') != std::string::npos) __builtin_trap();
    if (message.is_object() && message.contains("method") && message.contains("id"))
      session_.receive({{"jsonrpc", "2.0"}, {"id", message["id"]}, {"result", answer(message["method"])}}, *this);
  }

 private:
  static mcp::Json answer(const mcp::Json& method) {
    if (method == "elicitation/create") return {{"action", "accept"}, {"content", {{"name", "fuzz"}}}};
    if (method == "sampling/createMessage")
      return {{"role", "assistant"}, {"content", {{"type", "text"}, {"text", "fuzz"}}}, {"model", "fuzz"}};
    return {{"roots", mcp::Json::array()}};
  }
  mcp::Session& session_;
};

const mcp::Server& server() {
  static const mcp::Server* s = [] {
    spdlog::set_level(spdlog::level::off);  // a log line per input would be most of the time spent
    auto* srv = new mcp::Server({"fuzz", "Fuzz", "0", "fuzz target", "", nullptr}, "fuzz");
    mcp::Tool t;
    t.name = "echo";
    t.description = "echo";
    t.input_schema = mcp::Json::parse(R"({"type":"object","properties":{"text":{"type":"string","maxLength":64},
      "n":{"type":"integer","minimum":0},"tags":{"type":"array","items":{"type":"string"},"maxItems":4}},
      "required":["text"],"additionalProperties":false})");
    t.output_schema =
        mcp::Json::parse(R"({"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"]})");
    t.handler = [](const mcp::Json& a, mcp::RequestContext& ctx) {
      ctx.progress(1, 2);
      ctx.log(mcp::LogLevel::kInfo, a);
      return mcp::ToolResult::structured_result({{"echo", a["text"]}});
    };
    (void)srv->add_tool(std::move(t));
    // Multi round-trip requests: asks for a name until it gets one; trusts only its own state.
    mcp::Tool ask;
    ask.name = "ask";
    ask.description = "ask";
    ask.input_schema = mcp::Json::parse(R"({"type":"object","properties":{}})");
    ask.handler = [](const mcp::Json&, mcp::RequestContext& ctx) {
      const mcp::Json& answer = mcp::member(ctx.input_responses(), "name");
      if (!ctx.request_state().empty() && ctx.request_state() != "mine")
        return mcp::ToolResult::reject(mcp::Error::invalid_params("bad requestState"));
      if (!answer.is_object())
        return mcp::ToolResult::ask({{"name", {{"method", "elicitation/create"}, {"params", {{"message", "Name?"}}}}},
                                     {"model", {{"method", "sampling/createMessage"}, {"params", {{"maxTokens", 5}}}}}},
                                    "mine");
      return mcp::ToolResult::text(answer.dump());
    };
    (void)srv->add_tool(std::move(ask));
    (void)srv->add_resource({"mem://a", "a", "", "A", "text/plain", std::nullopt,
                             [](const std::string& uri, mcp::RequestContext&) -> mcp::Result<mcp::Json> {
                               return mcp::Json::array({mcp::text_resource_contents(uri, "text/plain", "a")});
                             }});
    mcp::ResourceTemplate tmpl;
    tmpl.uri_template = "mem://items/{id}/x";
    tmpl.name = "item";
    tmpl.read = [](const std::string& uri, const std::map<std::string, std::string>& v,
                   mcp::RequestContext&) -> mcp::Result<mcp::Json> {
      return mcp::Json::array({mcp::text_resource_contents(uri, "text/plain", v.at("id"))});
    };
    tmpl.completers["id"] = [](std::string_view v, const mcp::Json&) {
      return std::vector<std::string>{std::string(v)};
    };
    (void)srv->add_resource_template(std::move(tmpl));
    (void)srv->add_prompt(
        {"p",
         "",
         "prompt",
         {{"a", "", "", true}},
         [](const std::map<std::string, std::string>& a, mcp::RequestContext&) -> mcp::Result<mcp::Json> {
           return mcp::Json{{"messages", {{{"role", "user"}, {"content", mcp::text_content(a.at("a"))}}}}};
         },
         {}});
    return srv;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  mcp::Session session(server());
  Sink sink(session);
  while (!input.empty()) {
    const auto nl = input.find('\n');
    session.receive_text(input.substr(0, nl), sink);
    if (nl == std::string_view::npos) break;
    input.remove_prefix(nl + 1);
  }
  return 0;
}
