// Everything that depends on the MCP protocol revision lives here: which revisions the library
// speaks, how a requested revision is negotiated, and which features each one has. The dispatcher
// asks these questions instead of comparing version strings itself, so adding a revision (such as
// the stateless 2026-07-28 with server/discover and per-request _meta) is an addition here and a
// handful of new methods, not a rewrite.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace mcp::protocol {

// The handshake revisions, newest first.
inline constexpr std::string_view kV2025_11_25 = "2025-11-25";
inline constexpr std::string_view kV2025_06_18 = "2025-06-18";
inline constexpr std::string_view kV2025_03_26 = "2025-03-26";
inline constexpr std::string_view kV2024_11_05 = "2024-11-05";
inline constexpr std::string_view kLatest = kV2025_11_25;
// What an HTTP request without an MCP-Protocol-Version header is taken to speak.
inline constexpr std::string_view kHttpDefault = kV2025_03_26;

std::span<const std::string_view> supported();
bool is_supported(std::string_view version);

// initialize: echo a supported revision, otherwise offer the latest (never an error).
std::string negotiate(std::string_view requested);

struct Features {
  bool batches = false;                 // JSON-RPC batch arrays (2025-03-26 only)
  bool structured_content = false;      // outputSchema / structuredContent (2025-06-18+)
  bool titles = false;                  // `title` on tools, prompts, resources (2025-06-18+)
  bool tool_annotations = false;        // ToolAnnotations (2025-03-26+)
  bool completions_capability = false;  // `completions` server capability (2025-03-26+)
  bool server_description = false;      // Implementation.description (2025-11-25+)
  bool http_protocol_header = false;    // MCP-Protocol-Version required on HTTP (2025-06-18+)
  bool invalid_origin_403 = false;      // (2025-11-25+)
};

// Features of a supported revision; an unknown string gets the features of kLatest.
Features features(std::string_view version);

}  // namespace mcp::protocol
