// Public wrappers over the shared wording of intake problems (intake_messages.hpp), so
// that readers outside the library report the same mistake in the same words.
#include "contrascreen/intake_diagnostics.hpp"

#include <iterator>
#include <string>
#include <vector>

#include "contrascreen/diagnostic_codes.hpp"

#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace {

Diagnostic error(std::string_view code, std::string message) {
  return make_diagnostic(Severity::error, code, std::move(message), std::string());
}

}  // namespace

Diagnostic unknown_question_diagnostic(const Catalogue& catalogue, std::string_view id) {
  return error(codes::intake_unknown_question, detail::unknown_question_message(catalogue, id));
}

Diagnostic unknown_intake_key_diagnostic(std::string_view key) {
  const std::vector<std::string_view> keys(std::begin(intake_keys), std::end(intake_keys));
  const auto suggestion = util::closest_match(key, keys);
  // A question id at the top level is the common mistake: answers given flat, without
  // the 'answers' mapping around them.
  return error(codes::intake_unknown_key,
               "'" + std::string(key) + "' is not a key of an intake (id, date, answers)" +
                   (suggestion ? ": did you mean '" + *suggestion + "'?" : "; answers go inside 'answers'"));
}

Diagnostic missing_answers_diagnostic() {
  return error(codes::intake_missing_answers,
               "the intake has no 'answers' (give {\"answers\": {}} when nothing was answered)");
}

Diagnostic wrong_type_diagnostic(const Question& question, std::string_view found) {
  return error(codes::intake_wrong_type, detail::wrong_type_message(question, found));
}

Diagnostic unknown_enum_value_diagnostic(const Question& question, std::string_view value) {
  return error(codes::intake_unknown_enum_value, detail::unknown_enum_message(question, value));
}

Diagnostic invalid_date_diagnostic(const Question& question) {
  return error(codes::intake_invalid_date, detail::invalid_date_message(question));
}

Diagnostic out_of_range_diagnostic(const Question& question, double value) {
  return error(codes::intake_out_of_range, detail::out_of_range_message(question, value));
}

}  // namespace contrascreen
