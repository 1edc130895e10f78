// The Hub client: HTTP(S) through cpp-httplib, bounded in time, size and concurrency, with an
// on-disk cache. Built into the module that load_client() loads (module.cpp) and into the tests.
#include "hub_internal.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <semaphore>
#include <sstream>
#include <system_error>

namespace openness::hub {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}
// The Hub's URL as an origin ("https://host:port") for httplib and a path prefix (a mirror may
// serve the Hub under a path).
struct Base {
  std::string origin, prefix;
};
std::optional<Base> split_url(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return std::nullopt;
  const std::string s = url.substr(0, scheme);
  if (s != "http" && s != "https") return std::nullopt;
  const auto path = url.find('/', scheme + 3);
  Base b{url.substr(0, path), path == std::string::npos ? "" : url.substr(path)};
  while (!b.prefix.empty() && b.prefix.back() == '/') b.prefix.pop_back();
  if (b.origin.size() == scheme + 3) return std::nullopt;
  return b;
}

struct Got {
  int status = 0;
  std::string body, location, retry_after;
  httplib::Error error = httplib::Error::Success;
  bool too_large = false, late = false;
};

class Client final : public Fetcher {
 public:
  explicit Client(Options o);
  Result fetch(const std::string& id) override;
  const Options& options() const override { return o_; }

 private:
  Options o_;
  std::counting_semaphore<1024> slots_;
  std::optional<Base> base_;
};

Client::Client(Options o) : o_(std::move(o)), slots_(std::clamp(o_.max_in_flight, 1, 1024)), base_(split_url(o_.url)) {}

// One GET, following redirects within the origin (at most 3), bounded by `limit` bytes and the
// deadline.
Got get(const Base& base, std::string path, const httplib::Headers& headers, std::size_t limit,
        Clock::time_point deadline) {
  Got g;
  for (int hop = 0; hop < 4; ++hop) {
    g = Got{};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      g.late = true;
      return g;
    }
    httplib::Client cli(base.origin);
    cli.set_follow_location(false);
    cli.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(left));
    cli.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(left));
    cli.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(left));
    cli.set_keep_alive(false);
    auto res = cli.Get(
        path, headers,
        [&](const httplib::Response& r) {
          g.status = r.status;
          g.location = r.get_header_value("Location");
          g.retry_after = r.get_header_value("Retry-After");
          const std::string len = r.get_header_value("Content-Length");
          if (!len.empty() && std::strtoull(len.c_str(), nullptr, 10) > limit) g.too_large = true;
          return !g.too_large;
        },
        [&](const char* data, std::size_t n) {
          if (Clock::now() > deadline) g.late = true;
          if (g.body.size() + n > limit) g.too_large = true;
          if (g.late || g.too_large) return false;
          g.body.append(data, n);
          return true;
        });
    if (!res) g.error = res.error();
    if (g.status < 300 || g.status >= 400 || g.location.empty()) return g;
    // A redirect: within the Hub's origin only (the Hub moves renamed repositories).
    std::string loc = g.location;
    if (loc.starts_with(base.origin + "/")) loc = loc.substr(base.origin.size());
    if (!loc.starts_with("/") || loc.starts_with("//")) return g;  // another host: the caller refuses it
    path = loc;
  }
  g.error = httplib::Error::ExceedRedirectCount;
  return g;
}

// A failed GET as a lookup's status and message; nullopt when it succeeded (2xx, whole).
std::optional<Result> failure(const Got& g, const std::string& what, std::chrono::milliseconds timeout) {
  auto fail = [](Status s, std::string m) { return Result{s, {}, std::move(m)}; };
  char secs_buf[32];
  const int len = std::snprintf(secs_buf, sizeof secs_buf, "%.1f s", static_cast<double>(timeout.count()) / 1000.0);
  const std::string secs(secs_buf, len > 0 ? static_cast<std::size_t>(len) : 0);
  if (g.late) return fail(Status::Timeout, "the Hub did not answer " + what + " within " + secs);
  if (g.too_large)
    return fail(Status::BadResponse, "the Hub's answer for " + what + " is larger than this server reads");
  if (g.error == httplib::Error::ExceedRedirectCount)
    return fail(Status::BadResponse, "the Hub redirected " + what + " too many times");
  if (g.error != httplib::Error::Success && g.status == 0) {
    switch (g.error) {
      case httplib::Error::Read:
      case httplib::Error::ConnectionTimeout:
        return fail(Status::Timeout, "the Hub did not answer " + what + " within " + secs);
      default: return fail(Status::Unreachable, "the Hub could not be reached (" + httplib::to_string(g.error) + ")");
    }
  }
  if (g.error != httplib::Error::Success)
    return fail(Status::BadResponse,
                "the Hub's answer for " + what + " was cut off (" + httplib::to_string(g.error) + ")");
  if (g.status >= 300 && g.status < 400)
    return fail(Status::Refused, "the Hub redirected " + what + " to another host (" + g.location +
                                     "); this server follows redirects within the Hub only");
  if (g.status == 404 || g.status == 401 || g.status == 403)
    return fail(Status::NotFound,
                "the Hub has no public repository " + what + " (HTTP " + std::to_string(g.status) + ")");
  if (g.status == 429)
    return fail(Status::RateLimited, "the Hub is rate-limiting requests (HTTP 429" +
                                         (g.retry_after.empty() ? "" : ", retry after " + g.retry_after + " s") + ")");
  if (g.status >= 500) return fail(Status::ServerError, "the Hub failed (HTTP " + std::to_string(g.status) + ")");
  if (g.status < 200 || g.status >= 300)
    return fail(Status::BadResponse, "the Hub answered HTTP " + std::to_string(g.status) + " for " + what);
  return std::nullopt;
}

// One file per repository as asked, in any case: the Hub reads "ORG/Name" and "org/name" alike.
std::filesystem::path cache_file(const std::filesystem::path& dir, const std::string& id) {
  std::string f = "models--" + id;
  std::replace(f.begin(), f.end(), '/', '-');
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return dir / (f + ".json");
}

std::optional<Result> read_cache(const Options& o, const std::string& id) {
  if (o.cache_dir.empty()) return std::nullopt;
  std::ifstream in(cache_file(o.cache_dir, id), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  const json j = json::parse(ss.str(), nullptr, false);
  if (!j.is_object() || !j.contains("stored") || !j["stored"].is_number_integer()) return std::nullopt;
  const auto stored = std::chrono::system_clock::time_point(std::chrono::seconds(j["stored"].get<std::int64_t>()));
  if (std::chrono::system_clock::now() - stored > o.ttl) return std::nullopt;
  std::string err;
  auto m = parse_api_model(string_at(j, "record"), err);  // may name the repository's new id (renamed)
  if (!m) return std::nullopt;
  m->readme = string_at(j, "readme");
  m->readme_status = string_at(j, "readme_status");
  m->read_at = string_at(j, "read_at");
  m->from_cache = true;
  return Result{Status::Ok, std::move(*m), {}};
}

void write_cache(const Options& o, const std::string& id, const std::string& record, const Model& m) {
  if (o.cache_dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(o.cache_dir, ec);
  const auto file = cache_file(o.cache_dir, id);
  const auto tmp = file.string() + ".tmp" + std::to_string(std::hash<std::string>{}(m.read_at + m.sha));
  const json j = {
      {"record", record},
      {"readme", m.readme},
      {"readme_status", m.readme_status},
      {"read_at", m.read_at},
      {"stored",
       std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count()}};
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump();
    if (!out) {
      spdlog::warn("hub: cannot write the cache file {}", tmp);
      return;
    }
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) spdlog::warn("hub: cannot write the cache file {}: {}", file.string(), ec.message());
}

Result Client::fetch(const std::string& id) {
  if (!repo_id(id) || *repo_id(id) != id) return {Status::BadResponse, {}, "'" + id + "' is not a Hub repository id"};
  if (!base_) return {Status::Unreachable, {}, "the Hub URL '" + o_.url + "' is not an http(s) URL"};
  if (auto cached = read_cache(o_, id)) return std::move(*cached);
  const auto deadline = Clock::now() + o_.timeout;
  if (!slots_.try_acquire_until(deadline)) return {Status::Busy, {}, "too many Hub lookups are running; try again"};
  struct Release {
    std::counting_semaphore<1024>& s;
    ~Release() { s.release(); }
  } release{slots_};

  const Base& base = *base_;
  const std::string what = "'" + id + "'";
  const Got rec =
      get(base, base.prefix + "/api/models/" + id, {{"Accept", "application/json"}}, o_.max_record_bytes, deadline);
  if (auto f = failure(rec, what, o_.timeout)) {
    spdlog::info("hub: {}: {}", id, f->message);
    return std::move(*f);
  }
  std::string err;
  auto m = parse_api_model(rec.body, err);
  if (!m) return {Status::BadResponse, {}, err};
  m->read_at = utc_now();

  // The README: public repositories without a token; a gated one only with HF_TOKEN, which goes
  // to this Hub and nowhere else (redirects leave the origin only by being refused).
  httplib::Headers headers;
  bool cacheable = true;
  if (!m->gated.empty() && o_.token.empty()) {
    m->readme_status = "the repository is gated and no HF_TOKEN is set, so its README was not read";
    cacheable = false;
  } else {
    if (!m->gated.empty()) headers.emplace("Authorization", "Bearer " + o_.token);
    const std::string rev = m->sha.empty() ? "main" : m->sha;
    const Got readme =
        get(base, base.prefix + "/" + id + "/resolve/" + rev + "/README.md", headers, o_.max_readme_bytes, deadline);
    if (auto f = failure(readme, "the README of " + what, o_.timeout)) {
      if (readme.too_large) {
        m->readme_status = "the README is larger than " + std::to_string(o_.max_readme_bytes >> 10) +
                           " KiB, so it was not read (the repository's record was)";
      } else if (readme.status == 404) {
        m->readme_status = "the repository has no README.md";
      } else {
        m->readme_status = "the README was not read: " + f->message;
        cacheable = false;
      }
    } else {
      m->readme = readme.body;
    }
  }
  if (cacheable) write_cache(o_, id, rec.body, *m);
  return {Status::Ok, std::move(*m), {}};
}

}  // namespace

std::unique_ptr<Fetcher> make_client(Options o) { return std::make_unique<Client>(std::move(o)); }

}  // namespace openness::hub
