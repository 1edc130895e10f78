// A pool of at most N threads running queued work, started as work arrives (none before the
// first post); the destructor runs what is queued, then joins.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mcp {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> work);

 private:
  void loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  const std::size_t max_threads_;
  std::size_t idle_ = 0;  // threads waiting for work
  std::vector<std::thread> threads_;
};

}  // namespace mcp
