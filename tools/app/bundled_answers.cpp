#include "bundled_answers.h"

#include <embedded/openness_answers.h>

namespace openness::app {

std::string_view bundled_answers() {
  const embedded::File* f = embedded::openness_answers::find("answers.bin");
  return f ? f->data : std::string_view{};
}

}  // namespace openness::app
