// Screening: evaluates every active rule over an intake's answer slots and aggregates
// the outcome (refuse > refer > allow). The loop allocates nothing once the Screening's
// buffers have grown (a failed rule's message excepted: failures are rare);
// decision_core.cpp gives the Screening its meaning afterwards, only when asked.
#include <algorithm>
#include <bit>

#include "contrascreen/ruleset.hpp"
#include "expr/evaluator.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/decision_core.hpp"
#include "ruleset/screening_context.hpp"

namespace contrascreen {
namespace {

using detail::eval_context;
using detail::failure_message;
using detail::require_same_catalogue;

// Out of line and cold, so that the rare failure path does not crowd the hot loop.
[[gnu::noinline, gnu::cold]] void record_failure(std::vector<std::pair<std::uint32_t, std::string>>& failures,
                                                 const detail::CompiledRuleSet& rs, const Intake& intake, Date date,
                                                 std::uint32_t rule) {
  failures.emplace_back(rule, failure_message(rs, intake, date, rule));
}

}  // namespace

Date screening_date_of(const Intake& intake, const ScreenOptions& options) {
  if (intake.date()) return *intake.date();
  if (options.date) return *options.date;
  return Date::today_utc();
}

void RuleSet::screen(const Intake& intake, const ScreenOptions& options, Screening& out) const {
  const detail::CompiledRuleSet& rs = *impl_;
  require_same_catalogue(intake, rs);
  out.hits_.clear();
  out.advice_.clear();
  out.unanswered_.clear();
  out.failures_.clear();
  // The bitmap stays all-zero between calls (cleared below as it is read), so it is
  // sized once and never wiped wholesale.
  out.unanswered_bits_.resize((rs.catalogue->size() + 63) / 64, 0);
  out.date_ = screening_date_of(intake, options);
  const expr::EvalContext ctx = eval_context(intake, rs, out.date_);

  Verdict verdict = Verdict::allow;
  bool any_missing = false;
  // Held in locals: the stores into `out` below could otherwise alias them for the compiler.
  const expr::Instr* const roots = rs.roots.data();
  const detail::CompiledRule* const rules = rs.rules.data();
  const auto rule_count = static_cast<std::uint32_t>(rs.rules.size());
  for (std::uint32_t r = 0; r < rule_count; ++r) {
    const expr::Tri result = expr::eval_rule(roots[r], rules[r].when, ctx);
    if (result.state == expr::Tri::no) continue;
    const detail::CompiledRule& rule = rules[r];
    if (rule.action == RuleAction::inform) {
      // Advice never changes a decision; an undecided inform rule gives none.
      if (result.state == expr::Tri::yes) out.advice_.push_back(r);
      continue;
    }
    RuleHit hit;
    hit.rule = r;
    if (result.state == expr::Tri::yes) {
      verdict = std::max(verdict, rule.action == RuleAction::refuse ? Verdict::refuse : Verdict::refer);
      if (rule.until != expr::no_pc) {
        const expr::Value until = expr::eval_value(rule.until, ctx);
        if (until.kind == expr::ValueKind::date) hit.until = Date::from_days(until.date);
      }
    } else {
      verdict = std::max(verdict, Verdict::refer);
      hit.undecided = true;
      hit.failed = (result.missing & expr::failed_bit) != 0;
      // Rare: why it failed is taken now, while the answers are at hand.
      if (hit.failed) [[unlikely]] record_failure(out.failures_, rs, intake, out.date_, r);
      hit.missing = result.missing & ~expr::failed_bit;
      for (std::uint64_t bits = hit.missing; bits != 0; bits &= bits - 1) {
        const std::uint32_t question = rule.reads[static_cast<std::uint32_t>(std::countr_zero(bits))];
        out.unanswered_bits_[question / 64] |= std::uint64_t{1} << (question % 64);
        any_missing = true;
      }
    }
    out.hits_.push_back(hit);
  }
  if (any_missing) {
    for (std::uint32_t w = 0; w < out.unanswered_bits_.size(); ++w) {
      for (std::uint64_t bits = out.unanswered_bits_[w]; bits != 0; bits &= bits - 1)
        out.unanswered_.push_back(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
      out.unanswered_bits_[w] = 0;
    }
  }
  out.verdict_ = verdict;
}

Decision RuleSet::screen(const Intake& intake, const ScreenOptions& options) const {
  Screening screening;
  screen(intake, options, screening);
  return decide(intake, screening, options.language);
}

Decision RuleSet::decide(const Intake& intake, const Screening& screening, std::string_view language) const {
  return detail::decide(*impl_, intake.id(), screening, language);
}

}  // namespace contrascreen
