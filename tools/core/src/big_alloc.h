// Internal: an allocator for large arrays (the name index at a million records). Blocks of 1 MiB
// or more are mapped with MAP_POPULATE, which maps all their pages in one system call: on the
// virtual machines this runs on, a page fault costs several microseconds, so touching hundreds of
// megabytes page by page would dominate the load time.
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <vector>

namespace openness::detail {

template <class T>
struct BigAlloc {
  using value_type = T;
  static constexpr std::size_t kThreshold = std::size_t{1} << 20;
  BigAlloc() = default;
  template <class U>
  BigAlloc(const BigAlloc<U>&) noexcept {}
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) return static_cast<T*>(::operator new(bytes));
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold)
      ::operator delete(p);
    else
      ::munmap(p, bytes);
  }
  template <class U>
  bool operator==(const BigAlloc<U>&) const noexcept {
    return true;
  }
};

template <class T>
using BigVector = std::vector<T, BigAlloc<T>>;

}  // namespace openness::detail
