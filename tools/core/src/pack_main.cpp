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

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "pack.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--records") {
    try {
      const auto ds = openness::Dataset::load(R"({"licenses":[]})", {}, {.bundled = false, .data_dirs = {argv[2]}});
      const std::string bundle = openness::detail::write_bundle(*ds, "");
      std::ofstream out(argv[3], std::ios::binary);
      out << bundle;
      if (!out) throw std::runtime_error(std::string("cannot write ") + argv[3]);
      std::cerr << "openness-pack: " << ds->size() << " records -> " << argv[3] << "\n";
    } catch (const std::exception& e) {
      std::cerr << "openness-pack: " << e.what() << "\n";
      return 1;
    }
    return 0;
  }
  if (argc != 3) {
    std::cerr << "usage: openness-pack DATA_DIR OUT | openness-pack --records DIR OUT.bundle\n";
    return 2;
  }
  try {
    const fs::path dir = argv[1];
    auto read = [](const fs::path& p) {
      std::ifstream in(p, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + p.string());
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    };
    const std::string licenses = read(dir / "licenses.json");
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
      texts.push_back(read(p));
      names.push_back((fs::path("data") / "models" / p.filename()).string());
    }
    for (std::size_t i = 0; i < paths.size(); ++i) files.push_back({names[i], texts[i]});
    const auto ds = openness::Dataset::load(licenses, files, {});
    // Each record's file name is its id.
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const auto stem = paths[i].stem().string();
      if (!ds->find(stem)) throw openness::DataError(names[i], "/id", "the id must equal the file name (" + stem + ")");
    }
    const std::string bundle = openness::detail::write_bundle(*ds, licenses);
    std::ofstream out(argv[2], std::ios::binary);
    out << bundle;
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "openness-pack: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
