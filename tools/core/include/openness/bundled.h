// The dataset embedded in the binary at build time, so the server needs no files beside it:
// openness-pack validates data/models/*.json and data/licenses.json and writes a bundle (record
// texts plus a prebuilt name index), which cmake/Embed.cmake embeds.
#pragma once
#include <openness/dataset.h>

namespace openness {

// Loads the bundled dataset, plus opts.data_dirs (skips the bundled records if !opts.bundled).
// Throws DataError with the path and JSON pointer of the first problem.
std::shared_ptr<const Dataset> load_dataset(const LoadOptions& opts = {});

// The embedded bundle (written at build time by openness-pack from data/).
std::string_view bundled_bundle();

}  // namespace openness
