#include <mcp/local.h>

#include <mutex>

namespace mcp {

namespace {

class Capture final : public Outbound {
 public:
  Capture(std::int64_t id, const LocalClient::NotificationSink& sink) : id_(id), sink_(sink) {}
  void send(const Json& message) override {
    std::lock_guard lock(mu_);
    if (message.is_object() && message.contains("id") && message["id"] == id_ &&
        (message.contains("result") || message.contains("error"))) {
      reply_ = message;
    } else if (sink_) {
      sink_(message);
    }
  }
  Json reply() {
    std::lock_guard lock(mu_);
    return reply_;
  }

 private:
  std::int64_t id_;
  const LocalClient::NotificationSink& sink_;
  std::mutex mu_;
  Json reply_;
};

}  // namespace

LocalClient::LocalClient(const Server& server, std::string protocol_version, NotificationSink sink)
    : session_(server, SessionOptions{false, std::move(protocol_version)}), sink_(std::move(sink)) {}

Result<Json> LocalClient::request(std::string_view method, Json params) {
  const std::int64_t id = next_id_++;
  Capture out(id, sink_);
  session_.receive(jsonrpc::make_request(jsonrpc::RequestId{id}, method, std::move(params)), out);
  Json reply = out.reply();
  if (reply.is_null()) return Error::internal("no reply to " + std::string(method));
  if (reply.contains("error")) {
    const Json& e = reply["error"];
    return Error{e.value("code", code::kInternalError), e.value("message", std::string()), e.value("data", Json())};
  }
  return without_raw(reply["result"]);
}

Result<Json> LocalClient::call_tool(std::string_view name, Json arguments) {
  return request("tools/call", {{"name", std::string(name)}, {"arguments", std::move(arguments)}});
}

}  // namespace mcp
