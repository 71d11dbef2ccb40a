// What a screening means. Every output of a decision (RuleSet::decide, the JSON, text and
// CSV writers, the Python bindings, and any later front end) reads a Screening through
// these functions and nothing else, so that a reason's verdict, the language fallback, the
// decision-level `until`, the unanswered questions and the advice are each computed in
// exactly one place. All functions are pure and thread-safe; none allocates unless it
// returns or fills a container.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/screening.hpp"
#include "ruleset/compiled_ruleset.hpp"

namespace contrascreen::detail {

/// What a refuse/refer rule contributes: refuse only when a refuse rule definitely fired.
/// An undecided rule (unknown or failed condition) refers, whatever its action.
constexpr Verdict reason_verdict(RuleAction action, bool undecided) noexcept {
  return undecided || action == RuleAction::refer ? Verdict::refer : Verdict::refuse;
}

/// The verdict `hit` contributes (see above).
inline Verdict reason_verdict(const CompiledRuleSet& rs, const RuleHit& hit) noexcept {
  return reason_verdict(rs.infos[hit.rule].action, hit.undecided);
}

/// The language of the messages: index into rs.languages of `requested` when the rule set
/// declares it, else 0 (the default language). "" asks for the default.
std::size_t language_index(const CompiledRuleSet& rs, std::string_view requested) noexcept;

/// Rule `rule`'s message in language `language` (an index from language_index), falling
/// back to the default language where the rule has no text in it.
std::string_view rule_message(const CompiledRuleSet& rs, std::uint32_t rule, std::size_t language) noexcept;

/// The decision-level until: when the decision is refuse and every refusing reason is
/// temporary (has an `until`), the latest of their ends, the first day none applies any
/// more. Otherwise nullopt.
std::optional<Date> decision_until(const CompiledRuleSet& rs, const Screening& screening) noexcept;

/// The ids of the catalogue questions whose absence left a rule undecided, sorted by id,
/// into `out` (cleared first). Callers that keep `out` stop allocating once it has grown.
void unanswered_ids(const CompiledRuleSet& rs, const Screening& screening, std::vector<const std::string*>& out);

/// The ids of the questions whose absence left `hit` undecided, sorted by id, into `out`.
void missing_ids(const CompiledRuleSet& rs, const RuleHit& hit, std::vector<const std::string*>& out);

/// The complete, self-contained decision of `screening`, for the intake with `id`.
Decision decide(const CompiledRuleSet& rs, const std::optional<std::string>& id, const Screening& screening,
                std::string_view language);

}  // namespace contrascreen::detail
