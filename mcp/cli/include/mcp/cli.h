// Transport flags shared by every executable built on the mcp library (openness-mcp and the
// conformance fixture server take the same ones), and the call that serves on the chosen one.
#pragma once
#include <mcp/server.h>
#include <mcp/stdio.h>

#include <CLI/CLI.hpp>

namespace mcp::cli {

struct TransportOptions {
  StdioOptions stdio;
};

// Adds the transport flags (stdio: --max-line-bytes, --workers) to `app`.
void add_transport_flags(CLI::App& app, TransportOptions& options);

// Serves `server` on the transport the flags chose; returns the process exit status.
int serve(const Server& server, const TransportOptions& options);

}  // namespace mcp::cli
