// The batch engine (screening_pool.hpp). Workers and the calling thread claim tasks of the
// current span from an atomic counter. The caller runs tasks too and then waits only for
// tasks a worker has claimed: a worker that was not scheduled in time (the machine is busy
// with other work) finds nothing left when it wakes, instead of holding up the span.
#include "contrascreen/screening_pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace contrascreen {

struct ScreeningPool::State {
  unsigned jobs = 1;
  std::mutex mutex;
  std::condition_variable work;  // workers: a span is open
  std::condition_variable idle;  // the caller: no worker is inside the span any more
  std::vector<std::thread> workers;
  bool stopping = false;
  std::uint64_t span_number = 0;  // one per span handed out
  bool open = false;              // workers may still join the current span
  unsigned active = 0;            // workers inside the current span

  // The current span; set under the mutex before it opens.
  Task task;
  std::size_t count = 0;
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;

  void run_tasks(unsigned thread) {
    while (true) {
      const std::size_t claimed = next.fetch_add(1);
      if (claimed >= count) return;
      try {
        task(claimed, thread);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        next = count;  // the others stop claiming
      }
    }
  }

  void run_worker(unsigned thread) {
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex);
    while (true) {
      work.wait(lock, [&] { return stopping || (open && span_number != seen); });
      if (stopping) return;
      seen = span_number;
      ++active;
      lock.unlock();
      run_tasks(thread);
      lock.lock();
      if (--active == 0) idle.notify_one();
    }
  }

  void start_workers() {
    workers.reserve(jobs - 1);
    for (unsigned thread = 1; thread < jobs; ++thread) workers.emplace_back([this, thread] { run_worker(thread); });
  }
};

ScreeningPool::ScreeningPool(unsigned jobs) : state_(std::make_unique<State>()) {
  state_->jobs = jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
}

ScreeningPool::~ScreeningPool() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->work.notify_all();
  for (auto& worker : state_->workers) worker.join();
}

unsigned ScreeningPool::jobs() const noexcept {
  return state_->jobs;
}

void ScreeningPool::start(std::size_t count, Task task) {
  State& s = *state_;
  // One task cannot be shared: finish() runs it on the calling thread.
  const bool share = s.jobs > 1 && count >= 2;
  if (share && s.workers.empty()) s.start_workers();
  {
    std::lock_guard lock(s.mutex);
    s.task = std::move(task);
    s.count = count;
    s.next = 0;
    s.error = nullptr;
    ++s.span_number;
    s.open = share;
  }
  if (share) s.work.notify_all();
}

void ScreeningPool::finish() {
  State& s = *state_;
  s.run_tasks(0);
  std::exception_ptr error;
  {
    std::unique_lock lock(s.mutex);
    s.open = false;  // every task is claimed: a worker waking up now has nothing to do
    s.idle.wait(lock, [&] { return s.active == 0; });
    error = s.error;
    s.task = nullptr;
    s.count = 0;
  }
  if (error) std::rethrow_exception(error);
}

void ScreeningPool::run(std::size_t count, Task task) {
  start(count, std::move(task));
  finish();
}

// ---- BatchPipeline -------------------------------------------------------------------

BatchPipeline::BatchPipeline(ScreeningPool& pool, Stages stages) : pool_(pool), stages_(std::move(stages)) {}

BatchPipeline::~BatchPipeline() {
  if (!in_flight_) return;
  try {
    pool_.finish();
  } catch (...) {  // the group's results are dropped anyway
  }
}

void BatchPipeline::launch(unsigned slot, std::size_t tasks) {
  pool_.start(tasks, [this, slot](std::size_t task, unsigned thread) { stages_.process(slot, task, thread); });
  in_flight_ = true;
}

std::optional<unsigned> BatchPipeline::next(const Wait& wait) {
  if (!in_flight_) {
    if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
    if (input_done_) return std::nullopt;
    const std::size_t tasks = stages_.fill(current_);
    if (tasks == 0) {
      input_done_ = true;
      return std::nullopt;
    }
    launch(current_, tasks);
  }
  // Fill the next group while this one is processed. What that throws belongs after this
  // group's results, so it waits for the next call.
  const unsigned ahead = 1 - current_;
  std::size_t ahead_tasks = 0;
  if (!input_done_) {
    try {
      ahead_tasks = stages_.fill(ahead);
    } catch (...) {
      pending_ = std::current_exception();
    }
    if (ahead_tasks == 0) input_done_ = true;
  }
  in_flight_ = false;
  try {
    if (wait)
      wait([this] { pool_.finish(); });
    else
      pool_.finish();
  } catch (...) {  // a task failed: the batch ends here
    input_done_ = true;
    pending_ = nullptr;
    throw;
  }
  const unsigned done = current_;
  current_ = ahead;
  if (ahead_tasks != 0) launch(ahead, ahead_tasks);
  return done;
}

}  // namespace contrascreen
