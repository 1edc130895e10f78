#include "answers.h"

#include "summary.h"

#include <mcp/jsonrpc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

namespace openness::bindings {
namespace {

// The table: "OMA1", the entry count (u32), the entries (id, members and text, each as offset and
// length into the strings, u32 little-endian as the host writes them), sorted by record id, then
// the strings.
constexpr std::string_view kMagic = "OMA1";
constexpr std::size_t kFields = 6;
constexpr std::size_t kEntryBytes = kFields * 4;

std::uint32_t u32_at(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, s.data() + at, 4);
  return v;
}

void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

std::string json_escaped(std::string_view text) {
  const std::string s = mcp::jsonrpc::serialize(Json(text));
  return s.substr(1, s.size() - 2);
}

std::string AnswerTable::write(const Dataset& ds) {
  std::vector<std::uint32_t> order(ds.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return ds.record(a).id < ds.record(b).id; });
  std::string entries, strings;
  auto add = [&](std::string_view s) {
    put_u32(entries, static_cast<std::uint32_t>(strings.size()));
    put_u32(entries, static_cast<std::uint32_t>(s.size()));
    strings += s;
  };
  for (const auto i : order) {
    const Record& r = ds.record(i);
    const Assessment a = assess(r, ds, MofMode::Normalized);
    const Json summary = summary_json(r, a, ds);
    const std::string members = mcp::jsonrpc::serialize(summary);
    add(r.id);
    add(std::string_view(members).substr(1, members.size() - 2));
    add(json_escaped(summary_text(r, summary)));
  }
  std::string out(kMagic);
  put_u32(out, static_cast<std::uint32_t>(order.size()));
  return out + entries + strings;
}

std::optional<AnswerTable> AnswerTable::read(std::string_view bytes, const Dataset& ds) {
  if (bytes.size() < 8 || bytes.substr(0, 4) != kMagic) return std::nullopt;
  const std::size_t count = u32_at(bytes, 4);
  if (count != ds.size() || (bytes.size() - 8) / kEntryBytes < count) return std::nullopt;
  AnswerTable t;
  t.entries_ = bytes.substr(8, count * kEntryBytes);
  t.strings_ = bytes.substr(8 + count * kEntryBytes);
  t.count_ = count;
  for (std::size_t e = 0; e < count; ++e)
    for (std::size_t f = 0; f < kFields; f += 2) {
      const std::size_t off = u32_at(t.entries_, e * kEntryBytes + f * 4);
      const std::size_t len = u32_at(t.entries_, e * kEntryBytes + f * 4 + 4);
      if (off > t.strings_.size() || len > t.strings_.size() - off) return std::nullopt;
    }
  return t;
}

std::optional<PrecomputedAnswer> AnswerTable::find(std::string_view record_id) const {
  auto field = [&](std::size_t e, std::size_t f) {
    return strings_.substr(u32_at(entries_, e * kEntryBytes + f * 8), u32_at(entries_, e * kEntryBytes + f * 8 + 4));
  };
  std::size_t lo = 0, hi = count_;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (field(mid, 0) < record_id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == count_ || field(lo, 0) != record_id) return std::nullopt;
  return PrecomputedAnswer{field(lo, 1), field(lo, 2)};
}

}  // namespace openness::bindings
