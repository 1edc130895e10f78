// openness-core-bench: load time, memory, and lookup / fuzzy-lookup latency of the openness core.
//
//   openness-core-bench                          # the bundled dataset
//   openness-core-bench --data-dir DIR --no-bundled   # e.g. a synthetic dataset (openness-synth)
//
// Run each dataset in its own process (bench/run.sh does): RSS figures are per process.
// Lookups: names and Hugging Face ids of random records (exact path); fuzzy: the same names
// with one character dropped and one doubled (the fuzzy path). Latencies are per call.
#include <openness/bundled.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  return -1;
}

struct Percentiles {
  double p50, p90, p99, max;
};

Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))]; };
  return {at(0.5), at(0.9), at(0.99), v.back()};
}

template <class F>
std::vector<double> time_each(const std::vector<std::string>& qs, F&& f) {
  std::vector<double> us;
  us.reserve(qs.size());
  for (const auto& q : qs) {
    const auto t0 = std::chrono::steady_clock::now();
    f(q);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  return us;
}

}  // namespace

int main(int argc, char** argv) {
  openness::LoadOptions opts;
  std::size_t nq = 20000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) opts.data_dirs.push_back(argv[++i]);
    else if (a == "--no-bundled") opts.bundled = false;
    else if (a == "--queries" && i + 1 < argc) nq = std::stoul(argv[++i]);
    else {
      std::fprintf(stderr, "usage: openness-core-bench [--data-dir DIR] [--no-bundled] [--queries N]\n");
      return 2;
    }
  }
  const long rss0 = status_kib("VmRSS:");
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<const openness::Dataset> ds;
  try {
    ds = openness::load_dataset(opts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "load failed: %s\n", e.what());
    return 1;
  }
  const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const long rss1 = status_kib("VmRSS:");
  const long hwm = status_kib("VmHWM:");
  const auto& st = ds->stats();
  std::printf("dataset: %s\n", opts.data_dirs.empty() ? "bundled" : opts.data_dirs.front().c_str());
  std::printf("records: %zu  aliases: %zu  sources: %zu  index keys: %zu  bytes read: %zu\n", st.records, st.aliases,
              st.sources, ds->resolver().key_count(), st.bytes);
  std::printf("load: %.1f ms (read+validate+index %.1f ms, of which validate %.1f ms and index build %.1f ms; "
              "resolver %.1f ms)\n",
              load_ms, st.parse_ms, st.validate_ms, st.index_build_ms, st.index_ms);
  std::printf("rss: before %.1f MiB, after load %.1f MiB (+%.1f), peak %.1f MiB; resolver index %.1f MiB\n",
              static_cast<double>(rss0) / 1024, static_cast<double>(rss1) / 1024,
              static_cast<double>(rss1 - rss0) / 1024, static_cast<double>(hwm) / 1024,
              static_cast<double>(ds->resolver().memory_bytes()) / 1048576.0);
  // Queries.
  std::mt19937_64 rng(7);
  const auto& recs = *ds;
  std::vector<std::string> exact, fuzzy;
  for (std::size_t i = 0; i < nq; ++i) {
    const auto& r = recs[rng() % recs.size()];
    if (i % 2 == 0 || r.aliases.size() < 2) exact.emplace_back(r.name);
    else exact.emplace_back(r.aliases[1].value);
  }
  const std::size_t nf = std::min<std::size_t>(nq, 2000);
  for (std::size_t i = 0; i < nf; ++i) {
    std::string n(recs[rng() % recs.size()].name);
    if (n.size() > 4) {
      n.erase(1 + rng() % (n.size() - 2), 1);
      const std::size_t k = 1 + rng() % (n.size() - 2);
      n.insert(k, 1, n[k]);
    }
    fuzzy.push_back(n);
  }
  std::size_t found = 0;
  const auto lu = percentiles(time_each(exact, [&](const std::string& q) {
    found += ds->resolver().resolve(q).status == openness::ResolveStatus::Found;
  }));
  std::size_t ffound = 0, famb = 0;
  const auto fz = percentiles(time_each(fuzzy, [&](const std::string& q) {
    auto r = ds->resolver().resolve(q);
    ffound += r.status == openness::ResolveStatus::Found;
    famb += r.status == openness::ResolveStatus::Ambiguous;
  }));
  std::printf("lookup (%zu names and hub ids): p50 %.2f us, p90 %.2f us, p99 %.2f us, max %.1f us; found %zu\n",
              exact.size(), lu.p50, lu.p90, lu.p99, lu.max, found);
  std::printf("fuzzy lookup (%zu misspelt names): p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us; found %zu, "
              "ambiguous %zu\n",
              fuzzy.size(), fz.p50, fz.p90, fz.p99, fz.max, ffound, famb);
  std::printf("peak rss after queries: %.1f MiB\n", static_cast<double>(status_kib("VmHWM:")) / 1024);
  return 0;
}
