#pragma once
/// \file
/// What an answer may be, decided once for every front end. A reader keeps only its lexical
/// part (a JSON token, a YAML scalar, a CSV cell, a Python object, a typed setter's argument)
/// and describes what it found as a RawAnswer; accept_answer then decides whether that answers
/// the question, and stores it or says why not. JSON, YAML and CSV intakes, the typed Intake
/// setters and the Python bindings all call it, so the same answer is accepted, or refused
/// with the same code, wherever it comes from.

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
    text,     ///< a string; dates and enum values arrive as text
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
  /// Kind::text: the string. Other kinds: the answer as written when the format cannot tell a
  /// string from another type by its text alone (a YAML plain scalar such as `no`), so that an
  /// enum question takes its declared value; empty otherwise.
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
  wrong_type,          ///< "intake.wrong_type": another type than the question's, or text that is not UTF-8
  out_of_range,        ///< "intake.out_of_range": not finite, too close to zero, or outside min/max
  unknown_enum_value,  ///< "intake.unknown_enum_value": text that is no declared value
  invalid_date,        ///< "intake.invalid_date": text that is no real date written YYYY-MM-DD
};

/// Decides whether `answer` answers `question`, and stores it in `intake` when it does:
/// - null leaves the question unanswered (never "no"), whatever its type;
/// - bool: a boolean; number: a number, finite, not underflowed, within min and max;
/// - enum: text that is a declared value, exactly (or a YAML plain scalar spelled so);
/// - date: a typed date, or text that is a real calendar date written YYYY-MM-DD;
/// - list: a list, stored empty (`[]` is an answer) for accept_list_item to fill.
/// Returns Refusal::none when stored; otherwise `intake` is unchanged. `intake` must use
/// the question's catalogue. Allocation-free; touches only `intake`.
[[nodiscard]] Refusal accept_answer(const Question& question, const RawAnswer& answer, Intake& intake) noexcept;

/// Decides whether `item` may be the next item of the list answer to `question`, which
/// accept_answer has accepted: text in valid UTF-8. Appends it when it may; otherwise
/// `intake` is unchanged. Throws std::length_error when the intake's list storage is full.
[[nodiscard]] Refusal accept_list_item(const Question& question, const RawAnswer& item, Intake& intake);

/// "intake.wrong_type", "intake.out_of_range", "intake.unknown_enum_value" or
/// "intake.invalid_date"; "" for Refusal::none.
const char* refusal_code(Refusal refusal) noexcept;

/// The message for people: the question, what it expects and what was found, quoting at
/// most a short excerpt of the answer. `item` > 0: the answer was item `item` of a list.
std::string refusal_message(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item = 0);

/// The refusal as an error Diagnostic without a position (a caller that knows one fills in
/// Diagnostic::where).
Diagnostic refusal_diagnostic(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item = 0);

/// True when `value` is finite and within the question's min and max: the range part of
/// what accept_answer accepts for a number question.
bool answer_within_range(const Question& question, double value) noexcept;

}  // namespace contrascreen
