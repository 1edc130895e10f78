// openness-answers OUT: writes the bundled dataset's precomputed answers (tools/bindings/answers.h)
// to OUT, at build time; the server embeds them.
#include <openness/bundled.h>

#include "answers.h"

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: openness-answers OUT\n";
    return 2;
  }
  try {
    const auto ds = openness::load_dataset({});
    const std::string table = openness::bindings::AnswerTable::write(*ds);
    const std::filesystem::path out = argv[1], tmp = out.string() + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f.write(table.data(), static_cast<std::streamsize>(table.size()));
      if (!f.flush()) {
        std::cerr << "openness-answers: cannot write " << tmp.string() << "\n";
        return 1;
      }
    }
    std::filesystem::rename(tmp, out);
    std::cerr << "openness-answers: " << ds->size() << " answers, " << table.size() << " bytes -> " << out.string()
              << "\n";
  } catch (const std::exception& e) {
    std::cerr << "openness-answers: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
