// mcp-conformance-server: a server built on the mcp library alone that registers the fixtures the
// official MCP conformance suite (@modelcontextprotocol/conformance) expects, so the suite can prove
// the library complete. Tool, resource and prompt names and their answers are the suite's own
// (see each scenario's description, `npx conformance list --server`).
#include "fixture_mrtr.h"

#include <mcp/cli.h>
#include <mcp/server.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

using mcp::Json;
using mcp::RequestContext;
using mcp::ToolResult;

// A 1x1 red PNG and a 1 ms, 8 kHz, 8-bit mono WAV of silence.
constexpr const char* kPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
constexpr const char* kWav = "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";

const Json kNoArgs = {{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}};

Json image(const char* data) { return {{"type", "image"}, {"data", data}, {"mimeType", "image/png"}}; }

void must(const mcp::Status& s) {
  if (!s) {
    spdlog::critical("fixture registration failed: {}", s.error().message);
    std::exit(70);
  }
}

void add_tool(mcp::Server& server, std::string name, std::string description, Json schema, mcp::ToolHandler handler) {
  mcp::Tool t;
  t.name = std::move(name);
  t.description = std::move(description);
  t.input_schema = std::move(schema);
  t.handler = std::move(handler);
  must(server.add_tool(std::move(t)));
}

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

void register_tools(mcp::Server& s) {
  // 2026-07-28 clients mirror these arguments into Mcp-Param-* headers (x-mcp-header); the server
  // rejects a request whose headers do not say the same (HeaderMismatch).
  add_tool(s, "test_header_params", "Echoes its region and limit, which clients send as headers too (x-mcp-header).",
           Json::parse(R"({"type":"object","properties":{
             "region":{"type":"string","description":"A region, sent as Mcp-Param-Region","x-mcp-header":"Region"},
             "limit":{"type":"integer","description":"A limit, sent as Mcp-Param-Limit","x-mcp-header":"Limit"}},
             "required":["region"]})"),
           [](const Json& a, RequestContext&) { return ToolResult::text("region " + a["region"].get<std::string>()); });
  add_tool(s, "test_simple_text", "Returns a simple text response.", kNoArgs, [](const Json&, RequestContext&) {
    return ToolResult::text("This is a simple text response for testing.");
  });
  add_tool(s, "test_image_content", "Returns a 1x1 PNG image.", kNoArgs, [](const Json&, RequestContext&) {
    ToolResult r;
    r.content.push_back(image(kPng));
    return r;
  });
  add_tool(s, "test_audio_content", "Returns a tiny WAV clip.", kNoArgs, [](const Json&, RequestContext&) {
    ToolResult r;
    r.content.push_back({{"type", "audio"}, {"data", kWav}, {"mimeType", "audio/wav"}});
    return r;
  });
  add_tool(s, "test_embedded_resource", "Returns an embedded text resource.", kNoArgs,
           [](const Json&, RequestContext&) {
             ToolResult r;
             r.content.push_back({{"type", "resource"},
                                  {"resource", mcp::text_resource_contents("test://embedded-resource", "text/plain",
                                                                           "This is an embedded resource content.")}});
             return r;
           });
  add_tool(s, "test_multiple_content_types", "Returns text, an image and an embedded resource.", kNoArgs,
           [](const Json&, RequestContext&) {
             ToolResult r;
             r.content.push_back(mcp::text_content("Multiple content types test:"));
             r.content.push_back(image(kPng));
             r.content.push_back(
                 {{"type", "resource"},
                  {"resource", mcp::text_resource_contents("test://mixed-content-resource", "application/json",
                                                           R"({"test":"data","value":123})")}});
             return r;
           });
  add_tool(s, "test_tool_with_logging", "Sends three info log notifications while it runs.", kNoArgs,
           [](const Json&, RequestContext& ctx) {
             ctx.log(mcp::LogLevel::kInfo, "Tool execution started");
             sleep_ms(50);
             ctx.log(mcp::LogLevel::kInfo, "Tool processing data");
             sleep_ms(50);
             ctx.log(mcp::LogLevel::kInfo, "Tool execution completed");
             return ToolResult::text("Tool with logging executed successfully");
           });
  add_tool(s, "test_error_handling", "Always fails, to test error reporting.", kNoArgs,
           [](const Json&, RequestContext&) {
             return ToolResult::error("This tool intentionally returns an error for testing");
           });
  add_tool(s, "test_tool_with_progress", "Reports progress 0, 50 and 100 of 100.", kNoArgs,
           [](const Json&, RequestContext& ctx) {
             ctx.progress(0, 100);
             sleep_ms(50);
             ctx.progress(50, 100);
             sleep_ms(50);
             ctx.progress(100, 100);
             return ToolResult::text("Tool with progress executed successfully");
           });
  add_tool(s, "test_sampling", "Asks the client's LLM to answer a prompt (sampling/createMessage).",
           {{"type", "object"},
            {"properties", {{"prompt", {{"type", "string"}, {"description", "The prompt to send to the LLM"}}}}},
            {"required", {"prompt"}}},
           [](const Json& args, RequestContext& ctx) {
             Json params = {
                 {"messages", {{{"role", "user"}, {"content", {{"type", "text"}, {"text", args["prompt"]}}}}}},
                 {"maxTokens", 100}};
             auto r = ctx.ask_client("sampling/createMessage", std::move(params));
             if (!r) return ToolResult::error("Sampling failed: " + r.error().message);
             std::string text = r->contains("content") && (*r)["content"].is_object()
                                    ? (*r)["content"].value("text", std::string())
                                    : std::string();
             return ToolResult::text("LLM response: " + text);
           });
  add_tool(s, "test_elicitation", "Asks the user for a username and email (elicitation/create).",
           {{"type", "object"},
            {"properties", {{"message", {{"type", "string"}, {"description", "The message to show the user"}}}}},
            {"required", {"message"}}},
           [](const Json& args, RequestContext& ctx) {
             Json schema = {{"type", "object"},
                            {"properties",
                             {{"username", {{"type", "string"}, {"description", "User's response"}}},
                              {"email", {{"type", "string"}, {"description", "User's email address"}}}}},
                            {"required", {"username", "email"}}};
             auto r = ctx.ask_client("elicitation/create", {{"message", args["message"]}, {"requestedSchema", schema}});
             if (!r) return ToolResult::error("Elicitation failed: " + r.error().message);
             return ToolResult::text("User response: " + r->dump());
           });
  add_tool(s, "test_elicitation_sep1034_defaults", "Elicits values whose schema carries defaults (SEP-1034).", kNoArgs,
           [](const Json&, RequestContext& ctx) {
             Json schema = {
                 {"type", "object"},
                 {"properties",
                  {{"name", {{"type", "string"}, {"description", "User name"}, {"default", "John Doe"}}},
                   {"age", {{"type", "integer"}, {"description", "User age"}, {"default", 30}}},
                   {"score", {{"type", "number"}, {"description", "User score"}, {"default", 95.5}}},
                   {"status",
                    {{"type", "string"},
                     {"description", "User status"},
                     {"enum", {"active", "inactive", "pending"}},
                     {"default", "active"}}},
                   {"verified", {{"type", "boolean"}, {"description", "Verification status"}, {"default", true}}}}},
                 {"required", Json::array()}};
             auto r = ctx.ask_client(
                 "elicitation/create",
                 {{"message", "Please review and update the form fields with defaults"}, {"requestedSchema", schema}});
             if (!r) return ToolResult::error("Elicitation failed: " + r.error().message);
             return ToolResult::text("Elicitation completed: action=" + r->value("action", std::string("?")) +
                                     ", content=" + r->value("content", Json::object()).dump());
           });
  add_tool(s, "test_elicitation_sep1330_enums", "Elicits values with the five enum shapes (SEP-1330).", kNoArgs,
           [](const Json&, RequestContext& ctx) {
             Json schema = {
                 {"type", "object"},
                 {"properties",
                  {{"untitledSingle", {{"type", "string"}, {"enum", {"option1", "option2", "option3"}}}},
                   {"titledSingle",
                    {{"type", "string"},
                     {"oneOf",
                      {{{"const", "value1"}, {"title", "First Option"}},
                       {{"const", "value2"}, {"title", "Second Option"}},
                       {{"const", "value3"}, {"title", "Third Option"}}}}}},
                   {"legacyEnum",
                    {{"type", "string"},
                     {"enum", {"opt1", "opt2", "opt3"}},
                     {"enumNames", {"Option One", "Option Two", "Option Three"}}}},
                   {"untitledMulti",
                    {{"type", "array"}, {"items", {{"type", "string"}, {"enum", {"option1", "option2", "option3"}}}}}},
                   {"titledMulti",
                    {{"type", "array"},
                     {"items",
                      {{"anyOf",
                        {{{"const", "value1"}, {"title", "First Choice"}},
                         {{"const", "value2"}, {"title", "Second Choice"}},
                         {{"const", "value3"}, {"title", "Third Choice"}}}}}}}}}},
                 {"required", Json::array()}};
             auto r = ctx.ask_client("elicitation/create",
                                     {{"message", "Please choose from the enum fields"}, {"requestedSchema", schema}});
             if (!r) return ToolResult::error("Elicitation failed: " + r.error().message);
             return ToolResult::text("Elicitation completed: action=" + r->value("action", std::string("?")) +
                                     ", content=" + r->value("content", Json::object()).dump());
           });
  add_tool(
      s, "json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features",
      {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
       {"type", "object"},
       {"$defs",
        {{"address",
          {{"type", "object"}, {"properties", {{"street", {{"type", "string"}}}, {"city", {{"type", "string"}}}}}}}}},
       {"properties", {{"name", {{"type", "string"}}}, {"address", {{"$ref", "#/$defs/address"}}}}},
       {"additionalProperties", false}},
      [](const Json& args, RequestContext&) { return ToolResult::text("Received: " + args.dump()); });
  add_tool(s, "test_reconnection",
           "Closes its response stream mid-call so the client resumes it (SSE polling, SEP-1699).", kNoArgs,
           [](const Json&, RequestContext& ctx) {
             sleep_ms(20);
             ctx.close_stream();
             sleep_ms(200);
             return ToolResult::text("Reconnection test completed successfully");
           });
}

void register_resources(mcp::Server& s) {
  must(s.add_resource({"test://static-text", "static-text", "Static text", "A static text resource for testing",
                       "text/plain", std::nullopt, [](const std::string& uri, RequestContext&) -> mcp::Result<Json> {
                         return Json::array({mcp::text_resource_contents(
                             uri, "text/plain", "This is the content of the static text resource.")});
                       }}));
  must(s.add_resource({"test://static-binary", "static-binary", "Static binary",
                       "A static binary (PNG) resource for testing", "image/png", std::nullopt,
                       [](const std::string& uri, RequestContext&) -> mcp::Result<Json> {
                         return Json::array({{{"uri", uri}, {"mimeType", "image/png"}, {"blob", kPng}}});
                       }}));
  must(s.add_resource(
      {"test://watched-resource", "watched-resource", "Watched resource", "A resource clients may subscribe to",
       "text/plain", std::nullopt, [](const std::string& uri, RequestContext&) -> mcp::Result<Json> {
         return Json::array({mcp::text_resource_contents(uri, "text/plain", "Watched resource content")});
       }}));
  mcp::ResourceTemplate t;
  t.uri_template = "test://template/{id}/data";
  t.name = "template-data";
  t.title = "Template data";
  t.description = "A resource template that substitutes {id}";
  t.mime_type = "application/json";
  t.read = [](const std::string& uri, const std::map<std::string, std::string>& vars,
              RequestContext&) -> mcp::Result<Json> {
    const std::string& id = vars.at("id");
    Json body = {{"id", id}, {"templateTest", true}, {"data", "Data for ID: " + id}};
    return Json::array({mcp::text_resource_contents(uri, "application/json", body.dump())});
  };
  t.completers["id"] = [](std::string_view value, const Json&) {
    std::vector<std::string> out;
    for (const char* c : {"123", "456", "789"})
      if (std::string_view(c).substr(0, value.size()) == value) out.emplace_back(c);
    return out;
  };
  must(s.add_resource_template(std::move(t)));
}

Json user_text(std::string text) { return {{"role", "user"}, {"content", mcp::text_content(std::move(text))}}; }

void register_prompts(mcp::Server& s) {
  must(s.add_prompt({"test_simple_prompt",
                     "Simple prompt",
                     "A simple prompt without arguments",
                     {},
                     [](const std::map<std::string, std::string>&, RequestContext&) -> mcp::Result<Json> {
                       return Json{{"messages", {user_text("This is a simple prompt for testing.")}}};
                     },
                     {}}));
  mcp::Prompt with_args{
      "test_prompt_with_arguments",
      "Prompt with arguments",
      "A prompt with two required arguments",
      {{"arg1", "", "First test argument", true}, {"arg2", "", "Second test argument", true}},
      [](const std::map<std::string, std::string>& a, RequestContext&) -> mcp::Result<Json> {
        return Json{{"messages",
                     {user_text("Prompt with arguments: arg1='" + a.at("arg1") + "', arg2='" + a.at("arg2") + "'")}}};
      },
      {}};
  with_args.completers["arg1"] = [](std::string_view value, const Json&) {
    std::vector<std::string> out;
    for (const char* c : {"paris", "park", "party", "hello"})
      if (std::string_view(c).substr(0, value.size()) == value) out.emplace_back(c);
    return out;
  };
  must(s.add_prompt(std::move(with_args)));
  must(s.add_prompt({"test_prompt_with_embedded_resource",
                     "Prompt with embedded resource",
                     "A prompt that embeds the resource named by resourceUri",
                     {{"resourceUri", "", "URI of the resource to embed", true}},
                     [](const std::map<std::string, std::string>& a, RequestContext&) -> mcp::Result<Json> {
                       Json res = {
                           {"role", "user"},
                           {"content",
                            {{"type", "resource"},
                             {"resource", mcp::text_resource_contents(a.at("resourceUri"), "text/plain",
                                                                      "Embedded resource content for testing.")}}}};
                       return Json{{"messages", {res, user_text("Please process the embedded resource above.")}}};
                     },
                     {}}));
  must(s.add_prompt(
      {"test_prompt_with_image",
       "Prompt with image",
       "A prompt that carries an image",
       {},
       [](const std::map<std::string, std::string>&, RequestContext&) -> mcp::Result<Json> {
         return Json{{"messages",
                      {{{"role", "user"}, {"content", image(kPng)}}, user_text("Please analyze the image above.")}}};
       },
       {}}));
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("conformance"));
  spdlog::set_level(spdlog::level::warn);

  CLI::App app{"mcp-conformance-server: the MCP conformance suite's fixtures, served by the mcp library"};
  mcp::cli::TransportOptions transport;
  mcp::cli::add_transport_flags(app, transport, "MCP_CONFORMANCE_AUTH_TOKEN");
  CLI11_PARSE(app, argc, argv);

  mcp::ServerOptions options;
  options.resource_subscriptions = true;
  options.check_outputs = true;  // a test server: every result checked against its outputSchema
  mcp::Server server(
      {"mcp-conformance-server", "MCP conformance fixtures", "1.0.0",
       "The fixtures of the official MCP conformance suite, served by the openness-mcp mcp library.", "", nullptr},
      "A test server: every tool, resource and prompt is a conformance-suite fixture.", options);
  register_tools(server);
  register_resources(server);
  register_prompts(server);
  must(fixture::add_mrtr_fixtures(server));
  return mcp::cli::serve(server, transport);
}
