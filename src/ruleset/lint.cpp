// Lint warnings for a compiled rule set (see lint.hpp). Rule conditions are analysed on
// the compiled program itself, with the engine's own evaluator, so "never fires" means
// exactly that for the screening that will run.
#include "ruleset/lint.hpp"
#include "ruleset/screening_context.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake.hpp"
#include "expr/evaluator.hpp"
#include "expr/parser.hpp"

namespace contrascreen::detail {
namespace {

// A condition whose value depends on the screening date can be false today and true
// later, so evaluating it now cannot show that it never fires.
bool reads_the_date(const expr::Ast& ast) {
  static constexpr std::array<std::string_view, 5> dated{"today", "days_since", "weeks_since", "months_since",
                                                         "years_since"};
  return std::any_of(ast.nodes.begin(), ast.nodes.end(), [](const expr::Node& node) {
    return (node.kind == expr::NodeKind::call || node.kind == expr::NodeKind::member_call) &&
           std::find(dated.begin(), dated.end(), node.text) != dated.end();
  });
}

// Whether some combination of answers to `reads` (each also unanswered) makes the
// condition true, or makes its evaluation fail; nullopt when the condition reads questions that are not bool or enum,
// or too many of them to try every combination.
std::optional<bool> can_fire(const CompiledRuleSet& rs, const CompiledRule& rule,
                             const std::vector<std::uint32_t>& reads) {
  if (reads.size() > lint_max_questions) return std::nullopt;
  std::vector<std::uint32_t> choices;  // per question: unanswered, then each value
  std::size_t combinations = 1;
  for (const std::uint32_t q : reads) {
    const Question& question = rs.catalogue->questions()[q];
    if (question.type == QuestionType::boolean) {
      choices.push_back(3);
    } else if (question.type == QuestionType::enumeration) {
      choices.push_back(static_cast<std::uint32_t>(question.values.size()) + 1);
    } else {
      return std::nullopt;
    }
    combinations *= choices.back();
    if (combinations > lint_max_combinations) return std::nullopt;
  }
  Intake intake(rs.catalogue);
  const expr::EvalContext ctx = detail::eval_context(intake, rs, Date{});
  std::vector<std::uint32_t> digits(reads.size(), 0);
  for (std::size_t n = 0; n < combinations; ++n) {
    for (std::size_t i = 0; i < reads.size(); ++i) {
      const std::uint32_t slot = reads[i];
      if (digits[i] == 0) {
        intake.unassign(slot);
      } else if (rs.catalogue->questions()[slot].type == QuestionType::boolean) {
        intake.assign_bool(slot, digits[i] == 2);
      } else {
        intake.assign_enum(slot, digits[i] - 1);
      }
    }
    // A condition that fails for some answers refers those patients: it acts, so it is
    // not reported as never firing (a constant failure is already a load error).
    const expr::Tri value = expr::eval_rule_condition(rule.when, ctx);
    if (value.state == expr::Tri::yes) return true;
    if (value.state == expr::Tri::undecided && (value.missing & expr::failed_bit) != 0) return true;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (++digits[i] < choices[i]) break;
      digits[i] = 0;
    }
  }
  return false;
}

// The value of a top-level `catalogue:` key in the rule set's own text. Found by text
// because the model keeps only the resolved path; absent when the key is inherited.
std::optional<FileSpot> own_catalogue_value(std::string_view text) {
  constexpr std::string_view key = "catalogue:";
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with(key)) {
      std::size_t begin = key.size();
      while (begin < line.size() && (line[begin] == ' ' || line[begin] == '\t')) ++begin;
      std::size_t stop = line.find(" #", begin);
      if (stop == std::string_view::npos) stop = line.size();
      while (stop > begin && (line[stop - 1] == ' ' || line[stop - 1] == '\t' || line[stop - 1] == '\r')) --stop;
      return FileSpot{0, static_cast<std::uint32_t>(start + begin), static_cast<std::uint32_t>(stop - begin)};
    }
    start = end + 1;
  }
  return std::nullopt;
}

// Where a rule's `when` is written. The loader records only where the scalar starts; the
// caret should cover the condition (rendering stops it at the end of the line).
FileSpot condition_spot(const RuleSetModel& model, const ExprText& when) {
  FileSpot at = when.at;
  if (at.length != 0) return at;
  const std::string& text = model.files[at.file].text;
  const bool quoted = at.offset < text.size() && (text[at.offset] == '"' || text[at.offset] == '\'');
  at.length = static_cast<std::uint32_t>(when.text.size() + (quoted ? 2 : 0));
  return at;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::vector<Diagnostic> lint_ruleset(const RuleSetModel& model, const CompiledRuleSet& compiled, bool complete) {
  std::vector<Diagnostic> out;
  auto warn = [&](const FileSpot& at, std::string_view code, std::string message) {
    out.push_back(
        make_diagnostic(Severity::warning, code, std::move(message), model.files[at.file], at.offset, at.length));
  };
  std::map<std::string, std::string> first_rule_with;  // condition as an S-expression -> rule id
  for (const RuleDef& rule : model.rules) {
    if (rule.disabled) continue;
    const auto info =
        std::find_if(compiled.infos.begin(), compiled.infos.end(), [&](const RuleInfo& i) { return i.id == rule.id; });
    if (info == compiled.infos.end()) continue;  // did not compile: an error says why
    const auto parsed = expr::parse_expression(rule.when.text);
    if (!parsed.errors.empty()) continue;
    const bool own = rule.when.at.file == 0;
    const auto [first, inserted] = first_rule_with.emplace(expr::to_sexpr(parsed.ast), rule.id);
    if (!inserted && own) {
      warn(condition_spot(model, rule.when), codes::ruleset_duplicate_condition,
           "rule '" + rule.id + "' has the same condition as rule '" + first->second + "'");
    }
    if (!own || reads_the_date(parsed.ast)) continue;
    std::vector<std::uint32_t> reads;
    for (const auto& id : info->questions) reads.push_back(compiled.catalogue->find(id)->index);
    const auto index = static_cast<std::size_t>(info - compiled.infos.begin());
    if (can_fire(compiled, compiled.rules[index], reads).value_or(true)) continue;
    warn(condition_spot(model, rule.when), codes::ruleset_never_fires,
         reads.empty() ? "rule '" + rule.id + "' can never fire: its condition reads no question and is never true"
                       : "rule '" + rule.id + "' can never fire: no answers to " + join(info->questions) +
                             " (given or not) make its condition true");
  }
  // Unused questions only mean something for a catalogue written for this rule set, and
  // only when every rule compiled (a rule with an error reads nothing).
  if (complete && !model.catalogue_path.empty()) {
    if (const auto at = own_catalogue_value(model.files[0].text)) {
      const std::string file = std::filesystem::path(model.catalogue_path).filename().string();
      for (const Question& question : compiled.catalogue->questions()) {
        if (std::binary_search(compiled.questions.begin(), compiled.questions.end(), question.index)) continue;
        warn(*at, codes::ruleset_unused_question,
             "question '" + question.id + "' of " + file + " is not read by any rule");
      }
    }
  }
  return out;
}

}  // namespace contrascreen::detail
