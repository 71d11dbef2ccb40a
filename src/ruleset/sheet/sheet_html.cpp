// The sheet as one HTML document: inline CSS (screen and A4 print), no script, no external
// resource. Everything that comes from the rule set, the catalogue, a file name or the words
// table is escaped (util/markup.hpp).
#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_emitter.hpp"
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

class HtmlEmitter final : public SheetEmitter {
 public:
  void begin_document(std::string_view language, std::string_view title, std::string_view heading) override {
    raw("<!DOCTYPE html>\n<html lang=\"");
    text(language);
    raw("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    text(title);
    raw("</title>\n<style>");
    raw(style);
    raw("</style>\n</head>\n<body>\n<header>\n<h1>");
    text(heading);
    raw("</h1>\n");
  }
  void description(std::string_view s) override { element("p", s, "\n"); }
  void end_header() override { raw("</header>\n"); }
  void begin_section(std::string_view title, bool page_break_after) override {
    raw(page_break_after ? "<section class=\"signoff\">\n<h2>" : "<section>\n<h2>");
    text(title);
    raw("</h2>\n");
  }
  void end_section() override { raw("</section>\n"); }
  std::string finish() override {
    raw("</body>\n</html>\n");
    return std::move(out_);
  }

  void text(std::string_view s) override { util::append_html(out_, s); }
  void quoted(std::string_view s, Quote kind) override {
    raw(kind == Quote::prompt  ? "<span class=\"prompt\">\u201c"
        : kind == Quote::label ? "<span class=\"label\">\u201c"
        : kind == Quote::text  ? "<span class=\"text\">\u201c"
                               : "\u201c");
    text(s);
    raw(kind == Quote::name ? "\u201d" : "\u201d</span>");
  }
  void code(std::string_view s) override { element("code", s); }
  void set_name(std::string_view name) override { element("em class=\"set\"", name); }
  void raw_syntax(std::string_view s) override { element("code class=\"raw\"", s); }
  void decision(RuleAction action, std::string_view word) override {
    raw("<span class=\"badge ");
    raw(to_string(action));
    raw("\">");
    text(word);
    raw("</span>");
  }
  void line_break() override { raw("<br>"); }
  bool begin_aside(Aside kind) override {
    raw(kind == Aside::small ? "<br><span class=\"small\">" : "<br>");
    return true;
  }
  void aside_lead(std::string_view lead) override {
    element("b", lead);
    raw(" ");
  }
  void end_aside(Aside kind) override {
    if (kind == Aside::small) raw("</span>");
  }

  void begin_paragraph(Paragraph kind, std::string_view lead) override {
    raw(kind == Paragraph::flag    ? "<p class=\"flag\">"
        : kind == Paragraph::tests ? "<p class=\"tests\">"
        : kind == Paragraph::small ? "<p class=\"small\">"
                                   : "<p>");
    if (lead.empty()) return;
    if (kind == Paragraph::flag)
      text(lead);  // the whole paragraph is the warning
    else
      element("b", lead);
    raw(" ");
  }
  void end_paragraph() override { raw("</p>\n"); }
  void begin_table(Table kind, std::initializer_list<Forms> headers) override {
    raw(kind == Table::identity       ? "<table class=\"identity\">\n"
        : kind == Table::messages     ? "<table class=\"messages\">\n"
        : kind == Table::side_by_side ? "<table class=\"side\">"
                                      : "<table>\n");
    if (kind != Table::side_by_side && kind != Table::coverage) return;  // a value set names itself
    raw("<tr>");
    for (const Forms& header : headers) element("th", header.capital);
    raw("</tr>\n");
  }
  void end_table() override { raw("</table>\n"); }
  void begin_row(std::string_view name) override {
    raw("<tr><th>");
    text(name);
    raw("</th><td>");
  }
  void begin_cells(bool flagged) override { raw(flagged ? "<tr class=\"flag\"><td>" : "<tr><td>"); }
  void next_cell() override { raw("</td><td>"); }
  void end_row() override { raw("</td></tr>\n"); }
  void begin_named_row(std::string_view name, std::string_view note) override {
    raw("<tr><th>");
    set_name(name);
    raw("<br><span class=\"small\">");
    text(note);
    raw("</span></th><td>");
  }
  void flag_text(std::string_view s) override { text(s); }  // the row is flagged
  void begin_list() override { raw("<ol>\n"); }
  void begin_item(std::uint32_t depth) override {
    raw("<li");
    if (depth > 0) raw(" style=\"margin-left: " + std::to_string(depth * 2) + "em\"");
    raw(">");
  }
  void end_item() override { raw("</li>\n"); }
  void end_list() override { raw("</ol>\n"); }
  void begin_rule(std::string_view id, RuleAction action, std::string_view word, std::string_view standing,
                  bool disabled) override {
    raw("<article class=\"rule ");
    raw(to_string(action));
    if (!disabled) {
      raw("\" id=\"rule-");
      text(id);
    }
    raw("\">\n<h3>");
    text(id);
    raw(" ");
    decision(action, word);
    if (!standing.empty()) element("span class=\"standing\"", standing);
    raw("</h3>\n");
  }
  void disabled_lead(RuleAction, std::string_view lead, std::string_view) override { aside_lead(lead); }
  void end_rule() override { raw("</article>\n"); }

 private:
  void raw(std::string_view s) { out_ += s; }
  void element(std::string_view tag, std::string_view content, std::string_view after = {}) {
    raw("<");
    raw(tag);
    raw(">");
    text(content);
    raw("</");
    raw(tag.substr(0, tag.find(' ')));
    raw(">");
    raw(after);
  }

  std::string out_;
};

}  // namespace

std::string render_html(const SheetModel& sheet) {
  HtmlEmitter emitter;
  return walk_sheet(sheet, emitter);
}

}  // namespace contrascreen::sheet
