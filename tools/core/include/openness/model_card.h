// A Hugging Face model card (README.md with YAML front matter), read for what it declares about
// openness: license, datasets, base model, papers and code links. Bounded and total: any input,
// however hostile, gives a ModelCard (with warnings), never an exception, a hang or deep recursion.
//
// The front matter is read line by line for the top-level keys that matter (license,
// license_name, license_link, datasets, base_model, language, tags, pipeline_tag, library_name,
// model-index); nested structures are skipped, not parsed. The body is scanned for arXiv, GitHub
// and Hugging Face dataset links.
#pragma once
#include <openness/release.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness {

struct ModelCard {
  bool has_front_matter = false;
  std::string license, license_name, license_link;
  std::vector<std::string> datasets;     // front matter `datasets`
  std::vector<std::string> base_models;  // front matter `base_model` (string or list)
  std::vector<std::string> languages, tags;
  std::string pipeline_tag, library_name;
  bool has_model_index = false;            // evaluation results declared in the front matter
  std::vector<std::string> arxiv_ids;      // from `arxiv:` tags and arxiv.org links
  std::vector<std::string> code_links;     // github.com / gitlab.com repositories in the body
  std::vector<std::string> dataset_links;  // huggingface.co/datasets/... in the body
  std::vector<std::string> warnings;       // what could not be read
};

inline constexpr std::size_t kMaxModelCardBytes = std::size_t{1} << 20;

ModelCard parse_model_card(std::string_view text);

// What a card declares, as a release the classifiers read: the card itself, the weights (under
// the card's license), and the evaluation results, datasets and paper it declares. Each part
// says whether it is inferred, and on what basis. assess_model_card and the Hugging Face Hub
// lookups both judge a card through this.
struct CardPart {
  Component component;
  std::optional<std::string> license;  // nullopt: the card's license; "": none stated
  bool inferred = false;
  std::string basis;
};
struct CardRelease {
  std::string license;  // `license`, or for "other" the license_name it points to; empty: none
  Release release;
  std::vector<CardPart> parts;
  std::vector<std::string> notes;  // the card's warnings, then what was read and not counted
};
CardRelease card_release(const ModelCard& card, std::string name);

}  // namespace openness
