#include <mcp/jsonrpc.h>

#include <catch2/catch.hpp>

using namespace mcp;
using namespace mcp::jsonrpc;

TEST_CASE("a request with an integer id is classified as a request") {
  auto c = classify(Json::parse(R"({"jsonrpc":"2.0","id":7,"method":"ping"})"));
  auto* msg = std::get_if<Message>(&c);
  REQUIRE(msg);
  auto* req = std::get_if<Request>(msg);
  REQUIRE(req);
  CHECK(std::get<std::int64_t>(req->id) == 7);
  CHECK(req->method == "ping");
}
