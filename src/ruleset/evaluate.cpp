// One-off evaluation of an expression: the same parser, checker, compiler and
// evaluator as rule sets use, on a private Program.
#include "contrascreen/evaluate.hpp"

#include <algorithm>

#include "contrascreen/diagnostic_codes.hpp"

#include "core/intake_access.hpp"
#include "expr/checker.hpp"
#include "expr/compiler.hpp"
#include "expr/evaluator.hpp"
#include "expr/parser.hpp"
#include "ruleset/compiled_ruleset.hpp"

namespace contrascreen {

EvaluationResult evaluate(std::string_view expression, const Intake& intake, Date date, const RuleSet* ruleset) {
  EvaluationResult result;
  const SourceText source{"<expression>", std::string(expression)};
  auto report = [&](const expr::ExprDiagnostic& d) {
    result.diagnostics.push_back(make_diagnostic(d.warning ? Severity::warning : Severity::error, d.code, d.message,
                                                 source, d.span.begin, d.span.end - d.span.begin));
  };
  auto parsed = expr::parse_expression(expression);
  for (const auto& d : parsed.errors) report(d);
  if (!parsed.errors.empty()) return result;

  expr::Program program;
  expr::ProgramBuilder builder(program, intake.catalogue());
  expr::Environment env;
  env.catalogue = &intake.catalogue();
  if (ruleset != nullptr) {
    for (const auto& set : detail::compiled(*ruleset).value_sets) {
      env.value_sets.push_back(set.name);
      builder.add_value_set(set.members);
    }
  }
  // Any type is welcome here: check against bool, and accept a "wrong" result type.
  std::vector<expr::ExprDiagnostic> problems;
  auto checked = expr::check_expression(std::move(parsed.ast), env, expr::TypeKind::boolean, problems);
  bool ok = true;
  for (const auto& d : problems) {
    if (d.code == codes::check_result_type) continue;
    report(d);
    ok = false;
  }
  if (!ok) return result;
  if (checked.reads.size() > expr::max_questions_per_rule) {
    result.diagnostics.push_back(make_diagnostic(Severity::error, codes::ruleset_too_many_questions,
                                                 "the expression reads more than 63 questions", source, 0, 0));
    return result;
  }
  const expr::Pc entry = builder.compile(checked, checked.reads);
  builder.finish();

  expr::EvalError error;
  expr::EvalContext ctx;
  ctx.slots = detail::IntakeAccess::slots(intake);
  ctx.intake = &intake;
  ctx.program = &program;
  ctx.catalogue = &intake.catalogue();
  ctx.today = date.days_since_epoch();
  ctx.error = &error;
  const expr::Value value = expr::eval_value(entry, ctx);
  result.value = expr::to_display(value, ctx);
  if (error.set) result.error = error.message;
  if (value.kind == expr::ValueKind::undecided) {
    for (std::uint32_t b = 0; b < checked.reads.size(); ++b)
      if ((value.missing >> b) & 1U) result.unanswered.push_back(intake.catalogue().questions()[checked.reads[b]].id);
    std::sort(result.unanswered.begin(), result.unanswered.end());
  }
  return result;
}

EvaluationResult evaluate(std::string_view expression, const Intake& intake, std::optional<Date> date,
                          const RuleSet* ruleset) {
  if (!date) date = intake.date() ? *intake.date() : Date::today_utc();
  return evaluate(expression, intake, *date, ruleset);
}

}  // namespace contrascreen
