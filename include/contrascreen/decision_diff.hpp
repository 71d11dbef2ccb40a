#pragma once
/// \file
/// What a policy change changes: the decisions of two rule sets over the same intakes,
/// compared intake by intake (DecisionChange) and counted over a batch (DiffSummary).
/// diff_input reads each input through the batch engine (batch.hpp), once per rule set.

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/batch_results.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// One reason of a decision as compared: messages are left out (they are wording, and may
/// be in another language under the other rule set).
struct DiffReason {
  std::string rule;                   ///< the rule id
  Verdict decision = Verdict::refer;  ///< what it contributes: refuse or refer
  bool undecided = false;             ///< its condition was unknown or failed
  std::optional<Date> until;          ///< the reason's until
  friend bool operator==(const DiffReason&, const DiffReason&) = default;
};

/// What one rule set concluded for one intake: a decision, or an error record.
struct DiffSide {
  std::optional<Verdict> decision;       ///< nullopt: the intake could not be read (an error record)
  std::vector<DiffReason> reasons;       ///< in rule order
  std::optional<Date> until;             ///< the decision-level until
  std::vector<std::string> error_codes;  ///< for an error record: the codes of its problems

  /// The side of `decision`.
  static DiffSide of(const Decision& decision);
  /// The side of record `i` of `results`.
  static DiffSide of(const BatchResults& results, std::size_t i);
};

/// What differs between two sides, as bits.
enum DiffKind : std::uint8_t {
  diff_decision = 1,  ///< the decision (or one side is an error record and the other is not)
  diff_reasons = 2,   ///< a reason's rule, contribution, status or until
  diff_until = 4,     ///< the decision-level until
};

/// The DiffKind bits on which `before` and `after` differ; 0 when they agree.
unsigned compare_sides(const DiffSide& before, const DiffSide& after);

/// An intake decided differently by two rule sets.
struct DecisionChange {
  std::optional<std::string> id;  ///< the intake's id, when it has one
  std::string input;              ///< the input's name
  std::uint64_t record = 0;       ///< 1-based number of the record in its input
  DiffSide before;
  DiffSide after;
  unsigned changed = 0;  ///< DiffKind bits, never 0
};

/// The two decisions of one intake compared; nullopt when they agree. Messages and
/// languages are not compared.
std::optional<DecisionChange> compare_decisions(const Decision& before, const Decision& after);

/// Counts of a comparison over one or more inputs.
struct DiffSummary {
  /// Index of an outcome in `matrix`: allow 0, refer 1, refuse 2, an error record 3.
  static constexpr std::size_t error_outcome = 3;
  /// How often a rule newly contributes a reason, or stops contributing one.
  struct RuleCounts {
    std::string rule;
    std::uint64_t newly = 0;    ///< intakes it is a reason for after, not before
    std::uint64_t stopped = 0;  ///< intakes it was a reason for before, not after
  };

  RuleSetRef before;          ///< the old rule set
  RuleSetRef after;           ///< the new rule set
  std::uint64_t intakes = 0;  ///< records compared
  std::uint64_t changed = 0;  ///< of which differ
  std::uint64_t errors = 0;   ///< records that are error records under both rule sets
  /// matrix[b][a]: records whose outcome was b before and is a after (outcome_index).
  std::array<std::array<std::uint64_t, 4>, 4> matrix{};
  /// Every rule with a non-zero count, by rule id.
  std::vector<RuleCounts> rules;
  /// Problems with an input as a whole (io.not_found, io.read, io.unknown_format,
  /// intake.empty, io.write when the sink refused a change, diff.catalogue_mismatch):
  /// the counts then cover only what was compared. Never a "no change".
  std::vector<Diagnostic> fatal;
  /// The problems of the records that could not be read, in input order.
  std::vector<Diagnostic> intake_errors;

  /// The index of a side's outcome in `matrix`.
  static std::size_t outcome_index(const DiffSide& side) noexcept;
  /// Counts one compared record (`change` null when it did not change).
  void add(const DiffSide& before, const DiffSide& after, const DecisionChange* change);
};

/// Options of a comparison.
struct DiffOptions {
  ScreenOptions screen{};  ///< screening date for intakes without one; the language is not used
  unsigned jobs = 1;       ///< screening threads per rule set (0: one per core)
};

/// Receives each changed intake, in input order; returns false when it cannot take it (its
/// output failed): the comparison stops, with io.write in the summary's fatal list.
using ChangeSink = std::function<bool(const DecisionChange&)>;

/// diff.catalogue_mismatch when `before` and `after` check intakes against question
/// catalogues of different content (their intakes would not mean the same); else nullopt.
std::optional<Diagnostic> check_comparable(const RuleSet& before, const RuleSet& after);

/// Screens every record of the input named `name` (as screen_input does; "-" reads
/// `standard_input`, which is read to its end first) with both rule sets, passes each
/// record whose outcome differs to `sink`, and counts every record into `summary`
/// (its `before` and `after` are set). The input is read once per rule set; when the two
/// readings do not hold the same records (the file changed meanwhile) that is io.read.
/// Call check_comparable first: intakes read for one catalogue are read for the other.
/// Thread-safe with respect to the rule sets.
void diff_input(const RuleSet& before, const RuleSet& after, std::string_view name, std::istream& standard_input,
                const ChangeSink& sink, DiffSummary& summary, const DiffOptions& options = {});

/// A change as one line of JSON (no trailing newline), the record of docs/interfaces.md:
/// {"id", "input", "record", "changed": [...], "before": {...}, "after": {...}}.
std::string to_json(const DecisionChange& change);
/// The summary as one line of JSON (no trailing newline): {"summary": {...}}.
std::string to_json(const DiffSummary& summary);

}  // namespace contrascreen
