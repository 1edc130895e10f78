#include "reader.h"

#include <algorithm>

namespace openness::detail {

std::string render_pointer(const PathNode* p) {
  std::vector<const PathNode*> chain;
  for (; p; p = p->parent) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out.push_back('/');
    if ((*it)->is_index)
      out += std::to_string((*it)->index);
    else
      out += json_nodes::pointer_token((*it)->key);
  }
  return out;
}

bool Val::has(std::string_view key) const {
  expect(json_nodes::Type::Object);
  const auto& nodes = *ctx_->nodes;
  for (std::uint32_t i = idx_ + 1; i < node().end; i = nodes[i].end)
    if (nodes[i].key == key) return true;
  return false;
}

Val Val::at(std::string_view key) const {
  expect(json_nodes::Type::Object);
  const auto& nodes = *ctx_->nodes;
  for (std::uint32_t i = idx_ + 1; i < node().end; i = nodes[i].end)
    if (nodes[i].key == key) return Val(*ctx_, i, path_);
  fail("missing required member \"" + std::string(key) + "\"");
}

void parse_or_throw(std::string_view text, std::string_view file, std::vector<json_nodes::Node>& nodes,
                    json_nodes::StringArena& arena) {
  json_nodes::Error err;
  if (!json_nodes::parse_document(text, nodes, arena, err)) {
    auto [line, col] = json_nodes::line_col(text, err.offset);
    throw DataError(
        std::string(file), err.pointer,
        "invalid JSON: " + err.message + " (line " + std::to_string(line) + ", column " + std::to_string(col) + ")");
  }
}

namespace {
bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

bool valid_date(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!digits(s.substr(0, 4))) return false;
  if (s.size() >= 7) {
    if (s[4] != '-' || !digits(s.substr(5, 2))) return false;
    int m = num(s.substr(5, 2));
    if (m < 1 || m > 12) return false;
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !digits(s.substr(8, 2))) return false;
    int d = num(s.substr(8, 2));
    if (d < 1 || d > 31) return false;
  }
  return true;
}

bool valid_full_date(std::string_view s) { return s.size() == 10 && valid_date(s); }

}  // namespace openness::detail
