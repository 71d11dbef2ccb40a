#pragma once
/// \file
/// The intake form of a rule set: the questions its rules read, in the order a form asks
/// them, and the language a form is worded in. One order for every front end: the
/// `questions` command, Python's RuleSet.questions and any form generator.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// One question of a form, where the form puts it.
///
/// The pointers point into the rule set's catalogue: they stay valid as long as the rule
/// set, a copy of it, or its catalogue_ptr() lives.
struct FormQuestion {
  const Question* question = nullptr;  ///< the catalogue's question: id, type, values, limits, unit, prompts
  /// The question this one is asked as a follow-up of, which the form asks right before it
  /// (or before its other follow-ups); null for a question at the top level, including a
  /// follow-up of a question the rule set does not read.
  const Question* parent = nullptr;
  std::uint32_t depth = 0;  ///< 0 at the top level, the parent's depth + 1 for a follow-up
  /// True when some rule reads the question; false for a question a FormScope::with_parents
  /// form holds only because a follow-up it reads follows it.
  bool read = true;
};

/// Which questions a form holds.
enum class FormScope : std::uint8_t {
  read,  ///< the questions some rule reads (RuleSet::questions())
  /// Those, and the question each of them follows up (up the chain), read or not, so that
  /// the form can ask a follow-up only after the answer that makes it relevant (a FHIR
  /// Questionnaire's enableWhen needs the question it names).
  with_parents,
};

/// The questions some rule of `rules` reads (RuleSet::questions()), and with
/// FormScope::with_parents the questions their follow-ups follow, in form order:
/// catalogue order, except that a follow-up comes right after the question it follows up
/// (when the form holds that one too), however far apart the catalogue declares them;
/// a follow-up of a follow-up nests deeper. Every question appears exactly once.
/// A pure function: thread-safe.
std::vector<FormQuestion> form_questions(const RuleSet& rules, FormScope scope = FormScope::read);

/// The language a form is worded in, and how to pick text in it.
struct FormLanguage {
  /// A language of the catalogue; "" only when the catalogue declares none.
  std::string language;
  /// The catalogue's default language: the wording of a text that lacks `language`.
  std::string fallback;
  /// True when the language asked for (or the rule set's default) is not one of the
  /// catalogue's, so that `language` is the fallback instead.
  bool substituted = false;

  /// `text` in `language`, else in `fallback`, else its first entry, else "". The view
  /// points into `text`.
  std::string_view text(const LocalizedText& text) const noexcept { return text.in(language, fallback); }
};

/// The language to word `rules`' form in: `requested`, or when that is nullopt the rule
/// set's default language; a language the catalogue has no wording in falls back to the
/// catalogue's first language (and sets `substituted`). A pure function: thread-safe.
FormLanguage form_language(const RuleSet& rules, std::optional<std::string_view> requested = std::nullopt);

}  // namespace contrascreen
