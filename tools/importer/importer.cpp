// openness-import: turns the upstream MOT and EOSAI YAML files into data/ (see README.md here).
//
//   openness-import --mot ../shared/reference/mot --eosai ../shared/reference/eosai --out data
//
// Inputs may be the reference copies (provenance read from their SOURCE.md) or fresh clones of
// github.com/lfai/model_openness_tool and github.com/Language-Technology-Assessment/main-database
// (provenance read with git). Outputs: data/models/<id>.json (one record per model),
// data/licenses.json, data/import-report.json (counts and every upstream quirk), data/NOTICE.
#include "importer.h"

#include <iostream>

namespace importer {

void Importer::run() {
  motp_ = provenance(o_.mot, "https://github.com/lfai/model_openness_tool");
  eosp_ = provenance(o_.eosai, "https://github.com/Language-Technology-Assessment/main-database");
  load_producers();
  curated_set_ = read_curated(o_.curated / "curated");
  build_licenses();
  read_mot();
  read_eosai();
  link_and_merge();
  attach_osi();
  attach_availability();
  attach_curated();
  write_all();
}

}  // namespace importer

namespace {

int usage() {
  std::cerr
      << "usage: openness-import --mot DIR --eosai DIR --out DIR [--curated DIR]\n"
         "  --mot DIR      MOT reference copy or a clone of github.com/lfai/model_openness_tool\n"
         "  --eosai DIR    EOSAI reference copy or a clone of github.com/Language-Technology-Assessment/main-database\n"
         "  --out DIR      where to write models/, licenses.json, import-report.json, NOTICE (e.g. data)\n"
         "  --curated DIR  the curated tables (default: tools/importer of this source tree)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mot, eosai, out, curated = OPENNESS_IMPORTER_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--mot")
      mot = next();
    else if (a == "--eosai")
      eosai = next();
    else if (a == "--out")
      out = next();
    else if (a == "--curated")
      curated = next();
    else
      return usage();
  }
  if (mot.empty() || eosai.empty() || out.empty()) return usage();
  try {
    importer::Importer({mot, eosai, out, curated}).run();
  } catch (const std::exception& e) {
    std::cerr << "openness-import: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
