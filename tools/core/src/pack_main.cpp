// openness-pack DATA_DIR OUT
//   validates every record of DATA_DIR/models/*.json and DATA_DIR/licenses.json with the dataset
//   loader (the build fails, naming the file and the JSON pointer, on the first bad record) and
//   writes the bundle that the binary embeds.
// openness-pack --records DIR OUT.bundle
//   validates the user records of DIR (*.json, *.jsonl; the --data-dir format) the same way and
//   writes a bundle for --data-dir: a large record set then loads without being parsed again (the
//   loader checks the bundle's checksum and structure; records are parsed when first used).
//   Family links must resolve within DIR.
#include <openness/dataset.h>
#include <openness/files.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "pack.h"

namespace fs = std::filesystem;

namespace {

// The user records of `dir` as a bundle for --data-dir.
void pack_records(const std::string& dir, const std::string& out) {
  const auto ds = openness::Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {dir}});
  openness::write_whole_file(out, openness::detail::write_bundle(*ds, ""));
  std::cerr << "openness-pack: " << ds->size() << " records -> " << out << "\n";
}

// data/ (licenses.json and models/*.json, each file named after its record's id) as the bundle
// the binary embeds.
void pack_data(const fs::path& dir, const std::string& out) {
  const std::string licenses = openness::read_whole_file(dir / "licenses.json");
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir / "models"))
    if (e.path().extension() == ".json") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  std::vector<std::string> names;
  texts.reserve(paths.size());
  names.reserve(paths.size());
  std::vector<openness::TextFile> files;
  for (const auto& p : paths) {
    texts.push_back(openness::read_whole_file(p));
    names.push_back((fs::path("data") / "models" / p.filename()).string());
  }
  for (std::size_t i = 0; i < paths.size(); ++i) files.push_back({names[i], texts[i]});
  const auto ds = openness::Dataset::load(licenses, files, {});
  // Each record's file name is its id.
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const auto stem = paths[i].stem().string();
    if (!ds->find(stem)) throw openness::DataError(names[i], "/id", "the id must equal the file name (" + stem + ")");
  }
  openness::write_whole_file(out, openness::detail::write_bundle(*ds, licenses));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Validates records and writes a bundle: DATA_DIR OUT packs data/ for the binary; --records DIR "
      "OUT.bundle packs user records for --data-dir.",
      "openness-pack"};
  std::string records;
  std::vector<std::string> paths;
  app.add_option("--records", records, "pack the user records of DIR (*.json, *.jsonl) for --data-dir")
      ->check(CLI::ExistingDirectory);
  app.add_option("paths", paths, "DATA_DIR OUT, or OUT.bundle with --records")->required();
  try {
    app.parse(argc, argv);
    if (paths.size() != (records.empty() ? 2U : 1U))
      throw CLI::ValidationError("paths", "expected DATA_DIR OUT, or --records DIR OUT.bundle");
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (!records.empty())
      pack_records(records, paths[0]);
    else
      pack_data(paths[0], paths[1]);
  } catch (const std::exception& e) {
    std::cerr << "openness-pack: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
