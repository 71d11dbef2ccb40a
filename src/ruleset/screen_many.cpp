// Screening intakes in memory as tasks of the batch engine (screening_pool.cpp), and the
// decision of a screened intake (decision_core.cpp gives it its meaning).
#include "contrascreen/screen_many.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "ruleset/decision_core.hpp"

namespace contrascreen {

void screen_many_task(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                      std::span<ScreenedIntake> out, std::size_t task) {
  if (out.size() != intakes.size()) throw std::invalid_argument("screen_many: out must have one entry per intake");
  const std::size_t first = task * screen_many_task_size;
  const std::size_t last = std::min(intakes.size(), first + screen_many_task_size);
  for (std::size_t i = first; i < last; ++i) {
    out[i].id = intakes[i].id();
    ruleset.screen(intakes[i], options, out[i].screening);
  }
}

void screen_many(ScreeningPool& pool, const RuleSet& ruleset, std::span<const Intake> intakes,
                 const ScreenOptions& options, std::span<ScreenedIntake> out) {
  if (out.size() != intakes.size()) throw std::invalid_argument("screen_many: out must have one entry per intake");
  pool.run(screen_many_tasks(intakes.size()), [&](std::size_t task, unsigned /*thread*/) {
    screen_many_task(ruleset, intakes, options, out, task);
  });
}

void screen_many(const RuleSet& ruleset, std::span<const Intake> intakes, const ScreenOptions& options,
                 std::span<ScreenedIntake> out, unsigned jobs) {
  // Threads pay off only for spans of a few tasks each.
  const std::size_t useful = std::max<std::size_t>(1, screen_many_tasks(intakes.size()) / 2);
  const unsigned wanted = jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
  ScreeningPool pool(static_cast<unsigned>(std::min<std::size_t>(wanted, useful)));
  screen_many(pool, ruleset, intakes, options, out);
}

Decision decide(const RuleSet& ruleset, const ScreenedIntake& screened, std::string_view language) {
  return detail::decide(detail::compiled(ruleset), screened.id, screened.screening, language);
}

}  // namespace contrascreen
