#include <openness/json_lite.h>

#include <utf8.h>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace openness::json_lite {

namespace {

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

int hex4(std::string_view s, std::size_t i) {
  if (i + 4 > s.size()) return -1;
  int v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const char c = s[i + k];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return -1;
  }
  return v;
}

struct Frame {
  std::uint32_t node;
  std::uint32_t count;
  std::string_view key;
  bool object;
};

class Parser {
 public:
  Parser(std::string_view text, std::size_t& pos, std::vector<Node>& out, StringArena& arena, Error& err,
         const Limits& limits)
      : t_(text), pos_(pos), out_(out), arena_(arena), err_(err), lim_(limits) {}

  bool run() {
    out_.clear();
    stack_.clear();
    std::string_view pending_key;
    skip_ws();
    for (;;) {
      // A value starts here.
      if (pos_ >= t_.size()) return fail("unexpected end of input, expected a value");
      if (out_.size() >= lim_.max_nodes) return fail("too many values");
      const auto idx = static_cast<std::uint32_t>(out_.size());
      out_.push_back(Node{pending_key, {}, idx + 1, 0, Type::Null});
      if (!stack_.empty()) ++stack_.back().count;
      const char c = t_[pos_];
      bool opened = false;
      if (c == '{' || c == '[') {
        if (stack_.size() >= lim_.max_depth) return fail("nesting deeper than " + std::to_string(lim_.max_depth));
        const bool obj = c == '{';
        out_[idx].type = obj ? Type::Object : Type::Array;
        ++pos_;
        stack_.push_back(Frame{idx, 0, {}, obj});
        skip_ws();
        if (pos_ < t_.size() && t_[pos_] == (obj ? '}' : ']')) {
          ++pos_;
          close_top();
        } else if (obj) {
          if (!member_key(pending_key)) return false;
          opened = true;
        } else {
          pending_key = {};
          opened = true;
        }
      } else if (c == '"') {
        std::string_view s;
        if (!string(s)) return false;
        out_[idx].type = Type::String;
        out_[idx].str = s;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (!number(idx)) return false;
      } else if (!literal(idx)) {
        return false;
      }
      if (opened) continue;
      // After a value: close containers or move to the next element.
      for (;;) {
        if (stack_.empty()) return true;
        skip_ws();
        if (pos_ >= t_.size()) return fail("unexpected end of input inside a container");
        Frame& f = stack_.back();
        const char d = t_[pos_];
        if (d == ',') {
          ++pos_;
          skip_ws();
          if (f.object) {
            if (!member_key(pending_key)) return false;
          } else {
            pending_key = {};
          }
          break;
        }
        if (d == (f.object ? '}' : ']')) {
          ++pos_;
          close_top();
          continue;
        }
        return fail(f.object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

 private:
  void skip_ws() {
    while (pos_ < t_.size() && is_ws(t_[pos_])) ++pos_;
  }

  void close_top() {
    const Frame& f = stack_.back();
    out_[f.node].end = static_cast<std::uint32_t>(out_.size());
    out_[f.node].count = f.count;
    stack_.pop_back();
  }

  bool member_key(std::string_view& key) {
    if (pos_ >= t_.size() || t_[pos_] != '"') return fail("expected a member name in double quotes");
    if (!string(key)) return false;
    stack_.back().key = key;
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != ':') return fail("expected ':' after a member name");
    ++pos_;
    skip_ws();
    return true;
  }

  // The raw text of a string, from `start` to the closing quote at pos_, as UTF-8 (escapes are
  // ASCII, so they never split a sequence); on failure, pos_ is the first bad byte.
  bool valid_utf8(std::size_t start) {
    const auto first = t_.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = t_.begin() + static_cast<std::ptrdiff_t>(pos_);
    const auto bad = utf8::find_invalid(first, last);
    if (bad == last) return true;
    pos_ = start + static_cast<std::size_t>(bad - first);
    return fail("invalid UTF-8 in a string");
  }

  bool string(std::string_view& out) {
    ++pos_;  // opening quote
    const std::size_t start = pos_;
    bool wide = false;  // a byte past ASCII: the raw text is checked as UTF-8 at the closing quote
    // Fast path: no escapes.
    while (pos_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') {
        if (wide && !valid_utf8(start)) return false;
        out = t_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return fail("control character in a string");
      wide = wide || c >= 0x80;
      ++pos_;
    }
    if (pos_ >= t_.size()) return fail("unterminated string");
    // Slow path: unescape into scratch_, then copy into the arena.
    scratch_.assign(t_.data() + start, pos_ - start);
    while (pos_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') {
        if (wide && !valid_utf8(start)) return false;
        ++pos_;
        out = arena_.store(scratch_);
        return true;
      }
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
        if (pos_ + 1 >= t_.size()) return fail("unterminated escape");
        const char e = t_[pos_ + 1];
        pos_ += 2;
        switch (e) {
          case '"': scratch_.push_back('"'); break;
          case '\\': scratch_.push_back('\\'); break;
          case '/': scratch_.push_back('/'); break;
          case 'b': scratch_.push_back('\b'); break;
          case 'f': scratch_.push_back('\f'); break;
          case 'n': scratch_.push_back('\n'); break;
          case 'r': scratch_.push_back('\r'); break;
          case 't': scratch_.push_back('\t'); break;
          case 'u': {
            int h = hex4(t_, pos_);
            if (h < 0) return fail("bad \\u escape");
            pos_ += 4;
            std::uint32_t cp = static_cast<std::uint32_t>(h);
            if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired low surrogate in \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (pos_ + 1 >= t_.size() || t_[pos_] != '\\' || t_[pos_ + 1] != 'u')
                return fail("unpaired high surrogate in \\u escape");
              const int lo = hex4(t_, pos_ + 2);
              if (lo < 0xDC00 || lo > 0xDFFF) return fail("unpaired high surrogate in \\u escape");
              pos_ += 6;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00);
            }
            if (cp == 0) return fail("NUL character in a string");
            utf8::append(cp, std::back_inserter(scratch_));
            break;
          }
          default: return fail("bad escape sequence");
        }
        continue;
      }
      wide = wide || c >= 0x80;
      scratch_.push_back(static_cast<char>(c));
      ++pos_;
    }
    return fail("unterminated string");
  }

  bool number(std::uint32_t idx) {
    const std::size_t start = pos_;
    auto digit = [&] { return pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9'; };
    if (t_[pos_] == '-') ++pos_;
    if (!digit()) return fail("bad number");
    if (t_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (!digit()) return fail("bad number: digits expected after '.'");
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digit()) return fail("bad number: digits expected in the exponent");
      while (digit()) ++pos_;
    }
    if (pos_ - start > 64) return fail("number too long");
    out_[idx].type = Type::Number;
    out_[idx].str = t_.substr(start, pos_ - start);
    return true;
  }

  bool literal(std::uint32_t idx) {
    auto match = [&](std::string_view w) { return t_.substr(pos_, w.size()) == w; };
    if (match("true")) {
      out_[idx].type = Type::True;
      pos_ += 4;
    } else if (match("false")) {
      out_[idx].type = Type::False;
      pos_ += 5;
    } else if (match("null")) {
      out_[idx].type = Type::Null;
      pos_ += 4;
    } else {
      return fail("unexpected character, expected a JSON value");
    }
    return true;
  }

  bool fail(std::string msg) {
    err_.offset = pos_;
    err_.message = std::move(msg);
    std::string p;
    for (const Frame& f : stack_) {
      p.push_back('/');
      if (f.object)
        p += pointer_token(f.key);
      else
        p += std::to_string(f.count == 0 ? 0 : f.count - 1);
    }
    err_.pointer = std::move(p);
    return false;
  }

  std::string_view t_;
  std::size_t& pos_;
  std::vector<Node>& out_;
  StringArena& arena_;
  Error& err_;
  const Limits& lim_;
  std::vector<Frame> stack_;
  std::string scratch_;
};

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
                 const Limits& limits) {
  Parser p(text, pos, out, arena, err, limits);
  return p.run();
}

bool parse_document(std::string_view text, std::vector<Node>& out, StringArena& arena, Error& err,
                    const Limits& limits) {
  std::size_t pos = 0;
  if (!parse_value(text, pos, out, arena, err, limits)) return false;
  while (pos < text.size() && is_ws(text[pos])) ++pos;
  if (pos != text.size()) {
    err.offset = pos;
    err.pointer.clear();
    err.message = "unexpected content after the JSON value";
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

}  // namespace openness::json_lite
