// Explanations: re-evaluates every rule on the explaining path (with error capture, as
// decide() does for a failed rule), so screening itself never pays for tracing.
#include "contrascreen/explain.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "expr/evaluator.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/screening_context.hpp"

namespace contrascreen {
namespace {

// Quoted as expr::to_display quotes strings, so that an explanation reads like the
// evaluator's own values ("\"mild\"", ["a", "b"]).
void append_quoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

// A number as a person wrote it: 17 rather than to_display's 17.0 (an answer is not
// an expression whose int/real type matters).
std::string display_number(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return {buffer, end};
}

std::string display(const AnswerValue& answer) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          return display_number(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::string s;
          append_quoted(s, v);
          return s;
        } else if constexpr (std::is_same_v<T, Date>) {
          return v.to_iso();
        } else {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) s += ", ";
            append_quoted(s, v[i]);
          }
          return s + "]";
        }
      },
      answer);
}

std::string_view condition_value(expr::Tri result) {
  switch (result.state) {
    case expr::Tri::yes:
      return "true";
    case expr::Tri::no:
      return "false";
    case expr::Tri::undecided:
      break;
  }
  return (result.missing & expr::failed_bit) != 0 ? "error" : "unknown";
}

}  // namespace

Explanation explain(const RuleSet& ruleset, const Intake& intake, const ScreenOptions& options) {
  const detail::CompiledRuleSet& rs = detail::compiled(ruleset);
  detail::require_same_catalogue(intake, rs);
  expr::EvalContext ctx = detail::eval_context(intake, rs, screening_date_of(intake, options));

  Explanation explanation;
  explanation.rules.reserve(rs.rules.size());
  for (std::size_t r = 0; r < rs.rules.size(); ++r) {
    const detail::CompiledRule& rule = rs.rules[r];
    const RuleInfo& info = rs.infos[r];
    expr::EvalError error;
    ctx.error = &error;
    const expr::Tri result = expr::eval_bool(rule.when, ctx);

    RuleExplanation& out = explanation.rules.emplace_back();
    out.rule = info.id;
    out.action = info.action;
    out.condition = info.when;
    out.value = condition_value(result);
    // `true || <failure>` is true: the failure did not matter, so it is not reported.
    if (out.value == "error") out.error = error.set ? error.message : "evaluation failed";
    for (const std::uint32_t q : rule.reads) {
      const std::string& id = rs.catalogue->questions()[q].id;
      const auto answer = intake.get(id);
      out.answers.push_back({id, answer ? display(*answer) : "unanswered"});
    }
    std::sort(out.answers.begin(), out.answers.end(),
              [](const AnswerRead& a, const AnswerRead& b) { return a.question < b.question; });
  }
  return explanation;
}

}  // namespace contrascreen
