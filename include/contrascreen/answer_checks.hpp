#pragma once
/// \file
/// Answers that cannot all be true: a follow-up answered while the answer it follows rules it
/// out (intake.contradiction), and a day in the future given for a question about the past
/// (intake.date_in_future). Each answer may fit its question (answer_acceptance.hpp decides
/// that while reading); these need the whole intake and the screening date, so they are
/// checked once both are known, between reading an intake and screening it. Every front end
/// of the library (batch and single-file screening, the Python bindings, rule-set tests)
/// does so, and an intake with such answers is an error record: never a decision.

#include <cstdint>
#include <vector>

#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen {

/// One impossible answer found by check_answers.
struct ImpossibleAnswer {
  /// Catalogue index of the answer at fault: the follow-up, or the date.
  std::uint32_t question = 0;
  /// intake.contradiction or intake.date_in_future, naming the questions and the answers or
  /// date involved, without a position: a front end that knows where the answer is written
  /// fills in Diagnostic::where.
  Diagnostic diagnostic;
};

/// Checks the answers of `intake` against each other and against `screening_date`, with the
/// catalogue's `follows` and `past`:
/// - intake.contradiction: a follow-up (Question::follows) is answered, and so is the question
///   it follows, with an answer outside Question::follows_when. A follow-up answered while the
///   question it follows is unanswered is no contradiction: nothing rules it out.
/// - intake.date_in_future: a `past` date question is answered with a day after
///   `screening_date` (the screening day itself is allowed).
/// Appends one ImpossibleAnswer per problem, in catalogue order, and returns true when there
/// is none. Looks only at the questions with `follows` or `past`; allocates nothing when there
/// is no problem. Thread-safe.
bool check_answers(const Intake& intake, Date screening_date, std::vector<ImpossibleAnswer>& out);

}  // namespace contrascreen
