#include <openness/mof.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace openness {

std::string_view to_string(MofMode m) { return m == MofMode::Strict ? "strict" : "normalized"; }

std::string_view to_string(ComponentStatus s) {
  switch (s) {
    case ComponentStatus::Included: return "included";
    case ComponentStatus::Invalid: return "invalid";
    case ComponentStatus::Unlicensed: return "unlicensed";
    case ComponentStatus::Missing: return "missing";
  }
  return "?";
}

std::string_view to_string(LicenseOrigin o) {
  switch (o) {
    case LicenseOrigin::Component: return "component";
    case LicenseOrigin::ContentType: return "release license for the content type";
    case LicenseOrigin::Distribution: return "distribution license";
    case LicenseOrigin::None: return "none";
  }
  return "?";
}

std::string_view mof_class_label(int c) {
  switch (c) {
    case 1: return "Class I - Open Science Model";
    case 2: return "Class II - Open Tooling Model";
    case 3: return "Class III - Open Model";
    default: return "Unclassified";
  }
}

std::string_view MofVerdict::label() const { return mof_class_label(mof_class); }

namespace {

bool contains(const std::vector<Component>& v, Component c) { return std::find(v.begin(), v.end(), c) != v.end(); }

void erase(std::vector<Component>& v, Component c) { v.erase(std::remove(v.begin(), v.end(), c), v.end()); }

std::vector<Component>& bucket(MofClassResult& r, ComponentStatus s) {
  switch (s) {
    case ComponentStatus::Included: return r.included;
    case ComponentStatus::Invalid: return r.invalid;
    case ComponentStatus::Unlicensed: return r.unlicensed;
    case ComponentStatus::Missing: break;
  }
  return r.missing;
}

std::size_t required_count(int cls) {
  std::size_t n = 0;
  for (const auto& c : component_table())
    if (c.required && c.mof_class == cls) ++n;
  return n;
}

std::string why(const MofComponentResult& r) {
  std::string name(info(r.component).name);
  switch (r.status) {
    case ComponentStatus::Missing: return name + ": not released (not listed)";
    case ComponentStatus::Unlicensed:
      return name + (r.origin == LicenseOrigin::Component ? ": released but marked unlicensed"
                                                          : ": released with no license (none given, none to inherit)");
    case ComponentStatus::Invalid: {
      std::string s = name + ": license \"" + r.license_as_given + "\"";
      if (r.license != r.license_as_given) s += " (normalised to " + r.license + ")";
      return s +
             " is not an open license for MOT (not OSI-approved, not FSF-libre, not in MOT's open-data list, "
             "not OpenMDW)";
    }
    case ComponentStatus::Included: break;
  }
  return name + ": open";
}

// 1. Resolve and judge each listed component (LicenseHandler / resolveLicense).
void judge_components(const Release& release, const LicenseDb& db, MofMode mode, MofVerdict& v) {
  for (const auto& ci : component_table()) {
    MofComponentResult& r = v.components[static_cast<std::size_t>(ci.id)];
    r.component = ci.id;
    const ReleaseComponent* rc = release.find(ci.id);
    if (!rc) continue;
    r.listed = true;
    std::optional<std::string> lic;
    if (rc->license) {
      r.origin = LicenseOrigin::Component;
      if (!rc->license->empty() && *rc->license != "unlicensed") lic = *rc->license;
    } else if (const auto& g = release.licenses.for_type(ci.content_type); g && !g->empty()) {
      r.origin = LicenseOrigin::ContentType;
      lic = *g;
    } else if (release.licenses.distribution && !release.licenses.distribution->empty()) {
      r.origin = LicenseOrigin::Distribution;
      lic = *release.licenses.distribution;
    }
    if (!lic) {
      r.status = ComponentStatus::Unlicensed;
      continue;
    }
    r.license_as_given = *lic;
    r.license = *lic;
    if (mode == MofMode::Normalized) {
      Normalized n = db.normalize(*lic);
      r.normalized_by = n.method;
      if (n.license) r.license = std::string(n.license->id);
    }
    r.open = db.mot_open(r.license);
    r.type_appropriate = db.type_appropriate(r.license, ci.content_type);
    r.status = r.open ? ComponentStatus::Included : ComponentStatus::Invalid;
  }
}

// 2. Per-class evaluation; the required list accumulates from Class III down to Class I.
void sort_into_classes(MofVerdict& v) {
  for (int cls = 3; cls >= 1; --cls) {
    MofClassResult& cr = v.classes[cls];
    cr.mof_class = cls;
    for (const auto& ci : component_table()) {
      if (!ci.required || ci.mof_class < cls) continue;
      const auto& r = v.components[static_cast<std::size_t>(ci.id)];
      if (!r.listed) {
        cr.missing.push_back(ci.id);
        continue;
      }
      bucket(cr, r.status).push_back(ci.id);
      if (r.status == ComponentStatus::Included && !r.type_appropriate) cr.not_type_appropriate.push_back(ci.id);
    }
  }
}

// 3. The Research paper stands in for a Technical report that is not included at Class III.
void paper_for_report(MofVerdict& v) {
  const auto& paper = v.components[static_cast<std::size_t>(Component::ResearchPaper)];
  if (!contains(v.classes[3].included, Component::TechnicalReport) && paper.listed) {
    v.paper_replaces_report = true;
    for (int cls = 1; cls <= 3; ++cls) erase(v.classes[cls].missing, Component::TechnicalReport);
    for (int cls = 2; cls <= 3; ++cls) {
      bucket(v.classes[cls], paper.status).push_back(Component::ResearchPaper);
      if (paper.status == ComponentStatus::Included && !paper.type_appropriate)
        v.classes[cls].not_type_appropriate.push_back(Component::ResearchPaper);
    }
  }
}

// 4. Progress (getProgress): a lower class is 0 % until every higher class is complete.
void progress(MofVerdict& v) {
  for (int c = 3; c >= 1; --c) {
    std::size_t total = 0, included = 0;
    int i = 3;
    for (; i >= c; --i) {
      total += required_count(i);
      included = v.classes[i].included.size();
      if (included < total) break;
    }
    double p;
    if (i > c) {
      p = 0;
    } else {
      if (c == 1 && !contains(v.classes[1].included, Component::TechnicalReport) &&
          contains(v.classes[1].included, Component::ResearchPaper))
        total -= 1;
      p = std::min(100.0, static_cast<double>(included) / static_cast<double>(total) * 100.0);
    }
    v.progress[static_cast<std::size_t>(c)] = p;
    v.classes[c].progress = p;
  }
  v.total_progress = (v.progress[1] + v.progress[2] + v.progress[3]) / 3;
  for (int c = 1; c <= 3; ++c) {
    if (v.progress[static_cast<std::size_t>(c)] == 100) {
      v.mof_class = c;
      break;
    }
  }
}

// 5. Reasons: what keeps the release from the next class up.
void reasons(MofVerdict& v) {
  const int next = v.mof_class == 0 ? 3 : v.mof_class - 1;
  if (next >= 1) {
    const auto& cr = v.classes[next];
    const std::string cls_name(mof_class_label(next));
    for (const auto* list : {&cr.missing, &cr.unlicensed, &cr.invalid})
      for (Component c : *list) {
        MofComponentResult r = v.components[static_cast<std::size_t>(c)];
        if (!r.listed) r.status = ComponentStatus::Missing;
        v.reasons.push_back(cls_name + " not met: " + why(r));
      }
  } else {
    v.reasons.push_back(
        "Meets Class I - Open Science Model: every required component is released under an open "
        "license");
  }
  if (v.paper_replaces_report)
    v.reasons.push_back("The Research paper stands in for the Technical report (MOT's substitution rule)");
  for (int c = 3; c >= 1; --c)
    for (Component comp : v.classes[c].not_type_appropriate) {
      std::string w = std::string(info(comp).name) + ": license " +
                      v.components[static_cast<std::size_t>(comp)].license +
                      " is open but not the type MOT recommends for " +
                      std::string(to_string(info(comp).content_type)) + " (a warning, not a failure)";
      if (std::find(v.warnings.begin(), v.warnings.end(), w) == v.warnings.end()) v.warnings.push_back(w);
    }
}

}  // namespace

MofVerdict evaluate_mof(const Release& release, const LicenseDb& db, MofMode mode) {
  MofVerdict v;
  v.mode = mode;
  v.components.resize(kComponentCount);
  judge_components(release, db, mode, v);
  sort_into_classes(v);
  paper_for_report(v);
  progress(v);
  reasons(v);
  return v;
}

nlohmann::json MofVerdict::to_json() const {
  nlohmann::json j;
  j["framework"] = "MOF";
  j["mode"] = to_string(mode);
  j["class"] = mof_class;
  j["label"] = label();
  j["progress"] = {{"1", progress[1]}, {"2", progress[2]}, {"3", progress[3]}};
  j["total_progress"] = total_progress;
  j["paper_replaces_report"] = paper_replaces_report;
  auto& comps = j["components"] = nlohmann::json::array();
  for (const auto& r : components) {
    const auto& ci = info(r.component);
    nlohmann::json c{{"name", ci.name},
                     {"mof_class", ci.mof_class},
                     {"required", ci.required},
                     {"content_type", to_string(ci.content_type)},
                     {"released", r.listed}};
    if (r.listed) {
      c["status"] = to_string(r.status);
      c["license_origin"] = to_string(r.origin);
      if (!r.license_as_given.empty()) c["license_as_given"] = r.license_as_given;
      if (!r.license.empty()) c["license"] = r.license;
      if (mode == MofMode::Normalized && !r.license_as_given.empty()) c["normalized_by"] = to_string(r.normalized_by);
      c["open"] = r.open;
      if (r.status == ComponentStatus::Included) c["type_appropriate"] = r.type_appropriate;
    } else {
      c["status"] = ci.required ? "missing" : "not released (optional)";
    }
    comps.push_back(c);
  }
  j["reasons"] = reasons;
  j["warnings"] = warnings;
  return j;
}

}  // namespace openness
