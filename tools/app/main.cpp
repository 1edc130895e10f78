// openness-mcp: an MCP server that answers, with evidence, whether an AI model is actually open.
#include <mcp/server.h>
#include <mcp/stdio.h>
#include <openness/version.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace {

constexpr const char* kInstructions =
    "Use this server whenever the user asks whether an AI model is open, open source, open weights or "
    "fully open, or what a model's license lets them do.";

}  // namespace

int main() {
  // stdout carries protocol messages only: every log line goes to stderr, from the first line on.
  spdlog::set_default_logger(spdlog::stderr_color_mt("openness-mcp"));
  spdlog::set_level(spdlog::level::info);

  mcp::Server server({"openness-mcp", "Model Openness", std::string(openness::version()),
                      "Answers whether an AI model is actually open, with evidence.", "", nullptr},
                     kInstructions);
  return mcp::serve_stdio(server);
}
