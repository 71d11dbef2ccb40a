#pragma once
/// \file
/// The diagnostics for answers that do not fit the catalogue, worded exactly as the intake
/// readers and the typed Intake setters word them, for other readers of dynamically typed
/// answers (the Python bindings convert dicts with these). None has a position: a caller
/// that knows one fills in Diagnostic::where.

#include <string_view>

#include "contrascreen/answer_acceptance.hpp"  // answer_within_range, and the decision these describe
#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"

namespace contrascreen {

/// intake.unknown_question: "unknown question 'pregnat' (did you mean 'pregnant'?)".
Diagnostic unknown_question_diagnostic(const Catalogue& catalogue, std::string_view id);

/// intake.wrong_type: "'pregnant' expects true or false, found <found>", where `found`
/// names what was given ("a string", "a number as item 2"); empty: no "found" part.
Diagnostic wrong_type_diagnostic(const Question& question, std::string_view found);

/// intake.unknown_enum_value: names the declared values and a close match.
Diagnostic unknown_enum_value_diagnostic(const Question& question, std::string_view value);

/// intake.invalid_date: not a real calendar date written YYYY-MM-DD (the answer is not
/// repeated: it may be a birth date).
Diagnostic invalid_date_diagnostic(const Question& question);

/// intake.unknown_key: a top-level key of an intake other than id, date and answers, with a
/// suggestion ("'Date' is not a key of an intake (id, date, answers): did you mean 'date'?").
Diagnostic unknown_intake_key_diagnostic(std::string_view key);
/// intake.missing_answers: an intake without 'answers'.
Diagnostic missing_answers_diagnostic();
/// The top-level keys of an intake, in the order readers expect them.
inline constexpr std::string_view intake_keys[] = {"id", "date", "answers"};
/// intake.out_of_range: not finite, or outside the question's min and max.
Diagnostic out_of_range_diagnostic(const Question& question, double value);

}  // namespace contrascreen
