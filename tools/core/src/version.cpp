#include <openness/version.h>

namespace openness {
std::string_view version() { return OPENNESS_VERSION; }
}  // namespace openness
