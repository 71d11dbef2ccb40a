// The wording of intake answer problems, shared by answer acceptance
// (answer_acceptance.hpp) and the readers, so that the same mistake reads the same
// wherever it is made.
// Messages name the question and echo as little of the patient's answer as possible.
#pragma once

#include <string>
#include <string_view>

#include "contrascreen/catalogue.hpp"

namespace contrascreen::detail {

/// What an answer to `question` must be, e.g. "true or false", "a date (YYYY-MM-DD)".
std::string expected_answer(const Question& question);

/// "unknown question 'pregnat' (did you mean 'pregnant'?)"; code intake.unknown_question.
std::string unknown_question_message(const Catalogue& catalogue, std::string_view id);

/// "'pregnant' expects true or false, found a string"; `found` may be empty.
/// Code intake.wrong_type.
std::string wrong_type_message(const Question& question, std::string_view found);

/// Names the declared values and a close match; code intake.unknown_enum_value.
std::string unknown_enum_message(const Question& question, std::string_view value);

/// Code intake.invalid_date. Does not repeat the answer (it may be a birth date).
std::string invalid_date_message(const Question& question);

/// Code intake.out_of_range: not finite, or outside the question's min/max.
std::string out_of_range_message(const Question& question, double value);

/// Code intake.out_of_range: a non-zero number too close to zero for a double (1e-999).
std::string too_close_to_zero_message(const Question& question);

}  // namespace contrascreen::detail
