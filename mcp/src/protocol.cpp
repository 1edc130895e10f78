#include <mcp/protocol.h>

#include <algorithm>
#include <array>

namespace mcp::protocol {

namespace {
constexpr std::array<std::string_view, 4> kSupported = {kV2025_11_25, kV2025_06_18, kV2025_03_26, kV2024_11_05};
constexpr std::array<std::string_view, 1> kModern = {kV2026_07_28};
}  // namespace

std::span<const std::string_view> supported() { return kSupported; }

bool is_supported(std::string_view version) {
  return std::find(kSupported.begin(), kSupported.end(), version) != kSupported.end();
}

std::span<const std::string_view> modern() { return kModern; }

bool is_modern(std::string_view version) { return std::find(kModern.begin(), kModern.end(), version) != kModern.end(); }

std::string negotiate(std::string_view requested) { return std::string(is_supported(requested) ? requested : kLatest); }

Features features(std::string_view version) {
  if (!is_supported(version) && !is_modern(version)) version = kLatest;
  // The revision strings are ISO dates, so they compare in time order.
  const auto since = [&](std::string_view rev) { return version >= rev; };
  Features f;
  f.batches = version == kV2025_03_26;
  f.structured_content = since(kV2025_06_18);
  f.titles = since(kV2025_06_18);
  f.tool_annotations = since(kV2025_03_26);
  f.completions_capability = since(kV2025_03_26);
  f.server_description = since(kV2025_11_25);
  f.http_protocol_header = since(kV2025_06_18);
  f.invalid_origin_403 = since(kV2025_11_25);
  f.stateless = since(kV2026_07_28);
  return f;
}

}  // namespace mcp::protocol
