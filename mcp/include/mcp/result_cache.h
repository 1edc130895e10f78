// Serialized results of pure tools (Tool::pure), by tool and arguments, least recently used first
// out. A repeated call is then answered with the text the first call produced, byte for byte,
// without running the handler, validating the output again or serializing it again.
//
// Thread-safe: one cache serves every session of a Server.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mcp {

class ResultCache {
 public:
  // Holds at most `capacity_bytes` of keys and texts; 0 holds nothing.
  explicit ResultCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

  // The cached result text for `key`, or null; a hit makes the entry the most recently used.
  std::shared_ptr<const std::string> find(const std::string& key);
  // Stores `text` under `key` (replacing any), evicting the least recently used entries to stay
  // within the capacity. A text larger than the whole capacity is not stored.
  void put(const std::string& key, std::shared_ptr<const std::string> text);

  struct Stats {
    std::uint64_t hits = 0, misses = 0, evictions = 0;
    std::size_t entries = 0, bytes = 0, capacity = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> text;
  };
  using List = std::list<Entry>;
  static std::size_t cost(const Entry& e) { return e.key.size() + e.text->size() + 64; }

  const std::size_t capacity_;
  mutable std::mutex mu_;
  List lru_;  // most recently used first
  std::unordered_map<std::string_view, List::iterator> index_;  // views of the entries' keys
  std::size_t bytes_ = 0;
  Stats counts_;
};

// The key of a call: the tool's name and its arguments as canonical JSON text (keys sorted, as
// jsonrpc::serialize writes them).
std::string result_cache_key(std::string_view tool, std::string_view arguments_json);

}  // namespace mcp
