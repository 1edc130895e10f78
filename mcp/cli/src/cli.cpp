#include <mcp/cli.h>

namespace mcp::cli {

void add_transport_flags(CLI::App& app, TransportOptions& options) {
  app.add_option("--max-line-bytes", options.stdio.max_line_bytes,
                 "stdio: longest accepted message line, in bytes (longer lines get -32600)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  app.add_option("--workers", options.stdio.workers, "stdio: threads serving tools/call and other slow methods")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));
}

int serve(const Server& server, const TransportOptions& options) { return serve_stdio(server, options.stdio); }

}  // namespace mcp::cli
