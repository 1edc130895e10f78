// Each record's concise answer (summary_json and summary_text, default options), computed when
// the server is built: `openness-answers` writes the table for the bundled dataset and the server
// embeds it, so that lookup_model answers a bundled record without assessing it or building a
// JSON tree. A dataset with user records (--data-dir) has no table: their records can change the
// answers about bundled ones (a base model's terms, a family), so every answer is then computed.
#pragma once
#include <openness/dataset.h>

#include <optional>
#include <string>
#include <string_view>

namespace openness::bindings {

struct PrecomputedAnswer {
  std::string_view members;  // summary_json's members as JSON text, without the braces
  std::string_view text;     // summary_text, escaped as between the quotes of a JSON string
};

// `text` as it reads between the quotes of a JSON string.
std::string json_escaped(std::string_view text);

class AnswerTable {
 public:
  // The table of every record of `ds`.
  static std::string write(const Dataset& ds);
  // The table in `bytes` (which must outlive it), if it is well formed and one of `ds`'s size.
  static std::optional<AnswerTable> read(std::string_view bytes, const Dataset& ds);

  std::optional<PrecomputedAnswer> find(std::string_view record_id) const;
  std::size_t size() const { return count_; }

 private:
  std::string_view entries_, strings_;
  std::size_t count_ = 0;
};

}  // namespace openness::bindings
