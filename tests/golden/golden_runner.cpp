// Golden transcripts: drive a real server binary over stdio, line by line, and compare each reply
// with the expected one.
//
// A transcript file holds lines of three kinds:
//   # comment
//   > <one line sent to the server's stdin, verbatim>
//   < <one JSON message expected next on its stdout>
// After the last line the runner closes stdin and expects the server to exit 0 with nothing more
// on stdout. Expected JSON matches the actual JSON exactly, except that the string "<any>" matches
// any value and "<string>" any string; object keys may come in any order. Bytes that a text file
// cannot hold verbatim are spelled out in "> " lines (see expand() below: {{CR}}, {{NUL}},
// {{HEX:..}}, {{PAD:n}}, {{REP:n:text}}).
// Every line the server writes must be one JSON-RPC 2.0 message (stdout purity).
//
// Usage: golden_runner <server binary> <transcript>... (server args via GOLDEN_ARGS, space-separated)
// GOLDEN_UPDATE=1 rewrites the "<" lines with what the server actually sent.
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using Json = nlohmann::json;

struct Child {
  pid_t pid = -1;
  int in = -1;   // we write
  int out = -1;  // we read
  std::string buf;
};

bool spawn(const std::string& binary, const std::vector<std::string>& args, Child& c) {
  int to[2], from[2];
  if (::pipe(to) || ::pipe(from)) return false;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from[1], 1);
  posix_spawn_file_actions_addclose(&fa, to[1]);
  posix_spawn_file_actions_addclose(&fa, from[0]);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int rc = posix_spawn(&c.pid, binary.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(to[0]);
  ::close(from[1]);
  c.in = to[1];
  c.out = from[0];
  return rc == 0;
}

// Reads one line; "" on timeout or EOF (eof set).
std::string read_line(Child& c, int timeout_ms, bool& eof) {
  eof = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (auto nl = c.buf.find('\n'); nl != std::string::npos) {
      std::string line = c.buf.substr(0, nl);
      c.buf.erase(0, nl + 1);
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return "";
    pollfd p{c.out, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return "";
    char tmp[65536];
    const ssize_t n = ::read(c.out, tmp, sizeof tmp);
    if (n <= 0) {
      eof = true;
      if (!c.buf.empty()) {
        std::string rest;
        rest.swap(c.buf);
        return rest;
      }
      return "";
    }
    c.buf.append(tmp, static_cast<std::size_t>(n));
  }
}

// Bytes a transcript cannot hold verbatim are spelled out:
//   {{CR}} a carriage return      {{NUL}} a NUL byte      {{HEX:c328}} raw bytes (invalid UTF-8)
//   {{PAD:n}} n times 'x'         {{REP:n:text}} n times `text` (deep nesting: {{REP:100000:[}})
//   {{REPHEX:n:7d}} n times the bytes given in hex (for text holding "}}")
bool expand(const std::string& line, std::string& out) {
  out.clear();
  for (std::size_t pos = 0; pos < line.size();) {
    const auto open = line.find("{{", pos);
    if (open == std::string::npos) {
      out.append(line, pos, std::string::npos);
      break;
    }
    out.append(line, pos, open - pos);
    const auto close = line.find("}}", open + 2);
    if (close == std::string::npos) {  // "{{" that opens no substitution: the text as it is
      out.append(line, open, std::string::npos);
      break;
    }
    const std::string what = line.substr(open + 2, close - open - 2);
    pos = close + 2;
    if (what == "CR") {
      out += '\r';
    } else if (what == "NUL") {
      out += '\0';
    } else if (what.rfind("HEX:", 0) == 0) {
      const std::string hex = what.substr(4);
      if (hex.empty() || hex.size() % 2) return false;
      for (std::size_t k = 0; k < hex.size(); k += 2)
        out += static_cast<char>(std::stoi(hex.substr(k, 2), nullptr, 16));
    } else if (what.rfind("PAD:", 0) == 0) {
      out.append(std::stoul(what.substr(4)), 'x');
    } else if (what.rfind("REP:", 0) == 0 || what.rfind("REPHEX:", 0) == 0) {
      const bool hex = what[3] == 'H';
      const std::size_t at = hex ? 7 : 4;
      const auto colon = what.find(':', at);
      if (colon == std::string::npos) return false;
      const std::size_t n = std::stoul(what.substr(at, colon - at));
      std::string text = what.substr(colon + 1);
      if (hex) {
        if (text.empty() || text.size() % 2) return false;
        std::string bytes;
        for (std::size_t k = 0; k < text.size(); k += 2)
          bytes += static_cast<char>(std::stoi(text.substr(k, 2), nullptr, 16));
        text = bytes;
      }
      out.reserve(out.size() + n * text.size());
      for (std::size_t k = 0; k < n; ++k) out += text;
    } else {
      out.append(line, open, pos - open);  // not a substitution: the text as it is
    }
  }
  return true;
}

bool matches(const Json& expected, const Json& actual, std::string& where) {
  if (expected.is_string()) {
    if (expected == "<any>") return true;
    if (expected == "<string>") return actual.is_string();
  }
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k)) {
        where += "/" + k + " (missing)";
        return false;
      }
      std::string sub = where + "/" + k;
      if (!matches(v, actual.at(k), sub)) {
        where = sub;
        return false;
      }
    }
    for (const auto& [k, _] : actual.items())
      if (!expected.contains(k)) {
        where += "/" + k + " (unexpected)";
        return false;
      }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      std::string sub = where + "/" + std::to_string(i);
      if (!matches(expected[i], actual[i], sub)) {
        where = sub;
        return false;
      }
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>();
  return expected == actual;
}

bool is_jsonrpc_message(const Json& j) {
  auto one = [](const Json& m) { return m.is_object() && m.value("jsonrpc", "") == "2.0"; };
  if (j.is_array()) {
    for (const auto& m : j)
      if (!one(m)) return false;
    return !j.empty();
  }
  return one(j);
}

int run(const std::string& binary, const std::vector<std::string>& args, const std::string& path, bool update) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return 1;
  }
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);

  Child c;
  if (!spawn(binary, args, c)) {
    std::cerr << path << ": cannot start " << binary << "\n";
    return 1;
  }
  int failures = 0;
  std::vector<std::string> out_lines;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("> ", 0) == 0) {
      std::string data;
      if (!expand(l.substr(2), data)) {
        std::cerr << path << ":" << i + 1 << ": bad {{...}} substitution\n";
        return 1;
      }
      data += "\n";
      for (std::size_t off = 0; off < data.size();) {
        const ssize_t n = ::write(c.in, data.data() + off, data.size() - off);
        if (n <= 0) {
          std::cerr << path << ":" << i + 1 << ": write failed\n";
          return 1;
        }
        off += static_cast<std::size_t>(n);
      }
      out_lines.push_back(l);
    } else if (l.rfind("< ", 0) == 0) {
      bool eof = false;
      const std::string got = read_line(c, 10000, eof);
      Json actual = Json::parse(got, nullptr, false);
      if (got.empty() || actual.is_discarded() || !is_jsonrpc_message(actual)) {
        std::cerr << path << ":" << i + 1 << ": expected a JSON-RPC message, got: " << got.substr(0, 300) << "\n";
        ++failures;
        out_lines.push_back(l);
        continue;
      }
      out_lines.push_back("< " + actual.dump());
      const Json expected = Json::parse(l.substr(2), nullptr, false);
      if (expected.is_discarded()) {
        std::cerr << path << ":" << i + 1 << ": the expected line is not JSON\n";
        ++failures;
        continue;
      }
      std::string where;
      if (!update && !matches(expected, actual, where)) {
        std::cerr << path << ":" << i + 1 << ": mismatch at " << (where.empty() ? "/" : where)
                  << "\n  expected: " << expected.dump() << "\n  actual:   " << actual.dump() << "\n";
        ++failures;
      }
    } else {
      out_lines.push_back(l);
    }
  }
  ::close(c.in);
  // After EOF on stdin: no further output, exit status 0.
  for (;;) {
    bool eof = false;
    const std::string extra = read_line(c, 5000, eof);
    if (!extra.empty()) {
      std::cerr << path << ": unexpected extra output: " << extra.substr(0, 300) << "\n";
      ++failures;
      continue;
    }
    if (eof || extra.empty()) break;
  }
  int status = 0;
  for (int waited = 0; waited < 5000; waited += 10) {
    const pid_t r = ::waitpid(c.pid, &status, WNOHANG);
    if (r == c.pid) break;
    if (waited + 10 >= 5000) {
      std::cerr << path << ": server did not exit within 5 s of EOF\n";
      ::kill(c.pid, SIGKILL);
      ::waitpid(c.pid, &status, 0);
      return failures + 1;
    }
    ::usleep(10000);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << path << ": server exit status " << status << " (expected 0)\n";
    ++failures;
  }
  ::close(c.out);
  if (update) {
    std::ofstream o(path);
    for (const auto& l : out_lines) o << l << "\n";
  }
  std::cout << (failures ? "FAIL " : "ok   ") << path << "\n";
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: golden_runner <server binary> <transcript>...\n";
    return 2;
  }
  (void)std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args;
  if (const char* a = std::getenv("GOLDEN_ARGS")) {
    std::istringstream s(a);
    for (std::string w; s >> w;) args.push_back(w);
  }
  const bool update = std::getenv("GOLDEN_UPDATE") != nullptr;
  int failures = 0;
  for (int i = 2; i < argc; ++i) failures += run(argv[1], args, argv[i], update);
  return failures == 0 ? 0 : 1;
}
