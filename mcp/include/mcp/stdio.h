// The stdio transport: newline-delimited JSON-RPC on a pair of file descriptors.
#pragma once
#include <mcp/server.h>

#include <cstddef>

namespace mcp {

struct StdioOptions {
  std::size_t max_line_bytes = 4u << 20;  // a longer line is answered with -32600 and skipped
  unsigned workers = 4;                   // threads for tools/call and the other slow methods
};

// Reads one message per line from `in_fd` (a trailing '\r' is accepted, blank lines are skipped)
// and writes each reply as one line to `out_fd`. Returns 0 at end of input once the requests in
// flight have been answered, or when the output is gone (the client went away).
int serve_stdio(const Server& server, const StdioOptions& options = {}, int in_fd = 0, int out_fd = 1);

}  // namespace mcp
