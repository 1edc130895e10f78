// openness-floor-answer: a canned-answer floor over stdio, like the harness's floor-stdio, but its
// tools/call answer is a real one: the response line in FILE (as openness-mcp wrote it), with the
// request's id put in. So the stdio run of this program costs what the pipe and the client's
// checks cost for an answer of that size, and nothing else.
//
//   openness-floor-answer FILE
//
// Reads newline-delimited JSON-RPC; answers every line that has an id: "initialize" with a fixed
// result, anything else with FILE's "result". Lines without an id get no answer.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

void write_all(const char* p, std::size_t n) {
  while (n) {
    const ssize_t w = ::write(1, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      _exit(0);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Skips one JSON value's text starting at s[i] (strings, and nested brackets, counted).
std::size_t skip_value(std::string_view s, std::size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      if (depth == 0) return i + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth == 0 && (c == ',')) {
      return i;
    }
  }
  return i;
}

// The raw text of a top-level member of a JSON object, or "" when absent.
std::string_view member(std::string_view obj, std::string_view key) {
  std::size_t i = obj.find('{');
  if (i == std::string_view::npos) return {};
  ++i;
  while (i < obj.size()) {
    while (i < obj.size() && (obj[i] == ' ' || obj[i] == ',' || obj[i] == '\t')) ++i;
    if (i >= obj.size() || obj[i] != '"') return {};
    const std::size_t k0 = i + 1, k1 = obj.find('"', k0);
    if (k1 == std::string_view::npos) return {};
    i = obj.find(':', k1) + 1;
    while (i < obj.size() && obj[i] == ' ') ++i;
    const std::size_t v1 = skip_value(obj, i);
    if (obj.substr(k0, k1 - k0) == key) return obj.substr(i, v1 - i);
    i = v1;
  }
  return {};
}

constexpr std::string_view kInit = R"("result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},)"
                                   R"("serverInfo":{"name":"openness-floor-answer","version":"0.1"}}})";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: openness-floor-answer FILE  (FILE: one JSON-RPC response line with a result)\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string answer = ss.str();
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) answer.pop_back();
  const std::string_view result = member(answer, "result");
  if (result.empty()) {
    std::fprintf(stderr, "openness-floor-answer: %s holds no response with a result\n", argv[1]);
    return 2;
  }
  const std::string call_tail = "\"result\":" + std::string(result) + "}\n";

  std::string buf, out;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t r = ::read(0, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return 0;
    buf.append(chunk, static_cast<std::size_t>(r));
    std::size_t start = 0;
    for (;;) {
      const std::size_t nl = buf.find('\n', start);
      if (nl == std::string::npos) break;
      const std::string_view line = std::string_view(buf).substr(start, nl - start);
      start = nl + 1;
      const std::string_view id = member(line, "id");
      if (id.empty()) continue;  // a notification
      out.assign(R"({"jsonrpc":"2.0","id":)");
      out.append(id);
      out.push_back(',');
      if (member(line, "method") == "\"initialize\"") {
        out.append(kInit);
        out.push_back('\n');
      } else {
        out.append(call_tail);
      }
      write_all(out.data(), out.size());
    }
    buf.erase(0, start);
  }
}
