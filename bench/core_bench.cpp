// openness-core-bench: Google Benchmark microbenchmarks of the openness core and of the lookup_model
// tool, on one dataset per process (bench/run.sh runs the bundled one, then synthetic ones).
//
//   openness-core-bench [--data-dir DIR] [--no-bundled] [--name LABEL] [Google Benchmark flags]
//
// resolve/*     Resolver::resolve on names of random records (exact), on their Hugging Face ids
//               (alias) and on the names misspelt, one character dropped and one doubled (fuzzy).
//               Besides the mean (the Time column), each reports the per-call p50 and p99 in µs
//               (counters p50_us, p99_us), from a clock read around every call.
// classify/*    each framework's evaluator on random records, and assess() (all of them).
// lookup/*      the lookup_model tool: its handler alone (resolve, assess, build the structured
//               result and its text), then a whole tools/call as the stdio transport runs it
//               minus the system calls (the request line parsed, the session, the answer line),
//               with the result cache off (random records, then the end-to-end runs' OLMo-7B), then a
//               repeated call that the result cache answers.
// load          Dataset loading, as the server does at start (load_dataset); counters give the
//               records and the peak RSS of the process.
#include <benchmark/benchmark.h>
#include <mcp/server.h>
#include <openness/bundled.h>
#include <openness/classify.h>
#include <openness/mof.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "binding.h"
#include "proc_status.h"

namespace {

using openness::Dataset;
using Clock = std::chrono::steady_clock;

openness::LoadOptions g_opts;
std::shared_ptr<const Dataset> g_ds;

// Queries drawn from the dataset once, with a fixed seed.
struct Queries {
  std::vector<std::string> exact, alias, fuzzy;
  std::vector<const openness::Record*> records, with_eosai;
};
const Queries& queries() {
  static const Queries q = [] {
    Queries q;
    std::mt19937_64 rng(7);
    const Dataset& ds = *g_ds;
    for (int i = 0; i < 4096; ++i) {
      const auto& r = ds[rng() % ds.size()];
      q.records.push_back(&r);
      q.exact.emplace_back(r.name);
      for (const auto& a : r.aliases)
        if (a.value.find('/') != std::string_view::npos) {
          q.alias.emplace_back(a.value);
          break;
        }
      std::string n(r.name);
      if (n.size() > 4) {
        n.erase(1 + rng() % (n.size() - 2), 1);
        const std::size_t k = 1 + rng() % (n.size() - 2);
        n.insert(k, 1, n[k]);
      }
      q.fuzzy.push_back(n);
    }
    for (const auto& r : ds)
      if (r.eosai && q.with_eosai.size() < 4096) q.with_eosai.push_back(&r);
    return q;
  }();
  return q;
}

// Times every call; reports p50/p99 in µs next to Google Benchmark's mean.
template <class T, class F>
void timed_loop(benchmark::State& state, const std::vector<T>& inputs, F&& f) {
  if (inputs.empty()) {
    state.SkipWithError("no inputs of this kind in the dataset");
    return;
  }
  std::vector<double> ns;
  ns.reserve(1 << 16);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    f(inputs[i]);
    ns.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count()));
    if (++i == inputs.size()) i = 0;
  }
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) { return ns[static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1))] / 1000.0; };
  state.counters["p50_us"] = at(0.5);
  state.counters["p99_us"] = at(0.99);
}

void resolve(benchmark::State& state, const std::vector<std::string>& names) {
  const auto& resolver = g_ds->resolver();
  std::size_t found = 0;
  timed_loop(state, names, [&](const std::string& q) {
    auto r = resolver.resolve(q);
    found += r.status == openness::ResolveStatus::Found;
    benchmark::DoNotOptimize(r);
  });
  state.counters["found_pct"] =
      100.0 * static_cast<double>(found) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}

void BM_ResolveExact(benchmark::State& s) { resolve(s, queries().exact); }
void BM_ResolveAlias(benchmark::State& s) { resolve(s, queries().alias); }
void BM_ResolveFuzzy(benchmark::State& s) { resolve(s, queries().fuzzy); }

void BM_ClassifyMof(benchmark::State& state) {
  const auto& db = g_ds->licenses();
  timed_loop(state, queries().records, [&](const openness::Record* r) {
    benchmark::DoNotOptimize(openness::evaluate_mof(r->release(), db, openness::MofMode::Normalized));
  });
}
void BM_ClassifyOsaid(benchmark::State& state) {
  const auto& db = g_ds->licenses();
  timed_loop(state, queries().records, [&](const openness::Record* r) {
    benchmark::DoNotOptimize(
        openness::evaluate_osaid(r->release(), db, openness::MofMode::Normalized, r->osi_validation));
  });
}
void BM_ClassifyEosai(benchmark::State& state) {
  timed_loop(state, queries().with_eosai,
             [&](const openness::Record* r) { benchmark::DoNotOptimize(openness::evaluate_eosai(*r->eosai)); });
}
void BM_ClassifySpectrum(benchmark::State& state) {
  const auto& db = g_ds->licenses();
  timed_loop(state, queries().records, [&](const openness::Record* r) {
    const auto release = r->release();
    benchmark::DoNotOptimize(openness::evaluate_spectrum(&release, r->eosai, db, openness::MofMode::Normalized));
  });
}
void BM_ClassifyAll(benchmark::State& state) {
  timed_loop(state, queries().records, [&](const openness::Record* r) {
    benchmark::DoNotOptimize(openness::assess(*r, *g_ds, openness::MofMode::Normalized));
  });
}

// The server as openness-mcp builds it (tools registered on the loaded dataset).
struct App {
  openness::bindings::Context ctx{g_ds};
  mcp::Server server{openness::bindings::server_info(), ""};
  App() {
    if (!openness::bindings::register_all(server, ctx)) std::abort();
  }
};

class NullContext final : public mcp::RequestContext {
 public:
  bool cancelled() const override { return false; }
  void progress(double, std::optional<double>, std::string_view) override {}
  void log(mcp::LogLevel, const mcp::Json&, std::string_view) override {}
  mcp::Result<mcp::Json> ask_client(std::string_view, mcp::Json, std::chrono::milliseconds) override {
    return mcp::Error::internal("none");
  }
  void close_stream() override {}
  std::string_view protocol_version() const override { return mcp::protocol::kLatest; }
  const mcp::Json& client_capabilities() const override { return caps_; }

 private:
  mcp::Json caps_ = mcp::Json::object();
};

std::vector<mcp::Json> lookup_args() {
  std::vector<mcp::Json> out;
  for (const auto& n : queries().exact) out.push_back({{"name", n}});
  return out;
}

void BM_LookupHandler(benchmark::State& state) {
  App app;
  const auto& handler = app.server.find_tool("lookup_model")->tool.handler;
  NullContext ctx;
  timed_loop(state, lookup_args(), [&](const mcp::Json& a) { benchmark::DoNotOptimize(handler(a, ctx)); });
}

// What the stdio transport does with a message, minus the system calls: the line in, the session,
// the answer as one line of text.
class LineOut final : public mcp::Outbound {
 public:
  void send(const mcp::Json& message) override { line = mcp::jsonrpc::serialize(message); }
  std::string line;
};

std::vector<std::string> lookup_lines(bool one, const std::string& name = "") {
  std::vector<std::string> out;
  for (const auto& n : name.empty() ? queries().exact : std::vector<std::string>{name}) {
    out.push_back(
        mcp::jsonrpc::serialize(mcp::jsonrpc::make_request(mcp::jsonrpc::RequestId{std::int64_t{7}}, "tools/call",
                                                           {{"name", "lookup_model"}, {"arguments", {{"name", n}}}})));
    if (one) break;
  }
  return out;
}

void tools_call(benchmark::State& state, bool one, const std::string& name = "") {
  App app;
  mcp::Session session(app.server);
  LineOut out;
  session.receive(
      mcp::jsonrpc::make_request(mcp::jsonrpc::RequestId{std::int64_t{0}}, "initialize",
                                 {{"protocolVersion", mcp::protocol::kLatest}, {"capabilities", mcp::Json::object()}}),
      out);
  const auto lines = lookup_lines(one, name);
  session.receive_text(lines.front(), out);  // the first answer
  std::size_t bytes = 0;
  timed_loop(state, lines, [&](const std::string& line) {
    session.receive_text(line, out);
    bytes += out.line.size();
  });
  if (out.line.find("\"isError\":true") != std::string::npos) state.SkipWithError("lookup_model failed");
  state.counters["answer_bytes"] =
      static_cast<double>(bytes) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}

// Random names through a whole tools/call.
void BM_LookupCall(benchmark::State& state) { tools_call(state, false); }
// The end-to-end runs' one-name call ({"name":"OLMo-7B"}), computed each time: the in-process
// part of what `openness-mcp` spends per call over stdio.
void BM_LookupCallOlmo(benchmark::State& state) {
  if (g_ds->resolver().resolve("OLMo-7B").status != openness::ResolveStatus::Found) {
    state.SkipWithError("no OLMo-7B in this dataset");
    return;
  }
  tools_call(state, true, "OLMo-7B");
}

void BM_Load(benchmark::State& state) {
  std::size_t records = 0;
  for (auto _ : state) {
    auto ds = openness::load_dataset(g_opts);
    records = ds->size();
    state.PauseTiming();
    ds.reset();  // freeing is not loading
    state.ResumeTiming();
  }
  state.counters["records"] = static_cast<double>(records);
  state.counters["peak_rss_mib"] = static_cast<double>(openness::bench::status_kib("VmHWM:")) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  std::string label = "bundled";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) {
      g_opts.data_dirs.push_back(argv[++i]);
      if (label == "bundled" || label.empty()) label = g_opts.data_dirs.back();
    } else if (a == "--no-bundled") {
      g_opts.bundled = false;
    } else if (a == "--name" && i + 1 < argc) {
      label = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: openness-core-bench [--data-dir DIR]... [--no-bundled] [--name LABEL] [--benchmark_*]\n");
      return 2;
    }
  }
  // Loading is measured by BM_Load; the other benchmarks share one dataset loaded here, first
  // (the load benchmark then runs with one dataset already in memory, as a server would hold).
  const auto t0 = Clock::now();
  try {
    g_ds = openness::load_dataset(g_opts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "load failed: %s\n", e.what());
    return 1;
  }
  const double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  benchmark::AddCustomContext("dataset", label);
  benchmark::AddCustomContext("records", std::to_string(g_ds->size()));
  benchmark::AddCustomContext("first_load_ms", std::to_string(load_ms));
  (void)queries();

  benchmark::RegisterBenchmark("resolve/exact", BM_ResolveExact);
  benchmark::RegisterBenchmark("resolve/alias", BM_ResolveAlias);
  benchmark::RegisterBenchmark("resolve/fuzzy", BM_ResolveFuzzy);
  benchmark::RegisterBenchmark("classify/mof", BM_ClassifyMof);
  benchmark::RegisterBenchmark("classify/osaid", BM_ClassifyOsaid);
  benchmark::RegisterBenchmark("classify/eosai", BM_ClassifyEosai);
  benchmark::RegisterBenchmark("classify/spectrum", BM_ClassifySpectrum);
  benchmark::RegisterBenchmark("classify/all", BM_ClassifyAll);
  benchmark::RegisterBenchmark("lookup/handler", BM_LookupHandler);
  benchmark::RegisterBenchmark("lookup/tools_call", BM_LookupCall);
  benchmark::RegisterBenchmark("lookup/tools_call_olmo7b", BM_LookupCallOlmo);
  // Loading a large dataset takes seconds: a few iterations are enough.
  auto* load = benchmark::RegisterBenchmark("load", BM_Load)->Unit(benchmark::kMillisecond)->UseRealTime();
  if (g_ds->size() > 50'000) load->Iterations(g_ds->size() > 500'000 ? 2 : 5);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
