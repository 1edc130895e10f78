// Errors are values inside the library: a handler returns Result<T>, and the one place that turns
// an Error into a JSON-RPC error object is the dispatcher (session.cpp). No exception crosses into
// a transport.
#pragma once
#include <mcp/json.h>

#include <string>
#include <utility>
#include <variant>

namespace mcp {

namespace code {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
// MCP 2024-11-05 .. 2025-11-25: a resource URI that names nothing.
inline constexpr int kResourceNotFound = -32002;
// MCP 2026-07-28 (the stateless revision).
inline constexpr int kHeaderMismatch = -32020;
inline constexpr int kMissingClientCapability = -32021;
inline constexpr int kUnsupportedProtocolVersion = -32022;
}  // namespace code

struct Error {
  int code = code::kInternalError;
  std::string message;
  Json data = nullptr;  // optional extra detail; omitted from the wire when null

  static Error parse(std::string m) { return {code::kParseError, std::move(m)}; }
  static Error invalid_request(std::string m) { return {code::kInvalidRequest, std::move(m)}; }
  static Error method_not_found(std::string m) { return {code::kMethodNotFound, std::move(m)}; }
  static Error invalid_params(std::string m) { return {code::kInvalidParams, std::move(m)}; }
  static Error internal(std::string m) { return {code::kInternalError, std::move(m)}; }
  static Error resource_not_found(const std::string& uri) {
    return {code::kResourceNotFound, "Resource not found: " + uri, Json{{"uri", uri}}};
  }
  static Error header_mismatch(std::string m) { return {code::kHeaderMismatch, std::move(m)}; }
  // `required`: a ClientCapabilities object naming what is missing, e.g. {"sampling": {}}.
  static Error missing_client_capability(std::string m, Json required) {
    return {code::kMissingClientCapability, std::move(m), Json{{"requiredCapabilities", std::move(required)}}};
  }
};

// A value or an Error (std::expected arrives with C++23).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace mcp
