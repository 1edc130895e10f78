// The precomputed answers (answers.h): lookup_model answers from them exactly as it computes.
#include <mcp/server.h>

#include "fixture.h"

#include <mutex>

using namespace tooltest;
using openness::bindings::AnswerTable;

namespace {

const std::string& table_bytes() {
  static const std::string t = AnswerTable::write(*server().ctx.dataset);
  return t;
}

// The server of fixture.h with the table, as openness-mcp runs without --data-dir.
struct WithAnswers {
  openness::bindings::Context ctx{tooltest::server().ctx.dataset};
  mcp::Server server{openness::bindings::server_info(), std::string(openness::bindings::instructions()),
                     mcp::ServerOptions{100, false, true}};
  WithAnswers() {
    ctx.answers = AnswerTable::read(table_bytes(), *ctx.dataset);
    REQUIRE(ctx.answers);
    if (!openness::bindings::register_all(server, ctx)) throw std::runtime_error("register_all failed");
  }
};

WithAnswers& with_answers() {
  static WithAnswers s;
  return s;
}

Json call_with_answers(Json args) {
  mcp::LocalClient client(with_answers().server);
  auto r = client.call_tool("lookup_model", std::move(args));
  REQUIRE(r);
  return *r;
}

class Capture final : public mcp::Outbound {
 public:
  void send(const Json& message) override {
    std::lock_guard lock(mu_);
    last_ = message;
  }
  Json last() {
    std::lock_guard lock(mu_);
    return last_;
  }

 private:
  std::mutex mu_;
  Json last_;
};

}  // namespace

TEST_CASE("answers: lookup_model answers from the table as it computes, for every record", "[tools][answers]") {
  const auto& ds = *server().ctx.dataset;
  REQUIRE(with_answers().ctx.answers->size() == ds.size());
  std::size_t compared = 0;
  for (std::uint32_t i = 0; i < ds.size(); ++i) {
    const auto& r = ds.record(i);
    for (const std::string& name : {std::string(r.id), std::string(r.name)}) {
      INFO(name);
      REQUIRE(call_with_answers({{"name", name}}) == call("lookup_model", {{"name", name}}));
      ++compared;
    }
  }
  CHECK(compared == 2 * ds.size());
}

TEST_CASE("answers: notes, options and the full record", "[tools][answers]") {
  for (const Json& args : {
           Json{{"name", "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"}},  // a re-upload's note
           Json{{"name", "Phraia-1-LLM-7B"}},                            // candidates: not found
           Json{{"name", "olmo 7b"}},
           Json{{"name", "llama3.1:8b"}},
           Json{{"name", "OLMo-7B"}, {"mof_mode", "strict"}},  // another mode: computed
           Json{{"name", "OLMo-7B"}, {"detail", "full"}},
           Json{{"name", "Undislcosed"}},
       }) {
    INFO(args.dump());
    CHECK(call_with_answers(args) == call("lookup_model", args));
  }
  // A name several records share with one verdict carries its note on the table's answer too.
  std::size_t shared = 0;
  for (const char* name : {"Pythia", "BLOOM", "Falcon", "Qwen2.5", "Granite Code", "StarCoder2", "Mistral"}) {
    const Json a = call_with_answers({{"name", name}});
    CHECK(a == call("lookup_model", {{"name", name}}));
    shared += a["structuredContent"].value("match", Json::object()).value("method", "") == "shared-verdict";
  }
  INFO("no name above took the shared-verdict path: pick another");
  CHECK(shared > 0);
}

TEST_CASE("answers: the table's answer goes out as written", "[tools][answers]") {
  mcp::Session session(with_answers().server, mcp::SessionOptions{false, "2025-11-25"});
  Capture out;
  session.receive(mcp::jsonrpc::make_request(mcp::jsonrpc::RequestId{std::int64_t{1}}, "tools/call",
                                             {{"name", "lookup_model"}, {"arguments", {{"name", "OLMo-7B"}}}}),
                  out);
  const Json reply = out.last();
  const auto raw = mcp::raw_json_text(reply["result"]["structuredContent"]);
  REQUIRE(raw);
  CHECK(raw->find(R"("status":"found")") != std::string_view::npos);
  const Json parsed = Json::parse(mcp::jsonrpc::serialize(reply));
  CHECK(parsed["result"] == call("lookup_model", {{"name", "OLMo-7B"}}));
}

TEST_CASE("answers: a table that is not this dataset's, or is damaged, is not read", "[tools][answers]") {
  const auto& ds = *server().ctx.dataset;
  const std::string& good = table_bytes();
  REQUIRE(AnswerTable::read(good, ds));
  CHECK_FALSE(AnswerTable::read("", ds));
  CHECK_FALSE(AnswerTable::read("OMA0" + good.substr(4), ds));
  CHECK_FALSE(AnswerTable::read(good.substr(0, 8 + 24 * 10), ds));  // entries cut short
  std::string other_count = good;
  other_count[4] = static_cast<char>(other_count[4] + 1);
  CHECK_FALSE(AnswerTable::read(other_count, ds));
  std::string past_end = good;
  for (int b = 0; b < 4; ++b) past_end[8 + 8 + b] = '\xff';  // the first answer's offset, far past the strings
  CHECK_FALSE(AnswerTable::read(past_end, ds));
  // Found by id only; a name is not an id.
  const auto t = AnswerTable::read(good, ds);
  CHECK(t->find("olmo-7b"));
  CHECK_FALSE(t->find("OLMo-7B"));
  CHECK_FALSE(t->find(""));
  CHECK_FALSE(t->find("zzzz-no-such-record"));
}
