// The sheet as Markdown (CommonMark with GitHub tables), saying what the HTML sheet says.
// Text from inputs and the words table is escaped (util/markup.hpp) and never starts a line.
#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_emitter.hpp"
#include "util/markup.hpp"
#include "util/printable.hpp"

namespace contrascreen::sheet {
namespace {

class MarkdownEmitter final : public SheetEmitter {
 public:
  void begin_document(std::string_view, std::string_view, std::string_view heading) override {
    raw("# ");
    text(heading);
    raw("\n\n");
  }
  void description(std::string_view s) override {
    raw("> ");
    text(s);
    raw("\n\n");
  }
  void end_header() override {}
  void begin_section(std::string_view title, bool) override {
    raw("## ");
    text(title);
    raw("\n\n");
  }
  void end_section() override {}
  std::string finish() override {
    while (out_.ends_with("\n\n")) out_.pop_back();  // one newline ends the document
    return std::move(out_);
  }

  void text(std::string_view s) override { util::append_markdown(out_, s); }
  void quoted(std::string_view s, Quote) override {
    raw("\u201c");
    text(s);
    raw("\u201d");
  }
  // Inline code: the printable text between enough backticks that none inside closes it.
  // In a table cell a `|` ends the cell even inside a code span unless escaped (GFM).
  void code(std::string_view s) override {
    std::string shown = util::printable(s);
    if (in_row_) {
      for (std::size_t i = shown.find('|'); i != std::string::npos; i = shown.find('|', i + 2))
        shown.insert(i, 1, '\\');
    }
    const bool tick = shown.find('`') != std::string::npos;
    raw(tick ? "`` " : "`");
    raw(shown);
    raw(tick ? " ``" : "`");
  }
  void set_name(std::string_view name) override {
    raw("*");
    text(name);
    raw("*");
  }
  void raw_syntax(std::string_view s) override { code(s); }
  void decision(RuleAction, std::string_view word) override { bold(word); }
  void line_break() override { raw(", "); }
  bool begin_aside(Aside) override {
    raw("; ");
    return false;
  }
  void aside_lead(std::string_view lead) override {
    bold(lead);
    raw(" ");
  }
  void end_aside(Aside) override {}

  void begin_paragraph(Paragraph kind, std::string_view lead) override {
    // A warning is bold; with a lead, only the lead is.
    closing_ = kind == Paragraph::flag && lead.empty() ? "**\n\n" : "\n\n";
    if (!lead.empty()) {
      bold(lead);
      raw(" ");
    } else if (kind == Paragraph::flag) {
      raw("**");
    }
  }
  void end_paragraph() override { raw(closing_); }
  void begin_table(Table, std::initializer_list<Forms> headers) override {
    if (headers.size() == 0) {
      raw("| | |\n|---|---|\n");
      return;
    }
    std::string rule = "|";
    for (const Forms& header : headers) {
      raw("| ");
      text(header.lower);
      raw(" ");
      rule += "---|";
    }
    raw("|\n");
    raw(rule);
    raw("\n");
  }
  void end_table() override { raw("\n"); }
  void begin_row(std::string_view name) override {
    begin_cells(false);
    text(name);
    raw(" | ");
    value_at_ = out_.size();
  }
  void begin_cells(bool) override {
    raw("| ");
    in_row_ = true;
  }
  void next_cell() override { raw(" | "); }
  void end_row() override {
    // An empty value (a line to sign on) is "| Name | |".
    if (out_.size() == value_at_) out_.pop_back();
    raw(" |\n");
    in_row_ = false;
    value_at_ = std::string::npos;
  }
  void begin_named_row(std::string_view name, std::string_view note) override {
    begin_cells(false);
    set_name(name);
    raw(" (");
    text(note);
    raw(") | ");
  }
  void flag_text(std::string_view s) override { bold(s); }
  void begin_list() override { number_ = 0; }
  void begin_item(std::uint32_t depth) override {
    raw(std::string(depth * 4, ' '));
    raw(depth == 0 ? std::to_string(++number_) + ". " : "- ");
  }
  void end_item() override { raw("\n"); }
  void end_list() override { raw("\n"); }
  void begin_rule(std::string_view id, RuleAction, std::string_view word, std::string_view standing,
                  bool disabled) override {
    raw("### ");
    code(id);
    raw(" (");
    if (!disabled) text(word);  // a disabled rule's decision leads its condition
    if (!disabled && !standing.empty()) raw(", ");
    text(standing);
    raw(")\n\n");
  }
  void disabled_lead(RuleAction action, std::string_view, std::string_view word) override {
    decision(action, word);
    raw(" ");
  }
  void end_rule() override {}

 private:
  void raw(std::string_view s) { out_ += s; }
  void bold(std::string_view s) {
    raw("**");
    text(s);
    raw("**");
  }

  std::string out_;
  std::string_view closing_ = "\n\n";
  bool in_row_ = false;
  std::size_t value_at_ = std::string::npos;
  unsigned number_ = 0;
};

}  // namespace

std::string render_markdown(const SheetModel& sheet) {
  MarkdownEmitter emitter;
  return walk_sheet(sheet, emitter);
}

}  // namespace contrascreen::sheet
