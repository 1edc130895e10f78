#include <openness/json_nodes.h>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

namespace openness::json_nodes {

static_assert(kPadding == simdjson::SIMDJSON_PADDING, "json_nodes::kPadding must be simdjson's padding");

namespace {

namespace od = simdjson::ondemand;

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool json_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// The per-thread simdjson parser, and a padded buffer for texts without readable bytes after them.
struct Reader {
  od::parser parser;
  std::unique_ptr<char[]> buf;
  std::size_t cap = 0;

  const char* padded_copy(std::string_view s) {
    if (cap < s.size() + kPadding) {
      cap = s.size() + kPadding;
      buf = std::make_unique_for_overwrite<char[]>(cap);
    }
    std::memcpy(buf.get(), s.data(), s.size());
    std::memset(buf.get() + s.size(), 0, kPadding);
    return buf.get();
  }
  // A big text's buffers are not kept for the thread's life.
  void trim() {
    constexpr std::size_t kKeep = std::size_t{1} << 20;
    if (cap > kKeep) {
      buf.reset();
      cap = 0;
    }
    if (parser.capacity() > kKeep) parser = od::parser{};
  }
};

Reader& reader() {
  thread_local Reader r;
  return r;
}

struct Frame {
  std::string_view key;
  std::uint32_t count;
  bool object;
};

// Builds the nodes of one value that simdjson iterates in `buf`; `orig` holds the same bytes at the
// same offsets in the caller's text, which unescaped strings and numbers view.
class Builder {
 public:
  Builder(std::vector<Node>& out, StringArena& arena, const Limits& lim) : out_(out), arena_(arena), lim_(lim) {}

  // Parses buf[0, len) (kPadding readable bytes after it); on success, `end` is where the value ends.
  bool run(const char* buf, const char* orig, std::size_t len, std::size_t& end) {
    buf_ = buf;
    orig_ = orig;
    at_ = 0;
    code_ = simdjson::SUCCESS;
    invalid_ = false;
    out_.clear();
    stack_.clear();
    od::document doc;
    if (auto e = reader().parser.iterate(buf, len, len + kPadding).get(doc)) return simd(e);
    if (!any(doc, {}, 0)) return false;
    if (out_[0].type == Type::Object || out_[0].type == Type::Array) {
      // A container ends just before the next token, if any.
      const char* next = buf + len;
      auto loc = doc.current_location();
      if (!loc.error()) next = loc.value_unsafe();
      while (next > buf && is_ws(next[-1])) --next;
      end_ = static_cast<std::size_t>(next - buf);
    }
    end = end_;
    return true;
  }

  bool invalid() const { return invalid_; }  // the builder's own finding (else simdjson's code)

  void report(Error& err, std::size_t base) const {
    err.offset = base + at_;
    err.message = invalid_ ? message_ : std::string(simdjson::error_message(code_));
    std::string p;
    for (const Frame& f : stack_) {
      p.push_back('/');
      if (f.object)
        p += pointer_token(f.key);
      else
        p += std::to_string(f.count == 0 ? 0 : f.count - 1);
    }
    err.pointer = std::move(p);
  }

 private:
  void at(const char* p) { at_ = static_cast<std::size_t>(p - buf_); }
  bool fail(const char* p, std::string msg) {
    at(p);
    invalid_ = true;
    message_ = std::move(msg);
    return false;
  }
  bool simd(simdjson::error_code e) {
    code_ = e;
    return false;
  }
  std::string_view view(std::string_view s) const { return {orig_ + (s.data() - buf_), s.size()}; }

  // One value (od::value, or the document itself at the root) and everything inside it.
  template <class V>
  bool any(V& v, std::string_view key, std::size_t depth) {
    std::string_view tok;
    if (auto e = simdjson::simdjson_result<std::string_view>(v.raw_json_token()).get(tok)) return simd(e);
    at(tok.data());
    if (tok.empty()) return fail(tok.data(), "unexpected end of input, expected a value");
    if (out_.size() >= lim_.max_nodes) return fail(tok.data(), "too many values");
    const auto idx = static_cast<std::uint32_t>(out_.size());
    out_.push_back(Node{key, {}, idx + 1, 0, Type::Null});
    if (tok[0] == '{' || tok[0] == '[') {
      if (depth >= lim_.max_depth) return fail(tok.data(), "nesting deeper than " + std::to_string(lim_.max_depth));
      if (tok[0] == '{') {
        od::object obj;
        if (auto e = v.get_object().get(obj)) return simd(e);
        out_[idx].type = Type::Object;
        return object(obj, idx, depth + 1);
      }
      od::array arr;
      if (auto e = v.get_array().get(arr)) return simd(e);
      out_[idx].type = Type::Array;
      return array(arr, idx, depth + 1);
    }
    if (tok[0] == '"') return string(v, trim_right(tok), idx);
    return scalar(trim_right(tok), idx);
  }

  bool object(od::object& obj, std::uint32_t idx, std::size_t depth) {
    stack_.push_back(Frame{{}, 0, true});
    for (auto member : obj) {
      od::field f;
      if (auto e = std::move(member).get(f)) return simd(e);
      std::string_view key;
      if (!member_name(f, key)) return false;
      stack_.back().key = key;
      ++stack_.back().count;
      if (!any(f.value(), key, depth)) return false;
    }
    close(idx);
    return true;
  }

  bool array(od::array& arr, std::uint32_t idx, std::size_t depth) {
    stack_.push_back(Frame{{}, 0, false});
    for (auto elem : arr) {
      od::value v;
      if (auto e = elem.get(v)) return simd(e);
      ++stack_.back().count;
      if (!any(v, {}, depth)) return false;
    }
    close(idx);
    return true;
  }

  void close(std::uint32_t idx) {
    out_[idx].end = static_cast<std::uint32_t>(out_.size());
    out_[idx].count = stack_.back().count;
    stack_.pop_back();
  }

  // simdjson checked that the name is a closed string (and its bytes UTF-8 without control characters).
  bool member_name(od::field& f, std::string_view& key) {
    const char* raw = f.key().raw();  // just past the opening quote
    at(raw - 1);
    const char* p = raw;
    while (*p != '"' && *p != '\\') ++p;
    if (*p == '"') {
      key = view(std::string_view(raw, static_cast<std::size_t>(p - raw)));
      return true;
    }
    std::string_view s;
    if (auto e = f.unescaped_key().get(s)) return simd(e);
    if (s.find('\0') != std::string_view::npos) return fail(raw - 1, "NUL character in a string");
    key = arena_.store(s);
    return true;
  }

  template <class V>
  bool string(V& v, std::string_view tok, std::uint32_t idx) {
    if (tok.size() < 2 || tok.back() != '"') return fail(tok.data(), "unterminated string");
    out_[idx].type = Type::String;
    end_ = static_cast<std::size_t>(tok.data() + tok.size() - buf_);
    const std::string_view body = tok.substr(1, tok.size() - 2);
    if (body.find('\\') == std::string_view::npos) {
      out_[idx].str = view(body);
      return true;
    }
    std::string_view s;  // in the parser's buffer, reused by the next string
    if (auto e = v.get_string().get(s)) return simd(e);
    if (s.find('\0') != std::string_view::npos) return fail(tok.data(), "NUL character in a string");
    out_[idx].str = arena_.store(s);
    return true;
  }

  bool scalar(std::string_view tok, std::uint32_t idx) {
    Node& n = out_[idx];
    if (tok == "true") {
      n.type = Type::True;
    } else if (tok == "false") {
      n.type = Type::False;
    } else if (tok == "null") {
      n.type = Type::Null;
    } else if (tok[0] == '-' || (tok[0] >= '0' && tok[0] <= '9')) {
      if (tok.size() > 64) return fail(tok.data(), "number too long");
      if (!json_number(tok)) return fail(tok.data(), "bad number");
      n.type = Type::Number;
      n.str = view(tok);
    } else if (tok[0] == 't' || tok[0] == 'f' || tok[0] == 'n') {
      return fail(tok.data(), "invalid literal (true, false or null expected)");
    } else {
      return fail(tok.data(), "unexpected character, expected a JSON value");
    }
    end_ = static_cast<std::size_t>(tok.data() + tok.size() - buf_);
    return true;
  }

  std::vector<Node>& out_;
  StringArena& arena_;
  const Limits& lim_;
  const char* buf_ = nullptr;
  const char* orig_ = nullptr;
  std::size_t at_ = 0;  // offset of the token being read
  std::size_t end_ = 0;
  simdjson::error_code code_ = simdjson::SUCCESS;
  bool invalid_ = false;
  std::string message_;
  std::vector<Frame> stack_;
};

// Parses text[begin, end) with `b`, in place when the bytes after it may be read (and the first of
// them is whitespace, as simdjson's own padding would be), else from a padded copy. On success,
// `value_end` is an offset into text.
bool run(Builder& b, std::string_view text, std::size_t begin, std::size_t end, std::size_t readable_after,
         std::size_t& value_end) {
  const std::string_view slice = text.substr(begin, end - begin);
  const bool in_place = (end == text.size() || is_ws(text[end])) && text.size() - end + readable_after >= kPadding;
  Reader& r = reader();
  const char* buf = in_place ? slice.data() : r.padded_copy(slice);
  std::size_t e = 0;
  const bool ok = b.run(buf, slice.data(), slice.size(), e);
  r.trim();
  value_end = begin + e;
  return ok;
}

// Reads text[begin, ...) again with nlohmann/json for the place and the reason of a syntax error
// that simdjson reported only as a code. False if nlohmann finds none.
class Locator : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return value(); }
  bool boolean(bool /*v*/) override { return value(); }
  bool number_integer(number_integer_t /*v*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*v*/) override { return value(); }
  bool number_float(number_float_t /*v*/, const string_t& /*s*/) override { return value(); }
  bool string(string_t& /*v*/) override { return value(); }
  bool binary(binary_t& /*v*/) override { return value(); }
  bool start_object(std::size_t /*n*/) override {
    value();
    levels_.push_back(Level{{}, 0, true, false});
    return true;
  }
  bool key(string_t& k) override {
    levels_.back().key = k;
    levels_.back().keyed = true;
    return true;
  }
  bool end_object() override { return pop(); }
  bool start_array(std::size_t /*n*/) override {
    value();
    levels_.push_back(Level{{}, 0, false, false});
    return true;
  }
  bool end_array() override { return pop(); }
  bool parse_error(std::size_t byte, const std::string& /*token*/, const nlohmann::json::exception& ex) override {
    byte_ = byte;
    what_ = ex.what();
    // A value's callback comes when it is complete: an error in an array, but not between two of
    // its elements, is in an element not yet counted.
    if (!levels_.empty() && !levels_.back().object && what_.find("while parsing array") == std::string::npos)
      ++levels_.back().count;
    return false;
  }

  static bool locate(std::string_view text, std::size_t begin, bool strict, Error& err) {
    Locator l;
    nlohmann::json::sax_parse(text.data() + begin, text.data() + text.size(), &l, nlohmann::json::input_format_t::json,
                              strict);
    if (l.what_.empty()) return false;
    err.offset = std::min(text.size(), begin + (l.byte_ > 0 ? l.byte_ - 1 : 0));
    err.message = l.message();
    err.pointer.clear();
    for (const Level& v : l.levels_) {
      if (v.object && !v.keyed) break;
      err.pointer += '/';
      err.pointer += v.object ? pointer_token(v.key) : std::to_string(v.count == 0 ? 0 : v.count - 1);
    }
    return true;
  }

 private:
  struct Level {
    std::string key;
    std::size_t count;
    bool object, keyed;
  };
  bool value() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().count;
    return true;
  }
  bool pop() {
    levels_.pop_back();
    return true;
  }
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing
  // value - invalid literal; last read: 'tru'; expected ..." without the prefix and the token (its
  // bytes may not be UTF-8), in printable ASCII.
  std::string message() const {
    std::string m = what_;
    if (auto c = m.find("column"); c != std::string::npos && m.find(": ", c) != std::string::npos)
      m.erase(0, m.find(": ", c) + 2);
    if (auto lr = m.find("; last read: '"); lr != std::string::npos) {
      const auto ex = m.rfind("'; expected ");
      m = m.substr(0, lr) + (ex != std::string::npos && ex > lr ? m.substr(ex + 1) : "");
    }
    for (char& ch : m)
      if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f) ch = '?';
    return m;
  }

  std::vector<Level> levels_;
  std::size_t byte_ = 0;
  std::string what_;
};

// Where a value that is alone on its line ends (a trailing comma left out: an array written one
// element per line). Nothing for a container that does not close there, or a line past 64 KiB.
std::optional<std::size_t> line_end(std::string_view text, std::size_t pos) {
  constexpr std::size_t kWindow = std::size_t{64} << 10;
  const auto* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', std::min(kWindow, text.size() - pos)));
  if (!nl && text.size() - pos > kWindow) return std::nullopt;
  const std::size_t eol = nl ? static_cast<std::size_t>(nl - text.data()) : text.size();
  std::string_view line = trim_right(text.substr(pos, eol - pos));
  if (line.size() > 1 && line.back() == ',') line = trim_right(line.substr(0, line.size() - 1));
  const char first = line.front(), last = line.back();
  if ((first == '{' && last != '}') || (first == '[' && last != ']')) return std::nullopt;
  return pos + line.size();
}

// Where the value at text[pos] ends by its brackets and quotes (text.size() if it does not close):
// only a bound for simdjson, which then reads exactly that value.
std::size_t value_extent(std::string_view t, std::size_t pos) {
  auto delimiter = [](char c) {
    return is_ws(c) || c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"';
  };
  std::size_t i = pos;
  if (t[i] != '{' && t[i] != '[' && t[i] != '"') {
    while (i < t.size() && !delimiter(t[i])) ++i;
    return i;
  }
  std::size_t depth = 0;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
      if (i >= t.size()) return t.size();
      if (depth == 0) return i + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && (depth <= 1)) {
      return i + 1;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return t.size();
}

}  // namespace

const char* type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::False:
    case Type::True: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
  }
  return "?";
}

bool parse_value(std::string_view text, std::size_t& pos, std::vector<Node>& out, StringArena& arena, Error& err,
                 const Limits& limits, std::size_t readable_after) {
  while (pos < text.size() && is_ws(text[pos])) ++pos;
  if (pos >= text.size()) {
    out.clear();
    err = Error{pos, "", "unexpected end of input, expected a value"};
    return false;
  }
  Builder b(out, arena, limits);
  std::size_t end = 0;
  // Most values are alone on their line (JSON Lines); others are bounded by their brackets first.
  if (auto eol = line_end(text, pos)) {
    if (run(b, text, pos, *eol, readable_after, end)) {
      pos = end;
      return true;
    }
    if (b.invalid()) {
      b.report(err, pos);
      return false;
    }
  }
  if (run(b, text, pos, value_extent(text, pos), readable_after, end)) {
    pos = end;
    return true;
  }
  if (b.invalid() || !Locator::locate(text, pos, false, err)) b.report(err, pos);
  return false;
}

bool parse_document(std::string_view text, std::vector<Node>& out, StringArena& arena, Error& err, const Limits& limits,
                    std::size_t readable_after) {
  std::size_t pos = 0;
  while (pos < text.size() && is_ws(text[pos])) ++pos;
  const std::size_t stop = trim_right(text).size();
  if (pos >= stop) {
    out.clear();
    err = Error{pos, "", "unexpected end of input, expected a value"};
    return false;
  }
  Builder b(out, arena, limits);
  std::size_t end = 0;
  if (!run(b, text, pos, stop, readable_after, end)) {
    if (b.invalid() || !Locator::locate(text, 0, true, err)) b.report(err, pos);
    return false;
  }
  if (end != stop) {
    while (is_ws(text[end])) ++end;
    err = Error{end, "", "unexpected content after the JSON value"};
    return false;
  }
  return true;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out.push_back(c);
  }
  return out;
}

std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace openness::json_nodes
