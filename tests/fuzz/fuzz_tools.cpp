// libFuzzer target: every openness tool's argument handling, and the other requests that carry
// client text into the bindings (resources/read URIs, prompts/get, completion/complete), on the
// real server with the bundled dataset and its precomputed answers, through the same dispatch
// path as stdio and HTTP clients (argument validation against the input schema, the handler, the
// output-schema check).
//
// Input: the first byte picks the target (one of the tools, in tools/list order, one of the
// three other methods, or the pictures); the rest is JSON text, parsed as a transport would: the
// tool's `arguments`, the method's `params`, or a scorecard's texts ({"name", "producer", "id",
// "as_of", "tier"}: what a user's --data-dir record may hold) for the SVG card and badge.
//
// The oracle: no crash or sanitizer report, and never an internal error. A tool may refuse its
// arguments (isError) and a method may answer a JSON-RPC error, but -32603 or a tool result that
// says "internal error" means a handler threw or produced output its schema rejects: a bug. A
// picture must be XML whatever its texts: valid UTF-8, no control character, every '&' an entity,
// and every '<' and '>' markup.
#include <mcp/local.h>
#include <mcp/server.h>
#include <openness/bundled.h>

#include <spdlog/spdlog.h>

#include "binding.h"
#include "scorecard.h"

#include <utf8.h>

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

bool xml_safe(const std::string& svg) {
  if (!utf8::is_valid(svg.begin(), svg.end())) return false;
  std::size_t open = 0, close = 0;
  for (std::size_t i = 0; i < svg.size(); ++i) {
    const char c = svg[i];
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') return false;
    if (c == '<') ++open;
    if (c == '>') ++close;
    if (c == '&') {
      bool entity = false;
      for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
        entity = entity || svg.compare(i, std::char_traits<char>::length(e), e) == 0;
      if (!entity) return false;
    }
  }
  return open == close;
}

void pictures(const mcp::Json& v) {
  if (!v.is_object()) return;
  auto text = [&](const char* key) {
    const auto it = v.find(key);
    return it != v.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  openness::bindings::Scorecard c;
  c.name = text("name");
  c.producer = text("producer");
  c.id = text("id");
  c.as_of = text("as_of");
  c.mof = c.osaid = c.eosai = c.attribution = c.name;
  const auto tier = v.find("tier");
  c.tier = static_cast<openness::Tier>(tier != v.end() && tier->is_number_unsigned() ? tier->get<unsigned>() % 6 : 0);
  for (const char* component : {"weights", "training code", "training data", "documentation", "evaluation"})
    c.cells.push_back({component, static_cast<openness::bindings::Openness>(c.cells.size() % 4), c.producer});
  if (!xml_safe(openness::bindings::card_svg(c)) || !xml_safe(openness::bindings::badge_svg(c))) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Fixture& f = fixture();
  const std::size_t targets = f.tools.size() + 4;
  const std::size_t target = data[0] % targets;
  mcp::Json value = mcp::Json::parse(data + 1, data + size, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return 0;  // not JSON: the transport answers -32700 before any binding

  mcp::Result<mcp::Json> r = mcp::Error::internal("unset");
  if (target < f.tools.size()) {
    r = f.client->call_tool(f.tools[target], std::move(value));
  } else if (target == f.tools.size() + 3) {
    pictures(value);
    return 0;
  } else {
    static const char* const kMethods[] = {"resources/read", "prompts/get", "completion/complete"};
    r = f.client->request(kMethods[target - f.tools.size()], std::move(value));
  }
  if (!r && r.error().code == mcp::code::kInternalError) __builtin_trap();
  if (r && mentions_internal_error(*r)) __builtin_trap();
  if (r) (void)mcp::jsonrpc::serialize(*r);
  return 0;
}
