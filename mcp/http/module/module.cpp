// The Streamable HTTP transport as a module that mcp::cli::serve() loads with dlopen when --http
// is given: cpp-httplib (and the OpenSSL, brotli and zlib it links) is then loaded only by servers
// that serve HTTP, and a stdio server starts without it (about half of its start-up time).
#include <mcp/http.h>
#include <mcp/http_module.h>

#include <spdlog/spdlog.h>

extern "C" __attribute__((visibility("default"))) int mcp_http_module_serve(unsigned abi, const mcp::Server* server,
                                                                            const mcp::http::HttpOptions* options) {
  if (abi != mcp::http::kModuleAbi) {
    spdlog::error("http: the HTTP transport module was built for another version of this program");
    return 1;
  }
  if (auto problems = mcp::http::validate(*options); !problems.empty()) {
    for (const auto& p : problems) spdlog::error("http: {}", p);
    return 2;
  }
  return mcp::http::serve_http(*server, *options);
}
