// Typed tools (mcp/typed.h): arguments into a struct, a struct into the result.
#include <mcp/typed.h>

#include <catch2/catch.hpp>

#include <string>

namespace typed_test {

struct In {
  std::string name;
  int times = 1;
};
void read(const mcp::Json& j, In& in) {
  in.name = j.at("name").get<std::string>();
  if (j.contains("times")) in.times = j.at("times").get<int>();
}

struct Out {
  std::string greeting;
  int times = 0;
};
void to_json(mcp::Json& j, const Out& o) { j = {{"greeting", o.greeting}, {"times", o.times}}; }
std::string text(const Out& o) { return o.greeting + " x" + std::to_string(o.times); }

struct Pictured {
  std::string caption;
};
void to_json(mcp::Json& j, const Pictured& o) { j = {{"caption", o.caption}}; }
std::string text(const Pictured& o) { return o.caption; }
mcp::Json extra_content(const Pictured&) { return mcp::Json::array({{{"type", "image"}, {"data", "AA=="}}}); }

mcp::ToolOutcome<Out> greet(const In& in) {
  if (in.name.empty()) return mcp::ToolError{"name must not be empty"};
  return Out{"hello " + in.name, in.times};
}

}  // namespace typed_test

namespace {
// A request context that offers nothing: typed tools read only their arguments.
class NoContext final : public mcp::RequestContext {
 public:
  bool cancelled() const override { return false; }
  void progress(double, std::optional<double>, std::string_view) override {}
  void log(mcp::LogLevel, const mcp::Json&, std::string_view) override {}
  mcp::Result<mcp::Json> ask_client(std::string_view, mcp::Json, std::chrono::milliseconds) override {
    return mcp::Json(nullptr);
  }
  void close_stream() override {}
  std::string_view protocol_version() const override { return "2025-11-25"; }
  const mcp::Json& client_capabilities() const override { return caps_; }

 private:
  mcp::Json caps_ = mcp::Json::object();
};

mcp::ToolResult call(const mcp::ToolHandler& h, const mcp::Json& args) {
  NoContext ctx;
  return h(args, ctx);
}
}  // namespace

TEST_CASE("typed tools: the output struct is the structured content and the text", "[typed]") {
  const mcp::ToolHandler h = mcp::typed_tool<typed_test::In, typed_test::Out>(typed_test::greet);
  const mcp::ToolResult r = call(h, {{"name", "ada"}, {"times", 2}});
  CHECK_FALSE(r.is_error);
  REQUIRE(r.structured);
  CHECK(*r.structured == mcp::Json({{"greeting", "hello ada"}, {"times", 2}}));
  REQUIRE(r.content.size() >= 1);
  CHECK(r.content[0]["text"] == "hello ada x2");
}

TEST_CASE("typed tools: a ToolError and unreadable arguments are the tool's errors", "[typed]") {
  const mcp::ToolHandler h = mcp::typed_tool<typed_test::In, typed_test::Out>(typed_test::greet);
  mcp::ToolResult r = call(h, {{"name", ""}});
  CHECK(r.is_error);
  CHECK_FALSE(r.structured);
  CHECK(r.content[0]["text"] == "name must not be empty");
  // The input schema would refuse these; a struct that cannot be read is still an error, not a throw.
  r = call(h, {{"name", 42}});
  CHECK(r.is_error);
  CHECK(r.content[0]["text"].get<std::string>().rfind("invalid arguments: ", 0) == 0);
  r = call(h, mcp::Json::object());
  CHECK(r.is_error);
}

TEST_CASE("typed tools: extra content blocks follow the text", "[typed]") {
  const mcp::ToolHandler h = mcp::typed_tool<typed_test::In, typed_test::Pictured>(
      [](const typed_test::In& in) -> mcp::ToolOutcome<typed_test::Pictured> { return typed_test::Pictured{in.name}; });
  const mcp::ToolResult r = call(h, {{"name", "card"}});
  REQUIRE(r.content.size() == 2);
  CHECK(r.content[0]["text"] == "card");
  CHECK(r.content[1]["type"] == "image");
}

TEST_CASE("typed tools: a handler may build the ToolResult itself", "[typed]") {
  const mcp::ToolHandler h = mcp::typed_tool<typed_test::In, mcp::ToolResult>(
      [](const typed_test::In& in) { return mcp::ToolResult::text("as built: " + in.name); });
  const mcp::ToolResult r = call(h, {{"name", "x"}});
  CHECK_FALSE(r.is_error);
  CHECK(r.content[0]["text"] == "as built: x");
}
