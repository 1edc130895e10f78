// The Hub's names and records, and the loader of the client module: no network code here.
#include <openness/hub.h>

#include "hub_internal.h"

#include <nlohmann/json.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace openness::hub {
namespace {

using nlohmann::json;

// A Hub name part: letters, digits, '-', '_', '.', not starting or ending with '-' or '.', no
// "--" or ".." (the Hub's own rule), at most 96 characters.
bool name_part(std::string_view s) {
  if (s.empty() || s.size() > 96) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  auto edge = [](char c) { return c == '-' || c == '.'; };
  return !edge(s.front()) && !edge(s.back()) && s.find("--") == std::string_view::npos &&
         s.find("..") == std::string_view::npos;
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

}  // namespace

std::string string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> repo_id(std::string_view name) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  bool url = false;
  for (std::string_view p :
       {"https://huggingface.co/", "http://huggingface.co/", "https://hf.co/", "huggingface.co/", "hf.co/"}) {
    if (name.size() > p.size() && name.substr(0, p.size()) == p) {
      name.remove_prefix(p.size());
      url = true;
      break;
    }
  }
  if (url) name = name.substr(0, name.find_first_of("?#"));
  const auto slash = name.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view org = name.substr(0, slash);
  std::string_view rest = name.substr(slash + 1);
  if (url) {
    rest = rest.substr(0, rest.find('/'));  // .../org/name/tree/main
    if (org == "datasets" || org == "spaces" || org == "docs" || org == "api") return std::nullopt;
  } else if (rest.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  if (!name_part(org) || !name_part(rest)) return std::nullopt;
  // "hf.co/x" is a URL without its scheme, never the organisation "hf.co": an id must read back as itself.
  if (org == "hf.co" || org == "huggingface.co") return std::nullopt;
  return std::string(org) + "/" + std::string(rest);
}

std::optional<Model> parse_api_model(std::string_view text, std::string& error) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) {
    error = "the Hub's answer is not JSON";
    return std::nullopt;
  }
  if (!j.is_object()) {
    error = "the Hub's answer is not a JSON object";
    return std::nullopt;
  }
  Model m;
  m.id = string_at(j, "id");
  if (m.id.empty()) m.id = string_at(j, "modelId");
  if (m.id.empty()) {
    error = "the Hub's answer names no model (no \"id\")";
    return std::nullopt;
  }
  // Both go into answers, and the commit into the README's path: each must be what it says.
  if (const auto id = repo_id(m.id); !id || *id != m.id) {
    error = "the Hub's answer names no repository id (\"id\" is not ORG/NAME)";
    return std::nullopt;
  }
  m.sha = string_at(j, "sha");
  if (m.sha.size() > 64 || m.sha.find_first_not_of("0123456789abcdef") != std::string::npos) {
    error = "the Hub's answer names no commit (\"sha\" is not a hexadecimal hash)";
    return std::nullopt;
  }
  m.last_modified = string_at(j, "lastModified");
  m.pipeline_tag = string_at(j, "pipeline_tag");
  m.library_name = string_at(j, "library_name");
  if (const auto g = j.find("gated"); g != j.end() && g->is_string()) m.gated = g->get<std::string>();
  if (const auto g = j.find("gated"); g != j.end() && g->is_boolean() && g->get<bool>()) m.gated = "auto";
  if (const auto t = j.find("tags"); t != j.end()) m.tags = strings(*t);
  std::vector<std::string> tag_licenses, tag_bases, tag_datasets;
  for (const auto& t : m.tags) {
    const std::string_view v(t);
    if (v.starts_with("license:")) tag_licenses.emplace_back(v.substr(8));
    if (v.starts_with("dataset:")) tag_datasets.emplace_back(v.substr(8));
    if (!v.starts_with("base_model:")) continue;
    std::string_view b = v.substr(11);
    for (std::string_view rel : {"finetune:", "quantized:", "adapter:", "merge:"})
      if (b.starts_with(rel)) {
        m.base_relation = std::string(rel.substr(0, rel.size() - 1));
        b.remove_prefix(rel.size());
      }
    if (std::find(tag_bases.begin(), tag_bases.end(), b) == tag_bases.end()) tag_bases.emplace_back(b);
  }
  const auto cd = j.find("cardData");
  const json card = cd != j.end() && cd->is_object() ? *cd : json::object();
  if (const auto l = card.find("license"); l != card.end() && !strings(*l).empty()) m.license = strings(*l).front();
  if (m.license.empty() && !tag_licenses.empty()) m.license = tag_licenses.front();
  m.license_name = string_at(card, "license_name");
  if (const auto b = card.find("base_model"); b != card.end()) m.base_models = strings(*b);
  if (m.base_models.empty()) m.base_models = tag_bases;
  if (const auto d = card.find("datasets"); d != card.end()) m.datasets = strings(*d);
  if (m.datasets.empty()) m.datasets = tag_datasets;
  return m;
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::NotFound: return "not-found";
    case Status::RateLimited: return "rate-limited";
    case Status::Timeout: return "timeout";
    case Status::Unreachable: return "unreachable";
    case Status::ServerError: return "server-error";
    case Status::BadResponse: return "bad-response";
    case Status::Refused: return "refused";
    case Status::Busy: return "busy";
  }
  return "unknown";
}

std::filesystem::path default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "openness-mcp" / "hub";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "openness-mcp" / "hub";
  return {};
}

std::shared_ptr<Fetcher> load_client(const Options& o, std::string& error) {
  std::string dir;
  char exe[4096];
  if (const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1); n > 0) {
    dir.assign(exe, static_cast<std::size_t>(n));
    dir.erase(dir.find_last_of('/') + 1);
  }
  for (const std::string& path : {dir + kModuleFile, dir + "../lib/openness-mcp/" + kModuleFile}) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      error += std::string(error.empty() ? "" : "; ") + ::dlerror();
      continue;
    }
    if (auto* make = reinterpret_cast<ModuleMake>(::dlsym(handle, kModuleEntry))) {
      Fetcher* f = make(kModuleAbi, &o);
      if (f) return std::shared_ptr<Fetcher>(f);
      error += "; " + path + " was built for another version of this program";
      continue;
    }
    error += "; " + path + " has no " + kModuleEntry;
  }
  return nullptr;
}

}  // namespace openness::hub
