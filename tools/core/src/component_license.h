// Internal to the openness core (classify.cpp, osaid.cpp): the license a release's component ends
// up with, read in a MOF mode.
#pragma once
#include <openness/classify.h>

#include <string>

namespace openness::detail {

struct Resolved {
  bool released = false;
  bool has_license = false;
  bool unlicensed = false;  // listed as "unlicensed": explicitly no license
  std::string as_given, id;
  const License* license = nullptr;
};

// The component's license: its own, else the release's license for its content type, else the
// distribution license; normalized to a license id in MofMode::Normalized.
Resolved resolve_component(const Release& r, Component c, const LicenseDb& db, MofMode mode);
// The license as given, with the id it normalizes to when that differs.
std::string describe(const Resolved& r);

}  // namespace openness::detail
