#include <mcp/json.h>

#include <cstdint>

namespace mcp {

namespace {
constexpr std::uint64_t kRawJsonSubtype = 0x6d63702d72617721;  // "mcp-raw!"
}  // namespace

Json raw_json(std::string_view text) {
  return Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kRawJsonSubtype);
}

std::optional<std::string_view> raw_json_text(const Json& j) {
  if (!j.is_binary()) return std::nullopt;
  const auto& b = j.get_binary();
  if (!b.has_subtype() || b.subtype() != kRawJsonSubtype) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

Json without_raw(Json j) {
  if (const auto raw = raw_json_text(j)) return Json::parse(*raw);
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it)
      if (const auto raw = raw_json_text(*it)) *it = Json::parse(*raw);
  return j;
}

const Json& member(const Json& object, std::string_view key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

}  // namespace mcp
