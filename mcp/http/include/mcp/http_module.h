// The entry point of the HTTP transport module (mcp/http/module): see mcp::cli::serve().
#pragma once
#include <mcp/http.h>
#include <mcp/server.h>

#include <cstddef>

namespace mcp::http {

// The module and the program that loads it must agree on the layout of Server and HttpOptions:
// both are built from the same sources, and this changes when their layout does.
inline constexpr unsigned kModuleAbi =
    1u ^ (static_cast<unsigned>(sizeof(Server)) << 8) ^ (static_cast<unsigned>(sizeof(HttpOptions)) << 20);

// The module's file name, looked up beside the executable, then in ../lib/mcp from it.
inline constexpr const char* kModuleFile = "libmcp_http_module.so";

// extern "C" int mcp_http_module_serve(unsigned abi, const Server*, const HttpOptions*):
// validates the options (status 2, each problem logged) and serves (status of serve_http).
using ModuleServe = int (*)(unsigned abi, const Server* server, const HttpOptions* options);
inline constexpr const char* kModuleEntry = "mcp_http_module_serve";

}  // namespace mcp::http
