#pragma once
/// \file
/// A batch's results kept in memory, compactly: one record per input record, in input
/// order, each a decision or an error record. For front ends that hand results to a
/// program rather than write them (the Python bindings' Results): screen_batch and
/// screen_input (batch.hpp) fill one as they would write JSON Lines, and screen_many's
/// results go into one too. A decision costs a small fixed record plus its fired and
/// undecided rules and its unanswered questions, as indices into the rule set's tables;
/// its complete Decision is rendered on demand by the library's one decision core.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// Results of screening a batch with one rule set. A value type; not thread-safe for
/// writing (the batch engine fills one per chunk and appends them in order on the calling
/// thread); const member functions may be called from any number of threads at once.
class BatchResults {
 public:
  /// Results of screening with `ruleset`, which is kept: decisions are rendered from it.
  explicit BatchResults(RuleSet ruleset);

  /// The rule set that screened every decision.
  const RuleSet& ruleset() const noexcept { return ruleset_; }
  /// True when `ruleset` is this results' rule set or a copy of it (they share one
  /// compiled form); results may only be filled by screening with it.
  bool of(const RuleSet& ruleset) const noexcept;
  /// Number of records.
  std::size_t size() const noexcept { return records_.size(); }
  bool empty() const noexcept { return records_.empty(); }
  /// Number of error records.
  std::size_t error_count() const noexcept { return error_count_; }

  /// True when record `i` is an error record: its intake could not be read.
  bool is_error(std::size_t i) const noexcept { return (records_[i].flags & is_error_flag) != 0; }
  /// The intake's id, when it had one (for an error record: when it could be read).
  std::optional<std::string_view> id(std::size_t i) const noexcept;

  // Decisions only (for an error record: allow, 1970-01-01, nullopt, empty).
  /// The verdict.
  Verdict verdict(std::size_t i) const noexcept { return records_[i].verdict; }
  /// The screening date.
  Date date(std::size_t i) const noexcept { return Date::from_days(records_[i].date); }
  /// The decision-level until (Decision::until).
  std::optional<Date> until(std::size_t i) const noexcept;
  /// The refuse/refer rules that fired or stayed undecided, in rule order (RuleHit::rule
  /// indexes ruleset().rules()).
  std::span<const RuleHit> hits(std::size_t i) const noexcept;
  /// Catalogue indices of the questions whose absence left a rule undecided, ascending.
  std::span<const std::uint32_t> unanswered(std::size_t i) const noexcept;
  /// The complete decision of record `i`, messages in `language` ("" or undeclared: the
  /// rule set's default): equal to ruleset().decide(intake, screening, language) for the
  /// intake and screening it was recorded from. Precondition: !is_error(i).
  Decision decision(std::size_t i, std::string_view language) const;

  // Error records only (for a decision: empty).
  /// Every problem of the intake, with positions.
  std::span<const Diagnostic> errors(std::size_t i) const noexcept;
  /// Index of the first of errors(i) among every error record's diagnostics, in record
  /// order: lets a front end keep data of its own alongside each diagnostic.
  std::size_t first_error(std::size_t i) const noexcept { return records_[i].errors; }

  /// Appends the decision of the intake with `id` as screened into `screening` (by this
  /// results' rule set). Allocation-free once the buffers have grown, failures apart.
  void append_decision(std::optional<std::string_view> id, const Screening& screening);
  /// Appends an error record for an intake that could not be read.
  void append_error(std::optional<std::string_view> id, std::span<const Diagnostic> errors);
  /// Appends every record of `other`, which must have been screened by the same rule set.
  void append(const BatchResults& other);
  /// Removes every record, keeping the buffers.
  void clear() noexcept;

  /// The records as bytes, to send them to another process (Python's pickle): about the
  /// size of the records in memory, and decode() with a rule set of the same sha256 gives
  /// results equal record for record. The format is this library version's; it is not an
  /// archive format (write JSON Lines for that).
  std::string encode() const;
  /// Results from encode()'s bytes, screened by `ruleset`. Throws std::invalid_argument when
  /// `bytes` are not such an encoding: another format, truncated, of a rule set with another
  /// sha256, or an index outside the rule set's rules or catalogue. Thread-safe.
  static BatchResults decode(RuleSet ruleset, std::string_view bytes);

 private:
  static constexpr std::uint8_t has_id_flag = 1, is_error_flag = 2, has_until_flag = 4;
  // One record: offsets into the shared arrays below (a record's entries run to the next
  // record's offset), its id's place in ids_, and its verdict and dates.
  struct Record {
    std::uint64_t id_begin = 0;
    std::uint32_t id_length = 0;
    std::uint32_t hits = 0;
    std::uint32_t advice = 0;
    std::uint32_t unanswered = 0;
    std::uint32_t errors = 0;
    std::int32_t date = 0;   // days since 1970-01-01
    std::int32_t until = 0;  // valid with has_until_flag
    Verdict verdict = Verdict::allow;
    std::uint8_t flags = 0;
  };
  // A failed rule's message (RuleHit::failed), by record; rare, so kept aside.
  struct Failure {
    std::size_t record = 0;
    std::uint32_t rule = 0;
    std::string message;
  };
  Record& start_record(std::optional<std::string_view> id);
  template <class T>
  std::span<const T> range(const std::vector<T>& items, std::uint32_t Record::*offset, std::size_t i) const noexcept;

  RuleSet ruleset_;
  std::vector<Record> records_;
  std::string ids_;
  std::vector<RuleHit> hits_;
  std::vector<std::uint32_t> advice_;
  std::vector<std::uint32_t> unanswered_;
  std::vector<Diagnostic> errors_;
  std::vector<Failure> failures_;  // in record order
  std::size_t error_count_ = 0;
};

}  // namespace contrascreen
