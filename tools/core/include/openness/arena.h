// One arena for everything a record points into: chunks of raw memory handed out by bumping a
// pointer, with stable addresses, so that records can hold spans and string views into it while
// the dataset grows during load. reset() forgets every value at once and keeps the chunks for
// reuse, so a scratch arena that is reset between records stays the same size.
//
//   Arena a;
//   std::span<const Alias> s = a.copy(aliases);   // any trivially destructible type
//   const Availability* av = a.one(availability);
//   std::string_view v = a.store("text");
//   a.reset();                                     // everything above is now invalid
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace openness {

class Arena {
 public:
  explicit Arena(std::size_t chunk = std::size_t{64} * 1024) : chunk_(chunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  // Raw memory for `bytes` bytes aligned to `align` (a power of two, at most alignof(max_align_t)).
  void* raw(std::size_t bytes, std::size_t align);

  template <class T>
  T* alloc(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "the arena never runs destructors");
    T* p = static_cast<T*>(raw(n * sizeof(T), alignof(T)));
    std::uninitialized_value_construct_n(p, n);
    return p;
  }

  template <class T>
  std::span<const T> copy(const std::vector<T>& v) {
    if (v.empty()) return {};
    T* p = alloc<T>(v.size());
    std::copy(v.begin(), v.end(), p);
    return {p, v.size()};
  }

  template <class T>
  const T* one(const T& v) {
    T* p = alloc<T>(1);
    *p = v;
    return p;
  }

  std::string_view store(std::string_view s);

  // Forgets every value; the chunks are kept for reuse. Views handed out before become invalid.
  void reset();

  std::size_t bytes_used() const { return used_; }          // since the last reset
  std::size_t bytes_reserved() const { return reserved_; }  // every chunk held

 private:
  std::vector<std::unique_ptr<std::max_align_t[]>> chunks_;
  std::vector<std::size_t> sizes_;  // bytes of each chunk
  std::size_t next_ = 0;            // the chunk to use when the current one is full
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t chunk_;
  std::size_t used_ = 0, reserved_ = 0;
};

}  // namespace openness
