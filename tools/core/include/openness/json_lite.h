// json_lite: a small, strict, non-recursive JSON parser into a flat node array.
//
// Why not nlohmann::json at load time: the server must start in a few milliseconds with the
// bundled dataset and load 1,000,000 records in well under 1.5 s. nlohmann's DOM allocates a
// node (and usually a std::string) per value; this parser writes one 40-byte Node per value into
// a reused vector, keeps strings as views into the input when they have no escapes, and copies
// only unescaped strings into a StringArena that the caller keeps alive. The typed record loader
// (dataset.cpp) walks the nodes with JSON-pointer tracking, so it is both the parser and the
// validator of every record (bad file -> path + JSON pointer + message).
//
// Hostile input: depth is bounded (Limits::max_depth), the parser never recurses, strings must be
// valid UTF-8 (overlongs, surrogates and code points past U+10FFFF are rejected, and so are
// unpaired \u surrogates), control characters in strings are rejected, and numbers follow the
// JSON grammar exactly. Errors carry the byte offset and the JSON pointer of the value being read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace openness::json_lite {

// Chunked storage for strings that must outlive the parse (unescaped strings). Stable addresses.
class StringArena {
 public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;
  StringArena(StringArena&&) noexcept = default;
  StringArena& operator=(StringArena&&) noexcept = default;

  std::string_view store(std::string_view s);
  // Reserves n bytes; the caller fills them (used by the unescaper). Returns the start.
  char* allocate(std::size_t n);
  std::size_t bytes_used() const { return total_; }
  // Forgets every string (chunks are kept for reuse); views handed out before become invalid.
  void reset();

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> sizes_;
  std::size_t next_ = 0;
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t total_ = 0;
};

enum class Type : std::uint8_t { Null, False, True, Number, String, Array, Object };

const char* type_name(Type t);

struct Node {
  std::string_view key;  // member name when the parent is an object, else empty
  std::string_view str;  // String: the unescaped value; Number: its text
  std::uint32_t end;     // index one past this node's subtree (children follow the node in order)
  std::uint32_t count;   // number of direct children (Array / Object)
  Type type;
};

struct Limits {
  std::size_t max_depth = 64;
  std::size_t max_nodes = 1u << 26;
};

struct Error {
  std::size_t offset = 0;  // byte offset into the text
  std::string pointer;     // JSON pointer (RFC 6901) of the value being parsed
  std::string message;
};

// Parses one JSON value starting at text[pos] (leading whitespace skipped), appending its nodes to
// `out` (cleared first). On success returns true and sets pos just past the value (trailing
// whitespace not consumed). Unescaped strings go into `arena`; other strings view `text`, which
// must therefore outlive the nodes.
bool parse_value(std::string_view text, std::size_t& pos, std::vector<Node>& out, StringArena& arena,
                 Error& err, const Limits& limits = {});

// Parses a whole document (one value and only whitespace after it).
bool parse_document(std::string_view text, std::vector<Node>& out, StringArena& arena, Error& err,
                    const Limits& limits = {});

// Escapes a JSON-pointer reference token ('~' -> "~0", '/' -> "~1").
std::string pointer_token(std::string_view key);

// Converts 1-based line and column for a byte offset (for error messages).
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset);

// True if s is well-formed UTF-8 (same rules as the parser).
bool valid_utf8(std::string_view s);

}  // namespace openness::json_lite
