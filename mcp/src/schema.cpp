#include <mcp/schema.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <exception>

namespace mcp {

Result<JsonSchema> JsonSchema::compile(const Json& schema) {
  if (!schema.is_object() && !schema.is_boolean()) return Error::internal("a JSON Schema must be an object");
  JsonSchema out;
  auto doc = std::make_shared<Json>(schema);
  auto compiled = std::make_shared<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(*doc);
    parser.populateSchema(adapter, *compiled);
  } catch (const std::exception& e) {
    return Error::internal(std::string("invalid JSON Schema: ") + e.what());
  }
  out.doc_ = std::move(doc);
  out.schema_ = std::move(compiled);
  return out;
}

namespace {

// valijson reports a context such as ["<root>", "[components]", "[2]", "[license]"].
std::string to_pointer(const std::vector<std::string>& context) {
  std::string p;
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string seg = context[i];
    if (seg.size() >= 2 && seg.front() == '[' && seg.back() == ']') seg = seg.substr(1, seg.size() - 2);
    std::string escaped;
    for (char c : seg) {
      if (c == '~') escaped += "~0";
      else if (c == '/') escaped += "~1";
      else escaped += c;
    }
    p += "/" + escaped;
  }
  return p;
}

}  // namespace

std::vector<SchemaProblem> JsonSchema::validate(const Json& instance) const {
  std::vector<SchemaProblem> problems;
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(instance);
  try {
    if (validator.validate(*schema_, target, &results)) return problems;
  } catch (const std::exception& e) {
    problems.push_back({"", std::string("validation failed: ") + e.what()});
    return problems;
  }
  valijson::ValidationResults::Error err;
  std::string last;
  while (results.popError(err)) {
    // valijson reports each failing parent too ("Failed to validate item #2 in array"); keep the
    // leaf messages, which say what is wrong, and drop the summaries that merely point down.
    if (err.description.rfind("Failed to validate", 0) == 0) continue;
    SchemaProblem p{to_pointer(err.context), err.description};
    std::string key = p.pointer + "\n" + p.message;
    if (key == last) continue;
    last = std::move(key);
    problems.push_back(std::move(p));
  }
  if (problems.empty()) problems.push_back({"", "does not match the schema"});
  return problems;
}

std::string describe(const std::vector<SchemaProblem>& problems, std::size_t limit) {
  std::string out;
  std::size_t n = 0;
  for (const auto& p : problems) {
    if (n == limit) {
      out += "\n(" + std::to_string(problems.size() - limit) + " more)";
      break;
    }
    if (n++) out += "\n";
    out += (p.pointer.empty() ? std::string("(root)") : p.pointer) + ": " + p.message;
  }
  return out;
}

namespace {

std::string lint(const Json& s, const std::string& where, int depth) {
  if (depth > 64) return where + ": schema nested too deeply";
  if (!s.is_object()) return {};
  const auto type = s.find("type");
  auto has_type = [&](const char* t) {
    if (type == s.end()) return false;
    if (type->is_string()) return *type == t;
    if (type->is_array())
      for (const auto& x : *type)
        if (x == t) return true;
    return false;
  };
  if (has_type("object") && !s.contains("properties")) return where + ": an object schema needs \"properties\"";
  if (has_type("array") && !s.contains("items")) return where + ": an array schema needs \"items\"";
  for (const char* key : {"properties", "$defs", "definitions", "patternProperties"}) {
    if (auto it = s.find(key); it != s.end() && it->is_object())
      for (const auto& [name, sub] : it->items())
        if (auto e = lint(sub, where + "/" + key + "/" + name, depth + 1); !e.empty()) return e;
  }
  for (const char* key : {"items", "additionalProperties", "not", "if", "then", "else", "contains"}) {
    if (auto it = s.find(key); it != s.end()) {
      if (it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i)
          if (auto e = lint((*it)[i], where + "/" + key + "/" + std::to_string(i), depth + 1); !e.empty()) return e;
      } else if (auto e = lint(*it, where + "/" + key, depth + 1); !e.empty()) {
        return e;
      }
    }
  }
  for (const char* key : {"anyOf", "oneOf", "allOf"}) {
    if (auto it = s.find(key); it != s.end() && it->is_array())
      for (std::size_t i = 0; i < it->size(); ++i)
        if (auto e = lint((*it)[i], where + "/" + key + "/" + std::to_string(i), depth + 1); !e.empty()) return e;
  }
  return {};
}

}  // namespace

std::string lint_tool_schema(const Json& schema) {
  if (!schema.is_object() || schema.value("type", Json()) != "object")
    return "(root): a tool schema must be {\"type\":\"object\", ...}";
  return lint(schema, "", 0);
}

}  // namespace mcp
