// A resolution's words and JSON: what the tools and the CLI report of a name's match.
#include <openness/record.h>
#include <openness/resolver.h>

#include <nlohmann/json.hpp>

namespace openness {

std::string_view to_string(MatchMethod m) {
  switch (m) {
    case MatchMethod::Id: return "id";
    case MatchMethod::Name: return "name";
    case MatchMethod::Alias: return "alias";
    case MatchMethod::FamilyName: return "family-name";
    case MatchMethod::PackagingSuffix: return "packaging-suffix-dropped";
    case MatchMethod::VariantSuffix: return "variant-suffix-dropped";
    case MatchMethod::Family: return "family";
    case MatchMethod::Fuzzy: return "fuzzy";
  }
  return "?";
}

std::string_view to_string(ResolveStatus s) {
  switch (s) {
    case ResolveStatus::Found: return "found";
    case ResolveStatus::Ambiguous: return "ambiguous";
    case ResolveStatus::NotFound: return "not-found";
    case ResolveStatus::InvalidQuery: return "invalid-query";
  }
  return "?";
}

std::optional<bool> Resolver::own_organisation(std::string_view query, const Record& r) {
  const std::string org = organisation(query);
  if (org.empty()) return std::nullopt;
  std::optional<bool> own;
  for (const auto& a : r.aliases)
    if (a.kind == "huggingface") own = own.value_or(false) || organisation(a.value) == org;
  return own;
}

nlohmann::json Resolution::to_json() const {
  nlohmann::json j{{"status", to_string(status)}, {"query", query}};
  if (!folded.empty()) j["folded"] = folded;
  if (!message.empty()) j["message"] = message;
  auto& cs = j["candidates"] = nlohmann::json::array();
  for (const auto& c : candidates) {
    nlohmann::json x{{"id", c.record->id},         {"name", c.record->name},        {"kind", to_string(c.record->kind)},
                     {"confidence", c.confidence}, {"method", to_string(c.method)}, {"matched", c.matched}};
    if (!c.record->producer.empty()) x["producer"] = c.record->producer;
    if (!c.note.empty()) x["note"] = c.note;
    cs.push_back(x);
  }
  return j;
}

}  // namespace openness
