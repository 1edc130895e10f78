#include <mcp/worker_pool.h>

#include <spdlog/spdlog.h>

#include <exception>

namespace mcp {

WorkerPool::WorkerPool(unsigned threads) : max_threads_(threads == 0 ? 1 : threads) {}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::post(std::function<void()> work) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(work));
    // A thread starts when the work would otherwise wait, up to the limit: a server that is never
    // asked anything slow (or only one thing at a time) starts one, or none.
    if (idle_ < queue_.size() && threads_.size() < max_threads_) threads_.emplace_back([this] { loop(); });
  }
  cv_.notify_one();
}

void WorkerPool::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    ++idle_;
    cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> work = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      work();
    } catch (const std::exception& e) {
      spdlog::error("worker: unhandled exception: {}", e.what());
    } catch (...) {
      spdlog::error("worker: unhandled exception");
    }
    work = nullptr;  // what the work captured goes before the lock is taken again
    lock.lock();
  }
}

}  // namespace mcp
