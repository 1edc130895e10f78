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
#include <openness/arena.h>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace openness::json_lite {

// Unescaped strings go into an arena that the caller keeps alive (arena.h).
using StringArena = openness::Arena;

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
bool parse_value(std::string_view text, std::size_t& pos, std::vector<Node>& out, StringArena& arena, Error& err,
                 const Limits& limits = {});

// Parses a whole document (one value and only whitespace after it).
bool parse_document(std::string_view text, std::vector<Node>& out, StringArena& arena, Error& err,
                    const Limits& limits = {});

// Escapes a JSON-pointer reference token ('~' -> "~0", '/' -> "~1").
std::string pointer_token(std::string_view key);

// Converts 1-based line and column for a byte offset (for error messages).
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset);

}  // namespace openness::json_lite
