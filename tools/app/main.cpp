// openness-mcp: an MCP server that answers, with evidence, whether an AI model is actually open.
//
//   openness-mcp [--data-dir DIR]... [--http ...]     serve MCP (stdio by default)
//   openness-mcp call TOOL --arg k=v ... | --json '{...}' [--format json|text]
//   openness-mcp lookup NAME [--format json|text]
//   openness-mcp card NAME > card.svg | badge NAME > badge.svg
//   openness-mcp tools [--format json|text]
//   openness-mcp validate-data DIR...
//
// Exit status: 0 success; 1 a tool error or a failure (e.g. a bad data file); 2 a usage error.
#include <mcp/cli.h>
#include <mcp/http.h>
#include <mcp/local.h>
#include <mcp/server.h>
#include <openness/bundled.h>
#include <openness/errors.h>
#include <openness/version.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include "binding.h"
#include "bundled_answers.h"
#include "hub_answer.h"

namespace {

using mcp::Json;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

// Pretty for a person at a terminal, one compact document for a pipe.
void print_json(const Json& j) {
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  std::cout << (tty ? j.dump(2, ' ', false, Json::error_handler_t::replace) : mcp::jsonrpc::serialize(j)) << "\n";
}

// The text blocks of a tool result, without the block that repeats structuredContent as JSON.
std::string rendering(const Json& result) {
  std::string out;
  const std::string structured =
      result.contains("structuredContent") ? mcp::jsonrpc::serialize(result["structuredContent"]) : std::string();
  for (const auto& c : result.value("content", Json::array())) {
    if (c.value("type", "") != "text") continue;
    const std::string text = c.value("text", "");
    if (!structured.empty() && text == structured) continue;
    if (!out.empty()) out += "\n";
    out += text;
  }
  return out;
}

// "--arg key=value": the value is JSON when it parses as JSON (numbers, booleans, arrays,
// objects, quoted strings), otherwise the literal string.
bool parse_args(const std::vector<std::string>& pairs, const std::string& json_text, Json& args, std::string& error) {
  args = Json::object();
  if (!json_text.empty()) {
    args = Json::parse(json_text, nullptr, false);
    if (args.is_discarded() || !args.is_object()) {
      error = "--json must be a JSON object, e.g. --json '{\"name\":\"OLMo-7B\"}'";
      return false;
    }
  }
  for (const auto& p : pairs) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "--arg takes key=value, got '" + p + "'";
      return false;
    }
    const std::string key = p.substr(0, eq), value = p.substr(eq + 1);
    Json v = Json::parse(value, nullptr, false);
    args[key] = v.is_discarded() ? Json(value) : std::move(v);
  }
  return true;
}

struct Built {
  std::unique_ptr<openness::bindings::Context> ctx;
  std::unique_ptr<mcp::Server> server;
};

// Loads the dataset (bundled + user directories) and registers every tool, resource and prompt.
// A bad data file is reported with its path and JSON pointer, and nothing is served.
std::optional<Built> build(const std::vector<std::string>& data_dirs, const mcp::ServerOptions& options,
                           const std::optional<openness::hub::Options>& hub) {
  Built b;
  try {
    openness::LoadOptions opts;
    opts.data_dirs = data_dirs;
    b.ctx = std::make_unique<openness::bindings::Context>(openness::load_dataset(opts));
    // User records can change the answers about bundled ones: with them, every answer is computed.
    if (data_dirs.empty()) {
      b.ctx->answers = openness::bindings::AnswerTable::read(openness::app::bundled_answers(), *b.ctx->dataset);
      if (!b.ctx->answers) spdlog::warn("the embedded answers do not fit the bundled dataset; computing every answer");
    }
  } catch (const openness::DataError& e) {
    spdlog::critical("refusing to start: {}", e.what());
    return std::nullopt;
  } catch (const std::exception& e) {
    spdlog::critical("refusing to start: cannot load the dataset: {}", e.what());
    return std::nullopt;
  }
  if (hub) {
    std::string error;
    b.ctx->hub = openness::hub::load_client(*hub, error);
    if (!b.ctx->hub) {
      spdlog::critical("refusing to start: --hub: the Hub client is not available: {}", error);
      return std::nullopt;
    }
    spdlog::info("hub: reading {} for models the dataset does not hold (cache: {})", hub->url,
                 hub->cache_dir.empty() ? std::string("off") : hub->cache_dir.string());
  }
  b.server = std::make_unique<mcp::Server>(openness::bindings::server_info(),
                                           std::string(openness::bindings::instructions()), options);
  if (auto s = openness::bindings::register_all(*b.server, *b.ctx); !s) {
    spdlog::critical("internal error while registering tools: {}", s.error().message);
    return std::nullopt;
  }
  return b;
}

// A CallToolResult: the error's text on stderr, else the structured result or its rendering.
int print_result(const Json& result, const std::string& format) {
  if (result.value("isError", false)) {
    std::cerr << rendering(result) << "\n";
    return kFailed;
  }
  if (format == "text")
    std::cout << rendering(result) << "\n";
  else
    print_json(result.contains("structuredContent") ? result["structuredContent"] : result);
  return kOk;
}

int run_call(const mcp::Server& server, const std::string& tool, const Json& args, const std::string& format) {
  mcp::LocalClient client(server);
  auto r = client.call_tool(tool, args);
  if (!r) {
    std::cerr << "openness-mcp: " << r.error().message << "\n";
    return r.error().code == mcp::code::kInvalidParams ? kUsage : kFailed;
  }
  return print_result(*r, format);
}

// --hub and its settings.
struct HubFlags {
  bool on = false;
  openness::hub::Options options;
  std::optional<std::string> cache;
  double timeout = 5;
};

void add_hub_flags(CLI::App& app, HubFlags& f) {
  app.add_flag("--hub", f.on,
               "read the Hugging Face Hub for a model the dataset does not hold (a Hub id or URL); off by default")
      ->envname("OPENNESS_MCP_HUB");
  app.add_option("--hub-url", f.options.url, "the Hub to read (a mirror or an enterprise Hub)")
      ->capture_default_str()
      ->envname("OPENNESS_MCP_HUB_URL");
  app.add_option("--hub-cache", f.cache,
                 "where Hub answers are kept for a day (default: $XDG_CACHE_HOME/openness-mcp/hub, else "
                 "~/.cache/openness-mcp/hub; empty: no cache)")
      ->envname("OPENNESS_MCP_HUB_CACHE");
  app.add_option("--hub-timeout", f.timeout, "seconds a Hub lookup may take, connecting and reading included")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 120.0));
}

std::optional<openness::hub::Options> hub_options(const HubFlags& f, bool needed) {
  if (!f.on && !needed) return std::nullopt;
  openness::hub::Options o = f.options;
  o.cache_dir = f.cache ? std::filesystem::path(*f.cache) : openness::hub::default_cache_dir();
  o.timeout = std::chrono::milliseconds(static_cast<long>(f.timeout * 1000));
  // HF_TOKEN goes to the Hub only, for a gated repository's README.
  if (const char* t = std::getenv("HF_TOKEN"); t && *t) o.token = t;
  return o;
}

// openness-mcp validate-data DIR...: the user's record files, as --data-dir would load them.
int run_validate(const std::vector<std::string>& dirs) {
  try {
    openness::LoadOptions opts;
    opts.data_dirs = dirs;
    auto ds = openness::load_dataset(opts);
    Json report = {{"ok", true},
                   {"files", ds->stats().files},
                   {"records", ds->stats().records},
                   {"overridden", Json(std::vector<std::string>(ds->overridden().begin(), ds->overridden().end()))}};
    print_json(report);
    return kOk;
  } catch (const openness::DataError& e) {
    print_json({{"ok", false}, {"path", e.path()}, {"pointer", e.pointer()}, {"error", e.message()}});
    return kFailed;
  }
}

// openness-mcp tools: the registered tools with their schemas.
int run_tools(const mcp::Server& server, const std::string& format) {
  mcp::LocalClient client(server);
  auto r = client.request("tools/list");
  if (!r) return kFailed;
  if (format == "text") {
    for (const auto& t : (*r)["tools"])
      std::cout << t["name"].get<std::string>() << "  " << t.value("title", "") << "\n";
  } else {
    print_json((*r)["tools"]);
  }
  return kOk;
}

// The picture `which` ("card" or "badge") of record `id`: the resource openness://models/{id}/WHICH.svg.
mcp::Result<std::string> read_picture(const mcp::Server& server, const std::string& id, const std::string& which) {
  mcp::LocalClient client(server);
  auto read = client.request("resources/read", {{"uri", "openness://models/" + id + "/" + which + ".svg"}});
  if (!read) return read.error();
  return (*read)["contents"][0].value("text", "");
}

// openness-mcp card NAME / badge NAME: the model lookup_model finds for NAME, as an SVG picture on stdout.
int run_picture(const mcp::Server& server, const std::string& name, const std::string& which) {
  mcp::LocalClient client(server);
  auto found = client.call_tool("lookup_model", {{"name", name}});
  if (!found) {
    std::cerr << "openness-mcp " << which << ": " << found.error().message << "\n";
    return kFailed;
  }
  const Json& s = found->value("structuredContent", Json::object());
  if (found->value("isError", false) || s.value("status", "") != "found" || !s.contains("model")) {
    std::cerr << "openness-mcp " << which << ": no single model for '" << name << "':\n" << rendering(*found) << "\n";
    return kFailed;
  }
  const std::string id = s["model"].value("id", "");
  auto svg = read_picture(server, id, which);
  if (!svg) {
    std::cerr << "openness-mcp " << which << ": " << id << ": " << svg.error().message << "\n";
    return kFailed;
  }
  std::cout << *svg;
  return kOk;
}

// GET /badge/{id}.svg and /card/{id}.svg beside the MCP endpoint, for a README to embed.
void add_picture_routes(mcp::http::HttpOptions& http, const mcp::Server& server) {
  for (const std::string which : {"badge", "card"}) {
    mcp::http::GetRoute route;
    route.prefix = "/" + which + "/";
    route.suffix = ".svg";
    route.content_type = "image/svg+xml";
    route.read = [&server, which](const std::string& id) -> std::optional<std::string> {
      auto svg = read_picture(server, id, which);
      return svg ? std::optional<std::string>(std::move(*svg)) : std::nullopt;
    };
    http.get_routes.push_back(std::move(route));
  }
}

// openness-mcp hub-check ORG/NAME: lookup_model's Hub answer, whether or not the dataset holds it.
int run_hub_check(const Built& b, const std::string& repo, const std::string& format) {
  if (!openness::hub::repo_id(repo)) {
    std::cerr << "openness-mcp hub-check: '" << repo << "' is not a Hub repository (ORG/NAME or a URL)\n";
    return kUsage;
  }
  const auto r = openness::bindings::hub_answer(*b.ctx->dataset, b.ctx->hub.get(), repo, {});
  Json result = {{"content", r->content}, {"isError", r->is_error}};
  if (r->structured) result["structuredContent"] = *r->structured;
  return print_result(result, format);
}

}  // namespace

int main(int argc, char** argv) {
  // stdout carries protocol messages (or a command's JSON) only: logs go to stderr, from here on.
  spdlog::set_default_logger(spdlog::stderr_color_mt("openness-mcp"));
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"openness-mcp " + std::string(openness::version()) +
               ": an MCP server that answers, with evidence, whether an AI model is actually open.\n"
               "With no subcommand it serves MCP over stdio (or Streamable HTTP with --http)."};
  app.set_version_flag("--version", "openness-mcp " + std::string(openness::version()));
  app.require_subcommand(0, 1);

  std::vector<std::string> data_dirs;
  std::string log_level = "info";
  app.add_option("--data-dir", data_dirs,
                 "add or override models from your own JSON files of the record schema (repeatable)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--log-level", log_level, "stderr log level: trace, debug, info, warn, error, critical, off")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  mcp::ServerOptions server_options;
  app.add_flag("--check-outputs", server_options.check_outputs,
               "check every tool result against its outputSchema before sending it (for tests; costs time)")
      ->envname("OPENNESS_MCP_CHECK_OUTPUTS");
  HubFlags hub_flags;
  add_hub_flags(app, hub_flags);
  mcp::cli::TransportOptions transport;
  mcp::cli::add_transport_flags(app, transport, "OPENNESS_MCP_AUTH_TOKEN");

  std::string tool, json_text, format = "json", name;
  std::vector<std::string> arg_pairs, validate_dirs;
  auto* call = app.add_subcommand("call", "run one tool in-process and print its structured result");
  call->add_option("tool", tool, "tool name (see: openness-mcp tools)")->required();
  call->add_option("--arg", arg_pairs, "an argument as key=value (value parsed as JSON when it is JSON)");
  call->add_option("--json", json_text, "all arguments as one JSON object");
  call->add_option("--format", format, "json (the structured result) or text (the rendering)")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  auto* lookup = app.add_subcommand("lookup", "shortcut for: call lookup_model --arg name=NAME");
  lookup->add_option("name", name, "a model name, Hugging Face id, Ollama tag, ...")->required();
  lookup->add_option("--format", format, "json or text")->check(CLI::IsMember({"json", "text"}))->capture_default_str();
  auto* card = app.add_subcommand("card", "print the SVG openness scorecard of the model NAME names");
  card->add_option("name", name, "a model name, Hugging Face id, Ollama tag, ...")->required();
  auto* badge = app.add_subcommand("badge", "print the SVG openness badge of the model NAME names");
  badge->add_option("name", name, "a model name, Hugging Face id, Ollama tag, ...")->required();
  std::string repo;
  auto* hub_check = app.add_subcommand("hub-check",
                                       "read one Hugging Face Hub repository and print its inferred "
                                       "profile (as lookup_model does with --hub)");
  hub_check->add_option("repo", repo, "ORG/NAME or a https://huggingface.co/ORG/NAME URL")->required();
  hub_check->add_option("--format", format, "json or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  auto* tools = app.add_subcommand("tools", "list the tools with their schemas");
  tools->add_option("--format", format, "json or text")->check(CLI::IsMember({"json", "text"}))->capture_default_str();
  auto* validate = app.add_subcommand("validate-data", "check your record files (as --data-dir would load them)");
  validate->add_option("dir", validate_dirs, "directories of *.json / *.jsonl records")
      ->required()
      ->check(CLI::ExistingDirectory);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }
  spdlog::set_level(spdlog::level::from_str(log_level));

  if (*validate) return run_validate(validate_dirs);

  const auto hub = hub_options(hub_flags, hub_check->parsed());
  auto built = build(data_dirs, server_options, hub);
  if (!built) return kFailed;
  const mcp::Server& server = *built->server;

  if (*call) {
    Json args;
    std::string error;
    if (!parse_args(arg_pairs, json_text, args, error)) {
      std::cerr << "openness-mcp call: " << error << "\n";
      return kUsage;
    }
    return run_call(server, tool, args, format);
  }
  if (*lookup) return run_call(server, "lookup_model", {{"name", name}}, format);
  if (*hub_check) return run_hub_check(*built, repo, format);
  if (*tools) return run_tools(server, format);
  if (*card) return run_picture(server, name, "card");
  if (*badge) return run_picture(server, name, "badge");
  add_picture_routes(transport.http, server);
  return mcp::cli::serve(server, transport);
}
