// libFuzzer target: what a Hugging Face Hub answers, through the code that reads it (--hub): the
// input is an API record, then (after the first NUL byte) a README. The record goes through
// openness::hub::parse_api_model, and a model it gives through lookup_model's Hub answer
// (hub_answer: the card judged by every framework, its base model followed through the dataset),
// served by a Fetcher that returns it. The input's first line also goes through repo_id. The
// oracle: no crash or sanitizer report, a repository id that is one (it reads back as itself),
// and an answer that is a result or an error, never neither.
#include <openness/bundled.h>
#include <openness/hub.h>

#include <spdlog/spdlog.h>

#include "hub_answer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

class Canned final : public openness::hub::Fetcher {
 public:
  openness::hub::Result result;
  openness::hub::Options opts;
  openness::hub::Result fetch(const std::string&) override { return result; }
  const openness::hub::Options& options() const override { return opts; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto ds = [] {
    spdlog::set_level(spdlog::level::off);
    return openness::load_dataset();
  }();
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string_view line = in.substr(0, in.find('\n'));
  if (const auto id = openness::hub::repo_id(line)) {
    const auto again = openness::hub::repo_id(*id);
    if (!again || *again != *id) __builtin_trap();
  }
  const std::size_t nul = in.find('\0');
  std::string error;
  auto m = openness::hub::parse_api_model(in.substr(0, nul), error);
  if (!m) {
    if (error.empty()) __builtin_trap();
    return 0;
  }
  if (nul != std::string_view::npos) m->readme = std::string(in.substr(nul + 1));
  m->read_at = "2026-12-05T00:00:00Z";
  Canned hub;
  hub.result.model = std::move(*m);
  const auto r = openness::bindings::hub_answer(*ds, &hub, "fuzz/model", {});
  if (!r || (!r->is_error && !r->structured)) __builtin_trap();
  return 0;
}
