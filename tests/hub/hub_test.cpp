// The Hugging Face Hub lookups (--hub) against a fake Hub on a loopback port: the client's
// statuses, limits, cache and token, and lookup_model's answers through the in-process server.
// After every failure the server still answers from its dataset.
#include "fake_hub.h"
#include "hub_internal.h"

#include <mcp/local.h>
#include <mcp/server.h>
#include <openness/bundled.h>
#include <openness/hub.h>

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include "binding.h"
#include "hub_answer.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

using mcp::Json;
using openness::hub::Status;

namespace {

hubtest::FakeHub& fake() {
  static hubtest::FakeHub hub;
  return hub;
}

openness::hub::Options options(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
  openness::hub::Options o;
  o.url = fake().url();
  o.timeout = timeout;
  return o;
}

openness::hub::Result fetch(const std::string& id, openness::hub::Options o = options()) {
  return openness::hub::make_client(std::move(o))->fetch(id);
}

// The openness server in process, with the Hub client on.
struct HubServer {
  openness::bindings::Context ctx{openness::load_dataset()};
  mcp::Server server{openness::bindings::server_info(), std::string(openness::bindings::instructions()),
                     mcp::ServerOptions{100, false, true}};
  explicit HubServer(openness::hub::Options o) {
    spdlog::set_level(spdlog::level::off);
    ctx.hub = std::shared_ptr<openness::hub::Fetcher>(openness::hub::make_client(std::move(o)));
    if (!openness::bindings::register_all(server, ctx)) throw std::runtime_error("register_all failed");
  }
  Json call(const std::string& name) { return call_tool("lookup_model", {{"name", name}}); }
  Json call_tool(const std::string& tool, Json args) {
    mcp::LocalClient client(server);
    auto r = client.call_tool(tool, std::move(args));
    REQUIRE(r);
    return *r;
  }
  std::string text(const Json& r) { return r["content"][0].value("text", std::string()); }
  // The dataset still answers: the Hub's failures leave the server serving.
  void still_serving() {
    const Json r = call("allenai/OLMo-7B");
    CHECK_FALSE(r.value("isError", false));
    CHECK(r["structuredContent"]["model"]["id"] == "olmo-7b");
  }
};

HubServer& server() {
  static HubServer s(options(std::chrono::milliseconds(1500)));
  return s;
}

}  // namespace

TEST_CASE("hub: repository ids and URLs, nothing else", "[hub]") {
  using openness::hub::repo_id;
  CHECK(repo_id("acme/plain-apache") == "acme/plain-apache");
  CHECK(repo_id(" https://huggingface.co/acme/plain-apache/tree/main ") == "acme/plain-apache");
  CHECK(repo_id("hf.co/acme/plain-apache?x=1") == "acme/plain-apache");
  for (const char* bad : {"llama3.1:8b", "Llama 3.1", "a/b/c", "../etc/passwd", "acme/..", "acme/-x", "acme/a..b",
                          "https://huggingface.co/datasets/acme/corpus", "https://evil.example/acme/x", "acme/", "/x",
                          "acme/a b", "huggingface.co/hf.co/model"})
    CHECK_FALSE(repo_id(bad));
}

TEST_CASE("hub: an API record read from its documented shape", "[hub]") {
  std::string err;
  auto m = openness::hub::parse_api_model(
      R"({"id":"q/M-GGUF","sha":"ab","gated":"auto","tags":["license:mit","dataset:d/x",)"
      R"("base_model:quantized:org/base"],"cardData":{"license":["apache-2.0"],"base_model":["org/base","org/other"]}})",
      err);
  REQUIRE(m);
  CHECK(m->license == "apache-2.0");  // the card's front matter over the tags
  CHECK(m->base_models == std::vector<std::string>{"org/base", "org/other"});
  CHECK(m->base_relation == "quantized");
  CHECK(m->datasets == std::vector<std::string>{"d/x"});
  CHECK(m->gated == "auto");
  // An id or a commit that is not what it says is no answer: both go into the answer, the
  // commit into the README's path.
  for (const char* bad :
       {"", "[1]", "{\"sha\":\"x\"}", "{\"id\": 3}", "{\"id\":\"a/b\"", R"({"id":"../../x"})", R"({"id":"a/b c"})",
        R"({"id":"a/b/c"})", R"({"id":"a/b","sha":"../../etc"})", R"({"id":"a/b","sha":"ABCDEF"})"}) {
    INFO(bad);
    err.clear();
    CHECK_FALSE(openness::hub::parse_api_model(bad, err));
    CHECK_FALSE(err.empty());
  }
}

TEST_CASE("hub: the client's statuses, each with what happened", "[hub]") {
  const auto ok = fetch("acme/plain-apache");
  REQUIRE(ok.status == Status::Ok);
  CHECK(ok.model.sha == "3f2a9c0d4e5b6a7980112233445566778899aabb");
  CHECK(ok.model.readme.find("license: apache-2.0") != std::string::npos);
  CHECK(ok.model.readme_status.empty());
  CHECK(ok.model.read_at.size() == 20);

  CHECK(fetch("acme/does-not-exist").status == Status::NotFound);
  const auto limited = fetch("acme/rate-limited");
  CHECK(limited.status == Status::RateLimited);
  CHECK(limited.message.find("retry after 30 s") != std::string::npos);
  CHECK(fetch("acme/server-error").status == Status::ServerError);
  const auto broken = fetch("acme/broken");
  CHECK(broken.status == Status::BadResponse);
  CHECK(broken.message.find("not JSON") != std::string::npos);

  // Redirects: within the Hub (a renamed repository) followed, to another host refused.
  const auto renamed = fetch("acme/renamed");
  CHECK(renamed.status == Status::Ok);
  CHECK(renamed.model.id == "acme/plain-apache");
  const auto loops = fetch("acme/loops");
  CHECK(loops.status == Status::BadResponse);
  CHECK(loops.message.find("redirected 'acme/loops' too many times") != std::string::npos);
  fake().forget();
  const auto away = fetch("acme/moved-away");
  CHECK(away.status == Status::Refused);
  CHECK(away.message.find("198.51.100.7") != std::string::npos);
  CHECK(fake().seen().size() == 1);

  // A server that trickles its answer past the deadline: every read succeeds, the lookup does not.
  const auto t0 = std::chrono::steady_clock::now();
  const auto slow = fetch("acme/stalls", options(std::chrono::milliseconds(400)));
  CHECK(slow.status == Status::Timeout);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1500));

  // Nothing listens: unreachable, not a hang.
  openness::hub::Options closed = options();
  closed.url = "http://127.0.0.1:1";
  CHECK(fetch("acme/plain-apache", closed).status == Status::Unreachable);
}

TEST_CASE("hub: a README too large is not read, and not half-read", "[hub]") {
  const auto r = fetch("acme/huge-readme");
  REQUIRE(r.status == Status::Ok);
  CHECK(r.model.readme.empty());
  CHECK(r.model.readme_status.find("larger than 1024 KiB") != std::string::npos);
  CHECK(r.model.license == "mit");  // the record still is
}

TEST_CASE("hub: HF_TOKEN goes to the Hub only for a gated README", "[hub]") {
  fake().forget();
  const auto without = fetch("acme/gated-model");
  REQUIRE(without.status == Status::Ok);
  CHECK(without.model.gated == "manual");
  CHECK(without.model.readme.empty());
  CHECK(without.model.readme_status.find("no HF_TOKEN") != std::string::npos);
  for (const auto& s : fake().seen()) CHECK(s.authorization.empty());

  fake().forget();
  openness::hub::Options o = options();
  o.token = "test-token";
  const auto with = fetch("acme/gated-model", o);
  REQUIRE(with.status == Status::Ok);
  CHECK(with.model.readme.find("acme-research-license") != std::string::npos);
  const auto plain = fetch("acme/plain-apache", o);
  REQUIRE(plain.status == Status::Ok);
  const auto seen = fake().seen();
  REQUIRE(seen.size() == 4);
  for (const auto& s : seen)
    CHECK(s.authorization == (s.path.find("/acme/gated-model/resolve/") == 0 ? "Bearer test-token" : ""));
}

TEST_CASE("hub: the cache answers within its time to live", "[hub]") {
  const auto dir = std::filesystem::temp_directory_path() / ("openness-hub-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  openness::hub::Options o = options();
  o.cache_dir = dir;
  auto client = openness::hub::make_client(o);
  REQUIRE(client->fetch("acme/plain-apache").status == Status::Ok);
  fake().forget();
  const auto again = client->fetch("acme/plain-apache");
  REQUIRE(again.status == Status::Ok);
  CHECK(again.model.from_cache);
  CHECK(again.model.readme.find("license: apache-2.0") != std::string::npos);
  // The Hub reads an id in any case: so does the cache. A renamed repository is kept too.
  CHECK(client->fetch("ACME/Plain-Apache").model.from_cache);
  CHECK(fake().seen().empty());
  REQUIRE(client->fetch("acme/renamed").status == Status::Ok);
  fake().forget();
  const auto renamed = client->fetch("acme/renamed");
  CHECK(renamed.model.from_cache);
  CHECK(renamed.model.id == "acme/plain-apache");
  CHECK(fake().seen().empty());
  // Expired: read again.
  o.ttl = std::chrono::seconds(0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK_FALSE(openness::hub::make_client(o)->fetch("acme/plain-apache").model.from_cache);
  CHECK(fake().seen().size() == 2);
  // A damaged cache file is a miss, not an answer.
  for (const auto& f : std::filesystem::directory_iterator(dir)) std::ofstream(f.path()) << "{\"stored\": 9";
  CHECK_FALSE(client->fetch("acme/plain-apache").model.from_cache);
  std::filesystem::remove_all(dir);
}

TEST_CASE("--hub: the tools that read the Hub say they reach the outside world, and wait on it", "[hub][tools]") {
  // Without the Hub every tool answers from memory: quick, and a closed world.
  openness::bindings::Context offline{openness::load_dataset()};
  mcp::Server plain{openness::bindings::server_info(), std::string(openness::bindings::instructions())};
  REQUIRE(openness::bindings::register_all(plain, offline));
  const std::set<std::string> reading = {"lookup_model", "explain_openness", "check_openness_claim", "compare_models"};
  for (const auto& t : plain.tools()) {
    INFO(t.tool.name);
    CHECK(t.tool.quick);
    CHECK(t.tool.annotations.open_world == false);
  }
  std::size_t online = 0;
  for (const auto& t : server().server.tools()) {
    INFO(t.tool.name);
    const bool reads = reading.count(t.tool.name) > 0;
    online += reads;
    CHECK(t.tool.quick == !reads);
    CHECK(t.tool.annotations.open_world == reads);
  }
  CHECK(online == reading.size());
}

TEST_CASE("lookup_model --hub: a plain Apache-2.0 model, inferred from its card", "[hub][tools]") {
  HubServer& s = server();
  const Json r = s.call("acme/plain-apache");
  INFO(s.text(r));
  REQUIRE_FALSE(r.value("isError", false));
  const Json& a = r["structuredContent"];
  CHECK(a["match"]["method"] == "hugging-face-hub");
  CHECK(a["inferred"] == true);
  CHECK(a["verdicts"]["spectrum"]["tier"] == "open-weights");
  CHECK(a["verdicts"]["spectrum"]["basis"] == "the card on the Hugging Face Hub (inferred)");
  CHECK(a["hub"]["commit"] == "3f2a9c0d4e5b6a7980112233445566778899aabb");
  CHECK(a["sources"][0]["url"] == "https://huggingface.co/acme/plain-apache");
  CHECK(s.text(r).find("from the Hugging Face Hub, repository acme/plain-apache at commit 3f2a9c0d4e5b, read at ") !=
        std::string::npos);
  CHECK(r.dump().size() < 6000);
}

TEST_CASE("lookup_model --hub: the picture of a model read from its card", "[hub][tools][pictures]") {
  HubServer& s = server();
  CHECK(s.call("acme/plain-apache")["content"].size() == 1);  // none unless asked
  const Json r = s.call_tool("lookup_model", {{"name", "acme/plain-apache"}, {"picture", true}});
  REQUIRE_FALSE(r.value("isError", false));
  REQUIRE(r["content"].size() == 2);
  CHECK(r["content"][1]["type"] == "image");
  CHECK(r["content"][1]["mimeType"] == "image/svg+xml");
  const std::string svg = mcp::unbase64(r["content"][1]["data"].get<std::string>()).value_or("");
  CHECK(svg.find(">acme/plain-apache</text>") != std::string::npos);
  CHECK(svg.find("data-tier=\"open-weights\"") != std::string::npos);
  CHECK(svg.find("data-component=\"weights\" data-state=\"open\"") != std::string::npos);
  CHECK(svg.find("Hugging Face card of acme/plain-apache") != std::string::npos);
}

TEST_CASE("lookup_model --hub: a Llama fine-tune and a quantisation carry Llama's terms", "[hub][tools]") {
  HubServer& s = server();
  // The fine-tune's card says Apache-2.0; its base's license governs. (Without the Hub the dataset
  // would guess LLaMA's family record for "llama-finetune": the Hub goes first for such a guess.)
  // The quantisation's card says llama3.1 itself.
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"acme/llama-finetune", "base model's license", "finetune"},
      {"https://huggingface.co/quantco/Mystery-8B-GGUF", "the card on the Hugging Face Hub (inferred)", "quantized"}};
  for (const auto& [name, basis, relation] : cases) {
    const Json r = s.call(name);
    INFO(s.text(r));
    REQUIRE_FALSE(r.value("isError", false));
    const Json& a = r["structuredContent"];
    CHECK(a["match"]["method"] == "hugging-face-hub");
    CHECK(a["verdicts"]["spectrum"]["tier"] == "open-weights-restrictive-license");
    CHECK(a["verdicts"]["spectrum"]["basis"] == basis);
    CHECK(a["model"]["base_in_dataset"]["id"] == "llama-3.1-8b-instruct");
    CHECK(a["model"]["base_relation"] == relation);
    CHECK(s.text(r).find("derived from Llama-3.1-8B-Instruct") != std::string::npos);
  }
}

TEST_CASE("lookup_model --hub: gated, no front matter, a huge README", "[hub][tools]") {
  HubServer& s = server();
  const Json gated = s.call("acme/gated-model");
  INFO(s.text(gated));
  REQUIRE_FALSE(gated.value("isError", false));
  CHECK(gated["structuredContent"]["hub"]["gated"] == "manual");
  CHECK(s.text(gated).find("no HF_TOKEN") != std::string::npos);
  CHECK(s.text(gated).find("access is gated on the Hub") != std::string::npos);
  // Its own license, which the license table does not know: unknown beats a guess.
  CHECK(gated["structuredContent"]["verdicts"]["spectrum"]["tier"] == "unknown");
  CHECK(s.text(gated).find("\"acme-research-license\", which the license table does not recognise") !=
        std::string::npos);

  const Json bare = s.call("acme/no-front-matter");
  INFO(s.text(bare));
  CHECK(s.text(bare).find("no YAML front matter") != std::string::npos);
  CHECK(bare["structuredContent"]["verdicts"]["spectrum"]["tier"] != "open-weights");

  const Json huge = s.call("acme/huge-readme");
  INFO(s.text(huge));
  CHECK(s.text(huge).find("larger than 1024 KiB") != std::string::npos);
  CHECK(huge["structuredContent"]["verdicts"]["spectrum"]["tier"] == "open-weights");
  s.still_serving();
}

TEST_CASE("lookup_model --hub: every failure says what happened, and the server keeps serving", "[hub][tools]") {
  HubServer& s = server();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"acme/does-not-exist", "(not-found)"}, {"acme/rate-limited", "retry after 30 s"},
      {"acme/server-error", "HTTP 500"},      {"acme/broken", "not JSON"},
      {"acme/moved-away", "to another host"}, {"acme/stalls", "(timeout)"}};
  for (const auto& [name, says] : cases) {
    const Json r = s.call(name);
    INFO(name << ": " << s.text(r));
    CHECK(r.value("isError", false));
    CHECK(s.text(r).find("No model named '" + name + "' in the dataset.") == 0);
    CHECK(s.text(r).find(says) != std::string::npos);
    s.still_serving();
  }
  // Where the dataset has only guesses for a repository (here candidates by spelling), the Hub goes
  // first, and a failed lookup falls back to the guesses, saying so.
  const Json guess = s.call("acme/x");
  INFO(s.text(guess));
  CHECK_FALSE(guess.value("isError", false));
  CHECK(s.text(guess).find("Note: the Hugging Face Hub was asked for 'acme/x' and the lookup failed (not-found)") == 0);
  CHECK(guess["structuredContent"]["hub"]["read"] == false);
  // A name the dataset holds never reaches the Hub.
  fake().forget();
  s.still_serving();
  CHECK(s.call("meta-llama/Llama-3.1-8B-Instruct")["structuredContent"]["model"]["id"] == "llama-3.1-8b-instruct");
  CHECK(fake().seen().empty());
}

TEST_CASE("explain_openness, check_openness_claim, compare_models --hub: the same card, the same verdict",
          "[hub][tools]") {
  HubServer& s = server();
  const Json explained = s.call_tool("explain_openness", {{"name", "acme/llama-finetune"}});
  INFO(s.text(explained));
  REQUIRE_FALSE(explained.value("isError", false));
  CHECK(explained["structuredContent"]["tier"] == "open-weights-restrictive-license");
  CHECK(explained["structuredContent"]["subject"]["source"] == "hugging-face-hub");
  CHECK(explained["structuredContent"]["sources"][0]["url"] == "https://huggingface.co/acme/llama-finetune");
  CHECK(s.text(explained).find("Note: not in the dataset: read from the Hugging Face Hub, repository "
                               "acme/llama-finetune at commit a1b2c3d4e5f6") == 0);

  const Json claim =
      s.call_tool("check_openness_claim", {{"model", "acme/plain-apache"}, {"claim", "our open-source model"}});
  INFO(s.text(claim));
  REQUIRE_FALSE(claim.value("isError", false));
  // Apache-2.0 weights, and no training code or data released: open weights, not open source.
  CHECK(claim["structuredContent"]["evidence"]["tier"] == "open-weights");
  CHECK(claim["structuredContent"]["verdict"] == "misleading");
  CHECK(claim["structuredContent"]["model"]["source"] == "hugging-face-hub");

  const Json compared =
      s.call_tool("compare_models", {{"names", {"acme/llama-finetune", "OLMo-7B", "acme/plain-apache"}}});
  INFO(s.text(compared));
  REQUIRE_FALSE(compared.value("isError", false));
  const Json& models = compared["structuredContent"]["models"];
  REQUIRE(models.size() == 3);
  CHECK(models[0]["id"] == "olmo-7b");
  CHECK(models[1]["id"] == "acme/plain-apache");
  CHECK(models[1]["kind"] == "hub-model");
  CHECK(models[2]["id"] == "acme/llama-finetune");
  CHECK(models[2]["weights"] == "restricted");
  CHECK(compared["structuredContent"]["read_as"].size() == 2);

  for (const auto& [tool, args] : std::vector<std::pair<std::string, Json>>{
           {"explain_openness", {{"name", "acme/does-not-exist"}}},
           {"check_openness_claim", {{"model", "acme/server-error"}, {"claim", "open source"}}},
           {"compare_models", {{"names", {"acme/rate-limited", "OLMo-7B"}}}}}) {
    const Json r = s.call_tool(tool, args);
    INFO(tool << ": " << s.text(r));
    CHECK(r.value("isError", false));
    CHECK(s.text(r).find("lookup failed") != std::string::npos);
  }
  s.still_serving();
}

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// The real binary, which loads the Hub client as a module (--hub), against the fake Hub.
Run run(const std::string& args) {
  const std::string cmd = std::string(OPENNESS_MCP_BIN) + " --log-level off " + args + " 2>&1";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace

TEST_CASE("openness-mcp --hub: the module, the flags, and the same answers", "[hub][cli]") {
  const std::string hub = "--hub-url " + fake().url() + " --hub-cache ''";
  const Run check = run(hub + " hub-check https://huggingface.co/acme/llama-finetune --format text");
  INFO(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("acme/llama-finetune (not in the dataset; from the Hugging Face Hub") == 0);
  CHECK(check.out.find("derived from Llama-3.1-8B-Instruct") != std::string::npos);

  const Run missing = run("--hub " + hub + " lookup acme/does-not-exist --format text");
  INFO(missing.out);
  CHECK(missing.status == 1);
  CHECK(missing.out.find("lookup failed (not-found)") != std::string::npos);

  // Off by default: the same name, and the Hub hears nothing.
  fake().forget();
  const Run offline = run("--hub-url " + fake().url() + " lookup acme/plain-apache --format text");
  CHECK(offline.status == 1);
  CHECK(offline.out.find("No model named 'acme/plain-apache' in the dataset.") != std::string::npos);
  CHECK(fake().seen().empty());

  CHECK(run("hub-check llama3.1:8b").status == 2);
}
