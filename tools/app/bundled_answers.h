// The bundled dataset's answers, as openness-answers wrote them at build time (answers.h).
#pragma once
#include <string_view>

namespace openness::app {
std::string_view bundled_answers();
}  // namespace openness::app
