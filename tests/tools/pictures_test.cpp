// The pictures (scorecard.h): the SVG card and badge as resources and as lookup_model's and
// compare_models' image blocks, and the MCP App resource. What a person sees of them is tested in
// chromium (tests/browser); here, what they say and that hostile text cannot break them.
#include "fixture.h"
#include "scorecard.h"

#include <algorithm>

using namespace tooltest;
using openness::bindings::badge_svg;
using openness::bindings::card_svg;
using openness::bindings::Openness;
using openness::bindings::Scorecard;
using openness::bindings::svg_text;

namespace {

std::string read_text(const std::string& uri, std::string* mime = nullptr) {
  mcp::LocalClient client(server().server);
  auto r = client.request("resources/read", {{"uri", uri}});
  REQUIRE(r);
  if (mime) *mime = (*r)["contents"][0].value("mimeType", "");
  return (*r)["contents"][0].value("text", "");
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("card.svg and badge.svg: the tier and each component's state, as the text answer has them",
          "[tools][pictures]") {
  std::string mime;
  const std::string card = read_text("openness://models/llama-3.1-8b/card.svg", &mime);
  CHECK(mime == "image/svg+xml");
  CHECK(card.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\"", 0) == 0);
  CHECK(card.find("data-tier=\"open-weights-restrictive-license\"") != std::string::npos);
  CHECK(card.find(">Open weights, restrictive license</text>") != std::string::npos);
  const Json a = answer("lookup_model", {{"name", "llama-3.1-8b"}});
  for (const auto& c : a["components"]) {
    INFO(c.dump());
    CHECK(card.find("data-component=\"" + c["component"].get<std::string>() + "\" data-state=\"" +
                    c["state"].get<std::string>() + "\"") != std::string::npos);
  }
  CHECK(count(card, "class=\"oc-cell\"") == 5);  // weights, code, data, documentation, evaluation
  CHECK(card.find("As of " + a["as_of"].get<std::string>()) != std::string::npos);
  CHECK(card.find("Model Openness Tool (MIT)") != std::string::npos);

  const std::string badge = read_text("openness://models/gpt-4o/badge.svg", &mime);
  CHECK(mime == "image/svg+xml");
  CHECK(badge.find("aria-label=\"openness: closed\"") != std::string::npos);
  CHECK(badge.find(">closed</text>") != std::string::npos);

  mcp::LocalClient client(server().server);
  for (const char* uri : {"openness://models/no-such-model/card.svg", "openness://models/../badge.svg"}) {
    INFO(uri);
    auto r = client.request("resources/read", {{"uri", uri}});
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("not found") != std::string::npos);
  }
}

TEST_CASE("lookup_model and compare_models add the picture only when asked", "[tools][pictures]") {
  const Json plain = call("lookup_model", {{"name", "OLMo 7B"}});
  CHECK(std::none_of(plain["content"].begin(), plain["content"].end(),
                     [](const Json& c) { return c["type"] == "image"; }));
  const Json pic = call("lookup_model", {{"name", "OLMo 7B"}, {"picture", true}});
  REQUIRE(pic["content"].size() == 2);
  CHECK(pic["content"][1]["type"] == "image");
  CHECK(pic["content"][1]["mimeType"] == "image/svg+xml");
  // The image is the card resource, and the structured answer is the one without it.
  CHECK(pic["content"][1]["data"] == mcp::base64(read_text("openness://models/olmo-7b/card.svg")));
  CHECK(pic["structuredContent"]["model"] == plain["structuredContent"]["model"]);
  CHECK(pic["structuredContent"]["components"] == plain["structuredContent"]["components"]);

  const Json cmp = call("compare_models", {{"names", {"gpt-4o", "OLMo 7B", "llama3.1:8b"}}, {"picture", true}});
  std::size_t images = 0;
  for (const auto& c : cmp["content"]) images += c["type"] == "image";
  CHECK(images == 3);
  const Json none = call("compare_models", {{"names", {"gpt-4o", "OLMo 7B"}}});
  for (const auto& c : none["content"]) CHECK(c["type"] == "text");
}

TEST_CASE("classify_release draws the release it was given", "[tools][pictures]") {
  const Json args = {{"name", "my <model>"},
                     {"components",
                      {{{"name", "model_parameters_final"}, {"license", "Apache-2.0"}},
                       {{"name", "training_code"}, {"license", "llama3.1"}}}},
                     {"picture", true}};
  const Json r = call("classify_release", args);
  REQUIRE_FALSE(failed(r));
  REQUIRE(r["content"].size() == 2);
  CHECK(r["content"][1]["type"] == "image");
  CHECK(r["content"][1]["mimeType"] == "image/svg+xml");
  const std::string svg = mcp::unbase64(r["content"][1]["data"].get<std::string>()).value_or("");
  CHECK(svg.find(">my &lt;model&gt;</text>") != std::string::npos);
  CHECK(svg.find("data-tier=\"" + r["structuredContent"]["verdicts"]["spectrum"]["tier"].get<std::string>() + "\"") !=
        std::string::npos);
  CHECK(svg.find("data-component=\"weights\" data-state=\"open\"") != std::string::npos);
  CHECK(svg.find("data-component=\"training code\" data-state=\"restricted\"") != std::string::npos);
  CHECK(svg.find("data-component=\"training data\" data-state=\"not released\"") != std::string::npos);
  Json plain = args;
  plain.erase("picture");
  CHECK(call("classify_release", plain)["content"].size() == 1);
}

TEST_CASE("the MCP App is one inline HTML resource", "[tools][pictures]") {
  std::string mime;
  const std::string html = read_text("ui://openness/scorecard", &mime);
  CHECK(mime == "text/html;profile=mcp-app");
  CHECK(html.rfind("<!doctype html>", 0) == 0);
  CHECK(html.find("ui/initialize") != std::string::npos);
  CHECK(html.find("ui/notifications/tool-result") != std::string::npos);
  CHECK(html.find("<script src") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);  // loads nothing from anywhere
}

TEST_CASE("svg_text escapes, drops what XML forbids and cuts to the width", "[tools][pictures]") {
  CHECK(svg_text("<a href=\"x\">&'</a>", 12, 1e9) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(svg_text(std::string("a\0b\x1b"
                             "c\x7f",
                             6),
                 12, 1e9) == "a b c ");
  CHECK(svg_text("\xff\xfe ok", 12, 1e9) == "\xef\xbf\xbd\xef\xbf\xbd ok");  // invalid UTF-8: U+FFFD
  CHECK(svg_text("\xef\xbf\xbe", 12, 1e9) == "\xef\xbf\xbd");                // U+FFFE is not an XML character
  const std::string cut = svg_text(std::string(300, 'm'), 20, 552, true);
  CHECK(cut.size() < 300);
  CHECK(cut.substr(cut.size() - 3) == "\xe2\x80\xa6");  // an ellipsis
  // A cut never splits a character: the text before the ellipsis is whole code points.
  std::string cjk;
  for (int i = 0; i < 100; ++i) cjk += "\xe6\xa8\xa1";
  const std::string cut_cjk = svg_text(cjk, 20, 200);
  CHECK((cut_cjk.size() - 3) % 3 == 0);
  CHECK(svg_text("short", 20, 552) == "short");
}

TEST_CASE("hostile texts stay text in both pictures", "[tools][pictures]") {
  Scorecard c;
  c.name = "</text><script>alert(1)</script>&";
  c.producer = "]]><!--";
  c.id = "\"quoted\" 'id'";
  c.as_of = std::string(1000, 'x');
  c.attribution = "a\nb";
  for (const char* n : {"weights", "training code", "training data", "documentation", "evaluation"})
    c.cells.push_back({n, Openness::Unknown, "<b>"});
  for (const std::string& svg : {card_svg(c), badge_svg(c)}) {
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("<!--") == std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(count(svg, "<") == count(svg, ">"));
    CHECK(count(svg, "<svg") == 1);
    CHECK(count(svg, "</svg>") == 1);
  }
}
