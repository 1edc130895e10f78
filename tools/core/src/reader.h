// Internal: typed walking of json_nodes nodes (simdjson-read JSON) with JSON-pointer tracking, throwing DataError.
#pragma once
#include <openness/errors.h>
#include <openness/json_nodes.h>

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace openness::detail {

struct PathNode {
  const PathNode* parent;
  std::string_view key;
  std::size_t index;
  bool is_index;
};

std::string render_pointer(const PathNode* p);

struct Ctx {
  std::string_view file;
  const std::vector<json_nodes::Node>* nodes;
};

class Val {
 public:
  Val(const Ctx& ctx, std::uint32_t idx, const PathNode* path) : ctx_(&ctx), idx_(idx), path_(path) {}

  const json_nodes::Node& node() const { return (*ctx_->nodes)[idx_]; }
  json_nodes::Type type() const { return node().type; }
  bool is_null() const { return type() == json_nodes::Type::Null; }

  std::string pointer() const { return render_pointer(path_); }

  [[noreturn]] void fail(const std::string& msg) const {
    throw DataError(std::string(ctx_->file), render_pointer(path_), msg);
  }

  void expect(json_nodes::Type t) const {
    if (type() != t)
      fail(std::string("expected ") + json_nodes::type_name(t) + ", found " + json_nodes::type_name(type()));
  }

  std::string_view str() const {
    expect(json_nodes::Type::String);
    return node().str;
  }
  // A non-empty string of at most max_len bytes.
  std::string_view text(std::size_t max_len = 4096) const {
    auto s = str();
    if (s.empty()) fail("must not be empty");
    if (s.size() > max_len) fail("longer than " + std::to_string(max_len) + " bytes");
    return s;
  }
  bool boolean() const {
    if (type() == json_nodes::Type::True) return true;
    if (type() == json_nodes::Type::False) return false;
    fail(std::string("expected boolean, found ") + json_nodes::type_name(type()));
  }
  double number() const {
    expect(json_nodes::Type::Number);
    double v = 0;
    auto s = node().str;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) fail("number out of range");
    return v;
  }
  std::size_t size() const { return node().count; }

  template <class F>
  void each_member(F&& f) const {
    expect(json_nodes::Type::Object);
    const auto& nodes = *ctx_->nodes;
    std::uint32_t i = idx_ + 1;
    const std::uint32_t end = node().end;
    while (i < end) {
      PathNode p{path_, nodes[i].key, 0, false};
      f(nodes[i].key, Val(*ctx_, i, &p));
      i = nodes[i].end;
    }
  }

  template <class F>
  void each_elem(F&& f) const {
    expect(json_nodes::Type::Array);
    const auto& nodes = *ctx_->nodes;
    std::uint32_t i = idx_ + 1;
    const std::uint32_t end = node().end;
    std::size_t k = 0;
    while (i < end) {
      PathNode p{path_, {}, k, true};
      f(Val(*ctx_, i, &p));
      i = nodes[i].end;
      ++k;
    }
  }

  // Member lookup (linear; objects here are small).
  bool has(std::string_view key) const;
  Val at(std::string_view key) const;  // fails if missing

  [[noreturn]] void unknown_member(std::string_view key) const {
    PathNode p{path_, key, 0, false};
    throw DataError(std::string(ctx_->file), render_pointer(&p), "unknown member (not in the schema)");
  }

 private:
  const Ctx* ctx_;
  std::uint32_t idx_;
  const PathNode* path_;
};

// Parses `text` into nodes; on a syntax error throws DataError with the pointer, line and column.
void parse_or_throw(std::string_view text, std::string_view file, std::vector<json_nodes::Node>& nodes,
                    json_nodes::StringArena& arena);

// True if s matches YYYY, YYYY-MM or YYYY-MM-DD with plausible month/day.
bool valid_date(std::string_view s);
bool valid_full_date(std::string_view s);  // YYYY-MM-DD only

}  // namespace openness::detail
