// libFuzzer target: the dataset loader on a user's --data-dir file, which is untrusted input.
// The first byte picks the file kind (a *.json record or array, a *.jsonl file, or a *.bundle
// written by openness-pack --records, whose checksum the harness fixes up so that the fuzzer
// reaches the structure checks behind it) and whether the bundled dataset is loaded too; the rest
// is the file, written to a private directory and loaded as `--data-dir` would.
//
// The oracle: loading either succeeds or throws DataError (never another exception, a crash or a
// sanitizer report); a loaded dataset answers find, resolve and assess for its records, and
// every record serialises as valid JSON.
#include <openness/bundled.h>
#include <openness/classify.h>
#include <openness/dataset.h>
#include <openness/errors.h>
#include <openness/record.h>

#include <nlohmann/json.hpp>

#include "pack.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("openness-fuzz-dataset-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch_dir(), ec);
    });
    return d;
  }();
  return dir;
}

// The user's records, which come last in the dataset's order (after the bundled ones, which the
// normal tests check): at most 32 of them, so that an input costs what its file holds, not what
// the bundled dataset holds. (Overridden bundled records are checked below.)
void exercise(const openness::Dataset& ds) {
  std::size_t seen = 0;
  for (std::size_t k = ds.size(); k-- > 0 && seen < 32;) {
    const openness::Record& r = ds[k];
    if (r.origin == "bundled") break;
    ++seen;
    (void)openness::to_json(r).dump();  // strict: a broken string throws
    // Every record served is found by its id: for a user bundle the loader checks that its id
    // table is in order and reading a record checks it against the table (a forged table throws
    // DataError above; regressions/dataset/bundle-id-table-disagrees).
    if (ds.find(r.id) != &r) __builtin_trap();
    (void)ds.resolver().resolve(r.id);
    (void)ds.resolver().resolve(r.name);
    (void)openness::assess(r, ds, openness::MofMode::Normalized).to_json().dump();
    (void)ds.family_of(r);
  }
  for (const auto& id : ds.overridden()) {
    const openness::Record* r = ds.find(id);
    if (!r) __builtin_trap();
    (void)openness::assess(*r, ds, openness::MofMode::Strict).to_json().dump();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  const char* ext = (mode & 3) == 0 ? ".json" : (mode & 3) == 1 ? ".jsonl" : (mode & 3) == 2 ? ".bundle" : ".json";
  const bool bundled = (mode & 4) != 0;
  if ((mode & 3) == 2 && text.size() >= sizeof(openness::detail::BundleHeader)) {
    const std::uint64_t sum = openness::detail::bundle_checksum(text);
    std::memcpy(text.data() + offsetof(openness::detail::BundleHeader, checksum), &sum, sizeof sum);
  }
  const fs::path file = scratch_dir() / (std::string("records") + ext);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  openness::LoadOptions opts;
  opts.bundled = bundled;
  opts.data_dirs = {scratch_dir().string()};
  std::shared_ptr<const openness::Dataset> ds;
  try {
    ds = openness::load_dataset(opts);
  } catch (const openness::DataError&) {
    fs::remove(file);
    return 0;  // refused with a path and a pointer: the contract
  }
  fs::remove(file);
  try {
    exercise(*ds);
  } catch (const openness::DataError&) {
    // A user bundle's records are validated when packed, not at load; a forged one may hold a
    // record text that fails when it is first parsed. That must surface as DataError (a tool
    // error), never as a crash.
    if ((mode & 3) != 2) __builtin_trap();
  }
  return 0;
}
