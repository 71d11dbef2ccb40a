// The policy sheet in document order (sheet_emitter.hpp): what each part says and in which
// words; the emitter lays it out. Templates with places ({0}) are expanded here, so that a
// language puts a quoted prompt or a piece of code where its word order wants it.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_emitter.hpp"
#include "ruleset/sheet/sheet_model.hpp"
#include "ruleset/sheet/sheet_text.hpp"

namespace contrascreen::sheet {
namespace {

using S = SheetWords;
using Part = std::function<void()>;

class Walker {
 public:
  Walker(const SheetModel& sheet, SheetEmitter& out) : sheet_(sheet), out_(out), language_(sheet.words_language) {}

  std::string run() {
    header();
    for (const RuleAction action : {RuleAction::refuse, RuleAction::refer, RuleAction::inform}) group(action);
    removed();
    questions();
    value_sets();
    coverage();
    return out_.finish();
  }

 private:
  std::string_view w(S key) const { return words(key, language_); }
  std::string said(S key, std::initializer_list<std::string_view> parts) const { return fill(w(key), parts); }
  Forms forms(S capital) const { return {w(capital), w(static_cast<S>(static_cast<std::size_t>(capital) + 1))}; }

  // Writes the template `text`, each {n} by parts[n] and the words between as text.
  void say(std::string_view text, std::initializer_list<Part> parts) {
    std::size_t run = 0;
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
      if (text[i] != '{' || text[i + 2] != '}' || text[i + 1] < '0') continue;
      const auto n = static_cast<std::size_t>(text[i + 1] - '0');
      if (n >= parts.size()) continue;
      if (i > run) out_.text(text.substr(run, i - run));
      (*(parts.begin() + static_cast<std::ptrdiff_t>(n)))();
      run = i + 3;
      i += 2;
    }
    if (run < text.size()) out_.text(text.substr(run));
  }

  void phrase(const Phrase& p) {
    for (const Segment& s : p.segments) {
      switch (s.kind) {
        case Segment::Kind::words:
          out_.text(s.text);
          break;
        case Segment::Kind::prompt:
          out_.quoted(s.text, Quote::prompt);
          break;
        case Segment::Kind::label:
          out_.quoted(s.text, Quote::label);
          break;
        case Segment::Kind::text:
          out_.quoted(s.text, Quote::text);
          break;
        case Segment::Kind::set_name:
          out_.set_name(s.text);
          break;
        case Segment::Kind::raw:
          out_.raw_syntax(s.text);
          break;
      }
    }
  }

  void row(std::string_view name, std::string_view value) {
    out_.begin_row(name);
    out_.text(value);
    out_.end_row();
  }

  void header() {
    out_.begin_document(language_, said(S::id_version, {said(S::title, {sheet_.id}), sheet_.version}),
                        said(S::title, {sheet_.id}));
    if (!sheet_.description.empty()) out_.description(sheet_.description);
    out_.begin_table(Table::identity);
    row(w(S::rule_set), sheet_.id);
    row(w(S::version), sheet_.version);
    row(w(S::treatment), sheet_.treatment.empty() ? w(S::not_given) : std::string_view(sheet_.treatment));
    out_.begin_row(w(S::sha256));
    out_.code(sheet_.sha256);
    out_.end_row();
    out_.begin_row(w(S::loaded_from));
    for (std::size_t f = 0; f < sheet_.files.size(); ++f) {
      if (f == 0) {
        out_.code(sheet_.files[f]);
        continue;
      }
      out_.line_break();
      say(w(S::extends), {[&] { out_.code(sheet_.files[f]); }});
    }
    out_.end_row();
    std::string languages;
    for (std::size_t l = 0; l < sheet_.languages.size(); ++l)
      languages += (l == 0 ? std::string() : ", ") +
                   (l == 0 ? said(S::default_language, {sheet_.languages[l]}) : sheet_.languages[l]);
    row(w(S::languages), languages);
    row(w(S::catalogue), said(S::id_version, {sheet_.catalogue_id, sheet_.catalogue_version}));
    if (sheet_.base) {
      out_.begin_row(w(S::compared_with));
      out_.text(said(sheet_.base->extended ? S::base_version_extended : S::base_version,
                     {sheet_.base->id, sheet_.base->version}));
      out_.line_break();
      out_.code(sheet_.base->file);
      out_.line_break();
      out_.text(std::string(w(S::sha256)) + " ");
      out_.code(sheet_.base->sha256);
      out_.end_row();
    }
    row(w(S::generated), sheet_.generated);
    out_.end_table();
    out_.end_header();

    out_.begin_section(w(S::how_to_read));
    paragraph(reading_guide(sheet_));
    paragraph(summary(sheet_));
    if (!sheet_.failing.empty()) {
      out_.begin_paragraph(Paragraph::flag, w(S::failing_tests));
      for (std::size_t i = 0; i < sheet_.failing.size(); ++i) {
        if (i > 0) out_.text("; ");
        out_.text(sheet_.failing[i]);
      }
      out_.end_paragraph();
    }
    if (const std::string warning = fallback_warning(sheet_); !warning.empty()) {
      out_.begin_paragraph(Paragraph::flag);
      out_.text(warning);
      out_.end_paragraph();
    }
    out_.end_section();

    out_.begin_section(w(S::signoff), true);
    paragraph(signoff_statement(sheet_));
    out_.begin_table(Table::fields);
    for (const S field : {S::name, S::role, S::date, S::signature}) row(w(field), "");
    out_.end_table();
    out_.end_section();
  }

  void paragraph(std::string_view text) {
    out_.begin_paragraph(Paragraph::plain);
    out_.text(text);
    out_.end_paragraph();
  }

  // The test names in one paragraph, each quoted: a rule's block stays short enough that
  // several fit on a printed page.
  void names(S lead, const std::vector<std::string>& tests) {
    out_.begin_paragraph(Paragraph::tests, w(lead));
    if (tests.empty()) out_.text(w(S::none));
    for (std::size_t i = 0; i < tests.size(); ++i) {
      if (i > 0) out_.text("; ");
      out_.quoted(tests[i], Quote::name);
    }
    out_.end_paragraph();
  }

  // A condition and its end date, in one table cell or sentence.
  void condition(const SheetRule& rule) {
    phrase(rule.when);
    if (!rule.until) return;
    const bool capital = out_.begin_aside(Aside::bold_lead);
    out_.aside_lead(capital ? w(S::until) : w(S::until_lower));
    phrase(*rule.until);
    out_.end_aside(Aside::bold_lead);
  }

  void rule(const SheetRule& r, const std::optional<BaseComparison>& against) {
    out_.begin_rule(r.id, r.action, decision_word(r.action, language_),
                    against ? standing(against->status, sheet_.base->extended, language_) : std::string_view(), false);
    out_.begin_paragraph(Paragraph::plain, condition_lead(r.action, language_));
    phrase(r.when);
    out_.text(".");
    out_.end_paragraph();
    if (r.until) {
      out_.begin_paragraph(Paragraph::plain, w(S::until));
      phrase(*r.until);
      out_.text(until_tail(r.action, language_));
      out_.end_paragraph();
    }
    if (against && against->status == RuleStatus::changed && against->base) {
      paragraph(said(S::changed_from_base, {changed_parts(against->differences, language_)}));
      out_.begin_table(Table::side_by_side, {{sheet_.base->id, sheet_.base->id}, {sheet_.id, sheet_.id}});
      out_.begin_cells();
      for (const SheetRule* side : {&*against->base, &r}) {
        if (side == &r) out_.next_cell();
        out_.decision(side->action, decision_word(side->action, language_));
        out_.text(" ");
        condition(*side);
      }
      out_.end_row();
      out_.end_table();
    }
    out_.begin_table(Table::messages);
    for (const std::string& language : sheet_.languages) row(said(S::message, {language}), r.message.in(language));
    row(w(S::source), r.source);
    out_.end_table();
    if (r.fires.empty()) {
      out_.begin_paragraph(Paragraph::flag);
      out_.text(w(S::no_test_fires));
      out_.end_paragraph();
    }
    names(S::fires_in, r.fires);
    if (r.action != RuleAction::inform) names(S::undecided_in, r.undecided);
    out_.begin_paragraph(Paragraph::small);
    const Part when = [&] { out_.code(r.when_text); };
    const Part at = [&] { out_.text(r.defined_at); };
    if (r.until_text.empty())
      say(w(S::as_written), {when, at});
    else
      say(w(S::as_written_until), {when, [&] { out_.code(r.until_text); }, at});
    out_.end_paragraph();
    out_.end_rule();
  }

  void group(RuleAction action) {
    std::size_t n = 0;
    for (const SheetRule& r : sheet_.rules) n += r.action == action ? 1 : 0;
    if (n == 0) return;
    out_.begin_section(said(S::group, {group_title(action, language_), count(n, S::rules_one, language_)}));
    for (std::size_t i = 0; i < sheet_.rules.size(); ++i)
      if (sheet_.rules[i].action == action)
        rule(sheet_.rules[i], sheet_.base ? sheet_.against_base[i] : std::optional<BaseComparison>());
    out_.end_section();
  }

  void removed() {
    if (!sheet_.base || sheet_.removed.empty()) return;
    const bool extended = sheet_.base->extended;
    out_.begin_section(w(extended ? S::removed_title_extended : S::removed_title_other));
    for (const BaseComparison& entry : sheet_.removed) {
      if (!entry.base) continue;
      const SheetRule& r = *entry.base;
      out_.begin_rule(r.id, r.action, decision_word(r.action, language_),
                      standing(RuleStatus::removed, extended, language_), true);
      out_.begin_paragraph(Paragraph::plain);
      say(w(S::removed_rule), {[&] { out_.text(sheet_.base->id); },
                               [&] {
                                 out_.disabled_lead(r.action, condition_lead(r.action, language_),
                                                    decision_word(r.action, language_));
                                 condition(r);
                               }});
      out_.end_paragraph();
      out_.end_rule();
    }
    out_.end_section();
  }

  std::string_view type_name(QuestionType type) const {
    switch (type) {
      case QuestionType::boolean:
        return w(S::type_bool);
      case QuestionType::number:
        return w(S::type_number);
      case QuestionType::enumeration:
        return w(S::type_enum);
      case QuestionType::list:
        return w(S::type_list);
      case QuestionType::date:
        return w(S::type_date);
    }
    return to_string(type);
  }

  void questions() {
    out_.begin_section(w(S::questions_title));
    paragraph(w(S::questions_intro));
    out_.begin_list();
    for (const SheetQuestion& q : sheet_.questions) {
      const Question& question = *q.question;
      out_.begin_item(q.depth);
      out_.quoted(sheet_.language.text(question.prompt), Quote::prompt);
      out_.text(" ");
      out_.code(question.id);
      out_.text(", ");
      out_.text(type_name(question.type));
      if (!question.unit.empty())
        out_.text(" (" + std::string(question.unit == "years" ? w(S::unit_years) : question.unit) + ")");
      if (!question.values.empty()) {
        out_.text(": ");
        for (std::size_t v = 0; v < question.values.size(); ++v) {
          if (v > 0) out_.text(", ");
          out_.quoted(sheet_.language.text(question.values[v].label), Quote::label);
        }
      }
      if (q.parent != nullptr) {
        const bool capital = out_.begin_aside(Aside::plain);
        say(capital ? w(S::follow_up) : w(S::follow_up_lower),
            {[&] { out_.quoted(sheet_.language.text(q.parent->prompt), Quote::prompt); },
             [&] {
               for (std::size_t a = 0; a < q.enabled_by.size(); ++a) {
                 if (a > 0)
                   out_.text(words(a + 1 == q.enabled_by.size() ? Words::or_last : Words::separator, language_));
                 out_.quoted(q.enabled_by[a], Quote::label);
               }
             }});
        out_.end_aside(Aside::plain);
      }
      const bool capital = out_.begin_aside(Aside::small);
      const std::string rules =
          q.read_by.empty() ? std::string(w(S::read_by_until)) : join(q.read_by, Words::separator, language_);
      out_.text(said(capital ? S::read_by : S::read_by_lower, {rules}));
      out_.end_aside(Aside::small);
      out_.end_item();
    }
    out_.end_list();
    out_.end_section();
  }

  void value_sets() {
    if (sheet_.value_sets.empty()) return;
    out_.begin_section(w(S::value_sets_title));
    out_.begin_table(Table::value_sets, {forms(S::column_value_set), forms(S::column_members)});
    for (const SheetValueSet& set : sheet_.value_sets) {
      out_.begin_named_row(set.name, set.used_by.empty()
                                         ? std::string(w(S::not_used))
                                         : said(S::used_by, {join(set.used_by, Words::separator, language_)}));
      std::string members;
      for (std::size_t m = 0; m < set.members.size(); ++m) members += (m == 0 ? "" : ", ") + set.members[m];
      out_.text(members);
      out_.end_row();
    }
    out_.end_table();
    out_.end_section();
  }

  void coverage() {
    out_.begin_section(w(S::coverage_title));
    paragraph(summary(sheet_));
    out_.begin_table(Table::coverage, {forms(S::column_rule), forms(S::column_decision), forms(S::column_fires),
                                       forms(S::column_undecided)});
    for (const SheetRule& r : sheet_.rules) {
      out_.begin_cells(r.fires.empty());
      out_.text(r.id);
      out_.next_cell();
      out_.text(decision_word(r.action, language_));
      out_.next_cell();
      if (r.fires.empty())
        out_.flag_text(w(S::coverage_none));
      else
        out_.text(std::to_string(r.fires.size()));
      out_.next_cell();
      out_.text(std::to_string(r.undecided.size()));
      out_.end_row();
    }
    out_.end_table();
    out_.end_section();
  }

  const SheetModel& sheet_;
  SheetEmitter& out_;
  std::string_view language_;
};

}  // namespace

std::string walk_sheet(const SheetModel& sheet, SheetEmitter& emitter) {
  return Walker(sheet, emitter).run();
}

}  // namespace contrascreen::sheet
