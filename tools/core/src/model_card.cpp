#include <openness/model_card.h>

#include <algorithm>
#include <cctype>

namespace openness {

namespace {

constexpr std::size_t kMaxItems = 64;   // per list
constexpr std::size_t kMaxValue = 512;  // bytes per value
constexpr std::size_t kMaxFrontMatter = std::size_t{256} * 1024;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A YAML scalar: strip quotes and trailing comments; keep it short.
std::string scalar(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  } else if (auto hash = s.find(" #"); hash != std::string_view::npos) {
    s = trim(s.substr(0, hash));
  }
  return std::string(s.substr(0, kMaxValue));
}

void push_unique(std::vector<std::string>& v, std::string s) {
  if (s.empty() || v.size() >= kMaxItems) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// "[a, 'b', c]" -> items (no nesting: a bracket inside ends the list).
std::vector<std::string> flow_list(std::string_view s) {
  std::vector<std::string> out;
  s = trim(s);
  if (s.size() < 2 || s.front() != '[') return out;
  const auto close = s.find(']');
  s = s.substr(1, (close == std::string_view::npos ? s.size() : close) - 1);
  while (!s.empty() && out.size() < kMaxItems) {
    const auto comma = s.find(',');
    std::string item = scalar(s.substr(0, comma));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

void scan_links(std::string_view body, ModelCard& card) {
  std::size_t pos = 0, found = 0;
  while ((pos = body.find("http", pos)) != std::string_view::npos && found < 4 * kMaxItems) {
    std::size_t end = pos;
    while (end < body.size() && end - pos < kMaxValue) {
      const unsigned char c = static_cast<unsigned char>(body[end]);
      if (std::isspace(c) || c == ')' || c == '(' || c == '>' || c == '<' || c == '"' || c == '\'' || c == ']' ||
          c == '`')
        break;
      ++end;
    }
    std::string url(body.substr(pos, end - pos));
    pos = end;
    ++found;
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';')) url.pop_back();
    auto after = [&](std::string_view marker) -> std::string {
      const auto m = url.find(marker);
      return m == std::string::npos ? std::string() : url.substr(m + marker.size());
    };
    if (std::string id = after("arxiv.org/abs/"); !id.empty())
      push_unique(card.arxiv_ids, id.substr(0, id.find_first_of("?#v/")));
    else if (std::string pdf = after("arxiv.org/pdf/"); !pdf.empty()) {
      std::string id = pdf.substr(0, pdf.find_first_of("?#/"));
      if (id.size() > 4 && id.compare(id.size() - 4, 4, ".pdf") == 0) id.resize(id.size() - 4);
      push_unique(card.arxiv_ids, id.substr(0, id.find('v', 5)));
    } else if (std::string ds = after("huggingface.co/datasets/"); !ds.empty()) {
      // owner/name
      const auto slash = ds.find('/');
      if (slash != std::string::npos) {
        const auto end2 = ds.find_first_of("/?#", slash + 1);
        push_unique(card.dataset_links, ds.substr(0, end2));
      }
    } else if (url.find("://github.com/") != std::string::npos || url.find("://gitlab.com/") != std::string::npos) {
      // Keep the repository: https://github.com/owner/repo
      const auto host = url.find("://") + 3;
      const auto s1 = url.find('/', host);
      const auto s2 = s1 == std::string::npos ? s1 : url.find('/', s1 + 1);
      if (s2 != std::string::npos) {
        const auto s3 = url.find_first_of("/?#", s2 + 1);
        std::string repo = url.substr(0, s3);
        if (repo.size() > 4 && repo.compare(repo.size() - 4, 4, ".git") == 0) repo.resize(repo.size() - 4);
        push_unique(card.code_links, repo);
      }
    }
  }
}

}  // namespace

ModelCard parse_model_card(std::string_view text) {
  ModelCard card;
  if (text.size() > kMaxModelCardBytes) {
    card.warnings.push_back("card larger than 1 MiB: only the first 1 MiB was read");
    text = text.substr(0, kMaxModelCardBytes);
  }
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  std::size_t lead = 0;
  while (lead < text.size() && (text[lead] == '\n' || text[lead] == '\r' || text[lead] == ' ')) ++lead;
  std::string_view body = text;
  if (text.substr(lead, 3) == "---") {
    std::size_t start = text.find('\n', lead);
    std::size_t end = std::string_view::npos;
    for (std::size_t p = start; p != std::string_view::npos && p < text.size();) {
      const std::size_t next = text.find('\n', p + 1);
      std::string_view line = trim(text.substr(p + 1, (next == std::string_view::npos ? text.size() : next) - p - 1));
      if (line == "---" || line == "...") {
        end = p + 1;
        break;
      }
      p = next;
    }
    if (start == std::string_view::npos || end == std::string_view::npos) {
      card.warnings.push_back("front matter opened with --- but never closed; read as body text");
    } else {
      card.has_front_matter = true;
      std::string_view fm = text.substr(start + 1, end - start - 1);
      body = text.substr(std::min(
          text.size(), text.find('\n', end) == std::string_view::npos ? text.size() : text.find('\n', end) + 1));
      if (fm.size() > kMaxFrontMatter) {
        card.warnings.push_back("front matter larger than 256 KiB: only its start was read");
        fm = fm.substr(0, kMaxFrontMatter);
      }
      std::string key;  // the current top-level key whose block list we are in
      // The keys whose values are lists, given in a block list or on the key's line.
      auto add_item = [&](const std::string& v) {
        if (key == "datasets")
          push_unique(card.datasets, v);
        else if (key == "base_model")
          push_unique(card.base_models, v);
        else if (key == "language")
          push_unique(card.languages, v);
        else if (key == "tags")
          push_unique(card.tags, v);
        else
          return false;
        return true;
      };
      while (!fm.empty()) {
        const auto nl = fm.find('\n');
        std::string_view line = fm.substr(0, nl);
        fm.remove_prefix(nl == std::string_view::npos ? fm.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty() || trim(line).front() == '#') continue;
        const bool indented = line.front() == ' ' || line.front() == '\t' || line.front() == '-';
        if (indented) {
          std::string_view item = trim(line);
          if (item.size() >= 2 && item[0] == '-' && (item[1] == ' ' || item[1] == '\t') && !key.empty()) {
            std::string v = scalar(item.substr(2));
            if (v.find(':') != std::string::npos && key != "base_model") continue;  // a mapping item: skip
            if (!add_item(v) && key == "license" && card.license.empty()) card.license = v;
          }
          continue;
        }
        std::size_t k = 0;
        while (k < line.size() && is_key_char(line[k])) ++k;
        if (k == 0 || k >= line.size() || line[k] != ':') {
          key.clear();
          continue;
        }
        key = std::string(line.substr(0, k));
        std::string_view rest = trim(line.substr(k + 1));
        if (key == "model-index") card.has_model_index = true;
        if (rest.empty() || rest == "|" || rest == ">") continue;
        std::vector<std::string> items = rest.front() == '[' ? flow_list(rest) : std::vector<std::string>{scalar(rest)};
        for (auto& v : items) {
          if (add_item(v))
            continue;
          else if (key == "license" && card.license.empty())
            card.license = v;
          else if (key == "license_name")
            card.license_name = v;
          else if (key == "license_link")
            card.license_link = v;
          else if (key == "pipeline_tag")
            card.pipeline_tag = v;
          else if (key == "library_name")
            card.library_name = v;
        }
        key.clear();  // a value on the key's own line: no block list follows
      }
    }
  }
  for (const auto& t : card.tags)
    if (t.rfind("arxiv:", 0) == 0) push_unique(card.arxiv_ids, t.substr(6));
  scan_links(body, card);
  return card;
}

CardRelease card_release(const ModelCard& card, std::string name) {
  CardRelease out;
  out.notes = card.warnings;
  if (!card.has_front_matter)
    out.notes.emplace_back("the card has no YAML front matter (--- ... ---), so it declares no license or datasets");
  out.license = card.license;
  if ((out.license == "other" || out.license.empty()) && !card.license_name.empty()) out.license = card.license_name;
  Release& r = out.release;
  r.name = std::move(name);
  if (!out.license.empty()) r.licenses.distribution = out.license;
  auto add = [&](Component c, std::optional<std::string> lic, bool inferred, std::string basis) {
    r.components.push_back({c, lic, "", ""});
    out.parts.push_back({c, std::move(lic), inferred, std::move(basis)});
  };
  add(Component::ModelCard, std::nullopt, false, "the card itself, published with the model under the card's license");
  add(Component::ModelParametersFinal, std::nullopt, true,
      "a Hugging Face model card accompanies a repository of weights; their license is taken to be the card's");
  if (card.has_model_index)
    add(Component::EvaluationResults, std::nullopt, true, "the front matter's model-index declares evaluation results");
  if (!card.datasets.empty())
    add(Component::Datasets, std::string(), true,
        "the front matter names training datasets; they are published under their own licenses, which the card "
        "does not state, so they are not counted as openly licensed");
  if (!card.arxiv_ids.empty())
    add(Component::ResearchPaper, std::string(), true,
        "an arXiv paper is linked (" + card.arxiv_ids.front() + "); its license is not stated in the card");
  if (!card.code_links.empty())
    out.notes.push_back("code repositories are linked (" + card.code_links.front() +
                        (card.code_links.size() > 1 ? ", ..." : "") +
                        ") but the card does not say whether they hold training or inference code; not counted");
  if (!card.library_name.empty())
    out.notes.push_back("library_name '" + card.library_name +
                        "' suggests where the architecture code lives; not counted as a released component");
  if (out.license.empty()) out.notes.emplace_back("no license declared: nothing in the card counts as openly licensed");
  return out;
}

}  // namespace openness
