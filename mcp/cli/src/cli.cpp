#include <mcp/cli.h>
#include <mcp/http_module.h>

#include <spdlog/spdlog.h>

#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace mcp::cli {

void add_transport_flags(CLI::App& app, TransportOptions& options, std::string auth_token_env) {
  options.auth_token_env = std::move(auth_token_env);
  app.add_option("--max-line-bytes", options.stdio.max_line_bytes,
                 "stdio: longest accepted message line, in bytes (longer lines get -32600)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  app.add_option("--workers", options.stdio.workers, "stdio: threads serving tools/call and other slow methods")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));

  auto& h = options.http;
  CLI::Option* http = app.add_flag("--http", options.use_http,
                                   "Serve MCP over Streamable HTTP (one endpoint, default /mcp) instead of stdio");
  const std::string g = "HTTP (with --http)";
  auto needs_http = [&](CLI::Option* o) { o->needs(http)->group(g); };
  needs_http(
      app.add_option(
             "--host", h.host,
             "Address to listen on (loopback by default); clients that reach it by another name need --allow-host")
          ->capture_default_str());
  needs_http(app.add_option("--port", h.port, "TCP port; 0 picks a free one")
                 ->capture_default_str()
                 ->check(CLI::Range(0, 65535)));
  needs_http(app.add_option("--path", h.path, "Path of the MCP endpoint")->capture_default_str());
  needs_http(
      app.add_flag("--stateless", h.stateless,
                   "No sessions: every request stands alone, so any replica behind a load balancer can serve it"));
  needs_http(app.add_option("--allow-host", h.allow_hosts,
                            "Also accept this Host header: name (any port) or name:port; * accepts any (repeatable). "
                            "localhost, 127.0.0.1 and [::1] with the server's port are always accepted")
                 ->delimiter(','));
  needs_http(
      app.add_option("--allow-origin", h.allow_origins,
                     "Also accept requests from this Origin, e.g. https://app.example.com; * accepts any (repeatable)")
          ->delimiter(','));
  std::string token_help = "Require \"Authorization: Bearer <token>\" on every request";
  if (!options.auth_token_env.empty())
    token_help += " (default: the environment variable " + options.auth_token_env + ")";
  needs_http(app.add_option("--auth-token", h.auth_token, token_help));
  needs_http(app.add_option("--max-body-bytes", h.max_body_bytes, "Largest request body; larger ones get 413")
                 ->capture_default_str()
                 ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30)));
  needs_http(
      app.add_option("--max-sessions", h.max_sessions, "Most sessions open at once; initialize beyond it gets 503")
          ->capture_default_str()
          ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20)));
  needs_http(app.add_option_function<long>(
                    "--session-idle-timeout", [&h](const long& s) { h.session_idle_timeout = std::chrono::seconds(s); },
                    "Seconds after which an idle session ends")
                 ->default_str(std::to_string(h.session_idle_timeout.count()))
                 ->check(CLI::Range(1L, 30L * 24 * 3600)));
  needs_http(app.add_option("--threads", h.threads,
                            "Threads serving connections: one per open keep-alive connection, running its requests")
                 ->capture_default_str()
                 ->check(CLI::Range(1u, 4096u)));
  needs_http(app.add_option_function<long>(
                    "--read-timeout", [&h](const long& s) { h.read_timeout = std::chrono::seconds(s); },
                    "Seconds a client has to send a whole request (headers and body)")
                 ->default_str(std::to_string(std::chrono::duration_cast<std::chrono::seconds>(h.read_timeout).count()))
                 ->check(CLI::Range(1L, 3600L)));
  needs_http(app.add_option_function<long>(
                    "--idle-timeout", [&h](const long& s) { h.idle_timeout = std::chrono::seconds(s); },
                    "Seconds a keep-alive connection may stay idle between requests")
                 ->default_str(std::to_string(std::chrono::duration_cast<std::chrono::seconds>(h.idle_timeout).count()))
                 ->check(CLI::Range(1L, 3600L)));
}

namespace {

// The HTTP transport module (mcp/http/module): beside the executable, else in ../lib/mcp.
http::ModuleServe load_http_module(std::string& error) {
  std::string dir;
  char exe[4096];
  if (const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1); n > 0) {
    dir.assign(exe, static_cast<std::size_t>(n));
    dir.erase(dir.find_last_of('/') + 1);
  }
  for (const std::string& path : {dir + http::kModuleFile, dir + "../lib/mcp/" + http::kModuleFile}) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      error += std::string(error.empty() ? "" : "; ") + ::dlerror();
      continue;
    }
    if (auto* entry = reinterpret_cast<http::ModuleServe>(::dlsym(handle, http::kModuleEntry))) return entry;
    error += "; " + path + " has no " + http::kModuleEntry;
  }
  return nullptr;
}

}  // namespace

int serve(const Server& server, const TransportOptions& options) {
  if (!options.use_http) return serve_stdio(server, options.stdio);
  http::HttpOptions h = options.http;
  if (h.auth_token.empty() && !options.auth_token_env.empty()) {
    if (const char* env = std::getenv(options.auth_token_env.c_str()); env && *env) h.auth_token = env;
  }
  // Loaded only now, so that a stdio server never loads cpp-httplib and OpenSSL.
  std::string error;
  const http::ModuleServe serve_http = load_http_module(error);
  if (!serve_http) {
    spdlog::error("http: the HTTP transport is not available: {}", error);
    return 1;
  }
  return serve_http(http::kModuleAbi, &server, &h);
}

}  // namespace mcp::cli
