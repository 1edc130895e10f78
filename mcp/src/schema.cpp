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

namespace {

// A quick check for the keywords tool schemas use (type, properties, required,
// additionalProperties, items, enum, min/maxLength, minimum/maximum, min/maxItems, annotations).
// It only ever says "conforms" for instances that valijson accepts too, and is stricter where that
// is simpler (integers, enum values of another JSON type, string lengths beyond ASCII): anything
// it does not accept is validated by valijson, which gives the problems. A schema with any other
// keyword has no quick check.
class QuickCheck {
 public:
  static std::unique_ptr<const QuickCheck> build(const Json& schema) {
    auto q = std::unique_ptr<QuickCheck>(new QuickCheck);
    if (!q->parse(schema)) return nullptr;
    return q;
  }

  bool accepts(const Json& v) const {
    if (never_) return false;
    if (types_ && !(types_ & type_bit(v))) return false;
    if (enum_) {
      bool found = false;
      for (const auto& e : *enum_) found = found || (e.type() == v.type() && e == v);
      if (!found) return false;
    }
    switch (v.type()) {
      case Json::value_t::object: return object(v.get_ref<const Json::object_t&>());
      case Json::value_t::array: {
        const auto& a = v.get_ref<const Json::array_t&>();
        if (a.size() < min_items_ || a.size() > max_items_) return false;
        if (items_)
          for (const auto& x : a)
            if (!items_->accepts(x)) return false;
        return true;
      }
      case Json::value_t::string: {
        if (min_length_ == 0 && max_length_ == kUnbounded) return true;
        const auto& s = v.get_ref<const std::string&>();
        for (char c : s)
          if (static_cast<unsigned char>(c) >= 0x80) return false;  // lengths in code points: valijson's
        return s.size() >= min_length_ && s.size() <= max_length_;
      }
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
      case Json::value_t::number_float: {
        if (!minimum_ && !maximum_) return true;
        const double d = v.get<double>();
        return (!minimum_ || d >= *minimum_) && (!maximum_ || d <= *maximum_);
      }
      default: return true;
    }
  }

 private:
  static constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);
  enum : unsigned { kNull = 1, kBool = 2, kObject = 4, kArray = 8, kString = 16, kInteger = 32, kNumber = 64 };

  static unsigned type_bit(const Json& v) {
    switch (v.type()) {
      case Json::value_t::null: return kNull;
      case Json::value_t::boolean: return kBool;
      case Json::value_t::object: return kObject;
      case Json::value_t::array: return kArray;
      case Json::value_t::string: return kString;
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned: return kInteger | kNumber;
      case Json::value_t::number_float: return kNumber;
      default: return 0;
    }
  }

  static bool count(const Json& j, std::size_t& out) {
    if (!j.is_number_unsigned()) return false;
    out = j.get<std::size_t>();
    return true;
  }

  bool parse(const Json& s) {
    if (s.is_boolean()) {
      never_ = !s.get<bool>();
      return true;
    }
    if (!s.is_object()) return false;
    for (const auto& [k, v] : s.items()) {
      if (k == "description" || k == "title" || k == "default" || k == "examples" || k == "$comment" ||
          k == "$schema" || k == "readOnly" || k == "writeOnly" || k == "deprecated")
        continue;
      if (k == "type") {
        auto one = [&](const Json& t) -> unsigned {
          if (!t.is_string()) return 0;
          const auto& n = t.get_ref<const std::string&>();
          if (n == "null") return kNull;
          if (n == "boolean") return kBool;
          if (n == "object") return kObject;
          if (n == "array") return kArray;
          if (n == "string") return kString;
          if (n == "integer") return kInteger;
          if (n == "number") return kNumber;
          return 0;
        };
        if (v.is_array()) {
          for (const auto& t : v) {
            const unsigned b = one(t);
            if (!b) return false;
            types_ |= b;
          }
          if (!types_) return false;
        } else if (!(types_ = one(v))) {
          return false;
        }
      } else if (k == "properties") {
        if (!v.is_object()) return false;
        for (const auto& [name, sub] : v.items()) {
          auto q = build(sub);
          if (!q) return false;
          properties_.emplace_back(name, std::move(q));  // in key order, as Json objects keep theirs
        }
      } else if (k == "required") {
        if (!v.is_array()) return false;
        for (const auto& r : v) {
          if (!r.is_string()) return false;
          required_.push_back(r.get<std::string>());
        }
      } else if (k == "additionalProperties") {
        if (v.is_boolean())
          additional_ = v.get<bool>();
        else if (!(additional_schema_ = build(v)))
          return false;
      } else if (k == "items") {
        if (!v.is_object() && !v.is_boolean()) return false;
        if (!(items_ = build(v))) return false;
      } else if (k == "enum") {
        if (!v.is_array()) return false;
        enum_ = &v;
      } else if (k == "minLength") {
        if (!count(v, min_length_)) return false;
      } else if (k == "maxLength") {
        if (!count(v, max_length_)) return false;
      } else if (k == "minItems") {
        if (!count(v, min_items_)) return false;
      } else if (k == "maxItems") {
        if (!count(v, max_items_)) return false;
      } else if (k == "minimum") {
        if (!v.is_number()) return false;
        minimum_ = v.get<double>();
      } else if (k == "maximum") {
        if (!v.is_number()) return false;
        maximum_ = v.get<double>();
      } else {
        return false;
      }
    }
    return true;
  }

  bool object(const Json::object_t& o) const {
    for (const auto& r : required_)
      if (o.find(r) == o.end()) return false;
    // Both in key order: one merge walk pairs each member with its property schema.
    auto p = properties_.begin();
    for (const auto& [k, v] : o) {
      while (p != properties_.end() && p->first < k) ++p;
      if (p != properties_.end() && p->first == k) {
        if (!p->second->accepts(v)) return false;
      } else if (additional_schema_) {
        if (!additional_schema_->accepts(v)) return false;
      } else if (!additional_) {
        return false;
      }
    }
    return true;
  }

  bool never_ = false;
  unsigned types_ = 0;          // 0: any type
  const Json* enum_ = nullptr;  // into the schema document, which outlives this
  std::vector<std::pair<std::string, std::unique_ptr<const QuickCheck>>> properties_;
  std::vector<std::string> required_;
  bool additional_ = true;
  std::unique_ptr<const QuickCheck> additional_schema_;
  std::unique_ptr<const QuickCheck> items_;
  std::size_t min_length_ = 0, max_length_ = kUnbounded, min_items_ = 0, max_items_ = kUnbounded;
  std::optional<double> minimum_, maximum_;
};

}  // namespace

struct JsonSchema::Deferred {
  std::once_flag once;
  std::shared_ptr<const valijson::Schema> schema;
  std::string error;
  std::once_flag quick_once;
  std::unique_ptr<const QuickCheck> quick;  // null: none for this schema
};

Result<JsonSchema> JsonSchema::compile(const Json& schema) {
  JsonSchema out;
  auto doc = std::make_shared<Json>(schema);
  auto compiled = build(*doc);
  if (!compiled) return compiled.error();
  out.doc_ = std::move(doc);
  out.schema_ = std::move(compiled).value();
  out.deferred_ = std::make_shared<Deferred>();  // for the quick check (the schema is compiled)
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
  if (deferred_ && doc_) {
    std::call_once(deferred_->quick_once, [this] { deferred_->quick = QuickCheck::build(*doc_); });
    if (deferred_->quick && deferred_->quick->accepts(instance)) return problems;
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
