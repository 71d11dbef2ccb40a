// The sheet as Markdown (CommonMark with GitHub tables), saying what the HTML sheet says.
// Text from inputs is escaped (util/markup.hpp) and never starts a line.
#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_model.hpp"
#include "ruleset/sheet/sheet_text.hpp"
#include "util/markup.hpp"
#include "util/printable.hpp"

namespace contrascreen::sheet {
namespace {

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const SheetModel& sheet) : sheet_(sheet) {}

  std::string run() {
    header();
    for (const RuleAction action : {RuleAction::refuse, RuleAction::refer, RuleAction::inform}) group(action);
    removed();
    questions();
    value_sets();
    coverage();
    return std::move(out_);
  }

 private:
  void raw(std::string_view s) { out_ += s; }
  void text(std::string_view s) { util::append_markdown(out_, s); }
  void quoted(std::string_view s) {
    raw("\u201c");
    text(s);
    raw("\u201d");
  }
  // Inline code: the printable text between enough backticks that none inside closes it.
  // In a table cell a `|` ends the cell even inside a code span unless escaped (GFM).
  void code(std::string_view s, bool in_table = false) {
    std::string shown = util::printable(s);
    if (in_table) {
      for (std::size_t i = shown.find('|'); i != std::string::npos; i = shown.find('|', i + 2))
        shown.insert(i, 1, '\\');
    }
    const bool tick = shown.find('`') != std::string::npos;
    raw(tick ? "`` " : "`");
    raw(shown);
    raw(tick ? " ``" : "`");
  }

  void phrase(const Phrase& p) {
    for (const Segment& s : p.segments) {
      switch (s.kind) {
        case Segment::Kind::words:
          text(s.text);
          break;
        case Segment::Kind::prompt:
        case Segment::Kind::label:
        case Segment::Kind::text:
          quoted(s.text);
          break;
        case Segment::Kind::set_name:
          raw("*");
          text(s.text);
          raw("*");
          break;
        case Segment::Kind::raw:
          code(s.text);
          break;
      }
    }
  }

  void row(std::string_view name, std::string_view value) {
    raw("| ");
    text(name);
    raw(" | ");
    text(value);
    raw(" |\n");
  }

  void header() {
    raw("# Policy sheet: ");
    text(sheet_.id);
    raw("\n\n");
    if (!sheet_.description.empty()) {
      raw("> ");
      text(sheet_.description);
      raw("\n\n");
    }
    raw("| | |\n|---|---|\n");
    row("Rule set", sheet_.id);
    row("Version", sheet_.version);
    row("Treatment", sheet_.treatment.empty() ? "(not given)" : sheet_.treatment);
    raw("| sha256 | ");
    code(sheet_.sha256, true);
    raw(" |\n| Loaded from | ");
    for (std::size_t f = 0; f < sheet_.files.size(); ++f) {
      if (f > 0) raw(", extends ");
      code(sheet_.files[f], true);
    }
    raw(" |\n");
    std::string languages;
    for (std::size_t l = 0; l < sheet_.languages.size(); ++l)
      languages += (l == 0 ? "" : ", ") + sheet_.languages[l] + (l == 0 ? " (default)" : "");
    row("Languages", languages);
    row("Question catalogue", sheet_.catalogue);
    if (sheet_.base) {
      raw("| Compared with | ");
      text(sheet_.base->id + " version " + sheet_.base->version + (sheet_.base->extended ? ", which it extends" : ""));
      raw(", ");
      code(sheet_.base->file, true);
      raw(", sha256 ");
      code(sheet_.base->sha256, true);
      raw(" |\n");
    }
    row("Generated", sheet_.generated);
    raw("\n## How to read this sheet\n\n");
    text(reading_guide(sheet_));
    raw("\n\n");
    text(summary(sheet_));
    raw("\n\n");
    if (!sheet_.failing.empty()) {
      raw("**Failing tests:** ");
      for (std::size_t i = 0; i < sheet_.failing.size(); ++i) {
        if (i > 0) raw("; ");
        text(sheet_.failing[i]);
      }
      raw("\n\n");
    }
    if (const std::string warning = fallback_warning(sheet_); !warning.empty()) {
      raw("**");
      text(warning);
      raw("**\n\n");
    }
    raw("## Sign-off\n\n");
    text(signoff_statement(sheet_));
    raw("\n\n| | |\n|---|---|\n");
    for (const std::string_view field : {"Name", "Role", "Date", "Signature"}) {
      raw("| ");
      raw(field);
      raw(" | |\n");
    }
    raw("\n");
  }

  void names(std::string_view lead, const std::vector<std::string>& tests) {
    raw("**");
    raw(lead);
    raw("** ");
    if (tests.empty()) raw("none");
    for (std::size_t i = 0; i < tests.size(); ++i) {
      if (i > 0) raw("; ");
      quoted(tests[i]);
    }
    raw("\n\n");
  }

  void condition(const SheetRule& r) {
    raw("**");
    raw(to_string(r.action));
    raw("** ");
    phrase(r.when);
    if (r.until) {
      raw("; **until** ");
      phrase(*r.until);
    }
  }

  void rule(const SheetRule& r, const std::optional<BaseComparison>& against) {
    raw("### ");
    code(r.id);
    raw(" (");
    raw(to_string(r.action));
    if (against) {
      raw(", ");
      raw(standing(against->status, sheet_.base->extended));
    }
    raw(")\n\n**");
    raw(condition_lead(r.action));
    raw("** ");
    phrase(r.when);
    raw(".\n\n");
    if (r.until) {
      raw("**Until** ");
      phrase(*r.until);
      raw(until_tail(r.action));
      raw("\n\n");
    }
    if (against && against->status == RuleStatus::changed && against->base) {
      raw("Changed from the base: ");
      text(changed_parts(against->differences));
      raw(".\n\n| ");
      text(sheet_.base->id);
      raw(" | ");
      text(sheet_.id);
      raw(" |\n|---|---|\n| ");
      condition(*against->base);
      raw(" | ");
      condition(r);
      raw(" |\n\n");
    }
    raw("| | |\n|---|---|\n");
    for (const std::string& language : sheet_.languages) row("Message (" + language + ")", r.message.in(language));
    row("Source", r.source);
    raw("\n");
    if (r.fires.empty()) raw("**No test makes this rule fire.**\n\n");
    names("Fires in the tests:", r.fires);
    if (r.action != RuleAction::inform) names("Stays undecided (refers) in the tests:", r.undecided);
    raw("As written: ");
    code(r.when_text);
    if (!r.until_text.empty()) {
      raw(", until ");
      code(r.until_text);
    }
    raw(" (");
    text(r.defined_at);
    raw(")\n\n");
  }

  void group(RuleAction action) {
    std::size_t n = 0;
    for (const SheetRule& r : sheet_.rules) n += r.action == action ? 1 : 0;
    if (n == 0) return;
    raw("## ");
    text(std::string(group_title(action)) + ": " + std::to_string(n) + (n == 1 ? " rule" : " rules"));
    raw("\n\n");
    for (std::size_t i = 0; i < sheet_.rules.size(); ++i)
      if (sheet_.rules[i].action == action)
        rule(sheet_.rules[i], sheet_.base ? sheet_.against_base[i] : std::optional<BaseComparison>());
  }

  void removed() {
    if (!sheet_.base || sheet_.removed.empty()) return;
    raw(sheet_.base->extended ? "## Rules of the base disabled here\n\n" : "## Rules only in the base\n\n");
    for (const BaseComparison& entry : sheet_.removed) {
      if (!entry.base) continue;
      raw("### ");
      code(entry.base->id);
      raw(" (");
      raw(standing(RuleStatus::removed, sheet_.base->extended));
      raw(")\n\nIn ");
      text(sheet_.base->id);
      raw(": ");
      condition(*entry.base);
      raw(". This rule set does not apply it.\n\n");
    }
  }

  void questions() {
    raw("## Questions the form must ask\n\nIn form order; a follow-up is asked only after one of the answers "
        "named.\n\n");
    std::size_t number = 0;
    for (const SheetQuestion& q : sheet_.questions) {
      raw(std::string(q.depth * 4, ' '));
      raw(q.depth == 0 ? std::to_string(++number) + ". " : "- ");
      quoted(sheet_.language.text(q.question->prompt));
      raw(" ");
      code(q.question->id);
      raw(", ");
      raw(to_string(q.question->type));
      if (!q.question->unit.empty()) text(" (" + q.question->unit + ")");
      if (!q.question->values.empty()) {
        raw(": ");
        for (std::size_t v = 0; v < q.question->values.size(); ++v) {
          if (v > 0) raw(", ");
          quoted(sheet_.language.text(q.question->values[v].label));
        }
      }
      if (q.parent != nullptr) {
        raw("; follow-up of ");
        quoted(sheet_.language.text(q.parent->prompt));
        raw(", asked when the answer is ");
        for (std::size_t a = 0; a < q.enabled_by.size(); ++a) {
          if (a > 0) raw(a + 1 == q.enabled_by.size() ? " or " : ", ");
          quoted(q.enabled_by[a]);
        }
      }
      std::string rules;
      for (std::size_t r = 0; r < q.read_by.size(); ++r) rules += (r == 0 ? "" : ", ") + q.read_by[r];
      raw("; read by: ");
      text(rules.empty() ? "the end date (until) of a rule" : rules);
      raw("\n");
    }
    raw("\n");
  }

  void value_sets() {
    if (sheet_.value_sets.empty()) return;
    raw("## Value sets\n\n| value set | members |\n|---|---|\n");
    for (const SheetValueSet& set : sheet_.value_sets) {
      raw("| *");
      text(set.name);
      raw("* (");
      std::string used;
      for (std::size_t r = 0; r < set.used_by.size(); ++r) used += (r == 0 ? "" : ", ") + set.used_by[r];
      text(used.empty() ? "not used by any rule" : "used by " + used);
      raw(") | ");
      std::string members;
      for (std::size_t m = 0; m < set.members.size(); ++m) members += (m == 0 ? "" : ", ") + set.members[m];
      text(members);
      raw(" |\n");
    }
    raw("\n");
  }

  void coverage() {
    raw("## Test coverage\n\n");
    text(summary(sheet_));
    raw("\n\n| rule | decision | tests in which it fires | undecided in |\n|---|---|---|---|\n");
    for (const SheetRule& r : sheet_.rules) {
      raw("| ");
      text(r.id);
      raw(" | ");
      raw(to_string(r.action));
      raw(" | ");
      raw(r.fires.empty() ? "**none: no test makes it fire**" : std::to_string(r.fires.size()));
      raw(" | ");
      raw(std::to_string(r.undecided.size()));
      raw(" |\n");
    }
  }

  const SheetModel& sheet_;
  std::string out_;
};

}  // namespace

std::string render_markdown(const SheetModel& sheet) {
  return MarkdownWriter(sheet).run();
}

}  // namespace contrascreen::sheet
