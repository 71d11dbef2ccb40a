#pragma once
/// \file
/// Running the test cases a rule set carries under `tests:`.

#include <cstddef>
#include <string>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// The result of one test case.
struct TestCaseResult {
  std::string name;
  SourceRegion where;  ///< the test entry in the rule-set file
  bool passed = false;
  /// One line per mismatch, "decision: expected refuse, got refer" style.
  std::vector<std::string> mismatches;
  /// The case's answers cannot be (intake.contradiction, intake.date_in_future on its date):
  /// like such an intake anywhere, it has no decision, and the case fails.
  std::vector<Diagnostic> errors;
  Decision actual;  ///< the decision; a default Decision, not a screening, when `errors` is not empty
};

/// The results of all test cases of one rule set, with rule coverage.
struct TestReport {
  std::string ruleset;                       ///< rule set id
  std::vector<TestCaseResult> cases;         ///< in file order
  std::vector<std::string> uncovered_rules;  ///< rules no test made fire (or leave undecided)
  std::size_t passed = 0;
  std::size_t failed = 0;
};

/// Runs the test cases declared in the rule set's own file (not those of files it
/// extends, which describe a different policy).
TestReport run_tests(const RuleSet& ruleset);

/// Human-readable report: a line per failing case with expected against actual, then
/// coverage. Does not print the final "N passed, M failed" line.
std::string format_test_report(const TestReport& report);

}  // namespace contrascreen
