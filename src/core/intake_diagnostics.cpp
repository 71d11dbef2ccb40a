// Public wrappers over the shared wording of intake problems (intake_messages.hpp), so
// that readers outside the library report the same mistake in the same words.
#include "contrascreen/intake_diagnostics.hpp"

#include <string>

#include "contrascreen/diagnostic_codes.hpp"

#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"

namespace contrascreen {
namespace {

Diagnostic error(std::string_view code, std::string message) {
  return make_diagnostic(Severity::error, code, std::move(message), std::string());
}

}  // namespace

Diagnostic unknown_question_diagnostic(const Catalogue& catalogue, std::string_view id) {
  return error(codes::intake_unknown_question, detail::unknown_question_message(catalogue, id));
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
