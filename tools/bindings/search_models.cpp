// search_models: filter the whole dataset by openness, license, producer, modality and text;
// most open first, paginated.
#include "binding.h"
#include "present.h"

#include <algorithm>
#include <cctype>

namespace openness::bindings {
namespace {

bool contains(std::string_view hay, const std::string& needle_lower) { return lower(hay).find(needle_lower) != std::string::npos; }

// The needle as whole words of the hay ("ai2" names Ai2, not AI21 Labs; "meta" names Meta).
bool has_words(std::string_view hay, const std::string& needle_lower) {
  const std::string h = lower(hay);
  auto edge = [&](std::size_t i) { return i >= h.size() || !std::isalnum(static_cast<unsigned char>(h[i])); };
  for (auto at = h.find(needle_lower); at != std::string::npos; at = h.find(needle_lower, at + 1))
    if ((at == 0 || edge(at - 1)) && edge(at + needle_lower.size())) return true;
  return false;
}

Tier tier_from(const std::string& s) {
  for (Tier t : {Tier::Unknown, Tier::Closed, Tier::RestrictedWeights, Tier::OpenWeights, Tier::OpenSource, Tier::FullyOpen})
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

const ToolRegistrar kRegistrar{{
    "search_models",
    60,
    "Search models by openness",
    "Finds models by openness (tier, MOF class, EOSAI, OSAID, license, producer, modality, training data, text), "
    "most open first, paged.",
    [](const Context& ctx) -> mcp::ToolHandler {
      return [catalog = ctx.catalog](const Json& args, mcp::RequestContext&) {
        const Dataset& ds = catalog->dataset();
        std::string license_id;
        if (args.contains("license")) {
          const Normalized n = ds.licenses().normalize(args["license"].get<std::string>());
          if (!n.license)
            return mcp::ToolResult::error("Unknown license '" + args["license"].get<std::string>() +
                                          "': pass an SPDX id such as Apache-2.0 or a model license id such as llama3.1.");
          license_id = std::string(n.license->id);
        }
        const std::string query = lower(args.value("query", std::string()));
        const std::string producer = lower(args.value("producer", std::string()));
        const std::string modality = lower(args.value("modality", std::string()));
        std::optional<Tier> tier, min_tier;
        if (args.contains("tier")) tier = tier_from(args["tier"]);
        if (args.contains("min_tier")) min_tier = tier_from(args["min_tier"]);
        const int mof_class = args.value("mof_class", 0);
        const double min_eosai = args.value("min_eosai_percent", -1.0);
        const std::string osaid = args.value("osaid", std::string());
        const std::string kind = args.value("kind", std::string());
        const std::size_t limit = args.value("limit", 20);

        auto matches = [&](const Summary& s) {
          const Record& r = *s.record;
          if (tier && s.tier != *tier) return false;
          if (min_tier && tier_rank(s.tier) < tier_rank(*min_tier)) return false;
          if (mof_class && !(s.mof_class >= 1 && s.mof_class <= mof_class)) return false;
          if (min_eosai >= 0 && !(s.eosai && *s.eosai * 100 >= min_eosai - 1e-9)) return false;
          if (!osaid.empty() && (osaid == "meets") != s.osaid_meets) return false;
          if (!kind.empty() && to_string(r.kind) != kind) return false;
          if (!license_id.empty() && std::find(s.license_ids.begin(), s.license_ids.end(), license_id) == s.license_ids.end())
            return false;
          if (!producer.empty() && !has_words(r.producer, producer)) return false;
          if (!modality.empty() &&
              std::none_of(r.modality.begin(), r.modality.end(), [&](std::string_view m) { return lower(m) == modality; }))
            return false;
          if (args.contains("training_data_released")) {
            const bool released = s.dims.training_data == "open" || s.dims.training_data == "restricted" ||
                                  s.dims.training_data == "partial";
            if (released != args["training_data_released"].get<bool>()) return false;
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
        const std::string key = filters_key(args);
        if (args.contains("cursor")) {
          const std::string c = args["cursor"].get<std::string>();
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
            return mcp::ToolResult::error("Invalid cursor: pass back next_cursor from the previous page with the same filters.");
        }
        const std::size_t end = std::min(hits.size(), start + limit);
        Json results = Json::array();
        std::string text = std::to_string(hits.size()) + " model(s) match";
        if (hits.size() > 0) text += "; " + std::to_string(start + 1) + "-" + std::to_string(end) + " shown, most open first:";
        for (std::size_t i = start; i < end; ++i) {
          const Summary& s = *hits[i];
          results.push_back(summary_json(s));
          text += "\n- " + std::string(s.record->id) + " (" + std::string(s.record->name) +
                  (s.record->producer.empty() ? "" : ", " + std::string(s.record->producer)) + "): " +
                  std::string(to_string(s.tier)) +
                  (s.mof_class >= 0 ? ", MOF class " + std::to_string(s.mof_class) : std::string()) +
                  (s.eosai ? ", EOSAI " + percent(*s.eosai, true) : std::string());
        }
        Json filters = args;
        filters.erase("cursor");
        if (!license_id.empty()) filters["license"] = license_id;
        Json out = {{"total", hits.size()}, {"results", std::move(results)}, {"filters", std::move(filters)}};
        if (end < hits.size()) {
          out["next_cursor"] = "s1:" + std::to_string(end) + ":" + key;
          text += "\nMore: pass cursor " + out["next_cursor"].get<std::string>();
        }
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    },
}};

}  // namespace
}  // namespace openness::bindings
