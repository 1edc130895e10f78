// The Hugging Face Hub, read on request (--hub) for models the bundled dataset does not hold: a
// repository's API record (/api/models/{id}) and its README. Plain C++ over cpp-httplib; no MCP
// types. Every lookup is bounded (connect and read timeouts and a deadline for the whole lookup,
// a size limit per response, at most `max_in_flight` lookups at once, redirects followed only
// within the Hub's own host) and every failure is a status with a message, never an exception.
// Answers are cached on disk for `ttl`.
//
//   std::string error;
//   auto hub = openness::hub::load_client({.cache_dir = openness::hub::default_cache_dir()}, error);
//   if (auto id = openness::hub::repo_id("https://huggingface.co/org/name"))
//     const openness::hub::Result r = hub->fetch(*id);   // r.status, r.model, r.message
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openness::hub {

// "org/name", or a https://huggingface.co/org/name[/...] URL, as the Hub's "org/name"; nullopt for
// anything else (a bare name, an Ollama tag, a path with ".." or characters the Hub does not allow).
std::optional<std::string> repo_id(std::string_view name);

// What the Hub says of a model repository: the API record, and the README when it could be read.
struct Model {
  std::string id;                        // "org/name" as the Hub spells it
  std::string sha;                       // the commit the record describes
  std::string last_modified;             // as the Hub gives it (ISO 8601)
  std::string read_at;                   // when this server read it (UTC, ISO 8601), or when the cached copy was
  std::string license;                   // cardData.license, else a "license:" tag
  std::string license_name;              // cardData.license_name (for license: other)
  std::vector<std::string> base_models;  // cardData.base_model, else "base_model:" tags
  std::string base_relation;             // "finetune", "quantized", "adapter", "merge" (from the tags), or ""
  std::vector<std::string> datasets;     // cardData.datasets, else "dataset:" tags
  std::vector<std::string> tags;
  std::string gated;  // "" (not gated), "auto" or "manual"
  std::string pipeline_tag, library_name;
  std::string readme;         // the README, whole; empty when it was not read
  std::string readme_status;  // empty when read; else why not ("gated, and no HF_TOKEN is set", ...)
  bool from_cache = false;
};

// Parses an API record. nullopt, with `error` saying why, when the text is not one.
std::optional<Model> parse_api_model(std::string_view json, std::string& error);

enum class Status {
  Ok,
  NotFound,     // 404, or 401/403 on the record: no such repository, or a private one
  RateLimited,  // 429 (the message gives Retry-After)
  Timeout,      // no answer within the timeout
  Unreachable,  // no connection (offline, DNS, TLS)
  ServerError,  // 5xx
  BadResponse,  // an answer that is not an API record, or too large
  Refused,      // a redirect to another host
  Busy,         // max_in_flight lookups already running, and none finished within the timeout
};
std::string_view to_string(Status s);

struct Result {
  Status status = Status::Ok;
  Model model;          // when Ok
  std::string message;  // what happened, for the answer; empty when Ok
};

struct Options {
  std::string url = "https://huggingface.co";  // or a mirror, an enterprise Hub, a local fake
  std::string token;                           // HF_TOKEN: sent to this Hub only, for a gated README
  std::chrono::milliseconds timeout{5000};     // connect, read, and the whole lookup
  std::size_t max_record_bytes = std::size_t{1} << 20;
  std::size_t max_readme_bytes = std::size_t{1} << 20;  // a longer README is not read (the record still is)
  std::filesystem::path cache_dir;                      // empty: no cache
  std::chrono::seconds ttl{std::chrono::hours(24)};
  int max_in_flight = 4;
};

// The default cache folder: $XDG_CACHE_HOME/openness-mcp/hub, else ~/.cache/openness-mcp/hub.
std::filesystem::path default_cache_dir();

// Reads the Hub. fetch() is thread-safe; `id` as repo_id() gives it.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual Result fetch(const std::string& id) = 0;
  virtual const Options& options() const = 0;
};

// The client lives in a module (libopenness_hub_module.so, beside the executable or in
// ../lib/openness-mcp) that is loaded only when --hub is given, so that a server that stays offline
// never loads cpp-httplib and OpenSSL. Null, with `error`, when the module cannot be loaded.
std::shared_ptr<Fetcher> load_client(const Options& o, std::string& error);

}  // namespace openness::hub
