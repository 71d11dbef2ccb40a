// Constant sub-expressions evaluated when a rule set loads. A part of a condition that
// reads no answer and not the screening date has one value for every intake; when
// computing it fails (a division by zero, an int overflow, a date out of range, an index
// past the end of a list), the rule can never decide where it reaches that part and would
// refer every such patient. That is a mistake in the policy, so it is a load error at the
// operation that fails, not a run-time "undecided".
#pragma once

#include <string>
#include <vector>

#include "expr/checker.hpp"
#include "expr/compiler.hpp"
#include "expr/parser.hpp"
#include "expr/program.hpp"

namespace contrascreen {
class Catalogue;
}

namespace contrascreen::expr {

/// Finds the constant sub-expressions that fail. They are evaluated with the engine's own
/// compiler and evaluator on a private Program, so a constant fails at load time exactly
/// when it would fail while screening.
///
/// Only the largest constant sub-expressions are evaluated, as the engine would evaluate
/// them: a failing part that its own constant surroundings never reach (`false && 1 / 0 > 0`,
/// `true ? 1 : 1 / 0`) is not reported, because no intake can reach it either; such a
/// condition is constant and the lint reports it as never firing (or always firing).
///
/// Not thread-safe: one folder serves the expressions of one rule set being compiled.
class ConstantFolder {
 public:
  /// `catalogue` must outlive the folder.
  explicit ConstantFolder(const Catalogue& catalogue);
  ConstantFolder(const ConstantFolder&) = delete;
  ConstantFolder& operator=(const ConstantFolder&) = delete;

  /// Registers a value set, in the order of the Environment's value-set ids.
  void add_value_set(const std::vector<std::string>& members);

  /// Appends a `check.always_fails` error for each constant sub-expression of `expr` (checked
  /// without errors) whose evaluation fails, spanning the operation that fails. Returns
  /// whether there was none.
  bool check(const CheckedExpression& expr, std::vector<ExprDiagnostic>& diagnostics);

 private:
  Program program_;
  ProgramBuilder builder_;
  const Catalogue& catalogue_;
};

}  // namespace contrascreen::expr
