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

const ToolRegistrar kRegistrar{{
    "search_models",
    60,
    "Search models by openness",
    "Finds models by openness (tier, MOF class, EOSAI, OSAID, license, producer, modality, training data, text), "
    "most open first, paged.",
    "to find models by openness",
    {},
    typed<SearchIn>([](const Context& ctx) -> TypedHandler<SearchIn> {
      return [catalog = ctx.catalog](const SearchIn& in) {
        const Dataset& ds = catalog->dataset();
        std::string license_id;
        if (in.license) {
          const Normalized n = ds.licenses().normalize(*in.license);
          if (!n.license)
            return mcp::ToolResult::error(
                "Unknown license '" + *in.license +
                "': pass an SPDX id such as Apache-2.0 or a model license id such as llama3.1.");
          license_id = std::string(n.license->id);
        }
        const std::string &query = in.query, &producer = in.producer, &modality = in.modality;
        const std::optional<Tier>&tier = in.tier, &min_tier = in.min_tier;
        const int mof_class = in.mof_class;
        const double min_eosai = in.min_eosai;
        const std::string &osaid = in.osaid, &kind = in.kind;
        const std::size_t limit = in.limit;

        auto matches = [&](const Summary& s) {
          const Record& r = *s.record;
          if (tier && s.tier != *tier) return false;
          if (min_tier && tier_rank(s.tier) < tier_rank(*min_tier)) return false;
          if (mof_class && !(s.mof_class >= 1 && s.mof_class <= mof_class)) return false;
          if (min_eosai >= 0 && !(s.eosai && *s.eosai * 100 >= min_eosai - 1e-9)) return false;
          if (!osaid.empty() && (osaid == "meets") != s.osaid_meets) return false;
          if (!kind.empty() && to_string(r.kind) != kind) return false;
          if (!license_id.empty() &&
              std::find(s.license_ids.begin(), s.license_ids.end(), license_id) == s.license_ids.end())
            return false;
          if (!producer.empty() && !has_words(r.producer, producer)) return false;
          if (!modality.empty() && std::none_of(r.modality.begin(), r.modality.end(),
                                                [&](std::string_view m) { return lower(m) == modality; }))
            return false;
          if (in.training_data_released) {
            const bool released = s.dims.training_data == "open" || s.dims.training_data == "restricted" ||
                                  s.dims.training_data == "partial";
            if (released != *in.training_data_released) return false;
          }
          if (!query.empty()) {
            bool hit = contains(r.id, query) || contains(r.name, query) || contains(r.producer, query);
            for (const auto& a : r.aliases) hit = hit || contains(a.value, query);
            if (!hit) return false;
          }
          return true;
        };

        std::vector<const Summary*> hits;
        for (const auto& s : catalog->all())
          if (matches(s)) hits.push_back(&s);

        std::size_t start = 0;
        const std::string& key = in.filters_key;
        if (in.cursor) {
          const std::string& c = *in.cursor;
          const std::string prefix = "s1:";
          const auto colon = c.find(':', prefix.size());
          bool ok = c.rfind(prefix, 0) == 0 && colon != std::string::npos && c.substr(colon + 1) == key;
          if (ok) {
            const std::string digits = c.substr(prefix.size(), colon - prefix.size());
            ok = !digits.empty() && digits.size() < 10 && std::all_of(digits.begin(), digits.end(), ::isdigit);
            if (ok) start = std::stoul(digits);
            ok = ok && start > 0 && start < hits.size();
          }
          if (!ok)
            return mcp::ToolResult::error(
                "Invalid cursor: pass back next_cursor from the previous page with the same filters.");
        }
        const std::size_t end = std::min(hits.size(), start + limit);
        Json results = Json::array();
        std::string text = std::to_string(hits.size()) + " model(s) match";
        if (hits.size() > 0)
          text += "; " + std::to_string(start + 1) + "-" + std::to_string(end) + " shown, most open first:";
        for (std::size_t i = start; i < end; ++i) {
          const Summary& s = *hits[i];
          results.push_back(summary_json(s));
          text += "\n- " + std::string(s.record->id) + " (" + std::string(s.record->name) +
                  (s.record->producer.empty() ? "" : ", " + std::string(s.record->producer)) +
                  "): " + std::string(to_string(s.tier)) +
                  (s.mof_class >= 0 ? ", MOF class " + std::to_string(s.mof_class) : std::string()) +
                  (s.eosai ? ", EOSAI " + percent(*s.eosai, true) : std::string());
          if (!s.members.empty()) text += " (a family; its models: " + members_words(s.members, 0) + ")";
        }
        Json filters = in.filters;
        if (!license_id.empty()) filters["license"] = license_id;
        Json out = {{"total", hits.size()}, {"results", std::move(results)}, {"filters", std::move(filters)}};
        if (end < hits.size()) {
          out["next_cursor"] = "s1:" + std::to_string(end) + ":" + key;
          text += "\nMore: pass cursor " + out["next_cursor"].get<std::string>();
        }
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
