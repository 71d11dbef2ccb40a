#pragma once
/// \file
/// Decisions: what screening an intake against a rule set concludes, and why.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/date.hpp"

namespace contrascreen {

/// The outcome of a screening, ordered by severity: refuse > refer > allow.
enum class Verdict : std::uint8_t { allow = 0, refer = 1, refuse = 2 };

/// "allow", "refer" or "refuse".
const char* to_string(Verdict verdict) noexcept;
/// Parses "allow", "refer" or "refuse".
std::optional<Verdict> parse_verdict(std::string_view text) noexcept;

/// What a rule contributes when its condition holds.
enum class RuleAction : std::uint8_t { inform, refer, refuse };

/// "inform", "refer" or "refuse".
const char* to_string(RuleAction action) noexcept;

/// A refuse/refer rule that fired, or that could not be decided (and so refers).
struct Reason {
  std::string rule;                    ///< the rule id
  Verdict decision = Verdict::refer;   ///< what it contributes: refuse or refer
  bool undecided = false;              ///< true when the condition was unknown (or failed)
  std::string message;                 ///< in the requested language, or the default one
  std::vector<std::string> questions;  ///< question ids the condition reads, sorted
  std::optional<Date> until;           ///< first day the temporary refusal no longer applies
  std::string error;                   ///< why evaluation failed, when it did; else ""
  /// Undecided reasons: the questions whose absence left this rule undecided, sorted (the
  /// questions to ask; Decision::unanswered is their union over all reasons). Not part of
  /// to_json's output; the CDS Hooks cards list them (cds_hooks.hpp).
  std::vector<std::string> missing;  // last: aggregate initialisers written before it stay valid
};

/// Advice from an inform rule that fired. Never changes the decision.
struct Advice {
  std::string rule;
  std::string message;
};

/// Identifies the exact policy content that decided.
struct RuleSetRef {
  std::string id;
  std::string version;
  std::string sha256;  ///< of the canonical content, extended files included
};

/// A complete, self-contained decision: a value type independent of the rule set.
struct Decision {
  std::optional<std::string> id;  ///< the intake's id, if it had one
  Verdict decision = Verdict::allow;
  std::vector<Reason> reasons;          ///< in rule order
  std::vector<std::string> unanswered;  ///< questions whose absence left a rule undecided, sorted
  std::vector<Advice> advice;           ///< fired inform rules, in rule order
  RuleSetRef ruleset;
  Date date;  ///< the screening date used by date functions
  /// When the decision is refuse and every refusing reason is temporary: the first day
  /// none of them applies any more. Otherwise nullopt.
  std::optional<Date> until;
  std::string language;  ///< language of the messages
};

/// The decision as one line of JSON, in the shape of docs/interfaces.md (no trailing newline).
std::string to_json(const Decision& decision);

}  // namespace contrascreen
