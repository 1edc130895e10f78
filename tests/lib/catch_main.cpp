#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

int main(int argc, char* argv[]) {
  // The library logs to stderr; keep test output to failures unless asked (MCP_TEST_LOG=1).
  if (!std::getenv("MCP_TEST_LOG")) spdlog::set_level(spdlog::level::critical);
  return Catch::Session().run(argc, argv);
}
