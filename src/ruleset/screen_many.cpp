// Parallel screening of intakes in memory. Workers and the calling thread claim chunks of
// the span from an atomic counter. The caller screens too and then waits only for chunks a
// worker has claimed: a worker that was not scheduled in time (the machine is busy with
// other work) finds nothing left when it wakes, instead of holding up the batch.
#include "contrascreen/screen_many.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "ruleset/decision_core.hpp"

namespace contrascreen {
namespace {

// Intakes claimed at a time: large enough that claiming costs nothing next to screening
// (a chunk takes some tens of microseconds), small enough to balance the threads.
constexpr std::size_t chunk_size = 256;

void screen_range(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                  std::span<ScreenedIntake> out) {
  for (std::size_t i = 0; i < intakes.size(); ++i) {
    const Intake& intake = intakes[i];
    ScreenedIntake& result = out[i];
    result.id = intake.id();
    ruleset.screen(intake, options, result.screening);
  }
}

unsigned effective_jobs(unsigned jobs) {
  return jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

struct ScreeningPool::State {
  std::mutex mutex;
  std::condition_variable work;  // workers: a span is open
  std::condition_variable idle;  // the caller: no worker is inside the span any more
  std::vector<std::thread> workers;
  bool stopping = false;
  std::uint64_t span_number = 0;  // one per span handed out
  bool open = false;              // workers may still join the current span
  unsigned active = 0;            // workers inside the current span

  // The current span; set under the mutex before it opens.
  const RuleSet* ruleset = nullptr;
  const ScreenOptions* options = nullptr;
  std::span<const Intake> intakes;
  std::span<ScreenedIntake> out;
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;

  void screen_chunks() {
    while (true) {
      const std::size_t first = next.fetch_add(chunk_size);
      if (first >= intakes.size()) return;
      const std::size_t count = std::min(chunk_size, intakes.size() - first);
      try {
        screen_range(*ruleset, intakes.subspan(first, count), *options, out.subspan(first, count));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        next = intakes.size();  // the others stop claiming
      }
    }
  }

  void run_worker() {
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex);
    while (true) {
      work.wait(lock, [&] { return stopping || (open && span_number != seen); });
      if (stopping) return;
      seen = span_number;
      ++active;
      lock.unlock();
      screen_chunks();
      lock.lock();
      if (--active == 0) idle.notify_one();
    }
  }
};

ScreeningPool::ScreeningPool(unsigned jobs) : state_(std::make_unique<State>()) {
  const unsigned threads = effective_jobs(jobs);
  state_->workers.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) state_->workers.emplace_back([state = state_.get()] { state->run_worker(); });
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
  return static_cast<unsigned>(state_->workers.size()) + 1;
}

void ScreeningPool::start(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                          std::span<ScreenedIntake> out) {
  if (out.size() != intakes.size()) throw std::invalid_argument("screen_many: out must have one entry per intake");
  State& s = *state_;
  // Too small to share: finish() screens it on the calling thread.
  const bool share = !s.workers.empty() && intakes.size() >= 2 * chunk_size;
  {
    std::lock_guard lock(s.mutex);
    s.ruleset = &ruleset;
    s.options = &options;
    s.intakes = intakes;
    s.out = out;
    s.next = 0;
    s.error = nullptr;
    ++s.span_number;
    s.open = share;
  }
  if (share) s.work.notify_all();
}

void ScreeningPool::finish() {
  State& s = *state_;
  s.screen_chunks();
  std::exception_ptr error;
  {
    std::unique_lock lock(s.mutex);
    s.open = false;  // every chunk is claimed: a worker waking up now has nothing to do
    s.idle.wait(lock, [&] { return s.active == 0; });
    error = s.error;
    s.intakes = {};
    s.out = {};
  }
  if (error) std::rethrow_exception(error);
}

void ScreeningPool::screen(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                           std::span<ScreenedIntake> out) {
  start(ruleset, intakes, options, out);
  finish();
}

void screen_many(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                 std::span<ScreenedIntake> out, unsigned jobs) {
  // Threads are started only for spans large enough to share.
  const std::size_t useful = std::max<std::size_t>(1, intakes.size() / (2 * chunk_size));
  ScreeningPool pool(static_cast<unsigned>(std::min<std::size_t>(effective_jobs(jobs), useful)));
  pool.screen(ruleset, intakes, options, out);
}

Decision decide(const RuleSet& ruleset, const ScreenedIntake& screened, std::string_view language) {
  return detail::decide(detail::compiled(ruleset), screened.id, screened.screening, language);
}

}  // namespace contrascreen
