#pragma once
/// \file
/// What an answer may be, decided once for every front end. A reader keeps only its lexical
/// part (a JSON token, a YAML scalar, a CSV cell, a Python object, a typed setter's argument)
/// and describes what it found as a RawAnswer; accept_answer then decides whether that answers
/// the question, and stores it or says why not. JSON, YAML and CSV intakes, the typed Intake
/// setters and the Python bindings all call it, so the same answer is accepted, or refused
/// with the same code, wherever it comes from.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen {

/// An answer as a front end read it, before its question is consulted. A small value that
/// views text it does not own: `text` and `found` must outlive the calls it is passed to.
struct RawAnswer {
  /// What the front end found.
  enum class Kind : std::uint8_t {
    null,     ///< no answer: JSON or YAML null, Python None, an empty CSV cell
    boolean,  ///< true or false
    number,   ///< a number (see `number` and `underflow`)
    text,     ///< a string, in valid UTF-8; dates and enum values arrive as text
    date,     ///< a typed date (a Python datetime.date, Intake::set(Date))
    list,     ///< a list; its items go to accept_list_item one by one
    other,    ///< anything else (an object, a mapping...): never an answer; `found` names it
  };

  Kind kind = Kind::null;
  bool boolean = false;  ///< Kind::boolean: the value
  /// Kind::number: the value; +-infinity when the text holds a number too large for a double.
  double number = 0;
  /// Kind::number: the text holds a non-zero number too close to zero for a double (1e-999),
  /// which `number` (+-0) does not represent.
  bool underflow = false;
  Date date;  ///< Kind::date: the value
  /// Kind::text: the string. It must be valid UTF-8: bytes that are not are no text, and the
  /// front end says so (the file readers reject them as a syntax error, the setters as
  /// Kind::other), because stored text that matches no rule would read as a patient's "no".
  /// Other kinds: the answer as written when the format cannot tell a string from another
  /// type by its text alone (a YAML plain scalar such as `no`), so that an enum question
  /// takes its declared value; empty otherwise.
  std::string_view text;
  /// How the front end names what it found in intake.wrong_type messages ("an object",
  /// "text"); empty: named after the kind ("null", "a boolean", "a number", "a string", ...).
  std::string_view found;

  /// The answers of each kind.
  static RawAnswer of_null() noexcept { return {}; }
  static RawAnswer of_bool(bool value) noexcept {
    RawAnswer answer = of(Kind::boolean);
    answer.boolean = value;
    return answer;
  }
  static RawAnswer of_number(double value, bool underflow = false) noexcept {
    RawAnswer answer = of(Kind::number);
    answer.number = value;
    answer.underflow = underflow;
    return answer;
  }
  static RawAnswer of_text(std::string_view value) noexcept {
    RawAnswer answer = of(Kind::text);
    answer.text = value;
    return answer;
  }
  static RawAnswer of_date(Date value) noexcept {
    RawAnswer answer = of(Kind::date);
    answer.date = value;
    return answer;
  }
  static RawAnswer of_list() noexcept { return of(Kind::list); }
  /// A value that is no answer to any question; `found` names it, e.g. "an object".
  static RawAnswer of_other(std::string_view found) noexcept {
    RawAnswer answer = of(Kind::other);
    answer.found = found;
    return answer;
  }
  /// An answer of `kind` with every value at its default.
  static RawAnswer of(Kind kind) noexcept {
    RawAnswer answer;
    answer.kind = kind;
    return answer;
  }
};

/// Why an answer does not fit its question; each has a stable diagnostic code (refusal_code).
enum class Refusal : std::uint8_t {
  none,                ///< accepted
  wrong_type,          ///< "intake.wrong_type": another type than the question's
  out_of_range,        ///< "intake.out_of_range": not finite, too close to zero, or outside min/max
  unknown_enum_value,  ///< "intake.unknown_enum_value": text that is no declared value
  invalid_date,        ///< "intake.invalid_date": text that is no real date written YYYY-MM-DD
};

/// True when `value` is finite and within the question's min and max: the range part of
/// what accept_answer accepts for a number question.
inline bool answer_within_range(const Question& question, double value) noexcept {
  if (!std::isfinite(value)) return false;
  if (question.min && value < *question.min) return false;
  if (question.max && value > *question.max) return false;
  return true;
}

/// Decides whether `answer` answers `question`, and stores it in `intake` when it does:
/// - null leaves the question unanswered (never "no"), whatever its type;
/// - bool: a boolean; number: a number, finite, not underflowed, within min and max;
/// - enum: text that is a declared value, exactly (or a YAML plain scalar spelled so);
/// - date: a typed date, or text that is a real calendar date written YYYY-MM-DD;
/// - list: a list, stored empty (`[]` is an answer) for accept_list_item to fill.
/// Returns Refusal::none when stored; otherwise `intake` is unchanged. `intake` must use
/// the question's catalogue. Allocation-free; touches only `intake`.
///
/// Inline, because every answer of a batch passes here: where the reader's lexer knows what
/// it found (the JSON fast path, CSV, Python), the compiler folds the checks on the answer's
/// kind away. Always inline: GCC otherwise keeps one out-of-line copy where a file has many
/// call sites, and converting Python dicts paid a call per answer.
[[nodiscard, gnu::always_inline]] inline Refusal accept_answer(const Question& question, const RawAnswer& answer,
                                                               Intake& intake) noexcept {
  using Kind = RawAnswer::Kind;
  const std::uint32_t slot = question.index;
  if (answer.kind == Kind::null) {  // unanswered, whatever the question: never read as "no"
    intake.unassign(slot);
    return Refusal::none;
  }
  switch (question.type) {
    case QuestionType::boolean:
      if (answer.kind != Kind::boolean) return Refusal::wrong_type;
      intake.assign_bool(slot, answer.boolean);
      return Refusal::none;
    case QuestionType::number:
      if (answer.kind != Kind::number) return Refusal::wrong_type;
      // 1e-999 reads as 0 but is not 0: a rule asking `> 0` would read it wrongly.
      if (answer.underflow || !answer_within_range(question, answer.number)) return Refusal::out_of_range;
      intake.assign_number(slot, answer.number);
      return Refusal::none;
    case QuestionType::enumeration:
      // A YAML plain `no` is a boolean to YAML and the declared value "no" to its writer:
      // the declared spelling wins wherever the format cannot tell the two apart.
      if (answer.kind == Kind::text || !answer.text.empty()) {
        if (const auto index = question.enum_index(answer.text)) {
          intake.assign_enum(slot, *index);
          return Refusal::none;
        }
      }
      return answer.kind == Kind::text ? Refusal::unknown_enum_value : Refusal::wrong_type;
    case QuestionType::date:
      if (answer.kind == Kind::date) {
        intake.assign_date(slot, answer.date);
        return Refusal::none;
      }
      if (answer.kind == Kind::text) {
        if (const auto date = Date::parse_iso(answer.text)) {
          intake.assign_date(slot, *date);
          return Refusal::none;
        }
      }
      return answer.kind == Kind::text ? Refusal::invalid_date : Refusal::wrong_type;
    case QuestionType::list:
      if (answer.kind != Kind::list) return Refusal::wrong_type;
      intake.begin_list(slot);  // `[]` is an answer: the patient takes nothing
      return Refusal::none;
  }
  return Refusal::wrong_type;
}

/// Decides whether `item` may be the next item of the list answer to `question`, which
/// accept_answer has accepted: text. Appends it when it may; otherwise `intake` is
/// unchanged. Throws std::length_error when the intake's list storage is full.
[[nodiscard]] inline Refusal accept_list_item(const Question& question, const RawAnswer& item, Intake& intake) {
  if (question.type != QuestionType::list || item.kind != RawAnswer::Kind::text) return Refusal::wrong_type;
  intake.append_list_item(question.index, item.text);
  return Refusal::none;
}

/// "intake.wrong_type", "intake.out_of_range", "intake.unknown_enum_value" or
/// "intake.invalid_date"; "" for Refusal::none.
std::string_view refusal_code(Refusal refusal) noexcept;

/// The message for people: the question, what it expects and what was found, quoting at
/// most a short excerpt of the answer. `item` > 0: the answer was item `item` of a list.
std::string refusal_message(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item = 0);

/// The refusal as an error Diagnostic without a position (a caller that knows one fills in
/// Diagnostic::where).
Diagnostic refusal_diagnostic(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item = 0);

}  // namespace contrascreen
