#include <mcp/schema.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mcp {

namespace {

Result<std::shared_ptr<const valijson::Schema>> build(const Json& doc) {
  if (!doc.is_object() && !doc.is_boolean()) return Error::internal("a JSON Schema must be an object");
  auto compiled = std::make_shared<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *compiled);
  } catch (const std::exception& e) {
    return Error::internal(std::string("invalid JSON Schema: ") + e.what());
  }
  return std::shared_ptr<const valijson::Schema>(std::move(compiled));
}

}  // namespace

struct JsonSchema::Deferred {
  std::once_flag once;
  std::shared_ptr<const valijson::Schema> schema;
  std::string error;
};

Result<JsonSchema> JsonSchema::compile(const Json& schema) {
  JsonSchema out;
  auto doc = std::make_shared<Json>(schema);
  auto compiled = build(*doc);
  if (!compiled) return compiled.error();
  out.doc_ = std::move(doc);
  out.schema_ = std::move(compiled).value();
  out.deferred_ = std::make_shared<Deferred>();
  return out;
}

JsonSchema JsonSchema::deferred(const Json& schema) {
  JsonSchema out;
  out.doc_ = std::make_shared<Json>(schema);
  out.deferred_ = std::make_shared<Deferred>();
  return out;
}

const valijson::Schema* JsonSchema::compiled(std::string& why) const {
  if (schema_) return schema_.get();
  if (!deferred_) {
    why = "no schema";
    return nullptr;
  }
  std::call_once(deferred_->once, [this] {
    auto built = build(*doc_);
    if (built)
      deferred_->schema = std::move(built).value();
    else
      deferred_->error = built.error().message;
  });
  why = deferred_->error;
  return deferred_->schema.get();
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
      if (c == '~')
        escaped += "~0";
      else if (c == '/')
        escaped += "~1";
      else
        escaped += c;
    }
    p += "/" + escaped;
  }
  return p;
}

}  // namespace

std::vector<SchemaProblem> JsonSchema::validate(const Json& instance) const {
  std::vector<SchemaProblem> problems;
  std::string why;
  const valijson::Schema* schema = compiled(why);
  if (!schema) {
    problems.push_back({"", "the schema cannot be used: " + why});
    return problems;
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(instance);
  try {
    if (validator.validate(*schema, target, &results)) return problems;
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

// Walks a schema with the path to the current node kept as pieces (keys and indexes), so that the
// pointer string is built only for the breach it reports: registration lints every tool's schemas
// before the server can answer anything.
class Linter {
 public:
  std::string run(const Json& s) { return lint(s) ? std::string() : std::move(breach_); }

 private:
  struct Piece {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };

  std::string where() const {
    std::string w;
    for (const auto& p : path_) {
      w += '/';
      if (p.is_index)
        w += std::to_string(p.index);
      else
        w += p.key;
    }
    return w;
  }
  bool fail(const char* rule) {
    breach_ = where() + rule;
    return false;
  }
  bool child(const Json& sub, std::string_view key) {
    path_.push_back({key});
    ++depth_;
    const bool ok = lint(sub);
    --depth_;
    if (ok) path_.pop_back();
    return ok;
  }
  bool child(const Json& sub, std::string_view key, std::size_t index) {
    path_.push_back({key});
    path_.push_back({{}, index, true});
    ++depth_;
    const bool ok = lint(sub);
    --depth_;
    if (ok) path_.resize(path_.size() - 2);
    return ok;
  }

  bool lint(const Json& s) {
    if (depth_ > 64) return fail(": schema nested too deeply");
    if (!s.is_object()) return true;
    // One pass over the members picks out the ones that matter (a schema node has a handful),
    // then they are checked in the order below, which decides the breach reported first.
    static constexpr std::string_view kKeys[] = {"properties",  "$defs",
                                                 "definitions", "patternProperties",  // maps
                                                 "items",       "additionalProperties",
                                                 "not",         "if",
                                                 "then",        "else",
                                                 "contains",  // schemas or arrays of them
                                                 "anyOf",       "oneOf",
                                                 "allOf"};  // arrays
    constexpr std::size_t kMaps = 4, kSchemas = 11;
    const Json* at[std::size(kKeys)] = {};
    const Json* type = nullptr;
    bool has_properties = false, has_items = false;
    for (const auto& [k, v] : s.get_ref<const Json::object_t&>()) {
      if (k == "type") type = &v;
      has_properties = has_properties || k == "properties";
      has_items = has_items || k == "items";
      for (std::size_t i = 0; i < std::size(kKeys); ++i)
        if (k == kKeys[i]) at[i] = &v;
    }
    auto has_type = [&](const char* t) {
      if (!type) return false;
      if (type->is_string()) return type->get_ref<const std::string&>() == t;
      if (type->is_array())
        for (const auto& x : *type)
          if (x.is_string() && x.get_ref<const std::string&>() == t) return true;
      return false;
    };
    if (has_type("object") && !has_properties) return fail(": an object schema needs \"properties\"");
    if (has_type("array") && !has_items) return fail(": an array schema needs \"items\"");
    for (std::size_t i = 0; i < std::size(kKeys); ++i) {
      const Json* it = at[i];
      if (!it) continue;
      const std::string_view key = kKeys[i];
      if (i < kMaps) {
        if (!it->is_object()) continue;
        path_.push_back({key});
        for (const auto& [name, sub] : it->items())
          if (!child(sub, name)) return false;
        path_.pop_back();
      } else if (it->is_array()) {
        for (std::size_t j = 0; j < it->size(); ++j)
          if (!child((*it)[j], key, j)) return false;
      } else if (i < kSchemas && !child(*it, key)) {
        return false;
      }
    }
    return true;
  }

  std::vector<Piece> path_;
  int depth_ = 0;
  std::string breach_;
};

}  // namespace

std::string lint_tool_schema(const Json& schema) {
  if (!schema.is_object() || schema.value("type", Json()) != "object")
    return "(root): a tool schema must be {\"type\":\"object\", ...}";
  return Linter().run(schema);
}

}  // namespace mcp
