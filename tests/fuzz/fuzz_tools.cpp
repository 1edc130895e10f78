// libFuzzer target: every openness tool's argument handling, and the other requests that carry
// client text into the bindings (resources/read URIs, prompts/get, completion/complete), on the
// real server with the bundled dataset and its precomputed answers, through the same dispatch
// path as stdio and HTTP clients (argument validation against the input schema, the handler, the
// output-schema check).
//
// Input: the first byte picks the target (one of the tools, in tools/list order, or one of the
// three other methods); the rest is JSON text, parsed as a transport would: the tool's
// `arguments`, or the method's `params`.
//
// The oracle: no crash or sanitizer report, and never an internal error. A tool may refuse its
// arguments (isError) and a method may answer a JSON-RPC error, but -32603 or a tool result that
// says "internal error" means a handler threw or produced output its schema rejects: a bug.
#include <mcp/local.h>
#include <mcp/server.h>
#include <openness/bundled.h>

#include <spdlog/spdlog.h>

#include "binding.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace {

struct Fixture {
  std::unique_ptr<openness::bindings::Context> ctx;
  std::unique_ptr<mcp::Server> server;
  std::unique_ptr<mcp::LocalClient> client;
  std::vector<std::string> tools;
};

Fixture& fixture() {
  static Fixture* f = [] {
    spdlog::set_level(spdlog::level::off);  // handlers log failures; the oracle below reports them
    auto* x = new Fixture;
    x->ctx = std::make_unique<openness::bindings::Context>(openness::load_dataset());
    // As openness-mcp runs without --data-dir: lookup_model answers bundled records from the table.
    static const std::string answers = openness::bindings::AnswerTable::write(*x->ctx->dataset);
    x->ctx->answers = openness::bindings::AnswerTable::read(answers, *x->ctx->dataset);
    if (!x->ctx->answers) __builtin_trap();
    x->server = std::make_unique<mcp::Server>(openness::bindings::server_info(),
                                              std::string(openness::bindings::instructions()));
    if (!openness::bindings::register_all(*x->server, *x->ctx)) __builtin_trap();
    x->client = std::make_unique<mcp::LocalClient>(*x->server);
    for (const auto& t : x->server->tools()) x->tools.push_back(t.tool.name);
    return x;
  }();
  return *f;
}

bool mentions_internal_error(const mcp::Json& result) {
  if (!result.is_object() || !result.value("isError", false)) return false;
  for (const auto& c : result.value("content", mcp::Json::array()))
    if (c.is_object()) {
      // The session's own words ("Tool X failed ... internal error"): an argument the tool quotes
      // back may hold "internal error" too (regressions/tools/internal-error-in-a-key).
      const std::string text = c.value("text", std::string());
      if (text.rfind("Tool ", 0) == 0 && text.find("internal error") != std::string::npos) return true;
    }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Fixture& f = fixture();
  const std::size_t targets = f.tools.size() + 3;
  const std::size_t target = data[0] % targets;
  mcp::Json value = mcp::Json::parse(data + 1, data + size, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return 0;  // not JSON: the transport answers -32700 before any binding

  mcp::Result<mcp::Json> r = mcp::Error::internal("unset");
  if (target < f.tools.size()) {
    r = f.client->call_tool(f.tools[target], std::move(value));
  } else {
    static const char* const kMethods[] = {"resources/read", "prompts/get", "completion/complete"};
    r = f.client->request(kMethods[target - f.tools.size()], std::move(value));
  }
  if (!r && r.error().code == mcp::code::kInternalError) __builtin_trap();
  if (r && mentions_internal_error(*r)) __builtin_trap();
  if (r) (void)mcp::jsonrpc::serialize(*r);
  return 0;
}
