// Runs the test cases a rule set carries and measures which rules they make fire.
#include <algorithm>
#include <set>

#include "contrascreen/ruleset_tests.hpp"

#include "contrascreen/answer_checks.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "util/printable.hpp"

namespace contrascreen {
namespace {

std::string join(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string date_or_none(const std::optional<Date>& d) {
  return d ? d->to_iso() : "none";
}

void expect_list(const char* what, const std::optional<std::vector<std::string>>& expected,
                 std::vector<std::string> actual, std::vector<std::string>& mismatches) {
  if (!expected) return;
  std::vector<std::string> want = *expected;
  std::sort(want.begin(), want.end());
  std::sort(actual.begin(), actual.end());
  if (want != actual) mismatches.push_back(std::string(what) + ": expected " + join(want) + ", got " + join(actual));
}

}  // namespace

TestReport run_tests(const RuleSet& ruleset) {
  const detail::CompiledRuleSet& rs = detail::compiled(ruleset);
  TestReport report;
  report.ruleset = rs.id;
  std::set<std::string> fired;
  for (const detail::CompiledTest& test : rs.tests) {
    ScreenOptions options;
    options.date = test.def.date;
    options.language = test.def.language;
    TestCaseResult result;
    result.name = test.def.name;
    result.where = test.where;
    std::vector<ImpossibleAnswer> problems;
    if (!check_answers(*test.intake, screening_date_of(*test.intake, options), problems)) {
      // No decision, whatever the case expects: a shipped test must not pass on answers
      // that no patient can give.
      for (ImpossibleAnswer& p : problems) {
        result.mismatches.push_back("answers: " + p.diagnostic.code + ": " + p.diagnostic.message);
        result.errors.push_back(std::move(p.diagnostic));
      }
      ++report.failed;
      report.cases.push_back(std::move(result));
      continue;
    }
    result.actual = ruleset.screen(*test.intake, options);
    const Decision& d = result.actual;
    std::vector<std::string> rules;
    for (const auto& reason : d.reasons) {
      rules.push_back(reason.rule);
      if (!reason.undecided) fired.insert(reason.rule);
    }
    std::vector<std::string> advice;
    for (const auto& a : d.advice) {
      advice.push_back(a.rule);
      fired.insert(a.rule);
    }
    if (test.def.decision && *test.def.decision != d.decision)
      result.mismatches.push_back(std::string("decision: expected ") + to_string(*test.def.decision) + ", got " +
                                  to_string(d.decision));
    expect_list("rules", test.def.rules, rules, result.mismatches);
    expect_list("unanswered", test.def.unanswered, d.unanswered, result.mismatches);
    expect_list("advice", test.def.advice, advice, result.mismatches);
    if (test.def.until_given && test.def.until != d.until)
      result.mismatches.push_back("until: expected " + date_or_none(test.def.until) + ", got " + date_or_none(d.until));
    result.passed = result.mismatches.empty();
    ++(result.passed ? report.passed : report.failed);
    report.cases.push_back(std::move(result));
  }
  for (const auto& info : rs.infos)
    if (!fired.count(info.id)) report.uncovered_rules.push_back(info.id);
  return report;
}

std::string format_test_report(const TestReport& report) {
  std::string out;
  for (const auto& c : report.cases) {
    if (c.passed) continue;
    // The file name, the case's name and the values in mismatches come from inputs: printable.
    util::append_printable(out, c.where.file);
    out += ':' + std::to_string(c.where.line) + ':' + std::to_string(c.where.column);
    out += ": FAIL " + report.ruleset + ": ";
    util::append_printable(out, c.name);
    out += "\n";
    for (const auto& m : c.mismatches) {
      out += "    ";
      util::append_printable(out, m);
      out += "\n";
    }
  }
  if (!report.uncovered_rules.empty()) {
    out += report.ruleset + ": no test makes these rules fire: ";
    for (std::size_t i = 0; i < report.uncovered_rules.size(); ++i) out += (i ? ", " : "") + report.uncovered_rules[i];
    out += "\n";
  }
  return out;
}

}  // namespace contrascreen
