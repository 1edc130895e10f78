// openness-json-bench: the server's JSON reader (json_nodes: simdjson On-Demand into the flat
// nodes the loader walks) against nlohmann/json and raw simdjson, on the record texts the dataset
// loader reads (issue 19: a hand-written part stays only where a benchmark shows the library
// misses a target; json_lite, the hand-written parser it replaced, was measured here until
// 2026-12-06).
//
//   openness-json-bench [--synthetic FILE.jsonl] [--runs N] [--runs-large N]
//
// Datasets: the bundled records (the minified texts of the bundle embedded in the binary, the
// ones Dataset::record() parses on first use) and, with --synthetic, a JSON Lines file written
// by openness-synth (one record per line, read into memory first).
//
// Modes, per reader, over every record text in turn (one tree at a time, as the loader does):
//   parse    the text into a walkable tree: json_nodes nodes, nlohmann::json, simdjson::dom.
//            simdjson's On-Demand API builds no tree, so it has no figure here; its kernel is
//            chosen at compile time (without -march flags, as here and in the Debian build: the
//            portable "fallback" one), the dom parser's at run time.
//   extract  parse, then walk the members the record loader reads and take their strings: the
//            scalars id, kind, name and producer, the string arrays producer_as_published and
//            modality, every member of the objects in aliases, links and sources, and of
//            mof.components; a value of the wrong type is an error, as in the loader.
// Two extra rows, for the bundled records only: the server's own path, load_dataset() as at start
// (lazy: no record is parsed), then the same and every record materialised (json_nodes plus the
// typed, validating conversion into Records, which are kept), as the first search_models does.
//
// Every measurement runs in a fresh process (this program, re-executed with --one), so the heap
// starts empty. Time is for one pass over all records, as process CPU time and as elapsed time (on
// a shared machine the elapsed time includes waiting for a CPU). Peak RSS added is VmHWM after the
// pass minus VmRSS before it (the high-water mark reset through /proc/self/clear_refs once the
// texts are in memory and touched). Runs of the cells are interleaved; the table gives medians and
// the min-max of the CPU time over runs.
#include <openness/bundled.h>
#include <openness/json_nodes.h>

#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "proc_status.h"
#include "pack.h"  // the bundle layout (tools/core/src), to find the embedded record texts

namespace {

using Clock = std::chrono::steady_clock;

// ---- The record texts ----------------------------------------------------------------------

struct Corpus {
  std::string storage;  // the synthetic file (with SIMDJSON_PADDING spare bytes at the end)
  std::vector<std::string_view> records;
  const char* buffer_end = nullptr;  // end of the memory the records live in (for simdjson)
};

Corpus bundled_corpus() {
  Corpus c;
  const std::string_view blob = openness::bundled_bundle();
  const auto* h = reinterpret_cast<const openness::detail::BundleHeader*>(blob.data());
  const auto* entries = reinterpret_cast<const openness::detail::RecordEntry*>(blob.data() + h->records.off);
  const std::string_view text(blob.data() + h->text.off, h->text.len);
  for (std::uint32_t i = 0; i < h->record_count; ++i)
    c.records.push_back(text.substr(entries[i].text_off, entries[i].text_len));
  c.buffer_end = blob.data() + blob.size();
  return c;
}

Corpus synthetic_corpus(const std::string& path) {
  Corpus c;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + path);
  const auto size = static_cast<std::size_t>(in.tellg());
  c.storage.resize(size + simdjson::SIMDJSON_PADDING);
  in.seekg(0);
  in.read(c.storage.data(), static_cast<std::streamsize>(size));
  const std::string_view all(c.storage.data(), size);
  for (std::size_t pos = 0; pos < all.size();) {
    std::size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    if (nl > pos) c.records.push_back(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
  c.buffer_end = c.storage.data() + c.storage.size();
  return c;
}

// ---- What the loader extracts, written once for every reader -------------------------------

// Where the extracted strings go (counted, so that nothing is optimised away).
struct Sink {
  std::size_t strings = 0, bytes = 0;
  void take(std::string_view s) {
    ++strings;
    bytes += s.size();
  }
};

[[noreturn]] void bad(const char* what) { throw std::runtime_error(what); }

// R is an adapter over one reader's tree: each_member(v, f(key, value)), each_elem(v, f(value)),
// str(v). Each adapter throws on a value of the wrong type.
template <class R, class V>
void extract(R& r, V&& root, Sink& sink) {
  auto all_strings = [&](auto&& obj) { r.each_member(obj, [&](std::string_view, auto&& f) { sink.take(r.str(f)); }); };
  r.each_member(root, [&](std::string_view key, auto&& v) {
    if (key == "id" || key == "kind" || key == "name" || key == "producer") {
      sink.take(r.str(v));
    } else if (key == "producer_as_published" || key == "modality") {
      r.each_elem(v, [&](auto&& e) { sink.take(r.str(e)); });
    } else if (key == "aliases" || key == "links" || key == "sources") {
      r.each_elem(v, all_strings);
    } else if (key == "mof") {
      r.each_member(v, [&](std::string_view k, auto&& f) {
        if (k == "components") r.each_elem(f, all_strings);
      });
    }
  });
}

// ---- The readers ---------------------------------------------------------------------------

namespace lite = openness::json_nodes;

// json_nodes: a node's children follow it; the next sibling of node k is nodes[k].end.
struct LiteAdapter {
  const std::vector<lite::Node>* nodes;
  const lite::Node& at(std::uint32_t i) const { return (*nodes)[i]; }
  template <class F>
  void each_member(std::uint32_t i, F&& f) const {
    if (at(i).type != lite::Type::Object) bad("expected an object");
    for (std::uint32_t k = i + 1; k < at(i).end; k = at(k).end) f(at(k).key, k);
  }
  template <class F>
  void each_elem(std::uint32_t i, F&& f) const {
    if (at(i).type != lite::Type::Array) bad("expected an array");
    for (std::uint32_t k = i + 1; k < at(i).end; k = at(k).end) f(k);
  }
  std::string_view str(std::uint32_t i) const {
    if (at(i).type != lite::Type::String) bad("expected a string");
    return at(i).str;
  }
};

void run_json_nodes(const Corpus& c, bool do_extract, Sink& sink) {
  std::vector<lite::Node> nodes;
  lite::StringArena arena;
  lite::Error err;
  LiteAdapter a{&nodes};
  for (std::string_view text : c.records) {
    arena.reset();
    // As the loader reads: in place where the bytes after a text may be read and begin with
    // whitespace (a JSON Lines file), else from a padded copy (a bundled record).
    const auto readable = static_cast<std::size_t>(c.buffer_end - (text.data() + text.size()));
    if (!lite::parse_document(text, nodes, arena, err, {}, readable)) bad("json_nodes: parse error");
    if (do_extract)
      extract(a, std::uint32_t{0}, sink);
    else
      sink.strings += nodes.size();
  }
}

struct NlohmannAdapter {
  template <class F>
  void each_member(const nlohmann::json& j, F&& f) const {
    if (!j.is_object()) bad("expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) f(std::string_view(it.key()), *it);
  }
  template <class F>
  void each_elem(const nlohmann::json& j, F&& f) const {
    if (!j.is_array()) bad("expected an array");
    for (const auto& e : j) f(e);
  }
  std::string_view str(const nlohmann::json& j) const {
    if (!j.is_string()) bad("expected a string");
    return j.get_ref<const std::string&>();
  }
};

void run_nlohmann(const Corpus& c, bool do_extract, Sink& sink) {
  NlohmannAdapter a;
  for (std::string_view text : c.records) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end());
    if (do_extract)
      extract(a, j, sink);
    else
      sink.strings += j.size();
  }
}

// simdjson needs SIMDJSON_PADDING readable bytes after a text (of any value): the records are
// parsed in place when the buffer they live in has them (always, here), else from a copy.
struct Padded {
  std::string copy;
  simdjson::padded_string_view view(std::string_view text, const char* buffer_end) {
    const auto spare = static_cast<std::size_t>(buffer_end - (text.data() + text.size()));
    if (spare >= simdjson::SIMDJSON_PADDING)
      return simdjson::padded_string_view(text.data(), text.size(), text.size() + spare);
    copy.assign(text);
    copy.resize(text.size() + simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(copy.data(), text.size(), copy.size());
  }
};

struct DomAdapter {
  template <class F>
  void each_member(simdjson::dom::element v, F&& f) const {
    simdjson::dom::object o;
    if (v.get_object().get(o)) bad("expected an object");
    for (auto field : o) f(field.key, field.value);
  }
  template <class F>
  void each_elem(simdjson::dom::element v, F&& f) const {
    simdjson::dom::array arr;
    if (v.get_array().get(arr)) bad("expected an array");
    for (auto e : arr) f(e);
  }
  std::string_view str(simdjson::dom::element v) const {
    std::string_view s;
    if (v.get_string().get(s)) bad("expected a string");
    return s;
  }
};

void run_simdjson_dom(const Corpus& c, bool do_extract, Sink& sink) {
  simdjson::dom::parser parser;
  Padded pad;
  DomAdapter a;
  for (std::string_view text : c.records) {
    const auto in = pad.view(text, c.buffer_end);
    simdjson::dom::element root;
    if (parser.parse(in.data(), in.size(), false).get(root)) bad("simdjson dom: parse error");
    if (do_extract)
      extract(a, root, sink);
    else
      sink.strings += 1;
  }
}

// On-Demand: a forward-only cursor, no tree; values are read in document order, the rest skipped.
struct OndemandAdapter {
  template <class V, class F>
  void each_member(V&& v, F&& f) const {
    simdjson::ondemand::object o;
    if (v.get_object().get(o)) bad("expected an object");
    for (auto member : o) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) bad("simdjson ondemand: bad member");
      f(key, field.value());
    }
  }
  template <class F>
  void each_elem(simdjson::ondemand::value& v, F&& f) const {
    simdjson::ondemand::array arr;
    if (v.get_array().get(arr)) bad("expected an array");
    for (auto e : arr) {
      simdjson::ondemand::value val;
      if (e.get(val)) bad("simdjson ondemand: bad element");
      f(val);
    }
  }
  std::string_view str(simdjson::ondemand::value& v) const {
    std::string_view s;
    if (v.get_string().get(s)) bad("expected a string");
    return s;
  }
};

void run_simdjson_ondemand(const Corpus& c, bool do_extract, Sink& sink) {
  if (!do_extract) bad("simdjson ondemand builds no tree: extract mode only");
  simdjson::ondemand::parser parser;
  Padded pad;
  OndemandAdapter a;
  for (std::string_view text : c.records) {
    simdjson::ondemand::document doc;
    if (parser.iterate(pad.view(text, c.buffer_end)).get(doc)) bad("simdjson ondemand: parse error");
    extract(a, doc, sink);
  }
}

// The server's own path: the load at start (lazy: the bundle's header and index, no record parsed),
void run_server_load(const Corpus&, bool, Sink& sink) { sink.strings += openness::load_dataset()->size(); }

// ... then every record parsed and converted into a Record (and kept), as the first search does.
void run_server_all(const Corpus&, bool, Sink& sink) {
  auto ds = openness::load_dataset();
  for (const auto& r : *ds) sink.take(r.id);
}

struct Reader {
  const char* name;
  void (*run)(const Corpus&, bool, Sink&);
  bool has_parse, bundled_only;
  const char* extract_label = "extract";  // what the table calls the extract mode
};
const Reader kReaders[] = {
    {"server: json_nodes (simdjson 3.0 ondemand)", run_json_nodes, true, false},
    {"nlohmann/json 3.11", run_nlohmann, true, false},
    {"simdjson 3.0 dom", run_simdjson_dom, true, false},
    {"simdjson 3.0 ondemand", run_simdjson_ondemand, false, false},
    {"server: load_dataset()", run_server_load, false, true, "lazy load only"},
    {"server: load_dataset(), every record", run_server_all, false, true, "parse + Record"},
};

// ---- One measurement (a child process) -----------------------------------------------------

int measure_one(const Reader& reader, bool do_extract, const std::string& synthetic) {
  const Corpus c = synthetic.empty() ? bundled_corpus() : synthetic_corpus(synthetic);
  volatile unsigned char touch = 0;  // bring every text page in before the baseline
  for (std::string_view t : c.records)
    for (std::size_t i = 0; i < t.size(); i += 64) touch = touch + static_cast<unsigned char>(t[i]);
  std::ofstream("/proc/self/clear_refs") << "5";  // reset VmHWM to the current VmRSS
  const long base = openness::bench::status_kib("VmRSS:");
  Sink sink;
  timespec c0{}, c1{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  const auto t0 = Clock::now();
  reader.run(c, do_extract, sink);
  const auto t1 = Clock::now();
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  const long peak = openness::bench::status_kib("VmHWM:");
  const double cpu_ms = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
  std::printf("%.3f %.3f %ld %zu %zu\n", cpu_ms, std::chrono::duration<double, std::milli>(t1 - t0).count(),
              peak - base, sink.strings, sink.bytes);
  return 0;
}

// ---- The driver ----------------------------------------------------------------------------

struct Sample {
  double cpu_ms, ms;
  long kib;
  std::size_t strings, bytes;  // what the pass extracted (or counted), to compare the readers
};

Sample spawn_one(const std::string& reader, const char* mode, const std::string& synthetic) {
  int fd[2];
  if (::pipe(fd) != 0) bad("pipe");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fd[1], 1);
    ::close(fd[0]);
    ::close(fd[1]);
    std::vector<const char*> argv = {"openness-json-bench", "--one", reader.c_str(), mode};
    if (!synthetic.empty()) argv.push_back(synthetic.c_str());
    argv.push_back(nullptr);
    ::execv("/proc/self/exe", const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  ::close(fd[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = ::read(fd[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Sample s{};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      std::sscanf(out.c_str(), "%lf %lf %ld %zu %zu", &s.cpu_ms, &s.ms, &s.kib, &s.strings, &s.bytes) != 5)
    bad(("child failed: " + reader + " " + mode).c_str());
  return s;
}

// The first line of a file that starts with `prefix` (the part after "prefix: " if one is given).
std::string first_line(const char* path, const char* prefix = "") {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    const std::size_t colon = line.find(": ");
    return *prefix && colon != std::string::npos ? line.substr(colon + 2) : line;
  }
  return "?";
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  return b;
}

int drive(const std::string& synthetic, int runs, int runs_large) {
  struct Cell {
    const Reader* reader;
    const char* mode;
    bool large;
    std::vector<Sample> samples;
  };
  std::vector<Cell> cells;
  for (bool large : {false, true}) {
    if (large && synthetic.empty()) continue;
    for (const Reader& r : kReaders)
      for (const char* mode : {"parse", "extract"}) {
        if ((std::strcmp(mode, "parse") == 0 && !r.has_parse) || (large && r.bundled_only)) continue;
        cells.push_back({&r, mode, large, {}});
      }
  }
  utsname u{};
  ::uname(&u);
  std::printf("machine: %ld CPUs online, %s, Linux %s; simdjson: dom %s, ondemand %s\n",
              ::sysconf(_SC_NPROCESSORS_ONLN), first_line("/proc/cpuinfo", "model name").c_str(), u.release,
              simdjson::get_active_implementation()->name().c_str(),
              simdjson::builtin_implementation()->name().c_str());
  std::printf("load average before: %s\n", first_line("/proc/loadavg").c_str());
  for (int run = 0; run < std::max(runs, runs_large); ++run)  // interleaved: noise spreads over all cells
    for (Cell& c : cells) {
      if (run >= (c.large ? runs_large : runs)) continue;
      c.samples.push_back(spawn_one(c.reader->name, c.mode, c.large ? synthetic : std::string()));
      std::fprintf(stderr, ".");
    }
  std::fprintf(stderr, "\n");
  std::printf("load average after:  %s\n", first_line("/proc/loadavg").c_str());
  auto describe = [](const Corpus& c) {
    std::size_t bytes = 0;
    for (std::string_view t : c.records) bytes += t.size();
    return std::to_string(c.records.size()) + " records, " + fmt(static_cast<double>(bytes) / (1 << 20)) + " MiB";
  };
  std::printf("\nbundled: %s (minified), %d runs each\n", describe(bundled_corpus()).c_str(), runs);
  if (!synthetic.empty())
    std::printf("synthetic: %s, %s, %d runs each\n", synthetic.c_str(), describe(synthetic_corpus(synthetic)).c_str(),
                runs_large);
  // Every reader must have extracted the same strings (count and bytes) from a dataset.
  for (bool large : {false, true}) {
    const Sample* ref = nullptr;
    for (const Cell& c : cells) {
      if (c.large != large || std::strcmp(c.mode, "extract") != 0 || c.reader->bundled_only) continue;
      const Sample& s = c.samples.front();
      if (!ref) {
        ref = &s;
        std::printf("%s: every reader extracted %zu strings, %zu bytes\n", large ? "synthetic" : "bundled", s.strings,
                    s.bytes);
      } else if (s.strings != ref->strings || s.bytes != ref->bytes) {
        std::printf("MISMATCH: %s extracted %zu strings, %zu bytes\n", c.reader->name, s.strings, s.bytes);
      }
    }
  }
  std::printf("\n");
  std::printf("CPU ms: the pass's process CPU time; wall ms: its elapsed time (a shared machine: wall >= CPU).\n");
  std::printf("RSS: peak RSS added by the pass (VmHWM after - VmRSS before), MiB. Medians over runs, (min-max).\n\n");
  std::printf("| reader | mode | bundled: CPU ms | wall ms | RSS | synthetic: CPU ms | wall ms | RSS |\n");
  std::printf("|---|---|--:|--:|--:|--:|--:|--:|\n");
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  auto columns = [&](const Cell* c) -> std::string {
    if (!c) return "– | – | –";
    std::vector<double> cpu, wall, mib;
    for (const Sample& s : c->samples) {
      cpu.push_back(s.cpu_ms);
      wall.push_back(s.ms);
      mib.push_back(static_cast<double>(s.kib) / 1024);
    }
    const auto [lo, hi] = std::minmax_element(cpu.begin(), cpu.end());
    return fmt(median(cpu)) + " (" + fmt(*lo) + "–" + fmt(*hi) + ") | " + fmt(median(wall)) + " | " + fmt(median(mib));
  };
  for (const Cell& c : cells) {
    if (c.large) continue;
    const Cell* big = nullptr;
    for (const Cell& d : cells)
      if (d.large && d.reader == c.reader && std::strcmp(d.mode, c.mode) == 0) big = &d;
    const bool extract = std::strcmp(c.mode, "extract") == 0;
    std::printf("| %s | %s | %s | %s |\n", c.reader->name, extract ? c.reader->extract_label : c.mode,
                columns(&c).c_str(), columns(big).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 3 && args[0] == "--one") {
      for (const Reader& r : kReaders)
        if (args[1] == r.name) return measure_one(r, args[2] == "extract", args.size() > 3 ? args[3] : "");
      bad("unknown reader");
    }
    std::string synthetic;
    int runs = 15, runs_large = 5;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--synthetic" && i + 1 < args.size())
        synthetic = args[++i];
      else if (args[i] == "--runs" && i + 1 < args.size())
        runs = std::max(1, std::atoi(args[++i].c_str()));
      else if (args[i] == "--runs-large" && i + 1 < args.size())
        runs_large = std::max(1, std::atoi(args[++i].c_str()));
      else {
        std::fprintf(stderr, "usage: openness-json-bench [--synthetic FILE.jsonl] [--runs N] [--runs-large N]\n");
        return 2;
      }
    }
    return drive(synthetic, runs, runs_large);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "openness-json-bench: %s\n", e.what());
    return 1;
  }
}
