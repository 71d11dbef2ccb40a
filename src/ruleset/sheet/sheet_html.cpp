// The sheet as one HTML document: inline CSS (screen and A4 print), no script, no external
// resource. Everything that comes from the rule set, the catalogue or a file name is escaped
// (util/markup.hpp).
#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_model.hpp"
#include "ruleset/sheet/sheet_text.hpp"
#include "util/markup.hpp"

namespace contrascreen::sheet {
namespace {

constexpr std::string_view style = R"(
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
body { font: 10.5pt/1.45 "DejaVu Serif", Georgia, serif; color: #111; max-width: 52em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .3em; }
h2 { font-size: 14pt; border-bottom: 1px solid #888; margin: 1.6em 0 .6em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0 0 .3em; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em; border: 1px solid #bbb; }
th { background: #f0f0f0; width: 11em; font-weight: 600; }
code { font: 9pt "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.prompt, .label, .text { font-style: italic; }
.raw { color: #a00; }
.rule { border: 1px solid #999; border-left-width: 6px; padding: .5em .8em; margin: .8em 0; break-inside: avoid; page-break-inside: avoid; }
.rule.refuse { border-left-color: #b00; }
.rule.refer { border-left-color: #d80; }
.rule.inform { border-left-color: #36c; }
.badge { font: 600 8.5pt sans-serif; text-transform: uppercase; padding: .1em .45em; border-radius: 3px; color: #fff; }
.badge.refuse { background: #b00; } .badge.refer { background: #c70; } .badge.inform { background: #36c; }
.standing { font: 8.5pt sans-serif; border: 1px solid #666; padding: .05em .4em; border-radius: 3px; margin-left: .4em; }
.flag { color: #a00; font-weight: 600; }
.small { font-size: 9pt; color: #444; }
.signoff { break-after: page; page-break-after: always; }
.signoff td { height: 2.4em; }
.side th { width: 50%; }
p { margin: .35em 0; }
.tests { font-size: 9.5pt; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
)";

class HtmlWriter {
 public:
  explicit HtmlWriter(const SheetModel& sheet) : sheet_(sheet) {}

  std::string run() {
    raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Policy sheet: ");
    text(sheet_.id);
    raw(" (version ");
    text(sheet_.version);
    raw(")</title>\n<style>");
    raw(style);
    raw("</style>\n</head>\n<body>\n");
    header();
    for (const RuleAction action : {RuleAction::refuse, RuleAction::refer, RuleAction::inform}) group(action);
    removed();
    questions();
    value_sets();
    coverage();
    raw("</body>\n</html>\n");
    return std::move(out_);
  }

 private:
  void raw(std::string_view s) { out_ += s; }
  void text(std::string_view s) { util::append_html(out_, s); }
  void element(std::string_view tag, std::string_view content) {
    raw("<");
    raw(tag);
    raw(">");
    text(content);
    raw("</");
    raw(tag.substr(0, tag.find(' ')));
    raw(">");
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
          raw(s.kind == Segment::Kind::prompt  ? "<span class=\"prompt\">\u201c"
              : s.kind == Segment::Kind::label ? "<span class=\"label\">\u201c"
                                               : "<span class=\"text\">\u201c");
          text(s.text);
          raw("\u201d</span>");
          break;
        case Segment::Kind::set_name:
          element("em class=\"set\"", s.text);
          break;
        case Segment::Kind::raw:
          element("code class=\"raw\"", s.text);
          break;
      }
    }
  }

  void row(std::string_view name, std::string_view value) {
    raw("<tr><th>");
    text(name);
    raw("</th><td>");
    text(value);
    raw("</td></tr>\n");
  }

  void header() {
    raw("<header>\n<h1>Policy sheet: ");
    text(sheet_.id);
    raw("</h1>\n");
    if (!sheet_.description.empty()) {
      element("p", sheet_.description);
      raw("\n");
    }
    raw("<table class=\"identity\">\n");
    row("Rule set", sheet_.id);
    row("Version", sheet_.version);
    row("Treatment", sheet_.treatment.empty() ? "(not given)" : sheet_.treatment);
    raw("<tr><th>sha256</th><td><code>");
    text(sheet_.sha256);
    raw("</code></td></tr>\n<tr><th>Loaded from</th><td>");
    for (std::size_t f = 0; f < sheet_.files.size(); ++f) {
      if (f > 0) raw("<br>extends ");
      element("code", sheet_.files[f]);
    }
    raw("</td></tr>\n");
    std::string languages;
    for (std::size_t l = 0; l < sheet_.languages.size(); ++l)
      languages += (l == 0 ? "" : ", ") + sheet_.languages[l] + (l == 0 ? " (default)" : "");
    row("Languages", languages);
    row("Question catalogue", sheet_.catalogue);
    if (sheet_.base) {
      raw("<tr><th>Compared with</th><td>");
      text(sheet_.base->id + " version " + sheet_.base->version + (sheet_.base->extended ? ", which it extends" : ""));
      raw("<br><code>");
      text(sheet_.base->file);
      raw("</code><br>sha256 <code>");
      text(sheet_.base->sha256);
      raw("</code></td></tr>\n");
    }
    row("Generated", sheet_.generated);
    raw("</table>\n</header>\n<section>\n<h2>How to read this sheet</h2>\n");
    element("p", reading_guide(sheet_));
    raw("\n");
    element("p", summary(sheet_));
    raw("\n");
    if (!sheet_.failing.empty()) {
      raw("<p class=\"flag\">Failing tests: ");
      for (std::size_t i = 0; i < sheet_.failing.size(); ++i) {
        if (i > 0) raw("; ");
        text(sheet_.failing[i]);
      }
      raw("</p>\n");
    }
    if (const std::string warning = fallback_warning(sheet_); !warning.empty()) element("p class=\"flag\"", warning);
    raw("</section>\n<section class=\"signoff\">\n<h2>Sign-off</h2>\n");
    element("p", signoff_statement(sheet_));
    raw("\n<table>\n");
    for (const std::string_view field : {"Name", "Role", "Date", "Signature"}) row(field, "");
    raw("</table>\n</section>\n");
  }

  // The test names in one paragraph, each quoted: a rule's block stays short enough that
  // several fit on a printed page.
  void names(std::string_view lead, const std::vector<std::string>& tests) {
    raw("<p class=\"tests\"><b>");
    text(lead);
    raw("</b> ");
    if (tests.empty()) raw("none");
    for (std::size_t i = 0; i < tests.size(); ++i) {
      if (i > 0) raw("; ");
      raw("\u201c");
      text(tests[i]);
      raw("\u201d");
    }
    raw("</p>\n");
  }

  void condition(const SheetRule& rule) {
    phrase(rule.when);
    if (rule.until) {
      raw("<br><b>Until</b> ");
      phrase(*rule.until);
    }
  }

  void rule(const SheetRule& r, const std::optional<BaseComparison>& against) {
    const std::string_view action = to_string(r.action);
    raw("<article class=\"rule ");
    raw(action);
    raw("\" id=\"rule-");
    text(r.id);
    raw("\">\n<h3>");
    text(r.id);
    raw(" <span class=\"badge ");
    raw(action);
    raw("\">");
    raw(action);
    raw("</span>");
    if (against) element("span class=\"standing\"", standing(against->status, sheet_.base->extended));
    raw("</h3>\n<p><b>");
    text(condition_lead(r.action));
    raw("</b> ");
    phrase(r.when);
    raw(".</p>\n");
    if (r.until) {
      raw("<p><b>Until</b> ");
      phrase(*r.until);
      text(until_tail(r.action));
      raw("</p>\n");
    }
    if (against && against->status == RuleStatus::changed && against->base) {
      raw("<p>Changed from the base: ");
      text(changed_parts(against->differences));
      raw(".</p>\n<table class=\"side\"><tr><th>");
      text(sheet_.base->id);
      raw("</th><th>");
      text(sheet_.id);
      raw("</th></tr>\n<tr><td><span class=\"badge ");
      raw(to_string(against->base->action));
      raw("\">");
      raw(to_string(against->base->action));
      raw("</span> ");
      condition(*against->base);
      raw("</td><td><span class=\"badge ");
      raw(action);
      raw("\">");
      raw(action);
      raw("</span> ");
      condition(r);
      raw("</td></tr>\n</table>\n");
    }
    raw("<table class=\"messages\">\n");
    for (const std::string& language : sheet_.languages) row("Message (" + language + ")", r.message.in(language));
    row("Source", r.source);
    raw("</table>\n");
    if (r.fires.empty()) raw("<p class=\"flag\">No test makes this rule fire.</p>\n");
    names("Fires in the tests:", r.fires);
    if (r.action != RuleAction::inform) names("Stays undecided (refers) in the tests:", r.undecided);
    raw("<p class=\"small\">As written: <code>");
    text(r.when_text);
    raw("</code>");
    if (!r.until_text.empty()) {
      raw(", until <code>");
      text(r.until_text);
      raw("</code>");
    }
    raw(" (");
    text(r.defined_at);
    raw(")</p>\n</article>\n");
  }

  void group(RuleAction action) {
    std::size_t n = 0;
    for (const SheetRule& r : sheet_.rules) n += r.action == action ? 1 : 0;
    if (n == 0) return;
    raw("<section>\n<h2>");
    text(std::string(group_title(action)) + ": " + std::to_string(n) + (n == 1 ? " rule" : " rules"));
    raw("</h2>\n");
    for (std::size_t i = 0; i < sheet_.rules.size(); ++i)
      if (sheet_.rules[i].action == action)
        rule(sheet_.rules[i], sheet_.base ? sheet_.against_base[i] : std::optional<BaseComparison>());
    raw("</section>\n");
  }

  void removed() {
    if (!sheet_.base || sheet_.removed.empty()) return;
    raw("<section>\n<h2>");
    text(sheet_.base->extended ? "Rules of the base disabled here" : "Rules only in the base");
    raw("</h2>\n");
    for (const BaseComparison& entry : sheet_.removed) {
      if (!entry.base) continue;
      const SheetRule& r = *entry.base;
      raw("<article class=\"rule ");
      raw(to_string(r.action));
      raw("\">\n<h3>");
      text(r.id);
      raw(" <span class=\"badge ");
      raw(to_string(r.action));
      raw("\">");
      raw(to_string(r.action));
      raw("</span>");
      element("span class=\"standing\"", standing(RuleStatus::removed, sheet_.base->extended));
      raw("</h3>\n<p>In ");
      text(sheet_.base->id);
      raw(": <b>");
      text(condition_lead(r.action));
      raw("</b> ");
      condition(r);
      raw(". This rule set does not apply it.</p>\n</article>\n");
    }
    raw("</section>\n");
  }

  void questions() {
    raw("<section>\n<h2>Questions the form must ask</h2>\n<p>In form order; a follow-up is asked only after one of "
        "the answers named.</p>\n<ol>\n");
    for (const SheetQuestion& q : sheet_.questions) {
      raw("<li");
      if (q.depth > 0) raw(" style=\"margin-left: " + std::to_string(q.depth * 2) + "em\"");
      raw("><span class=\"prompt\">\u201c");
      text(sheet_.language.text(q.question->prompt));
      raw("\u201d</span> <code>");
      text(q.question->id);
      raw("</code>, ");
      text(to_string(q.question->type));
      if (!q.question->unit.empty()) text(" (" + q.question->unit + ")");
      if (!q.question->values.empty()) {
        raw(": ");
        for (std::size_t v = 0; v < q.question->values.size(); ++v) {
          if (v > 0) raw(", ");
          raw("<span class=\"label\">\u201c");
          text(sheet_.language.text(q.question->values[v].label));
          raw("\u201d</span>");
        }
      }
      if (q.parent != nullptr) {
        raw("<br>Follow-up of <span class=\"prompt\">\u201c");
        text(sheet_.language.text(q.parent->prompt));
        raw("\u201d</span>, asked when the answer is ");
        for (std::size_t a = 0; a < q.enabled_by.size(); ++a) {
          if (a > 0) raw(a + 1 == q.enabled_by.size() ? " or " : ", ");
          raw("<span class=\"label\">\u201c");
          text(q.enabled_by[a]);
          raw("\u201d</span>");
        }
      }
      raw("<br><span class=\"small\">Read by: ");
      std::string rules;
      for (std::size_t r = 0; r < q.read_by.size(); ++r) rules += (r == 0 ? "" : ", ") + q.read_by[r];
      text(rules.empty() ? "the end date (until) of a rule" : rules);
      raw("</span></li>\n");
    }
    raw("</ol>\n</section>\n");
  }

  void value_sets() {
    if (sheet_.value_sets.empty()) return;
    raw("<section>\n<h2>Value sets</h2>\n<table>\n");
    for (const SheetValueSet& set : sheet_.value_sets) {
      raw("<tr><th>");
      element("em class=\"set\"", set.name);
      raw("<br><span class=\"small\">");
      std::string used;
      for (std::size_t r = 0; r < set.used_by.size(); ++r) used += (r == 0 ? "" : ", ") + set.used_by[r];
      text(used.empty() ? "not used by any rule" : "used by " + used);
      raw("</span></th><td>");
      std::string members;
      for (std::size_t m = 0; m < set.members.size(); ++m) members += (m == 0 ? "" : ", ") + set.members[m];
      text(members);
      raw("</td></tr>\n");
    }
    raw("</table>\n</section>\n");
  }

  void coverage() {
    raw("<section>\n<h2>Test coverage</h2>\n");
    element("p", summary(sheet_));
    raw("\n<table>\n<tr><th>Rule</th><th>Decision</th><th>Tests in which it fires</th><th>Undecided in</th></tr>\n");
    for (const SheetRule& r : sheet_.rules) {
      raw(r.fires.empty() ? "<tr class=\"flag\"><td>" : "<tr><td>");
      text(r.id);
      raw("</td><td>");
      raw(to_string(r.action));
      raw("</td><td>");
      text(r.fires.empty() ? "none: no test makes it fire" : std::to_string(r.fires.size()));
      raw("</td><td>");
      text(std::to_string(r.undecided.size()));
      raw("</td></tr>\n");
    }
    raw("</table>\n</section>\n");
  }

  const SheetModel& sheet_;
  std::string out_;
};

}  // namespace

std::string render_html(const SheetModel& sheet) {
  return HtmlWriter(sheet).run();
}

}  // namespace contrascreen::sheet
