// Expressions in plain words, for the policy sheet (sheet.hpp): a checked expression becomes
// a sentence part such as "the answer to “Are you pregnant?” is yes" or "the date answered to
// “When was your last microneedling session?” was less than 42 days before the screening
// date". Every operator and function of the expression language has a phrasing; the words
// come from a table of templates per language (phrase_words.cpp), the questions and answers
// from the catalogue's prompts and labels. A part with no phrasing is copied as written and
// counted in Phrase::fallbacks, which the tests require to be zero for every expression of
// the test data and the shipped rule sets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/form.hpp"
#include "expr/checker.hpp"
#include "ruleset/model.hpp"

namespace contrascreen::sheet {

/// One piece of a phrase. Renderers quote, style and escape each kind their own way.
struct Segment {
  enum class Kind : std::uint8_t {
    words,     ///< words of the phrasing language ("the answer to", "is less than", "42")
    prompt,    ///< a question's prompt, as the catalogue words it (quoted when rendered)
    label,     ///< an enum value's label (quoted when rendered)
    text,      ///< a string literal of the expression, as written (quoted when rendered)
    set_name,  ///< a value set's name (emphasised when rendered)
    raw,       ///< expression syntax, where no phrasing exists (a fallback)
  };
  Kind kind = Kind::words;
  std::string text;
};

/// An expression in words.
struct Phrase {
  std::vector<Segment> segments;
  std::size_t fallbacks = 0;  ///< parts copied as raw syntax for want of a phrasing

  /// The phrase as one line of text: prompts, labels and texts in “ ”, set names in * *,
  /// raw syntax in ` `. For tests and plain-text output.
  std::string plain() const;
};

/// What phrasing needs besides the expression.
struct PhraseContext {
  const Catalogue* catalogue = nullptr;
  /// The rule set's value sets, by value-set index (expr::Resolution::index).
  const std::vector<detail::ValueSetDef>* value_sets = nullptr;
  /// The language of prompts and labels (and of the words, where the table has it).
  FormLanguage language;
  /// How many members of a value set a phrase names before "and N more".
  std::size_t members_shown = 3;
};

/// The language whose word table phrases are written in for `language`: itself when the
/// table has it, else "en". Pure; thread-safe.
std::string_view phrase_language(std::string_view language) noexcept;

/// `checked` (the checked form of `source`) in words: a bool expression as a statement
/// ("the answer to “…” is yes"), any other as a noun phrase ("42 days after the date
/// answered to “…”"). Pure; thread-safe.
Phrase phrase_expression(const expr::CheckedExpression& checked, std::string_view source, const PhraseContext& context);

}  // namespace contrascreen::sheet
