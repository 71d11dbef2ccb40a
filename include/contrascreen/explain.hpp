#pragma once
/// \file
/// Explanations: for each rule, the value of its condition and the answers it read.
/// Computed on demand by re-evaluating; screening itself never pays for it.

#include <string>
#include <vector>

#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// One answer a rule read: its question and its value as displayed ("true", "17",
/// "\"mild\"", "[\"warfarin\"]", "2026-10-31"), or "unanswered".
struct AnswerRead {
  std::string question;
  std::string value;
};

/// How one rule's condition came out.
struct RuleExplanation {
  std::string rule;
  RuleAction action = RuleAction::refuse;
  std::string condition;             ///< the `when` text
  std::string value;                 ///< "true", "false", "unknown" or "error"
  std::string error;                 ///< what failed, when value is "error"
  std::vector<AnswerRead> answers;   ///< every question the rule reads, sorted by id
};

/// The explanation of one screening: every active rule, in rule order.
struct Explanation {
  std::vector<RuleExplanation> rules;
};

/// Explains how `ruleset` decides `intake` on the screening date of `options`.
Explanation explain(const RuleSet& ruleset, const Intake& intake, const ScreenOptions& options = {});

}  // namespace contrascreen
