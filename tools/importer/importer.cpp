// openness-import: turns the upstream MOT and EOSAI YAML files into data/ (see README.md here).
//
//   openness-import --mot ../shared/reference/mot --eosai ../shared/reference/eosai --out data
//
// Inputs may be the reference copies (provenance read from their SOURCE.md) or fresh clones of
// github.com/lfai/model_openness_tool and github.com/Language-Technology-Assessment/main-database
// (provenance read with git). Outputs: data/models/<id>.json (one record per model),
// data/licenses.json, data/import-report.json (counts and every upstream quirk), data/NOTICE.
#include "importer.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

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
  mark_family_scores();
  write_all();
}

}  // namespace importer

int main(int argc, char** argv) {
  importer::Options o;
  o.curated = OPENNESS_IMPORTER_DIR;
  CLI::App app{"Turns the upstream MOT and EOSAI YAML files and the curated tables into data/.", "openness-import"};
  // Checked after parsing, so that an unknown option is named before a missing one.
  const std::vector<CLI::Option*> required = {
      app.add_option("--mot", o.mot, "(required) MOT reference copy or a clone of github.com/lfai/model_openness_tool")
          ->check(CLI::ExistingDirectory),
      app.add_option("--eosai", o.eosai,
                     "(required) EOSAI reference copy or a clone of "
                     "github.com/Language-Technology-Assessment/main-database")
          ->check(CLI::ExistingDirectory),
      app.add_option("--out", o.out,
                     "(required) where to write models/, licenses.json, import-report.json, NOTICE (e.g. data)")};
  app.add_option("--curated", o.curated, "the curated tables (default: tools/importer of this source tree)")
      ->check(CLI::ExistingDirectory);
  try {
    app.parse(argc, argv);
    for (const CLI::Option* opt : required)
      if (opt->count() == 0) throw CLI::RequiredError(opt->get_name());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    importer::Importer(o).run();
  } catch (const std::exception& e) {
    std::cerr << "openness-import: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
