// get_license: a license by id or free text, normalised, with its OSI / FSF / open-data status,
// what it restricts, its URL and where the facts come from.
#include "binding.h"
#include "present.h"

#include <openness/licenses.h>

namespace openness::bindings {
namespace {

std::string label(const License& l) {
  if (l.osi_approved) return "OSI-approved open source license";
  if (l.mot_open_license)
    return "open license for models (code, data and documentation), counted as open by the MOF; not OSI-approved";
  if (l.mot_open_data)
    return "open data license, counted as open by the MOF for data and weights; not an OSI-approved software license";
  if (l.fsf_libre) return "free license (FSF), counted as open by the MOF; not OSI-approved";
  if (!l.restrictions.empty()) return "not an open license: its text restricts use (see restrictions)";
  return "not an open license by OSI, FSF or the MOF's open-data list";
}

struct LicenseIn {
  std::string license;
};
void read(const Json& j, LicenseIn& in) { arg(j, "license", in.license); }

const ToolRegistrar kRegistrar{{
    "get_license",
    70,
    "Look up a license",
    "What a license allows: OSI-approved, FSF-libre, open data, or a model license with use restrictions "
    "(quoted, with the text's URL). Takes an id or free text ('Apache 2.0', 'llama3.1').",
    "for a license",
    {},
    typed<LicenseIn>([](const Context& ctx) -> TypedHandler<LicenseIn> {
      return [data = ctx.dataset](const LicenseIn& in) {
        const LicenseDb& db = data->licenses();
        const std::string& query = in.license;
        const Normalized n = db.normalize(query);
        if (!n.license)
          return mcp::ToolResult::error(
              "No license known as '" + query.substr(0, 200) +
              "'. Pass an SPDX id (e.g. Apache-2.0, MIT, CC-BY-4.0), a Hugging Face license id "
              "(e.g. llama3.1, gemma, openrail) or the license's full name.");
        const License& l = *n.license;
        Json verdict = {{"label", label(l)},
                        {"open_source", l.osi_approved},
                        {"open_per_mof", l.mot_open()},
                        {"restricted_use", !l.restrictions.empty()}};
        Json out = {
            {"query", query}, {"matched_by", to_string(n.method)}, {"verdict", verdict}, {"license", to_json(l)}};
        for (const auto& s : db.sources())
          if (s.id == l.source) out["source"] = {{"id", s.id}, {"title", s.title}, {"url", s.url}, {"as_of", s.as_of}};
        std::string text = std::string(l.name) + " (" + std::string(l.id) + "): " + label(l) + ".";
        if (!l.summary.empty()) text += "\n" + std::string(l.summary);
        for (const auto& r : l.restrictions) text += "\n- " + std::string(r.kind) + ": " + std::string(r.text);
        if (!l.url.empty()) text += "\nText: " + std::string(l.url);
        if (!l.as_of.empty()) text += " (as of " + std::string(l.as_of) + ")";
        return mcp::ToolResult::structured_result(std::move(out), std::move(text));
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
