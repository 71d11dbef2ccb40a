#pragma once
/// \file
/// The allocation-free result of screening one intake, for batch pipelines.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen {

/// Options of one screening.
struct ScreenOptions {
  /// The screening date when the intake gives none; when neither does, today (UTC).
  std::optional<Date> date{};
  /// Language of messages; "" or an undeclared one falls back to the rule set's default.
  std::string language{};
};

/// The screening date of `intake` under `options`: the intake's own date, else options.date,
/// else today (UTC). The one place the library resolves it: RuleSet::screen, explanations,
/// and every front end's check of the answers against it (check_answers, answer_checks.hpp)
/// take it from here.
Date screening_date_of(const Intake& intake, const ScreenOptions& options);

/// A refuse/refer rule that fired or stayed undecided, as recorded by the fast path.
struct RuleHit {
  std::uint32_t rule = 0;     ///< index into RuleSet::rules()
  bool undecided = false;     ///< condition unknown or failed: contributes refer
  bool failed = false;        ///< evaluation error (not a missing answer)
  std::optional<Date> until;  ///< value of the rule's `until`, when it fired and has one
  std::uint64_t missing = 0;  ///< bit i: the rule's i-th read question was missing and mattered
};

/// The compact result of one screening. Reuse one Screening per thread across a batch:
/// once its buffers have grown, RuleSet::screen fills it without allocating.
class Screening {
 public:
  Verdict verdict() const noexcept { return verdict_; }
  Date date() const noexcept { return date_; }
  /// Refuse/refer rules that fired or stayed undecided, in rule order.
  std::span<const RuleHit> hits() const noexcept { return hits_; }
  /// Inform rules that fired (rule indices), in rule order.
  std::span<const std::uint32_t> advice() const noexcept { return advice_; }
  /// Catalogue indices of the questions whose absence left a rule undecided, ascending.
  std::span<const std::uint32_t> unanswered() const noexcept { return unanswered_; }
  /// Why `hit` (one of hits(), with RuleHit::failed set) failed, as taken when it failed;
  /// "" for a hit that did not fail. Valid until this Screening is screened into again.
  std::string_view failure_message(const RuleHit& hit) const noexcept {
    if (!hit.failed) return {};
    for (const auto& [rule, message] : failures_)
      if (rule == hit.rule) return message;
    return {};
  }

 private:
  friend class RuleSet;
  friend class BatchResults;  // rebuilds a Screening from its compact records to render a Decision
  Verdict verdict_ = Verdict::allow;
  Date date_;
  std::vector<RuleHit> hits_;
  std::vector<std::uint32_t> advice_;
  std::vector<std::uint32_t> unanswered_;
  std::vector<std::uint64_t> unanswered_bits_;
  // (rule, message) of each failed rule, in hit order. Failures are rare, so an empty vector
  // is the common case and clearing it costs nothing; RuleHit stays small for the hot loop.
  std::vector<std::pair<std::uint32_t, std::string>> failures_;
};

}  // namespace contrascreen
