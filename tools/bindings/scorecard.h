// The openness of one model as a picture: a scorecard (600 px wide: the spectrum tier as the
// headline, a cell per component, the MOF class, the OSAID outcome, the EOSAI score, the as-of date
// and the data's attribution) and a one-line badge, both SVG, drawn from the same verdicts as the
// text answers. Colour is never the only cue: every cell and the badge say their state in words,
// and each cell carries a glyph (open, restricted, not released, unknown).
#pragma once
#include "summary.h"

#include <openness/classify.h>
#include <openness/mof.h>

#include <optional>

#include <string>
#include <vector>

namespace openness::bindings {

struct ScorecardCell {
  std::string component;  // "weights", "training code", "training data", "documentation", "evaluation"
  Openness state = Openness::Unknown;
  std::string detail;  // the text answer's status of the component
};

struct Scorecard {
  std::string id, name, producer;
  Tier tier = Tier::Unknown;
  std::string label;                 // the spectrum's label (for an unknown tier it says what is known)
  bool varies = false;               // a family whose models differ
  std::vector<ScorecardCell> cells;  // always the five components, in that order
  std::string mof, osaid, eosai;     // e.g. "Class II", "does not meet", "45.0 %"
  std::string as_of;
  std::string attribution;  // the upstream data the verdicts read, with their licenses
};

Scorecard make_scorecard(const Record& r, const Assessment& a, const Dataset& ds);
// A release the dataset does not hold (described to classify_release, or read from a Hugging Face
// card): its components as MOF reads them, where a component not listed is not released.
// `attribution` says where the description came from.
Scorecard release_scorecard(std::string_view name, const MofVerdict& mof, const SpectrumVerdict& spectrum,
                            const OsaidVerdict& osaid, const std::optional<EosaiVerdict>& eosai,
                            std::string attribution);
// The record's scorecard with the default assessment (normalized MOF licenses), as the resources
// openness://models/{id}/card.svg and badge.svg, the CLI and the HTTP badge draw it.
Scorecard scorecard(const Record& r, const Dataset& ds);

// The picture for people (about 600 x 300, light and dark), and the shields-style badge.
std::string card_svg(const Scorecard& card);
std::string badge_svg(const Scorecard& card);
// The card as an MCP image block (image/svg+xml), for the tools' "picture": true.
mcp::Json card_image(const Scorecard& card);

// The badge's words after "openness:", e.g. "open weights, restrictive license".
std::string badge_message(Tier t);

// `text` as SVG/XML character data: escaped, invalid UTF-8 and characters XML forbids replaced,
// and cut with an ellipsis where its estimated width at `font_px` passes `max_px`.
std::string svg_text(std::string_view text, double font_px, double max_px, bool bold = false);

}  // namespace openness::bindings
