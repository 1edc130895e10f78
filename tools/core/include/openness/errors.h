// Errors raised by the core when data is bad. Every error names the file and the JSON pointer of
// the offending value, so that a user can fix their --data-dir file.
#pragma once
#include <stdexcept>
#include <string>

namespace openness {

class DataError : public std::runtime_error {
 public:
  DataError(std::string path, std::string pointer, std::string message)
      : std::runtime_error(path + (pointer.empty() ? std::string(" (document root)") : " at " + pointer) + ": " +
                           message),
        path_(std::move(path)),
        pointer_(std::move(pointer)),
        message_(std::move(message)) {}
  const std::string& path() const { return path_; }        // file (or "<bundled>/...")
  const std::string& pointer() const { return pointer_; }  // RFC 6901 JSON pointer, "" = root
  const std::string& message() const { return message_; }

 private:
  std::string path_, pointer_, message_;
};

}  // namespace openness
