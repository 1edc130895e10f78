#include "scorecard.h"

#include "catalog.h"

#include <openness/mof.h>
#include <openness/release.h>

#include <utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace openness::bindings {
namespace {

// Colours with white text at a contrast of 4.5:1 or more; the words and glyphs carry the meaning.
struct Look {
  const char* fill;
  const char* glyph;
};

Look look(Openness o) {
  switch (o) {
    case Openness::Open: return {"#1a7f37", "\u2713"};         // check mark
    case Openness::Restricted: return {"#9a6700", "!"};        // amber
    case Openness::NotReleased: return {"#cf222e", "\u2717"};  // ballot x
    case Openness::Unknown: break;
  }
  return {"#6e7781", "?"};
}

const char* tier_fill(Tier t) {
  switch (t) {
    case Tier::FullyOpen: return "#1a7f37";
    case Tier::OpenSource: return "#1f6f43";
    case Tier::OpenWeights: return "#0969da";
    case Tier::RestrictedWeights: return "#9a6700";
    case Tier::Closed: return "#cf222e";
    case Tier::Unknown: break;
  }
  return "#6e7781";
}

// Advance of one code point in ems, a little wide for common sans-serif fonts (DejaVu Sans is the
// widest of them): a text estimated to fit, fits.
double advance(char32_t c) {
  if (c == U' ') return 0.33;
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    if (std::string_view("iljtfrI.,;:!'|()[]-").find(a) != std::string_view::npos) return 0.4;
    if (std::string_view("mwMW@%").find(a) != std::string_view::npos) return 0.95;
    if (a >= 'A' && a <= 'Z') return 0.75;
    return 0.64;
  }
  return c >= 0x1100 ? 1.05 : 0.75;
}

std::string fmt(double v) {
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

void escape_into(std::string& out, char32_t c) {
  switch (c) {
    case U'&': out += "&amp;"; return;
    case U'<': out += "&lt;"; return;
    case U'>': out += "&gt;"; return;
    case U'"': out += "&quot;"; return;
    case U'\'': out += "&apos;"; return;
    default: utf8::append(c, std::back_inserter(out));
  }
}

// What XML 1.0 allows in character data (controls but tab, newline and return are not).
char32_t xml_char(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return U' ';
  if (c == 0xFFFE || c == 0xFFFF) return 0xFFFD;
  return c;
}

std::u32string code_points(std::string_view text) {
  std::string valid;
  utf8::replace_invalid(text.begin(), text.end(), std::back_inserter(valid));
  std::u32string cps;
  utf8::utf8to32(valid.begin(), valid.end(), std::back_inserter(cps));
  for (auto& c : cps) c = xml_char(c);
  return cps;
}

double width(std::u32string_view cps, double font_px, bool bold) {
  double em = 0;
  for (char32_t c : cps) em += advance(c);
  return em * font_px * (bold ? 1.08 : 1.0);
}

std::string text_el(double x, double y, double size, std::string_view cls, std::string_view body,
                    std::string_view extra = {}) {
  std::string s = "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"" + fmt(size) + "\"";
  if (!cls.empty()) s += " class=\"" + std::string(cls) + "\"";
  if (!extra.empty()) s += " " + std::string(extra);
  return s + ">" + std::string(body) + "</text>\n";
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The five cells from the components' one-word reading (catalog.h's Dimensions), each with its
// detail: the text answer's status where it has one, else that word.
std::vector<ScorecardCell> cells_of(const Dimensions& d, const std::vector<ComponentStatus>& statuses) {
  std::vector<ScorecardCell> cells;
  for (const auto& [name, word] : {std::pair<const char*, const std::string*>{"weights", &d.weights},
                                   {"training code", &d.training_code},
                                   {"training data", &d.training_data},
                                   {"documentation", &d.documentation},
                                   {"evaluation", &d.evaluation}}) {
    ScorecardCell cell{name, openness_of(*word), *word};
    for (const auto& x : statuses)
      if (x.component == name) cell.detail = x.status;
    cells.push_back(std::move(cell));
  }
  return cells;
}

std::string osaid_words(const OsaidVerdict& o) {
  if (!o.assessed) return "not assessed";
  return o.outcome == OsaidOutcome::Meets ? "meets" : "does not meet";
}

// "Class II": MOT's label without its name ("Class II - Open Tooling Model"), for which the card has no room.
std::string mof_words(const MofVerdict& m) { return std::string(m.label().substr(0, m.label().find(" - "))); }

std::string attribution(const Record& r, const Assessment& a) {
  std::string s;
  auto add = [&](std::string_view part) { s += (s.empty() ? "Data: " : "; ") + std::string(part); };
  if (r.availability) add("the producer's statement");
  if (a.mof) add("Model Openness Tool (MIT)");
  if (a.eosai) add("EOSAI, osai-index.eu (CC BY 4.0)");
  if (a.osaid.osi_validation) add("OSI");
  return s.empty() ? "Data: openness-mcp's record" : s;
}

}  // namespace

std::string svg_text(std::string_view text, double font_px, double max_px, bool bold) {
  std::u32string cps = code_points(text);
  if (width(cps, font_px, bold) > max_px) {
    const double budget = max_px - width(U"\u2026", font_px, bold);
    std::size_t n = 0;
    double used = 0;
    while (n < cps.size() && used + advance(cps[n]) * font_px * (bold ? 1.08 : 1.0) <= budget)
      used += advance(cps[n++]) * font_px * (bold ? 1.08 : 1.0);
    while (n > 0 && cps[n - 1] == U' ') --n;
    cps.resize(n);
    cps += U'\u2026';
  }
  std::string out;
  out.reserve(cps.size() + 16);
  for (char32_t c : cps) escape_into(out, c);
  return out;
}

std::string badge_message(Tier t) {
  switch (t) {
    case Tier::FullyOpen: return "fully open";
    case Tier::OpenSource: return "open source";
    case Tier::OpenWeights: return "open weights";
    case Tier::RestrictedWeights: return "open weights, restrictive license";
    case Tier::Closed: return "closed";
    case Tier::Unknown: break;
  }
  return "cannot tell";
}

Scorecard make_scorecard(const Record& r, const Assessment& a, const Dataset& ds) {
  Scorecard c;
  c.id = r.id;
  c.name = r.name;
  c.producer = r.producer;
  c.tier = a.spectrum.tier;
  c.label = std::string(a.spectrum.label());
  c.varies = a.spectrum.varies;
  c.cells = cells_of(dimensions(r, a), component_summary(r, a, ds));
  // The weights cell is the tier's reading of them: its reason, not one source's words, explains it.
  if (!a.spectrum.reasons.empty()) c.cells.front().detail = a.spectrum.reasons.front();
  c.mof = a.mof ? mof_words(*a.mof) : "not listed by MOT";
  c.osaid = osaid_words(a.osaid);
  c.eosai = a.eosai ? percent(a.eosai->score, true) : "not indexed";
  // A family's score, as the text answer says ("its family's, scored on ...").
  if (a.eosai && a.eosai_from && a.eosai_from != &r) c.eosai += " (family's)";
  c.as_of = latest_as_of(r, a);
  c.attribution = attribution(r, a);
  return c;
}

Scorecard release_scorecard(std::string_view name, const MofVerdict& mof, const SpectrumVerdict& spectrum,
                            const OsaidVerdict& osaid, const std::optional<EosaiVerdict>& eosai,
                            std::string attribution) {
  Scorecard c;
  c.name = name.empty() ? "The described release" : std::string(name);
  c.id = "described release";
  c.tier = spectrum.tier;
  c.label = std::string(spectrum.label());
  c.cells = cells_of(release_dimensions(mof, spectrum.tier), {});
  if (!spectrum.reasons.empty()) c.cells.front().detail = spectrum.reasons.front();
  c.mof = mof_words(mof);
  c.osaid = osaid_words(osaid);
  c.eosai = eosai ? percent(eosai->score, true) : "not graded";
  c.attribution = std::move(attribution);
  return c;
}

std::string card_svg(const Scorecard& c) {
  constexpr double W = 600, pad = 24, inner = W - 2 * pad;
  const std::string tier = c.label.empty() ? std::string(tier_label(c.tier)) : c.label;
  std::string headline = c.tier == Tier::Unknown ? tier : capitalised(badge_message(c.tier));
  std::string desc = std::string(to_string(c.tier));
  for (const auto& cell : c.cells) desc += "; " + cell.component + ": " + std::string(to_string(cell.state));
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"300\" viewBox=\"0 0 600 300\" "
      "role=\"img\" aria-labelledby=\"oc-title oc-desc\">\n";
  s += "<title id=\"oc-title\">" + svg_text(c.name + ": " + tier, 12, 1e9) + "</title>\n";
  s += "<desc id=\"oc-desc\">" + svg_text(desc, 12, 1e9) + "</desc>\n";
  s += "<style>\n"
       "text{font-family:-apple-system,'Segoe UI','DejaVu Sans',Helvetica,Arial,sans-serif}\n"
       ".bg{fill:#ffffff;stroke:#d0d7de}.fg{fill:#1f2328}.mute{fill:#59636e}.on{fill:#ffffff}\n"
       "@media (prefers-color-scheme:dark){.bg{fill:#0d1117;stroke:#3d444d}.fg{fill:#e6edf3}.mute{fill:#9198a1}}\n"
       "</style>\n";
  s += "<rect class=\"bg\" x=\"0.5\" y=\"0.5\" width=\"599\" height=\"299\" rx=\"8\"/>\n";
  s += text_el(pad, 42, 20, "fg", svg_text(c.name, 20, inner, true), "font-weight=\"700\" id=\"oc-name\"");
  s += text_el(pad, 64, 13, "mute",
               svg_text((c.producer.empty() ? std::string() : c.producer + " \u00b7 ") + c.id, 13, inner));
  // The headline: the spectrum tier.
  const std::string tier_text = svg_text(headline, 15, inner - 32, true);
  const double tier_w = std::min(inner, width(code_points(headline), 15, true) + 32);
  s += "<g id=\"oc-tier\" data-tier=\"" + std::string(to_string(c.tier)) + "\">\n";
  s += "<rect x=\"24\" y=\"78\" width=\"" + fmt(tier_w) + "\" height=\"32\" rx=\"16\" fill=\"" + tier_fill(c.tier) +
       "\"/>\n";
  s += text_el(pad + 16, 99, 15, "on", tier_text, "font-weight=\"700\"");
  s += "</g>\n";
  // The components.
  const double gap = 8, cw = (inner - gap * 4) / 5;
  for (std::size_t i = 0; i < c.cells.size() && i < 5; ++i) {
    const auto& cell = c.cells[i];
    const Look l = look(cell.state);
    const double x = pad + static_cast<double>(i) * (cw + gap), mid = x + cw / 2;
    s += "<g class=\"oc-cell\" data-component=\"" + svg_text(cell.component, 12, 1e9) + "\" data-state=\"" +
         std::string(to_string(cell.state)) + "\">\n<title>" + svg_text(capitalised(cell.component), 12, 1e9) + ": " +
         svg_text(cell.detail, 12, 1e9) + "</title>\n";
    s += "<rect x=\"" + fmt(x) + "\" y=\"126\" width=\"" + fmt(cw) + "\" height=\"72\" rx=\"6\" fill=\"" + l.fill +
         "\"/>\n";
    s += text_el(mid, 144, 11, "on", svg_text(capitalised(cell.component), 11, cw - 8), "text-anchor=\"middle\"");
    s += text_el(mid, 171, 20, "on", l.glyph, "text-anchor=\"middle\" font-weight=\"700\"");
    s += text_el(mid, 190, 12, "on", svg_text(std::string(to_string(cell.state)), 12, cw - 8, true),
                 "text-anchor=\"middle\" font-weight=\"700\"");
    s += "</g>\n";
  }
  // The frameworks' verdicts.
  const double col = inner / 3;
  const std::pair<const char*, const std::string*> verdicts[] = {
      {"MOF", &c.mof}, {"OSAID 1.0", &c.osaid}, {"EOSAI", &c.eosai}};
  for (std::size_t i = 0; i < 3; ++i) {
    const double x = pad + static_cast<double>(i) * col;
    s += text_el(x, 226, 11, "mute", verdicts[i].first);
    s += text_el(x, 244, 13, "fg", svg_text(*verdicts[i].second, 13, col - 8, true), "font-weight=\"700\"");
  }
  s += text_el(pad, 272, 11, "mute",
               svg_text(c.as_of.empty() ? "openness-mcp" : "As of " + c.as_of + " \u00b7 openness-mcp", 11, inner));
  s += text_el(pad, 288, 10, "mute", svg_text(c.attribution, 10, inner));
  s += "</svg>\n";
  return s;
}

mcp::Json card_image(const Scorecard& card) { return mcp::image_content(card_svg(card), "image/svg+xml"); }

std::string badge_svg(const Scorecard& c) {
  const std::string label = "openness", message = c.varies ? "varies by model" : badge_message(c.tier);
  // Verdana at 11 px, as shields.io draws: its glyphs are about 5 % wider than the estimate's.
  const double lw = std::round(width(code_points(label), 11, false) * 1.05 + 12);
  const double mw = std::round(width(code_points(message), 11, false) * 1.05 + 12);
  const double w = lw + mw;
  const std::string aria = label + ": " + message;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fmt(w) + "\" height=\"20\" viewBox=\"0 0 " +
                  fmt(w) + " 20\" role=\"img\" aria-label=\"" + svg_text(aria, 11, 1e9) + "\">\n";
  s += "<title>" + svg_text(c.name + " \u2014 " + aria, 11, 1e9) + "</title>\n";
  s += "<linearGradient id=\"ob-s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
       "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\n";
  s += "<clipPath id=\"ob-r\"><rect width=\"" + fmt(w) + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\n";
  s += "<g clip-path=\"url(#ob-r)\"><rect width=\"" + fmt(lw) + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + fmt(lw) +
       "\" width=\"" + fmt(mw) + "\" height=\"20\" fill=\"" + tier_fill(c.tier) + "\"/><rect width=\"" + fmt(w) +
       "\" height=\"20\" fill=\"url(#ob-s)\"/></g>\n";
  s += "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,'DejaVu Sans',sans-serif\" "
       "font-size=\"11\">";
  s += "<text x=\"" + fmt(lw / 2) + "\" y=\"14\">" + label + "</text>";
  s += "<text x=\"" + fmt(lw + mw / 2) + "\" y=\"14\" data-tier=\"" + std::string(to_string(c.tier)) + "\">" +
       svg_text(message, 11, 1e9) + "</text></g>\n</svg>\n";
  return s;
}

}  // namespace openness::bindings
