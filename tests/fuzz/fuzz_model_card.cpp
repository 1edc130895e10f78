// libFuzzer target: a Hugging Face model card (README.md with YAML front matter) through
// openness::parse_model_card, which promises to be total and bounded on any input. The oracle:
// no crash or sanitizer report, every list within its bound, and every string it returns small.
#include <openness/model_card.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check_list(const std::vector<std::string>& v) {
  if (v.size() > 64) __builtin_trap();
  for (const auto& s : v)
    if (s.empty() || s.size() > 512) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const openness::ModelCard card = openness::parse_model_card(text);
  for (const auto* v : {&card.datasets, &card.base_models, &card.languages, &card.tags, &card.arxiv_ids,
                        &card.code_links, &card.dataset_links})
    check_list(*v);
  for (const auto* s : {&card.license, &card.license_name, &card.license_link, &card.pipeline_tag, &card.library_name})
    if (s->size() > 512) __builtin_trap();
  return 0;
}
