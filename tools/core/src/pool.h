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
      // Reuse the next chunk after a reset() if it is big enough, else allocate one.
      if (next_ < chunks_.size() && sizes_[next_] >= n) {
        cur_ = chunks_[next_].get();
        left_ = sizes_[next_];
      } else {
        const std::size_t size = std::max(chunk_, n);
        chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(next_), std::make_unique<T[]>(size));
        sizes_.insert(sizes_.begin() + static_cast<std::ptrdiff_t>(next_), size);
        cur_ = chunks_[next_].get();
        left_ = size;
        bytes_ += size * sizeof(T);
      }
      ++next_;
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

  // Forgets every value (the memory is kept for reuse). Spans handed out before become invalid.
  void reset() {
    next_ = 0;
    cur_ = nullptr;
    left_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::vector<std::size_t> sizes_;
  std::size_t next_ = 0;
  T* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t chunk_;
  std::size_t bytes_ = 0;
};

}  // namespace openness::detail
