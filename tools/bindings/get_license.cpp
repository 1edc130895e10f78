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

// The license a query names, how it was matched, and the source of its facts (when the data has one).
struct LicenseOut {
  std::string query;
  NormalizeMethod matched_by = NormalizeMethod::Exact;
  const License* license = nullptr;
  const LicenseSource* source = nullptr;
};

void to_json(Json& j, const LicenseOut& o) {
  const License& l = *o.license;
  j = {{"query", o.query},
       {"matched_by", to_string(o.matched_by)},
       {"verdict",
        {{"label", label(l)},
         {"open_source", l.osi_approved},
         {"open_per_mof", l.mot_open()},
         {"restricted_use", !l.restrictions.empty()}}},
       {"license", openness::to_json(l)}};
  if (const LicenseSource* s = o.source)
    j["source"] = {{"id", s->id}, {"title", s->title}, {"url", s->url}, {"as_of", s->as_of}};
}

std::string text(const LicenseOut& o) {
  const License& l = *o.license;
  std::string t = std::string(l.name) + " (" + std::string(l.id) + "): " + label(l) + ".";
  if (!l.summary.empty()) t += "\n" + std::string(l.summary);
  for (const auto& r : l.restrictions) t += "\n- " + std::string(r.kind) + ": " + std::string(r.text);
  if (!l.url.empty()) t += "\nText: " + std::string(l.url);
  if (!l.as_of.empty()) t += " (as of " + std::string(l.as_of) + ")";
  return t;
}

const ToolRegistrar kRegistrar{{
    "get_license",
    70,
    "Look up a license",
    "What a license allows: OSI-approved, FSF-libre, open data, or a model license with use restrictions "
    "(quoted, with the text's URL). Takes an id or free text ('Apache 2.0', 'llama3.1').",
    "for a license",
    {},
    typed<LicenseIn, LicenseOut>([](const Context& ctx) -> TypedHandler<LicenseIn, LicenseOut> {
      return [data = ctx.dataset](const LicenseIn& in) -> mcp::ToolOutcome<LicenseOut> {
        const LicenseDb& db = data->licenses();
        const Normalized n = db.normalize(in.license);
        if (!n.license)
          return mcp::ToolError{"No license known as '" + in.license.substr(0, 200) +
                                "'. Pass an SPDX id (e.g. Apache-2.0, MIT, CC-BY-4.0), a Hugging Face license id "
                                "(e.g. llama3.1, gemma, openrail) or the license's full name."};
        LicenseOut out{in.license, n.method, n.license};
        for (const auto& s : db.sources())
          if (s.id == n.license->source) out.source = &s;
        return out;
      };
    }),
}};

}  // namespace
}  // namespace openness::bindings
