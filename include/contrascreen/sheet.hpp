#pragma once
/// \file
/// The policy sheet: a rule set written out for the clinician who signs it before it is put
/// into service. One self-contained document (HTML to print, or Markdown) with the rule
/// set's identity and a sign-off block; every rule with its condition and end date in plain
/// words (from the checked expressions, the catalogue's prompts and labels), its messages in
/// every language, its source sentence and the tests that make it fire or leave it
/// undecided; against a base rule set, whether each rule is inherited unchanged, overridden,
/// new or disabled; then the questions the form must ask, the value sets and the coverage
/// of the tests. docs/sheet.md describes it.

#include <cstdint>
#include <optional>
#include <string>

#include "contrascreen/date.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// The document format of a sheet.
enum class SheetFormat : std::uint8_t {
  html,      ///< one HTML file: inline CSS for screen and A4 print, no script, no external resource
  markdown,  ///< CommonMark with GitHub tables
};

/// "html" or "markdown".
const char* to_string(SheetFormat format) noexcept;
/// The format named `name` ("html", "markdown"), or nullopt.
std::optional<SheetFormat> sheet_format(std::string_view name) noexcept;

/// What to write, beyond the rule set.
struct SheetOptions {
  SheetFormat format = SheetFormat::html;
  /// The rule set this one is compared with (usually the one it extends), or null.
  const RuleSet* base = nullptr;
  /// The language of prompts and labels (and of the phrasing's own words where it has them;
  /// English otherwise). nullopt: the rule set's default language. One the catalogue lacks
  /// falls back to the catalogue's first language, as for forms (form_language, form.hpp).
  std::optional<std::string> language;
  /// The date the sheet says it was generated on (fixed, so that a sheet can be reproduced).
  Date generated;
};

/// The sheet of `rules` as one document. Runs the rule set's own tests (run_tests) to name
/// the tests of each rule. Thread-safe; the rule sets are only read.
std::string write_sheet(const RuleSet& rules, const SheetOptions& options);

}  // namespace contrascreen
