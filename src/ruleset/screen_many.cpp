// Parallel screening of intakes in memory. Work is split into contiguous ranges, one per
// thread, because screening costs about the same for every intake; a thread is started
// only for a range large enough to pay for its start-up.
#include "contrascreen/screen_many.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <thread>

namespace contrascreen {
namespace {

// Below this many intakes per thread, starting a thread costs more than it saves.
constexpr std::size_t min_intakes_per_thread = 512;

void screen_range(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                  std::span<ScreenedIntake> out) {
  for (std::size_t i = 0; i < intakes.size(); ++i) {
    const Intake& intake = intakes[i];
    ScreenedIntake& result = out[i];
    result.id = intake.id();
    result.failures.clear();
    ruleset.screen(intake, options, result.screening);
    const auto hits = result.screening.hits();
    if (std::none_of(hits.begin(), hits.end(), [](const RuleHit& h) { return h.failed; })) continue;
    // Rare: a condition failed at run time. Why is known only with the answers at hand, so
    // it is taken now, the way decide() explains it.
    const Decision decided = ruleset.decide(intake, result.screening, options.language);
    for (std::size_t h = 0; h < hits.size(); ++h)
      if (hits[h].failed) result.failures.push_back(decided.reasons[h].error);
  }
}

}  // namespace

void screen_many(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                 std::span<ScreenedIntake> out, unsigned jobs) {
  if (out.size() != intakes.size()) throw std::invalid_argument("screen_many: out must have one entry per intake");
  if (jobs == 0) jobs = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t threads =
      std::clamp<std::size_t>(intakes.size() / min_intakes_per_thread, 1, static_cast<std::size_t>(jobs));
  if (threads == 1) {
    screen_range(ruleset, intakes, options, out);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  const std::size_t per_thread = intakes.size() / threads;
  const std::size_t remainder = intakes.size() % threads;
  std::size_t begin = 0;
  auto run = [&](std::size_t t, std::size_t first, std::size_t count) {
    try {
      screen_range(ruleset, intakes.subspan(first, count), options, out.subspan(first, count));
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t count = per_thread + (t < remainder ? 1 : 0);
    if (t + 1 == threads) {
      run(t, begin, count);  // the calling thread takes the last range
    } else {
      workers.emplace_back(run, t, begin, count);
    }
    begin += count;
  }
  for (auto& worker : workers) worker.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

Decision decide(const RuleSet& ruleset, const ScreenedIntake& screened, std::string_view language) {
  // RuleSet::decide reads the intake for its id and, for a failed rule only, to explain the
  // failure by evaluating it again. A stand-in carries the id; the explanations taken at
  // screening time replace whatever evaluating the stand-in's (absent) answers says.
  Intake stand_in(ruleset.catalogue_ptr());
  stand_in.set_id(screened.id);
  Decision decision = ruleset.decide(stand_in, screened.screening, language);
  const auto hits = screened.screening.hits();
  std::size_t failure = 0;
  for (std::size_t h = 0; h < hits.size() && h < decision.reasons.size(); ++h) {
    if (!hits[h].failed) continue;
    decision.reasons[h].error = failure < screened.failures.size() ? screened.failures[failure] : "evaluation failed";
    ++failure;
  }
  return decision;
}

}  // namespace contrascreen
