// What every evaluation of a compiled rule set over an intake starts from: the same
// catalogue guard, the same evaluation context (on the date screening_date_of() resolves). Shared by
// screening, decisions, explanations, output writers and lint.
#pragma once

#include <stdexcept>
#include <string>

#include "contrascreen/intake.hpp"
#include "contrascreen/screening.hpp"
#include "core/intake_access.hpp"
#include "expr/evaluator.hpp"
#include "ruleset/compiled_ruleset.hpp"

namespace contrascreen::detail {

/// Slots are only meaningful for the catalogue they were bound to (or an identical one).
inline void require_same_catalogue(const Intake& intake, const CompiledRuleSet& rs) {
  if (intake.catalogue_ptr() != rs.catalogue && intake.catalogue().sha256() != rs.catalogue->sha256())
    throw std::invalid_argument("the intake was built for another question catalogue than the rule set's");
}

inline expr::EvalContext eval_context(const Intake& intake, const CompiledRuleSet& rs, Date date,
                                      expr::EvalError* error = nullptr) {
  expr::EvalContext ctx;
  ctx.slots = IntakeAccess::slots(intake);
  ctx.intake = &intake;
  ctx.program = &rs.program;
  ctx.catalogue = rs.catalogue.get();
  ctx.today = date.days_since_epoch();
  ctx.error = error;
  return ctx;
}

/// Why rule `rule`'s condition failed on `date`: it is re-run with error capture. Only for
/// the rare failed rule (the fast path records no details).
inline std::string failure_message(const CompiledRuleSet& rs, const Intake& intake, Date date, std::uint32_t rule) {
  expr::EvalError error;
  (void)expr::eval_bool(rs.rules[rule].when, eval_context(intake, rs, date, &error));
  return error.set ? error.message : "evaluation failed";
}

}  // namespace contrascreen::detail
