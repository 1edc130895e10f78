// Transport flags shared by every executable built on the mcp library (openness-mcp and the
// conformance fixture server take the same ones), and the call that serves on the chosen one.
#pragma once
#include <mcp/http.h>
#include <mcp/server.h>
#include <mcp/stdio.h>

#include <CLI/CLI.hpp>

#include <string>

namespace mcp::cli {

struct TransportOptions {
  StdioOptions stdio;
  bool use_http = false;  // --http: Streamable HTTP instead of stdio
  http::HttpOptions http;
  // The environment variable that holds the bearer token when --auth-token is not given
  // (e.g. OPENNESS_MCP_AUTH_TOKEN); empty: none.
  std::string auth_token_env;
};

// Adds the transport flags to `app`: stdio (--max-line-bytes, --workers) and HTTP (--http, --host,
// --port, --path, --stateless, --allow-host, --allow-origin, --auth-token, --max-body-bytes,
// --max-sessions, --session-idle-timeout, --threads, --read-timeout, --idle-timeout). The HTTP
// flags need --http. `auth_token_env` names the environment variable read for the token.
void add_transport_flags(CLI::App& app, TransportOptions& options, std::string auth_token_env = {});

// Serves `server` on the transport the flags chose; returns the process exit status.
int serve(const Server& server, const TransportOptions& options);

}  // namespace mcp::cli
