#pragma once
/// \file
/// Screening intakes that are already in memory, on the batch engine's threads
/// (screening_pool.hpp), into self-contained results that outlive the intakes: for the
/// Python bindings' screen_many and for programs that build intakes themselves. (Files and
/// streams go through batch.hpp instead.)

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"
#include "contrascreen/screening_pool.hpp"

namespace contrascreen {

/// One screened intake: the compact Screening plus the intake's id, all that rendering its
/// Decision needs, so that the decision can be rendered later, after the intake is gone.
/// A value type; moving it is cheap.
struct ScreenedIntake {
  std::optional<std::string> id;  ///< the intake's id
  Screening screening;            ///< carries why a failed rule failed (Screening::failure_message)
};

/// Intakes screened at a time by one task: large enough that claiming a task costs nothing
/// next to screening it (a task takes some tens of microseconds), small enough to balance
/// the threads.
inline constexpr std::size_t screen_many_task_size = 256;

/// The number of pool tasks that screen `intakes` intakes (see screen_many_task).
constexpr std::size_t screen_many_tasks(std::size_t intakes) noexcept {
  return (intakes + screen_many_task_size - 1) / screen_many_task_size;
}

/// Task `task` of screening a span: screens intakes[i] into out[i] for the i of that task.
/// The screening date of an intake is its own date, else options.date, else today;
/// options.language is not used here (it matters when deciding). Reusing `out` reuses its
/// buffers. Intakes are screened as given: run check_answers (answer_checks.hpp) on each first,
/// as Python's screen_many does while converting, so that none with impossible answers gets a
/// decision. Throws std::invalid_argument when out.size() != intakes.size(), or when an
/// intake was built for another catalogue than the rule set's. Thread-safe for distinct tasks.
void screen_many_task(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                      std::span<ScreenedIntake> out, std::size_t task);

/// Screens intakes[i] into out[i] for every i (as screen_many_task does) on `pool`.
void screen_many(ScreeningPool& pool, const RuleSet& ruleset, std::span<const Intake> intakes,
                 const ScreenOptions& options, std::span<ScreenedIntake> out);

/// The same on up to `jobs` threads (0: one per hardware thread) started for this call,
/// and only when the span is large enough to share. Thread-safe.
void screen_many(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                 std::span<ScreenedIntake> out, unsigned jobs = 0);

/// The complete decision of `screened`: equal to ruleset.decide(intake, screening, language)
/// for the intake it was screened from. `ruleset` must be the one that screened it.
Decision decide(const RuleSet& ruleset, const ScreenedIntake& screened, std::string_view language);

}  // namespace contrascreen
