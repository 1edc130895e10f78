// Lineage: a fine-tune, distillation or re-upload stays under the terms of the weights it was
// derived from. A record's `base_model` is followed through the dataset (by id, else by an exact
// name or alias) to the nearest base whose weights are under a license that is not open; that
// license governs the derivative's weights whatever the derivative's own card says.
//
//   if (auto l = restrictive_base(record, dataset, MofMode::Normalized))
//     ... l->base->name, l->license ...
#pragma once
#include <openness/mof.h>
#include <openness/record.h>

#include <optional>
#include <string>

namespace openness {

class Dataset;
struct SpectrumVerdict;
struct OsaidVerdict;

struct Lineage {
  const Record* base = nullptr;  // the nearest base whose weights are under a license that is not open
  std::string license;           // that base's weights license id, as the license table names it
};

// The record `r.base_model` names: by id, else by an exact name or alias (never a guess). Null
// when the dataset does not hold it, or it is the record itself.
const Record* base_record(const Record& r, const Dataset& ds);

// Follows base_model up to three steps. Empty when no base is under a non-open license.
std::optional<Lineage> restrictive_base(const Record& r, const Dataset& ds, MofMode mode);

// The base's terms on the verdicts: the spectrum is at most "open weights under a restrictive
// license" (the model's own tier kept as the other basis) and OSAID's parameters element is not
// met. A record whose weights are not released is left as it is.
void apply_lineage(const Lineage& l, const Record& r, SpectrumVerdict& spectrum, OsaidVerdict& osaid);
// The same for a release the dataset does not hold (a Hugging Face Hub card).
void apply_lineage(const Lineage& l, bool weights_released, SpectrumVerdict& spectrum, OsaidVerdict& osaid);

}  // namespace openness
