// Warnings about rule sets that load but are probably not what their author meant:
// rules that can never fire, two rules with the same condition, catalogue questions
// that no rule reads. Run by the compile step, so `check` and every load report them.
#pragma once

#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/model.hpp"

namespace contrascreen::detail {

/// Limits of the exhaustive never-fires analysis: conditions reading more bool/enum
/// questions, or with more answer combinations (each question also unanswered), are
/// not analysed, so that loading stays fast.
inline constexpr std::size_t lint_max_questions = 12;
inline constexpr std::size_t lint_max_combinations = 100'000;

/// Lints `compiled` (built from `model`, whose files are still in place). Returns warnings:
///   ruleset.never_fires          a condition that is true for no combination of answers and
///                                fails for none (a failure refers the patient: the rule acts)
///   ruleset.duplicate_condition  an active rule with the same condition as an earlier one
///   ruleset.unused_question      a question of the rule set's own `catalogue:` file that no
///                                rule reads (only when `complete`: every rule compiled)
/// Only problems positioned in the rule set's own file are reported; the files it extends
/// are linted when they are checked themselves.
std::vector<Diagnostic> lint_ruleset(const RuleSetModel& model, const CompiledRuleSet& compiled, bool complete);

}  // namespace contrascreen::detail
