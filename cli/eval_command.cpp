// `contrascreen eval EXPR`: evaluates one expression over some answers, for policy
// authors trying things out. Prints the value, "unknown (unanswered: ...)" or
// "error: ..."; an expression that does not parse or check prints its diagnostics (on
// stderr, positioned in "<expression>") and exits 65, as do answers that do not fit.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/evaluate.hpp"
#include "contrascreen/intake_reader.hpp"
#include "contrascreen/ruleset.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec eval_spec() {
  CommandSpec spec;
  spec.name = "eval";
  spec.synopsis = "eval [options] EXPR";
  spec.summary =
      "Evaluates one expression (the language of `when` and `until`) over the given answers and\n"
      "prints its value, or 'unknown' with the questions whose answers are missing.\n"
      "An expression that starts with '-' goes after '--'.\n"
      "Exit status: 0 evaluated (whatever the value), 64 usage error, 65 a bad expression or\n"
      "bad answers, 66 the --rules file does not exist.";
  spec.example =
      "  contrascreen eval 'pregnant || breastfeeding' --answers '{\"pregnant\": false}'\n"
      "    -> unknown (unanswered: breastfeeding)\n"
      "  contrascreen eval 'days_since(last_microneedling_date)' --date 2026-11-21 \\\n"
      "      --answers '{\"last_microneedling_date\": \"2026-10-31\"}'\n"
      "    -> 21\n"
      "  contrascreen eval 'any_in(medications, anticoagulants)' --rules policy.yaml \\\n"
      "      --answers '{\"medications\": [\" Warfarin\"]}'\n"
      "    -> true\n";
  spec.options.add_options()  //
      ("answers", po::value<std::string>()->value_name("JSON"),
       "the answers: an object {\"pregnant\": true} or a whole intake {\"date\": ..., \"answers\": {...}}")  //
      ("date", po::value<std::string>()->value_name("D"),
       "screening date for date functions, YYYY-MM-DD or 'today' (default: the intake's date, else today)")  //
      ("rules", po::value<std::string>()->value_name("RULESET"),
       "a rule set whose value sets the expression may use and whose catalogue it is checked against");
  spec.hidden.add_options()("expression", po::value<std::string>(), "the expression");
  spec.positional.add("expression", 1);
  return spec;
}

std::string render(const EvaluationResult& result) {
  if (result.value == "error") return "error: " + result.error;
  if (result.value != "unknown") return result.value;
  std::string why;
  if (!result.unanswered.empty()) {
    why = "unanswered: ";
    for (std::size_t i = 0; i < result.unanswered.size(); ++i) why += (i == 0 ? "" : ", ") + result.unanswered[i];
  }
  if (!result.error.empty()) why += (why.empty() ? "error: " : "; error: ") + result.error;
  return why.empty() ? "unknown" : "unknown (" + why + ")";
}

}  // namespace

int run_eval(const Args& args, Io& io) {
  const CommandSpec spec = eval_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  if (vars->count("expression") == 0) return usage_error(spec, "give the expression to evaluate", io);
  std::optional<Date> date;
  if (vars->count("date") != 0U) {
    date = parse_date_option((*vars)["date"].as<std::string>());
    if (!date)
      return usage_error(spec, "--date '" + (*vars)["date"].as<std::string>() + "' is not a date (YYYY-MM-DD)", io);
  }

  std::optional<RuleSet> rules;
  if (vars->count("rules") != 0U) {
    rules = load_rules_option((*vars)["rules"].as<std::string>(), spec.name, io, status);
    if (!rules) return status;
  }
  const std::shared_ptr<const Catalogue> catalogue = rules ? rules->catalogue_ptr() : Catalogue::builtin();
  Intake intake(catalogue);
  if (vars->count("answers") != 0U) {
    IntakeResult read = parse_answers_json((*vars)["answers"].as<std::string>(), catalogue);
    if (!read) {
      io.err << format_diagnostics(read.diagnostics);
      return exit_data;
    }
    intake = std::move(*read.intake);
  }

  const EvaluationResult result =
      evaluate((*vars)["expression"].as<std::string>(), intake, date, rules ? &*rules : nullptr);
  io.err << format_diagnostics(result.diagnostics);  // warnings, or the errors that stopped it
  if (result.value.empty()) return exit_data;
  io.out << util::printable(render(result)) << "\n";  // a value may quote an answer
  return exit_allow;
}

}  // namespace contrascreen::cli
