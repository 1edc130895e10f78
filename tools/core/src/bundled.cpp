#include <embedded/openness_data.h>
#include <openness/bundled.h>

namespace openness {

std::string_view bundled_licenses_json() {
  const embedded::File* f = embedded::openness_data::find("licenses.json");
  return f ? f->data : std::string_view{};
}

std::vector<TextFile> bundled_record_files() {
  std::vector<TextFile> out;
  for (const auto& f : embedded::openness_data::files())
    if (f.path.substr(0, 7) == "models/") out.push_back({f.path, f.data});
  return out;
}

std::shared_ptr<const Dataset> load_dataset(const LoadOptions& opts) {
  const auto lic = bundled_licenses_json();
  if (lic.empty()) throw DataError("<bundled>/licenses.json", "", "not embedded in this binary");
  std::vector<TextFile> files;
  if (opts.bundled) files = bundled_record_files();
  return Dataset::load(lic, files, opts);
}

}  // namespace openness
