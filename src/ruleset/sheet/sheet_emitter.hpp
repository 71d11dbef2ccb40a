// The markup of a policy sheet. The walker (sheet_walker.cpp) visits the sheet model in
// document order and decides what is said, in which words and in which order; an emitter
// decides only how it looks: HTML (sheet_html.cpp) or Markdown (sheet_markdown.cpp). A
// section added to the sheet is added once, to the walker; a new kind of block is a new
// method here, which every emitter must then implement to compile.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "contrascreen/decision.hpp"

namespace contrascreen::sheet {

struct SheetModel;

/// Text from inputs that a document quotes.
enum class Quote : std::uint8_t { prompt, label, text, name };

/// A paragraph's look: plain; a warning (flag); a list of test names; small print.
enum class Paragraph : std::uint8_t { plain, flag, tests, small };

/// The tables of a sheet; each emitter lays each out its own way.
enum class Table : std::uint8_t { identity, fields, messages, side_by_side, value_sets, coverage };

/// A clause that follows the main text of a block: HTML starts it on a new line, Markdown
/// continues the line after "; ".
enum class Aside : std::uint8_t { plain, bold_lead, small };

/// A word at the start of a line (capitalised) or within one: HTML and Markdown place some
/// words differently, and the walker hands both forms.
struct Forms {
  std::string_view capital;
  std::string_view lower;
};

/// Writes one document. Not thread-safe; one emitter per document.
class SheetEmitter {
 public:
  virtual ~SheetEmitter() = default;

  // -- the document
  /// Opens the document, in `language`, with its `title` (for a window) and `heading`.
  virtual void begin_document(std::string_view language, std::string_view title, std::string_view heading) = 0;
  /// The description under the heading.
  virtual void description(std::string_view text) = 0;
  /// Ends the header (identity table and description).
  virtual void end_header() = 0;
  virtual void begin_section(std::string_view title, bool page_break_after = false) = 0;
  virtual void end_section() = 0;
  /// Ends the document and hands it over.
  virtual std::string finish() = 0;

  // -- text within a block
  virtual void text(std::string_view text) = 0;
  virtual void quoted(std::string_view text, Quote kind) = 0;
  virtual void code(std::string_view text) = 0;
  /// A value set's name within a condition.
  virtual void set_name(std::string_view name) = 0;
  /// Expression syntax shown as written, for want of a phrasing.
  virtual void raw_syntax(std::string_view text) = 0;
  /// A decision, marked: `word` is its name in the sheet's language.
  virtual void decision(RuleAction action, std::string_view word) = 0;
  /// Between two values of one table cell ("a<br>b", "a, b").
  virtual void line_break() = 0;
  /// Opens a clause after the main text; returns whether its words are capitalised.
  virtual bool begin_aside(Aside kind) = 0;
  /// Writes `lead` as an aside of kind bold_lead; the others are written with text().
  virtual void aside_lead(std::string_view lead) = 0;
  virtual void end_aside(Aside kind) = 0;

  // -- blocks
  /// Opens a paragraph; `lead` (may be empty) is its leading words.
  virtual void begin_paragraph(Paragraph kind, std::string_view lead = {}) = 0;
  virtual void end_paragraph() = 0;
  /// `headers` are the column names; a table without them has two columns, name and value.
  virtual void begin_table(Table kind, std::initializer_list<Forms> headers = {}) = 0;
  virtual void end_table() = 0;
  /// A row that starts with a field name; its value follows, then end_row().
  virtual void begin_row(std::string_view name) = 0;
  /// A row of cells; `flagged` marks it (a rule no test makes fire).
  virtual void begin_cells(bool flagged = false) = 0;
  virtual void next_cell() = 0;
  virtual void end_row() = 0;
  /// A row whose first cell is a value set's name with a note under it.
  virtual void begin_named_row(std::string_view name, std::string_view note) = 0;
  /// Text that warns, in a cell of a flagged row.
  virtual void flag_text(std::string_view text) = 0;
  /// A numbered list; items at `depth` > 0 are follow-ups of the item above.
  virtual void begin_list() = 0;
  virtual void begin_item(std::uint32_t depth) = 0;
  virtual void end_item() = 0;
  virtual void end_list() = 0;
  /// A rule's block and heading: `word` its decision, `standing` against the base or empty;
  /// a rule of the base this rule set disables has no anchor and its decision follows.
  virtual void begin_rule(std::string_view id, RuleAction action, std::string_view word, std::string_view standing,
                          bool disabled) = 0;
  /// Before a disabled rule's condition: `lead` ("Refuses when") or `word` ("refuse").
  virtual void disabled_lead(RuleAction action, std::string_view lead, std::string_view word) = 0;
  virtual void end_rule() = 0;
};

/// Visits `sheet` in document order, saying each part through `emitter`; returns the document.
std::string walk_sheet(const SheetModel& sheet, SheetEmitter& emitter);

/// The HTML document: inline CSS (screen and A4 print), no script, no external resource.
std::string render_html(const SheetModel& sheet);
/// The Markdown document: CommonMark with GitHub tables.
std::string render_markdown(const SheetModel& sheet);

}  // namespace contrascreen::sheet
