// JSON Schema validation (valijson, draft-07 rules; 2020-12 documents that use only the keywords
// both drafts share, such as $defs reached through "$ref": "#/$defs/...", validate the same way).
#pragma once
#include <mcp/error.h>
#include <mcp/json.h>

#include <memory>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace mcp {

struct SchemaProblem {
  std::string pointer;  // JSON pointer into the validated instance ("" = the root)
  std::string message;
};

class JsonSchema {
 public:
  // Compiles a schema; a schema that valijson cannot read is an Error naming why.
  static Result<JsonSchema> compile(const Json& schema);
  // Keeps the schema and compiles it on the first validate() (once, thread-safe), for large
  // schemas that may never be needed. A schema valijson cannot read then fails every validation,
  // with a problem naming why.
  static JsonSchema deferred(const Json& schema);

  // Empty when `instance` conforms. Thread-safe: a compiled schema is immutable.
  std::vector<SchemaProblem> validate(const Json& instance) const;
  bool accepts(const Json& instance) const { return validate(instance).empty(); }

  const Json& document() const { return *doc_; }

 private:
  struct Deferred;
  const valijson::Schema* compiled(std::string& why) const;

  std::shared_ptr<const Json> doc_;
  std::shared_ptr<const valijson::Schema> schema_;  // compile()
  std::shared_ptr<Deferred> deferred_;              // deferred(): compiled on first use
};

// One line per problem, "/path: message", at most `limit` lines.
std::string describe(const std::vector<SchemaProblem>& problems, std::size_t limit = 8);

// The shape rules that MCP clients enforce on tool schemas (VS Code / Copilot reject tools that
// break them): the root is {"type":"object"}; every object schema has "properties"; every array
// schema has "items". Returns the first breach as "<pointer>: <rule>", or an empty string.
std::string lint_tool_schema(const Json& schema);

}  // namespace mcp
