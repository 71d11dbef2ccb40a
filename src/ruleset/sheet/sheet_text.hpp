// The fixed sentences of the policy sheet, built from the words table (sheet_words.hpp) in the
// sheet's words language: the explanation at the top, the summary, the sign-off statement, the
// names of decisions and of a rule's standing against the base. The walker (sheet_walker.cpp)
// places them; the emitters escape them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ruleset/sheet/phrase_words.hpp"
#include "ruleset/sheet/sheet_model.hpp"
#include "ruleset/sheet/sheet_words.hpp"

namespace contrascreen::sheet {

/// "a, b and c" (`last` Words::and_last) or "a, b or c" (Words::or_last), in `language`.
std::string join(const std::vector<std::string>& items, Words last, std::string_view language);

/// "1 rule", "3 rules": `one` is the singular key, the plural key follows it.
std::string count(std::size_t n, SheetWords one, std::string_view language);

/// The paragraph of "How to read this sheet", as plain text (the emitters escape it).
std::string reading_guide(const SheetModel& sheet);

/// "Refuse", "Refer", "Inform": a group heading.
std::string_view group_title(RuleAction action, std::string_view language) noexcept;
/// "refuse", "refer", "inform": the decision's name.
std::string_view decision_word(RuleAction action, std::string_view language) noexcept;
/// "Refuses when" and the like: the lead of a rule's condition.
std::string_view condition_lead(RuleAction action, std::string_view language) noexcept;
/// What follows a rule's `until` in words: from that day on, the rule no longer has its effect.
std::string_view until_tail(RuleAction action, std::string_view language) noexcept;

/// A rule's standing against the base: "inherited unchanged", "overridden", "new",
/// "disabled" when the rule set extends the base; "same as the base", "differs from the base",
/// "not in the base", "only in the base" when it does not.
std::string_view standing(RuleStatus status, bool extended, std::string_view language) noexcept;

/// What an overridden rule changes: "condition, end date (until) and message" and the like.
std::string changed_parts(const RuleDifferences& differences, std::string_view language);

/// The one-line summary: counts of rules by decision, by standing, and of tests.
std::string summary(const SheetModel& sheet);

/// The warning when some part of a condition has no phrasing and is shown as written, or "".
std::string fallback_warning(const SheetModel& sheet);

/// The sign-off statement above the signature lines.
std::string signoff_statement(const SheetModel& sheet);

}  // namespace contrascreen::sheet
