// Everything that depends on the MCP protocol revision lives here: which revisions the library
// speaks, how a requested revision is negotiated, and which features each one has. The dispatcher
// asks these questions instead of comparing version strings itself.
//
// Two eras: the handshake revisions (2024-11-05 .. 2025-11-25), chosen by initialize for a whole
// session, and the stateless ("modern") revisions (2026-07-28), named by each request's _meta.
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
// The stateless revision: no initialize; every request carries its revision in _meta.
inline constexpr std::string_view kV2026_07_28 = "2026-07-28";
// What an HTTP request without an MCP-Protocol-Version header is taken to speak.
inline constexpr std::string_view kHttpDefault = kV2025_03_26;

// The handshake revisions, newest first.
std::span<const std::string_view> supported();
bool is_supported(std::string_view version);
// The stateless revisions, newest first: server/discover's supportedVersions.
std::span<const std::string_view> modern();
bool is_modern(std::string_view version);

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
  bool stateless = false;               // per-request _meta, resultType, caching hints (2026-07-28+)
};

// Features of a supported or modern revision; an unknown string gets the features of kLatest.
Features features(std::string_view version);

}  // namespace mcp::protocol
