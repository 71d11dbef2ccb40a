#include <algorithm>
#include <set>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/catalogue.hpp"
#include "expr/checker.hpp"
#include "expr/compiler.hpp"
#include "expr/constant_folding.hpp"
#include "expr/parser.hpp"
#include "ruleset/decision_json.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/decision_core.hpp"
#include "ruleset/lint.hpp"
#include "ruleset/yaml_intake.hpp"
#include "ruleset/loader.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen::detail {
namespace {

class RuleSetCompiler {
 public:
  RuleSetCompiler(RuleSetModel& model, CompiledRuleSet& out, std::vector<Diagnostic>& diagnostics)
      : model_(model),
        out_(out),
        diagnostics_(diagnostics),
        builder_(out.program, *out.catalogue),
        constants_(*out.catalogue) {}

  void run() {
    env_.catalogue = out_.catalogue.get();
    for (const auto& set : model_.value_sets) {
      env_.value_sets.push_back(set.name);
      builder_.add_value_set(set.members);
      constants_.add_value_set(set.members);
    }
    for (auto& rule : model_.rules) {
      if (!rule.disabled) compile_rule(rule);
    }
    builder_.finish();
    for (const CompiledRule& rule : out_.rules) out_.roots.push_back(out_.program.code[rule.when]);
    std::sort(out_.questions.begin(), out_.questions.end());
    out_.questions.erase(std::unique(out_.questions.begin(), out_.questions.end()), out_.questions.end());
    warn_unused_value_sets();
    bind_tests();
    for (Diagnostic& warning : lint_ruleset(model_, out_, !has_errors(diagnostics_))) {
      out_.warnings.push_back(warning);
      diagnostics_.push_back(std::move(warning));
    }
  }

 private:
  void report(const FileSpot& at, std::string_view code, std::string message, Severity severity = Severity::error) {
    diagnostics_.push_back(
        make_diagnostic(severity, code, std::move(message), model_.files[at.file], at.offset, at.length));
    if (severity == Severity::warning) out_.warnings.push_back(diagnostics_.back());
  }

  // Positions inside an expression become positions in its YAML file.
  void report_expr(const ExprText& e, const expr::ExprDiagnostic& d) {
    const std::string& text = model_.files[e.at.file].text;
    const auto begin = yaml::map_scalar_offset(text, e.at.offset, e.text, d.span.begin);
    std::uint32_t length = 0;
    if (d.span.end > d.span.begin) {
      const auto last = yaml::map_scalar_offset(text, e.at.offset, e.text, d.span.end - 1);
      length = last >= begin ? last - begin + 1 : 1;
    }
    report({e.at.file, begin, length}, d.code, d.message, d.warning ? Severity::warning : Severity::error);
  }

  std::optional<expr::CheckedExpression> check(const ExprText& e, expr::TypeKind expected) {
    auto parsed = expr::parse_expression(e.text);
    for (const auto& d : parsed.errors) report_expr(e, d);
    if (!parsed.errors.empty()) return std::nullopt;
    std::vector<expr::ExprDiagnostic> problems;
    auto checked = expr::check_expression(std::move(parsed.ast), env_, expected, problems);
    for (const auto& d : problems) report_expr(e, d);
    if (!checked.ok) return std::nullopt;
    std::vector<expr::ExprDiagnostic> failures;
    if (!constants_.check(checked, failures)) {
      for (const auto& d : failures) report_expr(e, d);
      return std::nullopt;
    }
    return checked;
  }

  void check_messages(const RuleDef& rule) {
    for (std::size_t i = 0; i < rule.message.entries.size(); ++i) {
      const auto& [lang, text] = rule.message.entries[i];
      const FileSpot& at = i < rule.message_languages.size() ? rule.message_languages[i] : rule.message_at;
      if (std::find(model_.languages.begin(), model_.languages.end(), lang) == model_.languages.end()) {
        // An inherited message may speak more languages than this rule set (a baseline in
        // three languages, a clinic in one): those texts are simply not used.
        if (at.file != 0) continue;
        report(at, codes::ruleset_unknown_language,
               "rule '" + rule.id + "' has a message in '" + lang + "', which " + model_.files[0].name +
                   " does not declare in 'languages'");
      }
      if (util::trim(text).empty())
        report(at, codes::ruleset_empty_message, "rule '" + rule.id + "' has an empty '" + lang + "' message");
    }
    for (const auto& lang : model_.languages) {
      if (rule.message.has(lang)) continue;
      const bool inherited = rule.message_at.file != 0;
      report(
          rule.message_at, codes::ruleset_missing_message,
          "rule '" + rule.id + "' has no '" + lang + "' message" +
              (inherited ? " (" + model_.files[0].name + " declares that language; add one under 'overrides')" : ""));
    }
  }

  void compile_rule(RuleDef& rule) {
    check_messages(rule);
    auto when = check(rule.when, expr::TypeKind::boolean);
    std::optional<expr::CheckedExpression> until;
    if (rule.until) {
      if (rule.action == RuleAction::inform) {
        report(rule.until_at, codes::ruleset_until_on_inform, "an inform rule cannot have 'until': it never refuses");
      }
      until = check(*rule.until, expr::TypeKind::date);
      if (!until) return;
    }
    if (!when) return;
    std::vector<std::uint32_t> reads = when->reads;
    if (until) reads.insert(reads.end(), until->reads.begin(), until->reads.end());
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    if (reads.size() > expr::max_questions_per_rule) {
      report(rule.at, codes::ruleset_too_many_questions, "rule '" + rule.id + "' reads more than 63 questions; split it");
      return;
    }
    CompiledRule compiled;
    compiled.action = rule.action;
    compiled.reads = reads;
    compiled.when = builder_.compile(*when, reads);
    if (until) compiled.until = builder_.compile(*until, reads);
    out_.rules.push_back(std::move(compiled));
    out_.questions.insert(out_.questions.end(), reads.begin(), reads.end());
    for (std::size_t n = 0; n < when->resolved.size(); ++n) mark_value_set(when->resolved[n]);
    if (until)
      for (const auto& r : until->resolved) mark_value_set(r);

    RuleInfo info;
    info.id = rule.id;
    info.action = rule.action;
    info.when = rule.when.text;
    info.until = rule.until ? rule.until->text : "";
    for (auto i : when->reads) info.questions.push_back(out_.catalogue->questions()[i].id);
    std::sort(info.questions.begin(), info.questions.end());
    info.message = rule.message;
    info.source = rule.source;
    info.where =
        make_diagnostic(Severity::error, "", "", model_.files[rule.at.file], rule.at.offset, rule.at.length).where;
    out_.infos.push_back(std::move(info));
  }

  void mark_value_set(const expr::Resolution& r) {
    if (r.kind == expr::Resolution::Kind::value_set) used_sets_.insert(r.index);
  }

  void warn_unused_value_sets() {
    // A rule set without any rules is a library of value sets for other rule sets to extend.
    if (model_.rules.empty()) return;
    for (std::uint32_t i = 0; i < model_.value_sets.size(); ++i) {
      const auto& set = model_.value_sets[i];
      if (used_sets_.count(i) == 0 && set.at.file == 0)
        report(set.at, codes::ruleset_unused_value_set, "value set '" + set.name + "' is not used by any rule",
               Severity::warning);
    }
  }

  void bind_tests() {
    for (auto& test : model_.tests) {
      auto intake = std::make_shared<Intake>(out_.catalogue);
      DiagnosticSink sink(model_.files[0], diagnostics_);
      if (test.answers && !test.answers.node().IsNull()) bind_yaml_answers(test.answers.node(), *intake, sink);
      intake->set_date(test.date);
      std::vector<std::string_view> rule_ids;
      for (const auto& info : out_.infos) rule_ids.push_back(info.id);
      for (auto [ids, spots] : {std::pair{&test.rules, &test.rules_at}, std::pair{&test.advice, &test.advice_at}}) {
        if (!*ids) continue;
        for (std::size_t i = 0; i < (*ids)->size(); ++i) {
          const std::string& id = (**ids)[i];
          if (std::find(rule_ids.begin(), rule_ids.end(), id) != rule_ids.end()) continue;
          report((*spots)[i], codes::ruleset_test_unknown_rule,
                 "test '" + test.name + "' expects rule '" + id + "', which is not an active rule" +
                     did_you_mean(util::closest_match(id, rule_ids).value_or("")));
        }
      }
      if (test.unanswered) {
        for (std::size_t i = 0; i < test.unanswered->size(); ++i) {
          const std::string& id = (*test.unanswered)[i];
          if (out_.catalogue->find(id)) continue;
          report(test.unanswered_at[i], codes::ruleset_test_unknown_question,
                 "test '" + test.name + "' expects unknown question '" + id + "'" +
                     did_you_mean(out_.catalogue->suggest(id)));
        }
      }
      CompiledTest compiled{std::move(test), std::move(intake), {}};
      compiled.where =
          make_diagnostic(Severity::error, "", "", model_.files[0], compiled.def.at.offset, compiled.def.at.length)
              .where;
      out_.tests.push_back(std::move(compiled));
    }
  }

  RuleSetModel& model_;
  CompiledRuleSet& out_;
  std::vector<Diagnostic>& diagnostics_;
  expr::ProgramBuilder builder_;
  expr::ConstantFolder constants_;
  expr::Environment env_;
  std::set<std::uint32_t> used_sets_;
};

}  // namespace

void render_json_fragments(CompiledRuleSet& rs) {
  const std::size_t languages = rs.languages.size();
  rs.reason_heads.assign(rs.infos.size() * languages * 2, std::string());
  rs.message_json.assign(rs.infos.size() * languages, std::string());
  for (std::uint32_t r = 0; r < rs.infos.size(); ++r) {
    const RuleInfo& info = rs.infos[r];
    for (std::size_t l = 0; l < languages; ++l) {
      const std::string_view message = rule_message(rs, r, l);
      json::append_string(rs.message_json[r * languages + l], message);
      for (const bool undecided : {false, true}) {
        json::append_reason_head(rs.reason_heads[rs.json_index(r, l, undecided)],
                                 {info.id, reason_verdict(info.action, undecided), undecided, message, info.questions,
                                  std::nullopt, {}});
      }
    }
  }
  rs.ruleset_json.clear();
  json::append_ruleset_identity(rs.ruleset_json, rs.id, rs.version, rs.sha256);
}

std::shared_ptr<const CompiledRuleSet> compile_ruleset(RuleSetModel model, std::shared_ptr<const Catalogue> catalogue,
                                                       std::vector<Diagnostic>& diagnostics) {
  auto out = std::make_shared<CompiledRuleSet>();
  out->catalogue = std::move(catalogue);
  out->id = model.id;
  out->version = model.version;
  out->treatment = model.treatment;
  out->description = model.description;
  out->languages = model.languages;
  out->sha256 = util::sha256_hex(canonical_content(model, *out->catalogue));
  const std::size_t errors_before = static_cast<std::size_t>(std::count_if(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
  RuleSetCompiler compiler(model, *out, diagnostics);
  compiler.run();
  render_json_fragments(*out);
  out->value_sets = model.value_sets;
  out->files = std::move(model.files);
  out->directory = std::move(model.directory);
  const std::size_t errors_after = static_cast<std::size_t>(std::count_if(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
  if (errors_after != errors_before) return nullptr;
  return out;
}

}  // namespace contrascreen::detail
