// `contrascreen test RULESET...`: runs the test cases rule sets carry under `tests:`,
// shows expected against actual for each failure, reports rule coverage per rule set,
// and ends with "N passed, M failed" (test cases). Exit 0 all passed, 1 some failed,
// 65 a rule set does not load (its diagnostics go to stderr), 66 a named file is missing.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/ruleset_tests.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

constexpr int exit_tests_failed = 1;

CommandSpec test_spec() {
  CommandSpec spec;
  spec.name = "test";
  spec.synopsis = "test [options] RULESET...";
  spec.summary =
      "Runs the test cases of rule sets (their `tests:`) and reports which rules no test makes fire.\n"
      "A directory stands for every rule set (.yaml) under it; question catalogues are skipped.\n"
      "Exit status: 0 all passed, 1 a test failed, 65 a rule set does not load, 66 a named file\n"
      "does not exist.";
  spec.example =
      "  contrascreen test rules/clinics/\n"
      "    -> rules/clinics/clinic-sv/microneedling.yaml: clinic-sv/microneedling: 6 passed, 0 failed\n"
      "       clinic-sv/microneedling: 14/15 rules covered; not covered: keloids\n"
      "       6 passed, 0 failed\n";
  spec.hidden.add_options()("rulesets", po::value<std::vector<std::string>>(),
                            "rule-set files or directories (the positional arguments)");
  spec.positional.add("rulesets", -1);
  return spec;
}

// "clinic/x: 14/15 rules covered; not covered: a, b"
std::string coverage_line(const TestReport& report, std::size_t rules) {
  std::string line = report.ruleset + ": " + std::to_string(rules - report.uncovered_rules.size()) + "/" +
                     std::to_string(rules) + " rules covered";
  for (std::size_t i = 0; i < report.uncovered_rules.size(); ++i)
    line += (i == 0 ? "; not covered: " : ", ") + report.uncovered_rules[i];
  return line + "\n";
}

}  // namespace

int run_test(const Args& args, Io& io) {
  const CommandSpec spec = test_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("rulesets") == 0) return usage_error(spec, "name at least one rule-set file or directory", io);

  const RuleSetFiles named = expand_ruleset_arguments((*vars)["rulesets"].as<std::vector<std::string>>());
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool load_failed = false;
  for (const auto& path : named.files) {
    if (is_catalogue_file(path)) {  // named explicitly: directories skip them
      io.out << util::printable(path.string()) << ": a question catalogue, not a rule set: no tests\n";
      continue;
    }
    const LoadResult loaded = load_ruleset_file(path);
    if (!loaded) {
      io.err << format_diagnostics(in_reading_order(loaded.diagnostics));
      std::size_t errors = 0;
      for (const Diagnostic& d : loaded.diagnostics) errors += d.severity == Severity::error ? 1 : 0;
      io.out << util::printable(path.string()) << ": does not load (" << errors << (errors == 1 ? " error" : " errors")
             << ", on stderr)\n";
      load_failed = true;
      continue;
    }
    TestReport report = run_tests(*loaded.ruleset);
    if (report.cases.empty()) {
      io.out << util::printable(path.string()) << ": " << report.ruleset << ": no tests\n";
      continue;
    }
    passed += report.passed;
    failed += report.failed;
    io.out << util::printable(path.string()) << ": " << report.ruleset << ": " << report.passed << " passed, "
           << report.failed << " failed\n";
    // The library's report for the failures; coverage is rendered here in the CLI's form.
    const std::string coverage = coverage_line(report, loaded.ruleset->rules().size());
    report.uncovered_rules.clear();
    io.out << format_test_report(report) << coverage;
  }
  io.out << passed << " passed, " << failed << " failed\n";
  if (report_unusable_arguments(named, spec.name, io) != exit_allow) return exit_no_input;
  if (load_failed) return exit_data;
  return failed == 0 ? exit_allow : exit_tests_failed;
}

}  // namespace contrascreen::cli
