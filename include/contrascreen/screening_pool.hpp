#pragma once
/// \file
/// The batch engine: threads that screen, and the ordered, double-buffered pipeline that
/// every batch front end runs on (files and streams in batch.hpp, intakes in memory in
/// screen_many.hpp, the Python bindings). Output order is input order, memory is bounded
/// by two groups of work, and `jobs` threads (the caller's included) do the work.

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace contrascreen {

/// Threads that run the tasks of one span of work at a time, kept from one span to the
/// next so that a stream of spans starts its threads once. The calling thread always takes
/// part. Tasks are claimed one at a time from a shared counter, and the caller never waits
/// for a worker that has not started: on a machine busy with other work, a worker that is
/// not scheduled delays a span by at most the task it has claimed. Worker threads are
/// started with the first span that has two tasks or more, so a pool used only for small
/// spans costs no threads.
class ScreeningPool {
 public:
  /// Runs task `task` of the current span on thread `thread`: 0 is the caller, workers are
  /// 1 .. jobs() - 1, so a task may use per-thread state indexed by `thread`.
  using Task = std::function<void(std::size_t task, unsigned thread)>;

  /// A pool of up to `jobs` threads including the caller's (0: one per hardware thread).
  explicit ScreeningPool(unsigned jobs = 0);
  /// Stops and joins the workers.
  ~ScreeningPool();
  ScreeningPool(const ScreeningPool&) = delete;
  ScreeningPool& operator=(const ScreeningPool&) = delete;

  /// Threads that run tasks, the caller's included.
  unsigned jobs() const noexcept;

  /// Hands tasks [0, count) to the workers and returns at once, so that the caller can do
  /// other work (prepare the next span) meanwhile. Everything `task` refers to must stay
  /// alive until finish() returns. One span at a time: call finish() before the next start().
  void start(std::size_t count, Task task);
  /// Runs the tasks no worker has claimed yet on the calling thread, waits for the ones
  /// they have, and rethrows the first exception a task threw (the remaining tasks of the
  /// span are then skipped). Without workers, finish() runs the whole span.
  void finish();
  /// start() then finish().
  void run(std::size_t count, Task task);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The double-buffered pipeline of a batch, on a ScreeningPool: while the pool processes
/// one group of input, the calling thread fills the next, and groups come back in input
/// order. The caller owns two groups of its own kind, named by slot 0 and 1; memory is
/// bounded by them. Used from one thread.
///
///     BatchPipeline pipeline(pool, {fill, process});
///     while (auto slot = pipeline.next()) write(groups[*slot]);
class BatchPipeline {
 public:
  struct Stages {
    /// On the calling thread: fills group `slot` with the next input and returns its number
    /// of tasks; 0 when the input is exhausted. May throw: the exception is raised by the
    /// next() call after the groups before it were returned.
    std::function<std::size_t(unsigned slot)> fill;
    /// On any thread of the pool: task `task` of group `slot` (see ScreeningPool::Task).
    std::function<void(unsigned slot, std::size_t task, unsigned thread)> process;
  };
  /// Waits for the pool to finish the group in flight: `wait(finish)` must call `finish`
  /// once, e.g. with a lock released (the Python bindings release the GIL).
  using Wait = std::function<void(const std::function<void()>& finish)>;

  BatchPipeline(ScreeningPool& pool, Stages stages);
  /// Waits for a group still in flight (its results are dropped).
  ~BatchPipeline();
  BatchPipeline(const BatchPipeline&) = delete;
  BatchPipeline& operator=(const BatchPipeline&) = delete;

  /// The slot of the next processed group, in input order, or nullopt when the input is
  /// exhausted. The group is the caller's until the next call; meanwhile the pool processes
  /// the group after it. Rethrows what fill or process threw, in input order.
  std::optional<unsigned> next(const Wait& wait = {});

 private:
  void launch(unsigned slot, std::size_t tasks);

  ScreeningPool& pool_;
  Stages stages_;
  unsigned current_ = 0;
  bool in_flight_ = false;   // group current_ is being processed
  bool input_done_ = false;
  std::exception_ptr pending_;  // thrown while filling ahead: raised after the group before it
};

}  // namespace contrascreen
