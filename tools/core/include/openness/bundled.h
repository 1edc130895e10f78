// The dataset embedded in the binary at build time (data/models/*.json and data/licenses.json,
// via cmake/Embed.cmake), so the server needs no files beside it.
#pragma once
#include <openness/dataset.h>

namespace openness {

// Loads the bundled dataset, plus opts.data_dirs (skips the bundled records if !opts.bundled).
// Throws DataError with the path and JSON pointer of the first problem.
std::shared_ptr<const Dataset> load_dataset(const LoadOptions& opts = {});

// The embedded texts, for tests and tools: data/licenses.json and the record files.
std::string_view bundled_licenses_json();
std::vector<TextFile> bundled_record_files();

}  // namespace openness
