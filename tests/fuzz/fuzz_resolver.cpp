// libFuzzer target: the name resolver on the bundled dataset, with any query text (a model name,
// a Hugging Face id, an Ollama tag, a URL, or garbage). The oracle: no crash or sanitizer report,
// and the answer is consistent: a found match has a record, an ambiguous answer candidates, every
// candidate is a live record with a confidence in (0, 1]; long or invalid UTF-8 queries are
// refused as invalid; the answer serialises.
#include <openness/bundled.h>
#include <openness/record.h>
#include <openness/resolver.h>

#include <nlohmann/json.hpp>
#include <utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto dataset = openness::load_dataset();
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const std::size_t max = size == 0 ? 5 : data[0] % 8;  // also 0, which the resolver clamps to 1
  const openness::Resolution r = dataset->resolver().resolve(query, max);
  using openness::ResolveStatus;
  if ((size > 512 || !utf8::is_valid(query.begin(), query.end())) && r.status != ResolveStatus::InvalidQuery)
    __builtin_trap();
  if (r.status == ResolveStatus::Found && (r.candidates.empty() || !r.match())) __builtin_trap();
  if (r.status == ResolveStatus::Ambiguous && r.candidates.empty())
    __builtin_trap();  // one weak candidate is "ambiguous" too
  if (r.candidates.size() > 50) __builtin_trap();
  for (const auto& c : r.candidates) {
    if (!c.record || !(c.confidence > 0.0 && c.confidence <= 1.0)) __builtin_trap();
    if (!dataset->find(c.record->id)) __builtin_trap();  // a candidate is a live record
  }
  (void)r.to_json().dump();  // strict UTF-8: throws (and so fails) on a broken string
  (void)openness::Resolver::fold(query);
  (void)openness::Resolver::fold(query, false);
  return 0;
}
