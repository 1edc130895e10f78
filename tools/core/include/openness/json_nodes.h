// json_nodes: JSON texts read by simdjson (On-Demand) into a flat node array.
//
// The typed record loader (reader.h, record_parser.cpp) walks these nodes with JSON-pointer
// tracking, so it is both the reader and the validator of every record (bad file -> path + JSON
// pointer + message). One Node per value goes into a reused vector; a string without escapes is
// a view into the input text, which must therefore outlive the nodes, and only unescaped strings
// are copied into a StringArena that the caller keeps alive. Numbers keep their text.
//
// simdjson reads SIMDJSON_PADDING (kPadding) bytes past the end of what it parses. A caller that
// owns that many readable bytes after `text` says so with `readable_after`, and the text is read in
// place; otherwise the value is first copied into a padded per-thread buffer (the nodes still view
// the caller's text). Either way no byte past text + readable_after is read.
//
// Hostile input: depth is bounded (Limits::max_depth) and the node builder recurses at most that
// deep; invalid UTF-8 (overlongs, surrogates, code points past U+10FFFF), unpaired \u surrogates,
// \u0000, control characters in strings, numbers outside the JSON grammar (or longer than 64
// bytes) and content after a document are errors. Duplicate member names are kept, in order (the
// walker decides). An error carries the byte offset and the JSON pointer of the value being read;
// where simdjson reports only a code, the text is read again by nlohmann/json to find the place.
#pragma once
#include <openness/arena.h>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openness::json_nodes {

// Unescaped strings go into an arena that the caller keeps alive (arena.h).
using StringArena = openness::Arena;

// Bytes simdjson may read past the end of a text (SIMDJSON_PADDING; json_nodes.cpp checks it).
inline constexpr std::size_t kPadding = 64;

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
// whitespace not consumed). `readable_after`: bytes past the end of `text` that may be read.
bool parse_value(std::string_view text, std::size_t& pos, std::vector<Node>& out, StringArena& arena, Error& err,
                 const Limits& limits = {}, std::size_t readable_after = 0);

// Parses a whole document (one value and only whitespace after it).
bool parse_document(std::string_view text, std::vector<Node>& out, StringArena& arena, Error& err,
                    const Limits& limits = {}, std::size_t readable_after = 0);

// Escapes a JSON-pointer reference token ('~' -> "~0", '/' -> "~1").
std::string pointer_token(std::string_view key);

// Converts 1-based line and column for a byte offset (for error messages).
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset);

}  // namespace openness::json_nodes
