// openness-synth: writes a synthetic dataset of N records (JSON Lines, the --data-dir format) for
// the benchmark. Records have the shape of real ones: a name, producer, aliases (a Hugging Face
// repo id and a file name), a MOF section with a realistic component list, and one source.
//
//   openness-synth N OUT.jsonl [SEED]
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {
const char* kProducers[] = {"Acme AI",   "Borealis Labs",  "Cirrus Research", "Delta Compute", "Eon Systems",
                            "Fjord AI",  "Granite Works",  "Helix Institute", "Ion Models",    "Juniper AI",
                            "Kite Labs", "Lumen Research", "Meridian AI",     "Nimbus Lab",    "Orca Foundation"};
const char* kStems[] = {"nova",   "lumen", "atlas",  "zephyr", "orion",  "vega",  "lyra",
                        "nimbus", "quill", "raven",  "sable",  "tundra", "umbra", "vertex",
                        "willow", "xenon", "yarrow", "zenith", "aurora", "basalt"};
const char* kVariants[] = {"", "-Instruct", "-Chat", "-Base", "-Coder", "-Vision"};
const char* kSizes[] = {"0.5B", "1B", "1.5B", "3B", "7B", "8B", "13B", "14B", "32B", "70B", "120B"};
const char* kLicenses[] = {"Apache-2.0", "MIT", "unlicensed", "CC-BY-4.0", "llama3.1", "Proprietary"};
const char* kComponents[] = {"Model architecture", "Model parameters (Final)",
                             "Model card",         "Technical report",
                             "Training code",      "Inference code",
                             "Datasets",           "Research paper",
                             "Evaluation results", "Data card"};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: openness-synth N OUT.jsonl [SEED]\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  std::FILE* out = std::fopen(argv[2], "wb");
  if (!out || n <= 0) {
    std::fprintf(stderr, "openness-synth: bad arguments\n");
    return 2;
  }
  std::mt19937_64 rng(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42);
  std::string line;
  for (long i = 0; i < n; ++i) {
    const char* prod = kProducers[rng() % 15];
    const std::string name = std::string(kStems[rng() % 20]) + std::to_string(1 + i / 20 % 5000) + "-" +
                             kSizes[rng() % 11] + kVariants[rng() % 6] + "-s" + std::to_string(i);
    std::string id;
    for (char c : name) id.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    const std::string src = "synthetic:" + std::to_string(i);
    line = "{\"id\":\"" + id + "\",\"kind\":\"model\",\"name\":\"" + name + "\",\"producer\":\"" + prod +
           "\",\"field_sources\":{\"name\":\"" + src + "\",\"producer\":\"" + src + "\"},\"aliases\":[{\"value\":\"" +
           std::string("synth-org/") + name + "\",\"kind\":\"huggingface\",\"source\":\"" + src +
           "\"}],\"links\":[],\"mof\":{\"source\":\"" + src + "\",\"licenses\":{\"distribution\":{\"name\":\"" +
           kLicenses[rng() % 6] + "\"}},\"components\":[";
    const int nc = 2 + static_cast<int>(rng() % 4);
    for (int c = 0; c < nc; ++c) {
      if (c) line += ",";
      line += "{\"name\":\"" + std::string(kComponents[c]) + "\"";
      if (rng() % 4 == 0) line += ",\"license\":\"" + std::string(kLicenses[rng() % 6]) + "\"";
      line += "}";
    }
    line += "]},\"disagreements\":[],\"quirks\":[],\"sources\":[{\"id\":\"" + src +
            "\",\"title\":\"Synthetic\",\"url\":\"https://example.invalid/s/" + std::to_string(i) +
            "\",\"as_of\":\"2026-01-01\"}]}\n";
    std::fwrite(line.data(), 1, line.size(), out);
  }
  std::fclose(out);
  return 0;
}
