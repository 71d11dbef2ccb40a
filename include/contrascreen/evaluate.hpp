#pragma once
/// \file
/// Evaluating a single expression, for policy authors trying things out (`contrascreen
/// eval`) and for tests, over answers given in JSON. Screening never goes through here: it
/// uses compiled rule sets.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// The value of one expression over one intake.
struct EvaluationResult {
  /// The value as text ("true", "17", "2026-11-21", "[\"a\"]"), "unknown" when missing
  /// answers leave it undecided, or "error" when evaluation failed. Empty when the
  /// expression did not parse or check (see diagnostics).
  std::string value;
  std::vector<std::string> unanswered;  ///< questions whose absence left it unknown, sorted
  std::string error;                    ///< what failed at run time, if anything
  std::vector<Diagnostic> diagnostics;  ///< parse and check problems, positioned in "<expression>"
};

/// Parses, checks and evaluates `expression` over `intake` on `date`. Names resolve
/// against the intake's catalogue and, when `ruleset` is given, its value sets.
/// Reads only its arguments: thread-safe; `ruleset` is not kept.
EvaluationResult evaluate(std::string_view expression, const Intake& intake, Date date,
                          const RuleSet* ruleset = nullptr);

/// The same on the screening date an evaluation defaults to: `date` when given, else the
/// intake's own date, else today (UTC).
EvaluationResult evaluate(std::string_view expression, const Intake& intake, std::optional<Date> date,
                          const RuleSet* ruleset = nullptr);

}  // namespace contrascreen
