#pragma once
/// \file
/// An intake: one patient's answers, bound to the slots of a question catalogue so that
/// screening reads them by index, never by name.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic.hpp"

namespace contrascreen {

struct RawAnswer;  // answer_acceptance.hpp

/// Thrown by the typed Intake setters when an answer does not fit the catalogue: an
/// unknown question, a value of the wrong type, an undeclared enum value or an
/// impossible date. Readers of intake files report the same problems as Diagnostics.
class IntakeError : public std::invalid_argument {
 public:
  explicit IntakeError(Diagnostic diagnostic);
  /// The problem, with code (e.g. "intake.unknown_question") and, where known, position.
  const Diagnostic& diagnostic() const noexcept { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

/// A typed answer as a caller reads it back: bool, number, enum value, list or date.
using AnswerValue = std::variant<bool, double, std::string, std::vector<std::string>, Date>;

namespace detail {
/// Byte range of one list item inside an intake's string pool.
struct PooledString {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};
/// The range of an intake's list items that one list answer holds.
struct ListRange {
  std::uint32_t first = 0;
  std::uint32_t size = 0;
};
/// One question's answer, by slot. Which union member is live follows from the
/// question's type in the catalogue.
struct AnswerSlot {
  bool answered = false;
  union {
    bool boolean;
    double number;
    std::uint32_t enum_index;
    std::int32_t date_days;
    ListRange list;
  } value{};
};
struct IntakeAccess;  // the library's way into the slots (src/core/intake_access.hpp)
}  // namespace detail

/// One patient's answers. A value type: copies are independent. Not synchronised:
/// build it on one thread, then screen it from any number of threads.
class Intake {
 public:
  /// An intake with no answers for `catalogue` (must not be null).
  explicit Intake(std::shared_ptr<const Catalogue> catalogue);

  /// The intake's id, echoed in decisions ("id" in the intake file), if any.
  const std::optional<std::string>& id() const noexcept { return id_; }
  void set_id(std::optional<std::string> id) { id_ = std::move(id); }
  /// The screening date given by the intake ("date"), if any.
  const std::optional<Date>& date() const noexcept { return date_; }
  void set_date(std::optional<Date> date) noexcept { date_ = date; }

  /// Typed setters. Each throws IntakeError when `question` is not in the catalogue or the
  /// value does not fit it (strings set enum values, or dates in YYYY-MM-DD form; list items
  /// must be valid UTF-8), as accept_answer (answer_acceptance.hpp) decides for every front
  /// end; the question's earlier answer, if any, is then kept.
  void set(std::string_view question, bool value);
  void set(std::string_view question, double value);
  void set(std::string_view question, int value) { set(question, static_cast<double>(value)); }
  void set(std::string_view question, std::string_view value);
  void set(std::string_view question, const char* value) { set(question, std::string_view(value)); }
  void set(std::string_view question, Date value);
  void set(std::string_view question, const std::vector<std::string>& items);
  void set(std::string_view question, std::initializer_list<std::string_view> items);
  /// Marks `question` unanswered. Throws IntakeError for an unknown question.
  void unset(std::string_view question);

  /// True when `question` has an answer (an empty list is an answer).
  bool answered(std::string_view question) const;
  /// The answer to `question`, or nullopt when unanswered. Throws IntakeError when unknown.
  std::optional<AnswerValue> get(std::string_view question) const;
  /// Number of answered questions.
  std::size_t answer_count() const noexcept;

  /// Removes every answer, the id and the date, keeping allocated capacity so that a
  /// batch reader can refill one Intake without allocating.
  void clear() noexcept;

  /// Same catalogue object, id, date and answers (list items in order). How an intake was
  /// built (setters, readers, clear() and refill) does not matter.
  friend bool operator==(const Intake& a, const Intake& b) noexcept;

  const Catalogue& catalogue() const noexcept { return *catalogue_; }
  const std::shared_ptr<const Catalogue>& catalogue_ptr() const noexcept { return catalogue_; }

  // Low-level, non-throwing assignment by slot, used by accept_answer (answer_acceptance.hpp),
  // which decides what an answer may be, and by the engine. Inline: they are the last step of
  // reading every answer of a batch.
  void assign_bool(std::uint32_t slot, bool value) noexcept { mark_answered(slot).boolean = value; }
  void assign_number(std::uint32_t slot, double value) noexcept { mark_answered(slot).number = value; }
  void assign_enum(std::uint32_t slot, std::uint32_t value_index) noexcept {
    mark_answered(slot).enum_index = value_index;
  }
  void assign_date(std::uint32_t slot, Date value) noexcept {
    mark_answered(slot).date_days = value.days_since_epoch();
  }
  /// Starts a list answer for `slot`; append items with append_list_item.
  void begin_list(std::uint32_t slot) noexcept {
    // A new range at the end of the pool: a re-set list leaves its old items behind as
    // garbage until clear(), which is cheaper than compacting on every assignment.
    mark_answered(slot).list = detail::ListRange{static_cast<std::uint32_t>(list_items_.size()), 0};
  }
  void append_list_item(std::uint32_t slot, std::string_view item);
  void unassign(std::uint32_t slot) noexcept { slots_[slot] = detail::AnswerSlot{}; }

  /// List item `i` of the intake (see detail::ListRange).
  std::string_view list_item(std::uint32_t i) const noexcept {
    const auto& s = list_items_[i];
    return {pool_.data() + s.offset, s.length};
  }

 private:
  friend struct detail::IntakeAccess;  // the engine reads answers by slot
  const Question& require(std::string_view question) const;
  void set_checked(const Question& question, const RawAnswer& answer);
  template <typename Items>
  void set_list(std::string_view question, const Items& items);
  // Marks `slot` answered and returns its value, for the assign_* functions to fill.
  decltype(detail::AnswerSlot::value)& mark_answered(std::uint32_t slot) noexcept {
    slots_[slot].answered = true;
    return slots_[slot].value;
  }

  std::shared_ptr<const Catalogue> catalogue_;
  std::optional<std::string> id_;
  std::optional<Date> date_;
  std::vector<detail::AnswerSlot> slots_;
  std::vector<detail::PooledString> list_items_;
  std::string pool_;
};

/// The outcome of reading one intake: the intake, or the diagnostics that prevented it.
struct IntakeResult {
  std::optional<Intake> intake;
  std::vector<Diagnostic> diagnostics;
  /// When reading failed: the intake's id if it could be read, for the error record (the
  /// FHIR reader fills it; the others leave it empty).
  std::optional<std::string> id;
  explicit operator bool() const noexcept { return intake.has_value(); }
};

}  // namespace contrascreen
