#include <mcp/result_cache.h>

namespace mcp {

std::shared_ptr<const std::string> ResultCache::find(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(std::string_view(key));
  if (it == index_.end()) {
    ++counts_.misses;
    return nullptr;
  }
  ++counts_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->text;
}

void ResultCache::put(const std::string& key, std::shared_ptr<const std::string> text) {
  if (!text) return;
  Entry fresh{key, std::move(text)};
  const std::size_t need = cost(fresh);
  std::lock_guard lock(mu_);
  if (auto it = index_.find(std::string_view(key)); it != index_.end()) {
    bytes_ -= cost(*it->second);
    lru_.erase(it->second);
    index_.erase(it);
  }
  if (need > capacity_) return;
  while (bytes_ + need > capacity_ && !lru_.empty()) {
    const Entry& last = lru_.back();
    bytes_ -= cost(last);
    index_.erase(std::string_view(last.key));
    lru_.pop_back();
    ++counts_.evictions;
  }
  lru_.push_front(std::move(fresh));
  index_.emplace(std::string_view(lru_.front().key), lru_.begin());
  bytes_ += need;
}

ResultCache::Stats ResultCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = counts_;
  s.entries = lru_.size();
  s.bytes = bytes_;
  s.capacity = capacity_;
  return s;
}

std::string result_cache_key(std::string_view tool, std::string_view arguments_json) {
  std::string key;
  key.reserve(tool.size() + 1 + arguments_json.size());
  key.append(tool);
  key.push_back('\0');  // tool names never hold NUL
  key.append(arguments_json);
  return key;
}

}  // namespace mcp
