// `contrascreen check RULESET...`: every diagnostic of every rule set, then a summary.
// The diagnostics are the report, so they go to stdout (like a linter's); exit 65 when
// any file has an error, 66 when a named file does not exist.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"

namespace contrascreen::cli {
namespace {

std::string count(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

CommandSpec check_spec() {
  CommandSpec spec;
  spec.name = "check";
  spec.synopsis = "check [options] RULESET...";
  spec.summary =
      "Validates rule sets and reports every error and warning with its position.\n"
      "A directory stands for every rule set (.yaml) under it, question catalogues skipped; a\n"
      "catalogue named explicitly is checked as a catalogue.\n"
      "Exit status: 0 valid (warnings allowed), 65 an error, 66 a named file does not exist.";
  spec.example =
      "  contrascreen check rules/clinics/clinic-sv/microneedling.yaml\n"
      "  contrascreen check rules/      # every rule set under rules/\n"
      "    -> rules/x.yaml:14:11: error[check.unknown_name]: unknown name 'pregant' ...\n"
      "       3 files checked: 1 with errors (1 error, 0 warnings)\n";
  spec.hidden.add_options()("rulesets", po::value<std::vector<std::string>>(),
                             "rule-set files or directories (the positional arguments)");
  spec.positional.add("rulesets", -1);
  return spec;
}

}  // namespace

int run_check(const Args& args, Io& io) {
  const CommandSpec spec = check_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;

  if (vars->count("rulesets") == 0) return usage_error(spec, "name at least one rule-set file or directory", io);
  const RuleSetFiles named = expand_ruleset_arguments((*vars)["rulesets"].as<std::vector<std::string>>());
  std::size_t with_errors = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& path : named.files) {
    // A catalogue named explicitly is checked as a catalogue (after adding a question).
    const std::vector<Diagnostic> diagnostics =
        is_catalogue_file(path) ? Catalogue::load_file(path).diagnostics : load_ruleset_file(path).diagnostics;
    io.out << format_diagnostics(in_reading_order(diagnostics));
    for (const Diagnostic& d : diagnostics) ++(d.severity == Severity::error ? errors : warnings);
    if (has_errors(diagnostics)) ++with_errors;
  }
  if (!named.files.empty()) {
    io.out << count(named.files.size(), "file", "files") << " checked: " << with_errors << " with errors ("
           << count(errors, "error", "errors") << ", " << count(warnings, "warning", "warnings") << ")\n";
  }
  // A missing file is the more basic problem: it wins over errors in the files found.
  if (report_unusable_arguments(named, spec.name, io) != exit_allow) return exit_no_input;
  return with_errors == 0 ? exit_allow : exit_data;
}

}  // namespace contrascreen::cli
