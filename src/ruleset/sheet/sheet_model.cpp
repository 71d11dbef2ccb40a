#include "ruleset/sheet/sheet_model.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "contrascreen/form.hpp"
#include "contrascreen/ruleset_tests.hpp"
#include "expr/parser.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/sheet/phrase_words.hpp"

namespace contrascreen::sheet {
namespace {

namespace fs = std::filesystem;

std::string shown_path(const std::string& name) {
  return fs::path(name).lexically_normal().generic_string();
}

fs::path canonical_or_given(const std::string& name) {
  std::error_code ec;
  fs::path path = fs::weakly_canonical(fs::path(name), ec);
  return ec ? fs::path(name).lexically_normal() : path;
}

// A rule set's expressions phrased against its own catalogue and value sets.
class RulePhraser {
 public:
  RulePhraser(const RuleSet& rules, const FormLanguage& language) : rs_(detail::compiled(rules)) {
    env_.catalogue = rs_.catalogue.get();
    for (const auto& set : rs_.value_sets) env_.value_sets.push_back(set.name);
    context_.catalogue = rs_.catalogue.get();
    context_.value_sets = &rs_.value_sets;
    context_.language = language;
  }

  // `text` in words; the questions and value sets it reads are added to `reads` / `sets`.
  Phrase phrase(const std::string& text, expr::TypeKind expected, std::vector<std::uint32_t>& reads,
                std::vector<std::uint32_t>& sets) const {
    auto parsed = expr::parse_expression(text);
    if (parsed.errors.empty()) {
      std::vector<expr::ExprDiagnostic> problems;
      const expr::CheckedExpression checked = expr::check_expression(std::move(parsed.ast), env_, expected, problems);
      if (checked.ok) {
        reads.insert(reads.end(), checked.reads.begin(), checked.reads.end());
        for (const expr::Resolution& r : checked.resolved)
          if (r.kind == expr::Resolution::Kind::value_set) sets.push_back(r.index);
        return phrase_expression(checked, text, context_);
      }
    }
    // A loaded rule set's expressions always check; should one not, it is shown as written.
    Phrase raw;
    raw.segments.push_back({Segment::Kind::raw, collapse_whitespace(text)});
    raw.fallbacks = 1;
    return raw;
  }

  SheetRule rule(const RuleInfo& info, std::vector<std::uint32_t>& reads, std::vector<std::uint32_t>& sets) const {
    SheetRule out;
    out.id = info.id;
    out.action = info.action;
    out.when = phrase(info.when, expr::TypeKind::boolean, reads, sets);
    out.when_text = collapse_whitespace(info.when);
    if (!info.until.empty()) {
      out.until = phrase(info.until, expr::TypeKind::date, reads, sets);
      out.until_text = collapse_whitespace(info.until);
    }
    out.message = info.message;
    out.source = info.source;
    out.defined_at = shown_path(info.where.file) + ":" + std::to_string(info.where.line);
    out.questions = info.questions;
    return out;
  }

  SheetRule rule(const RuleInfo& info) const {
    std::vector<std::uint32_t> reads, sets;
    return rule(info, reads, sets);
  }

  const detail::CompiledRuleSet& compiled() const { return rs_; }

 private:
  const detail::CompiledRuleSet& rs_;
  expr::Environment env_;
  PhraseContext context_;
};

std::size_t fallbacks_of(const SheetRule& rule) {
  return rule.when.fallbacks + (rule.until ? rule.until->fallbacks : 0);
}

void add_tests(const RuleSet& rules, SheetModel& sheet) {
  const TestReport report = run_tests(rules);
  sheet.tests = report.cases.size();
  sheet.passed = report.passed;
  for (const TestCaseResult& c : report.cases) {
    if (!c.passed) sheet.failing.push_back(c.name);
    if (!c.errors.empty()) continue;  // answers that cannot be: no decision to learn from
    for (SheetRule& rule : sheet.rules) {
      for (const Reason& reason : c.actual.reasons) {
        if (reason.rule != rule.id) continue;
        (reason.undecided ? rule.undecided : rule.fires).push_back(c.name);
      }
      for (const Advice& advice : c.actual.advice)
        if (advice.rule == rule.id) rule.fires.push_back(c.name);
    }
  }
}

void add_questions(const RuleSet& rules, SheetModel& sheet) {
  for (const FormQuestion& entry : form_questions(rules)) {
    SheetQuestion q;
    q.question = entry.question;
    q.parent = entry.parent;
    q.depth = entry.depth;
    if (entry.parent != nullptr) {
      for (const std::string& answer : entry.question->follows_when) {
        if (entry.parent->type == QuestionType::boolean) {
          q.enabled_by.emplace_back(words(answer == "true" ? Words::yes : Words::no, sheet.words_language));
          continue;
        }
        const auto index = entry.parent->enum_index(answer);
        const std::string_view label =
            index ? sheet.language.text(entry.parent->values[*index].label) : std::string_view();
        q.enabled_by.push_back(label.empty() ? answer : std::string(label));
      }
    }
    for (const SheetRule& rule : sheet.rules)
      if (std::find(rule.questions.begin(), rule.questions.end(), entry.question->id) != rule.questions.end())
        q.read_by.push_back(rule.id);
    sheet.questions.push_back(std::move(q));
  }
}

void add_base(const RuleSet& rules, const RuleSet& base, SheetModel& sheet) {
  const detail::CompiledRuleSet& own = detail::compiled(rules);
  const detail::CompiledRuleSet& theirs = detail::compiled(base);
  SheetModel::Base about{base.id(), base.version(), base.sha256(),
                         theirs.files.empty() ? std::string() : shown_path(theirs.files[0].name), false};
  if (!theirs.files.empty()) {
    const fs::path base_file = canonical_or_given(theirs.files[0].name);
    for (std::size_t f = 1; f < own.files.size(); ++f)
      if (canonical_or_given(own.files[f].name) == base_file) about.extended = true;
  }
  sheet.base = about;

  const FormLanguage base_language = form_language(base, sheet.language.language);
  const RulePhraser phraser(base, base_language);
  const RuleSetComparison comparison = compare_rulesets({base, rules});
  sheet.against_base.assign(sheet.rules.size(), std::nullopt);
  for (const ComparedRule& compared : comparison.rules) {
    const RuleVersion& theirs_version = compared.in[0];
    const RuleVersion& mine = compared.in[1];
    BaseComparison entry;
    entry.status = mine.status;
    entry.differences = mine.differences;
    if (theirs_version.rule != nullptr) {
      entry.base = phraser.rule(*theirs_version.rule);
      sheet.fallbacks += fallbacks_of(*entry.base);
    }
    if (mine.status == RuleStatus::removed) {
      sheet.removed.push_back(std::move(entry));
      continue;
    }
    for (std::size_t r = 0; r < sheet.rules.size(); ++r)
      if (sheet.rules[r].id == compared.id) sheet.against_base[r] = std::move(entry);
  }
}

}  // namespace

SheetModel build_sheet(const RuleSet& rules, const SheetOptions& options) {
  const detail::CompiledRuleSet& rs = detail::compiled(rules);
  SheetModel sheet;
  sheet.id = rules.id();
  sheet.version = rules.version();
  sheet.treatment = rules.treatment();
  sheet.description = rs.description;
  sheet.sha256 = rules.sha256();
  sheet.languages = rules.languages();
  for (const SourceText& file : rs.files) sheet.files.push_back(shown_path(file.name));
  sheet.catalogue_id = rules.catalogue().id();
  sheet.catalogue_version = rules.catalogue().version();
  sheet.generated = options.generated.to_iso();
  sheet.language = options.language ? form_language(rules, *options.language) : form_language(rules);
  sheet.words_language = std::string(phrase_language(sheet.language.language));

  const RulePhraser phraser(rules, sheet.language);
  std::vector<std::vector<std::uint32_t>> sets_of_rule;
  for (const RuleInfo& info : rules.rules()) {
    std::vector<std::uint32_t> reads, sets;
    sheet.rules.push_back(phraser.rule(info, reads, sets));
    sheet.fallbacks += fallbacks_of(sheet.rules.back());
    sets_of_rule.push_back(std::move(sets));
  }
  for (std::uint32_t s = 0; s < rs.value_sets.size(); ++s) {
    SheetValueSet set{rs.value_sets[s].name, rs.value_sets[s].members, {}};
    for (std::size_t r = 0; r < sheet.rules.size(); ++r)
      if (std::find(sets_of_rule[r].begin(), sets_of_rule[r].end(), s) != sets_of_rule[r].end())
        set.used_by.push_back(sheet.rules[r].id);
    sheet.value_sets.push_back(std::move(set));
  }
  add_tests(rules, sheet);
  add_questions(rules, sheet);
  if (options.base != nullptr) add_base(rules, *options.base, sheet);
  return sheet;
}

}  // namespace contrascreen::sheet
