#include <embedded/openness_data.h>
#include <openness/bundled.h>

namespace openness {

std::string_view bundled_bundle() {
  const embedded::File* f = embedded::openness_data::find("bundle.bin");
  return f ? f->data : std::string_view{};
}

std::shared_ptr<const Dataset> load_dataset(const LoadOptions& opts) {
  return Dataset::load_packed(bundled_bundle(), opts);
}

}  // namespace openness
