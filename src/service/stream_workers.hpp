// The threads that screen streamed (JSON Lines) requests: a stream blocks its thread while
// it waits for the client, so it never runs on the threads that serve connections. A fixed
// number, so that many streams at once cannot start a thread each: one more is refused.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace contrascreen::service {

class StreamWorkers {
 public:
  explicit StreamWorkers(std::size_t count) {
    threads_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
  }
  ~StreamWorkers() { stop(); }

  /// Runs the jobs queued, then joins the threads. Idempotent.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_)
      if (thread.joinable()) thread.join();
  }
  StreamWorkers(const StreamWorkers&) = delete;
  StreamWorkers& operator=(const StreamWorkers&) = delete;

  /// Runs `job` on an idle thread; false (and `job` is not run) when every thread is busy.
  bool try_run(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      if (busy_ + jobs_.size() >= threads_.size()) return false;
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to run
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
      lock.unlock();
      job();
      job = nullptr;  // what the job holds (its connection) is released outside the lock
      lock.lock();
      --busy_;
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace contrascreen::service
