// search_models: filter the whole dataset by openness, license, producer, modality and text;
// most open first, paginated.
#include "binding.h"
#include "present.h"

#include <algorithm>
#include <cctype>

namespace openness::bindings {
namespace {

bool contains(std::string_view hay, const std::string& needle_lower) {
  return lower(hay).find(needle_lower) != std::string::npos;
}

// The needle as whole words of the hay ("ai2" names Ai2, not AI21 Labs; "meta" names Meta).
bool has_words(std::string_view hay, const std::string& needle_lower) {
  const std::string h = lower(hay);
  auto edge = [&](std::size_t i) { return i >= h.size() || !std::isalnum(static_cast<unsigned char>(h[i])); };
  for (auto at = h.find(needle_lower); at != std::string::npos; at = h.find(needle_lower, at + 1))
    if ((at == 0 || edge(at - 1)) && edge(at + needle_lower.size())) return true;
  return false;
}

Tier tier_from(const std::string& s) {
  for (Tier t :
       {Tier::Unknown, Tier::Closed, Tier::RestrictedWeights, Tier::OpenWeights, Tier::OpenSource, Tier::FullyOpen})
    if (to_string(t) == s) return t;
  return Tier::Unknown;
}

// Cursors are "s1:<offset>:<hash of the filters>", so a cursor cannot be replayed against other filters.
std::string filters_key(const Json& args) {
  Json f = args;
  f.erase("cursor");
  f.erase("limit");
  return std::to_string(std::hash<std::string>{}(f.dump()) % 1000000007);
}

struct SearchIn {
  std::optional<std::string> license, cursor;
  std::string query, producer, modality, osaid, kind;  // lower case; "" = any
  std::optional<Tier> tier, min_tier;
  int mof_class = 0;
  double min_eosai = -1;
  std::optional<bool> training_data_released;
  std::size_t limit = 20;
  Json filters;             // the filters as given (echoed in the answer)
  std::string filters_key;  // and their hash, for cursors
};
void read(const Json& j, SearchIn& in) {
  arg(j, "license", in.license);
  arg(j, "cursor", in.cursor);
  arg(j, "query", in.query);
  arg(j, "producer", in.producer);
  arg(j, "modality", in.modality);
  for (std::string* s : {&in.query, &in.producer, &in.modality}) *s = lower(*s);
  arg(j, "osaid", in.osaid);
  arg(j, "kind", in.kind);
  std::optional<std::string> tier, min_tier;
  arg(j, "tier", tier);
  arg(j, "min_tier", min_tier);
  if (tier) in.tier = tier_from(*tier);
  if (min_tier) in.min_tier = tier_from(*min_tier);
  arg(j, "mof_class", in.mof_class);
  arg(j, "min_eosai_percent", in.min_eosai);
  arg(j, "training_data_released", in.training_data_released);
  arg(j, "limit", in.limit);
  in.filters = j;
  in.filters.erase("cursor");
  in.filters_key = filters_key(j);
}

// Whether a model's summary passes the filters (`license_id`: the license filter, normalised).
bool matches(const SearchIn& in, const std::string& license_id, const Summary& s) {
  const Record& r = *s.record;
  if (in.tier && s.tier != *in.tier) return false;
  if (in.min_tier && tier_rank(s.tier) < tier_rank(*in.min_tier)) return false;
  if (in.mof_class && !(s.mof_class >= 1 && s.mof_class <= in.mof_class)) return false;
  if (in.min_eosai >= 0 && !(s.eosai && *s.eosai * 100 >= in.min_eosai - 1e-9)) return false;
  if (!in.osaid.empty() && (in.osaid == "meets") != s.osaid_meets) return false;
  if (!in.kind.empty() && to_string(r.kind) != in.kind) return false;
  if (!license_id.empty() && std::find(s.license_ids.begin(), s.license_ids.end(), license_id) == s.license_ids.end())
    return false;
  if (!in.producer.empty() && !has_words(r.producer, in.producer)) return false;
  if (!in.modality.empty() &&
      std::none_of(r.modality.begin(), r.modality.end(), [&](std::string_view m) { return lower(m) == in.modality; }))
    return false;
  if (in.training_data_released) {
    const bool released =
        s.dims.training_data == "open" || s.dims.training_data == "restricted" || s.dims.training_data == "partial";
    if (released != *in.training_data_released) return false;
  }
  if (!in.query.empty()) {
    bool hit = contains(r.id, in.query) || contains(r.name, in.query) || contains(r.producer, in.query);
    for (const auto& a : r.aliases) hit = hit || contains(a.value, in.query);
    if (!hit) return false;
  }
  return true;
}

// Where the page starts: 0 without a cursor, the cursor's offset when it was made for these
// filters and is within the `hits`, nothing for any other cursor.
std::optional<std::size_t> page_start(const SearchIn& in, std::size_t hits) {
  if (!in.cursor) return 0;
  const std::string& c = *in.cursor;
  const std::string prefix = "s1:";
  const auto colon = c.find(':', prefix.size());
  if (c.rfind(prefix, 0) != 0 || colon == std::string::npos || c.substr(colon + 1) != in.filters_key)
    return std::nullopt;
  const std::string digits = c.substr(prefix.size(), colon - prefix.size());
  if (digits.empty() || digits.size() >= 10 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
    return std::nullopt;
  const std::size_t start = std::stoul(digits);
  if (start == 0 || start >= hits) return std::nullopt;
  return start;
}

// One page of the models that match, most open first.
struct SearchOut {
  std::size_t total = 0, start = 0;
  std::vector<const Summary*> page;
  Json filters;             // as given, the license normalised
  std::string next_cursor;  // "" on the last page
};

void to_json(Json& j, const SearchOut& o) {
  Json results = Json::array();
  for (const Summary* s : o.page) results.push_back(summary_json(*s));
  j = {{"total", o.total}, {"results", std::move(results)}, {"filters", o.filters}};
  if (!o.next_cursor.empty()) j["next_cursor"] = o.next_cursor;
}

std::string text(const SearchOut& o) {
  std::string t = std::to_string(o.total) + " model(s) match";
  if (o.total > 0)
    t +=
        "; " + std::to_string(o.start + 1) + "-" + std::to_string(o.start + o.page.size()) + " shown, most open first:";
  for (const Summary* sp : o.page) {
    const Summary& s = *sp;
    t += "\n- " + std::string(s.record->id) + " (" + std::string(s.record->name) +
         (s.record->producer.empty() ? "" : ", " + std::string(s.record->producer)) +
         "): " + std::string(to_string(s.tier)) +
         (s.mof_class >= 0 ? ", MOF class " + std::to_string(s.mof_class) : std::string()) +
         (s.eosai ? ", EOSAI " + percent(*s.eosai, true) : std::string());
    if (!s.members.empty()) t += " (a family; its models: " + members_words(s.members, 0) + ")";
  }
  if (!o.next_cursor.empty()) t += "\nMore: pass cursor " + o.next_cursor;
  return t;
}

const ToolRegistrar kRegistrar{{
    "search_models",
    60,
    "Search models by openness",
    "Finds models by openness (tier, MOF class, EOSAI, OSAID, license, producer, modality, training data, text), "
    "most open first, paged.",
    "to find models by openness",
    {},
    typed<SearchIn, SearchOut>([](const Context& ctx) -> TypedHandler<SearchIn, SearchOut> {
      return [catalog = ctx.catalog](const SearchIn& in) -> mcp::ToolOutcome<SearchOut> {
        const Dataset& ds = catalog->dataset();
        std::string license_id;
        if (in.license) {
          const Normalized n = ds.licenses().normalize(*in.license);
          if (!n.license)
            return mcp::ToolError{"Unknown license '" + *in.license +
                                  "': pass an SPDX id such as Apache-2.0 or a model license id such as llama3.1."};
          license_id = std::string(n.license->id);
        }
        std::vector<const Summary*> hits;
        for (const auto& s : catalog->all())
          if (matches(in, license_id, s)) hits.push_back(&s);
        const std::optional<std::size_t> start = page_start(in, hits.size());
        if (!start)
          return mcp::ToolError{"Invalid cursor: pass back next_cursor from the previous page with the same filters."};
        const std::size_t end = std::min(hits.size(), *start + in.limit);
        SearchOut out{
            hits.size(),
            *start,
            {hits.begin() + static_cast<std::ptrdiff_t>(*start), hits.begin() + static_cast<std::ptrdiff_t>(end)},
            in.filters,
            {}};
        if (!license_id.empty()) out.filters["license"] = license_id;
        if (end < hits.size()) out.next_cursor = "s1:" + std::to_string(end) + ":" + in.filters_key;
        return out;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
