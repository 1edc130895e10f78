// Internal: chunked arenas of trivially destructible values with stable addresses, so that
// records can hold spans into them while the dataset keeps growing during load.
#pragma once
#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace openness::detail {

template <class T>
class Pool {
 public:
  explicit Pool(std::size_t chunk = 4096) : chunk_(chunk) {}

  T* alloc(std::size_t n) {
    if (n > left_) {
      const std::size_t size = std::max(chunk_, n);
      chunks_.push_back(std::make_unique<T[]>(size));
      cur_ = chunks_.back().get();
      left_ = size;
      bytes_ += size * sizeof(T);
    }
    T* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }

  std::span<const T> copy(const std::vector<T>& v) {
    if (v.empty()) return {};
    T* p = alloc(v.size());
    std::copy(v.begin(), v.end(), p);
    return {p, v.size()};
  }

  const T* one(const T& v) {
    T* p = alloc(1);
    *p = v;
    return p;
  }

  std::size_t bytes() const { return bytes_; }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  T* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t chunk_;
  std::size_t bytes_ = 0;
};

}  // namespace openness::detail
