#pragma once
/// \file
/// Screening intakes that are already in memory, on several threads, into self-contained
/// results that outlive the intakes: for the Python bindings' screen_many and for programs
/// that build intakes themselves. (Files and streams go through batch.hpp instead.)

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// One screened intake: the compact Screening plus the intake's id, all that rendering its
/// Decision needs, so that the decision can be rendered later, after the intake is gone.
/// A value type; moving it is cheap.
struct ScreenedIntake {
  std::optional<std::string> id;  ///< the intake's id
  Screening screening;            ///< carries why a failed rule failed (Screening::failure_message)
};

/// Threads that screen spans of intakes, kept from one span to the next so that a stream of
/// batches starts its threads once. The calling thread always takes part. Work is handed out
/// in chunks of a few hundred intakes, and the caller never waits for a worker that has not
/// started on the span: on a machine busy with other work, a worker that is not scheduled
/// delays a span by at most the chunk it has claimed.
class ScreeningPool {
 public:
  /// A pool of up to `jobs` threads including the caller's (0: one per hardware thread); it
  /// starts jobs - 1 workers.
  explicit ScreeningPool(unsigned jobs = 0);
  /// Stops and joins the workers.
  ~ScreeningPool();
  ScreeningPool(const ScreeningPool&) = delete;
  ScreeningPool& operator=(const ScreeningPool&) = delete;

  /// Threads that screen, the caller's included.
  unsigned jobs() const noexcept;

  /// Screens intakes[i] into out[i] for every i (out.size() must equal intakes.size()). The
  /// screening date of an intake is its own date, else options.date, else today;
  /// options.language is not used here (it matters when deciding). Reusing `out` across
  /// calls reuses its buffers. Spans too small to share are screened by the caller alone.
  /// One call at a time per pool; `ruleset` and the intakes are only read. Throws
  /// std::invalid_argument when an intake was built for another catalogue than the rule set's.
  void screen(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
              std::span<ScreenedIntake> out);

  /// screen() in two halves, so that the caller can do other work (prepare the next span)
  /// while the workers screen this one: start() hands the span to the workers and returns at
  /// once; finish() screens what they have not claimed yet, waits for the chunks they have,
  /// and rethrows what screening threw. Everything start() is given must stay alive until
  /// finish() returns; one span at a time. Without workers, finish() screens it all.
  void start(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
             std::span<ScreenedIntake> out);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Screens intakes[i] into out[i] for every i as ScreeningPool::screen does, on up to `jobs`
/// threads (0: one per hardware thread) started for this call. Thread-safe.
void screen_many(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                 std::span<ScreenedIntake> out, unsigned jobs = 0);

/// The complete decision of `screened`: equal to ruleset.decide(intake, screening, language)
/// for the intake it was screened from. `ruleset` must be the one that screened it.
Decision decide(const RuleSet& ruleset, const ScreenedIntake& screened, std::string_view language);

}  // namespace contrascreen
