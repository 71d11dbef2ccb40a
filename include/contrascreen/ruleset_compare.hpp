#pragma once
/// \file
/// Comparing rule sets rule by rule: which rule sets have which rule, and how each one's
/// version differs from the first rule set's (the base). Behind `contrascreen rules`; meant
/// to serve as well any view of a policy against the policy it extends (inherited,
/// overridden, disabled and new rules) and explanations of why two rule sets decide an
/// intake differently.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// How one rule set's version of a rule compares with the base's.
enum class RuleStatus : std::uint8_t {
  absent,   ///< neither this rule set nor the base has the rule
  same,     ///< both have it, alike in every respect RuleDifferences lists (the base's own: present)
  changed,  ///< both have it and RuleVersion::differences says how they differ (overridden)
  added,    ///< this rule set has it and the base does not (a new rule)
  removed,  ///< the base has it and this rule set does not (disabled, or not inherited)
};

/// "absent", "same", "changed", "added" or "removed".
const char* to_string(RuleStatus status) noexcept;

/// What differs between two versions of a rule. Expressions are compared with their white
/// space collapsed (a folded YAML scalar and a plain one read the same); messages compare
/// language by language, whatever order the languages are written in.
struct RuleDifferences {
  bool decision = false;   ///< refuse, refer or inform
  bool condition = false;  ///< `when`
  bool until = false;      ///< `until` (including one version having none)
  bool message = false;    ///< any language's message, or the set of languages
  bool source = false;     ///< the policy sentence

  bool any() const noexcept { return decision || condition || until || message || source; }
  bool operator==(const RuleDifferences&) const = default;
};

/// One rule set's version of a rule.
struct RuleVersion {
  /// The rule as the rule set has it, or null when it has no such rule (or disabled it).
  /// Points into the rule set's compiled form, which RuleSetComparison::rulesets keeps alive.
  const RuleInfo* rule = nullptr;
  /// With `rule`: the index of its condition in ComparedRule::conditions.
  std::size_t condition = 0;
  RuleStatus status = RuleStatus::absent;  ///< against the base (rule set 0)
  RuleDifferences differences;             ///< against the base; any() only when status is changed
};

/// One distinct condition of a rule across the rule sets: `when` and `until` together.
struct RuleCondition {
  std::string when;                   ///< white space collapsed
  std::string until;                  ///< white space collapsed; "" when there is none
  std::vector<std::size_t> rulesets;  ///< indices of the rule sets that have it, ascending
};

/// One rule id and every rule set's version of it.
struct ComparedRule {
  std::string id;
  std::vector<RuleVersion> in;            ///< one per rule set, in RuleSetComparison::rulesets order
  std::vector<RuleCondition> conditions;  ///< distinct conditions, in rule-set order of first use

  /// True when the rule sets that have the rule do not all have the same condition.
  bool conditions_differ() const noexcept { return conditions.size() > 1; }
};

/// Rule sets compared rule by rule. A self-contained value: it holds (shares) the rule sets
/// its RuleVersion pointers point into, so those stay valid for as long as it, a copy of it
/// or a moved-to comparison lives. Immutable once built; safe to read from many threads.
struct RuleSetComparison {
  std::vector<RuleSet> rulesets;    ///< the compared rule sets, as given; the first is the base
  std::vector<ComparedRule> rules;  ///< one per rule id, in order of first appearance
};

/// Compares `rulesets` (active rules only: a disabled rule counts as absent). Any number of
/// rule sets, the first being the base of every RuleVersion::status; none gives an empty
/// comparison. A pure function: thread-safe.
RuleSetComparison compare_rulesets(std::vector<RuleSet> rulesets);

/// What differs between two versions of a rule (ids aside), as compare_rulesets judges it.
RuleDifferences rule_differences(const RuleInfo& base, const RuleInfo& other);

/// `expression` with every run of white space (space, tab, line break) made one space and
/// none at either end: the form in which comparisons show and compare expressions.
std::string collapse_whitespace(std::string_view expression);

}  // namespace contrascreen
