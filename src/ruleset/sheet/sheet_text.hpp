// The fixed text both sheet renderers share: the explanation at the top, the names of
// decisions and of a rule's standing against the base. Kept in one place so that the HTML
// and the Markdown sheet say the same thing.
#pragma once

#include <string>
#include <string_view>

#include "ruleset/sheet/sheet_model.hpp"

namespace contrascreen::sheet {

/// The paragraphs of "How to read this sheet", as plain text (the renderers escape them).
std::string reading_guide(const SheetModel& sheet);

/// "Refuse", "Refer", "Inform": a group heading.
std::string_view group_title(RuleAction action) noexcept;
/// "Refuses when", "Refers when", "Informs when": the lead of a rule's condition.
std::string_view condition_lead(RuleAction action) noexcept;
/// What follows a rule's `until` in words: from that day on, the rule no longer has its effect.
std::string_view until_tail(RuleAction action) noexcept;

/// A rule's standing against the base: "inherited unchanged", "overridden", "new",
/// "disabled" when the rule set extends the base; "same as the base", "differs from the base",
/// "not in the base", "only in the base" when it does not.
std::string_view standing(RuleStatus status, bool extended) noexcept;

/// What an overridden rule changes: "condition, until, message" and the like.
std::string changed_parts(const RuleDifferences& differences);

/// The one-line summary: counts of rules by decision, by standing, and of tests.
std::string summary(const SheetModel& sheet);

/// The warning when some part of a condition has no phrasing and is shown as written, or "".
std::string fallback_warning(const SheetModel& sheet);

/// The sign-off statement above the signature lines.
std::string signoff_statement(const SheetModel& sheet);

}  // namespace contrascreen::sheet
