#include <openness/arena.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace openness {

void* Arena::raw(std::size_t bytes, std::size_t align) {
  auto pad = [&] { return (align - reinterpret_cast<std::uintptr_t>(cur_) % align) % align; };
  if (!cur_ || pad() + bytes > left_) {
    // The next kept chunk if it is big enough, else a new one (chunks are max_align_t aligned).
    if (next_ < chunks_.size() && sizes_[next_] >= bytes) {
      cur_ = reinterpret_cast<char*>(chunks_[next_].get());
      left_ = sizes_[next_];
    } else {
      const std::size_t size = std::max(chunk_, bytes);
      const std::size_t units = (size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
      const auto at = chunks_.begin() + static_cast<std::ptrdiff_t>(next_);
      chunks_.insert(at, std::make_unique_for_overwrite<std::max_align_t[]>(units));
      sizes_.insert(sizes_.begin() + static_cast<std::ptrdiff_t>(next_), units * sizeof(std::max_align_t));
      cur_ = reinterpret_cast<char*>(chunks_[next_].get());
      left_ = sizes_[next_];
      reserved_ += left_;
    }
    ++next_;
  }
  const std::size_t p = pad();
  char* out = cur_ + p;
  cur_ += p + bytes;
  left_ -= p + bytes;
  used_ += p + bytes;
  return out;
}

std::string_view Arena::store(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(raw(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Arena::reset() {
  next_ = 0;
  cur_ = nullptr;
  left_ = 0;
  used_ = 0;
}

}  // namespace openness
