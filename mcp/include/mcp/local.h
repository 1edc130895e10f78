// In-process requests to a Server, without a transport: the command line's `call` and `tools`,
// and tests of tool bindings, go through exactly the dispatch path that stdio and HTTP clients use
// (argument validation, output-schema checks, error shaping).
#pragma once
#include <mcp/server.h>

#include <functional>

namespace mcp {

class LocalClient {
 public:
  // Notifications the server sends while serving a request (progress, log messages).
  using NotificationSink = std::function<void(const Json& notification)>;

  explicit LocalClient(const Server& server, std::string protocol_version = std::string(protocol::kLatest),
                       NotificationSink sink = {});

  // Sends one request; its result, or the JSON-RPC error turned back into an Error.
  Result<Json> request(std::string_view method, Json params = Json::object());

  // tools/call: the CallToolResult ({content, structuredContent?, isError?}) or a protocol error.
  Result<Json> call_tool(std::string_view name, Json arguments);

 private:
  Session session_;
  NotificationSink sink_;
  std::int64_t next_id_ = 1;
};

}  // namespace mcp
