// The words of a refusal (answer_acceptance.hpp, where accept_answer and accept_list_item are
// defined inline for the readers' hot paths).
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/answer_acceptance.hpp"

#include <string>

#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"

namespace contrascreen {
namespace {

using Kind = RawAnswer::Kind;

std::string found_name(const RawAnswer& answer) {
  if (!answer.found.empty()) return std::string(answer.found);
  switch (answer.kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "a boolean";
    case Kind::number:
      return "a number";
    case Kind::text:
      return "a string";
    case Kind::date:
      return "a date";
    case Kind::list:
      return "a list";
    case Kind::other:
      break;
  }
  return "a value";
}

}  // namespace

std::string_view refusal_code(Refusal refusal) noexcept {
  switch (refusal) {
    case Refusal::none:
      return "";
    case Refusal::wrong_type:
      return codes::intake_wrong_type;
    case Refusal::out_of_range:
      return codes::intake_out_of_range;
    case Refusal::unknown_enum_value:
      return codes::intake_unknown_enum_value;
    case Refusal::invalid_date:
      return codes::intake_invalid_date;
  }
  return "";
}

std::string refusal_message(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item) {
  switch (refusal) {
    case Refusal::none:
      return {};
    case Refusal::wrong_type: {
      std::string found = found_name(answer);
      if (item > 0) found += " as item " + std::to_string(item);
      return detail::wrong_type_message(question, found);
    }
    case Refusal::out_of_range:
      return answer.underflow ? detail::too_close_to_zero_message(question)
                              : detail::out_of_range_message(question, answer.number);
    case Refusal::unknown_enum_value:
      return detail::unknown_enum_message(question, answer.text);
    case Refusal::invalid_date:
      return detail::invalid_date_message(question);
  }
  return {};
}

Diagnostic refusal_diagnostic(const Question& question, const RawAnswer& answer, Refusal refusal, std::size_t item) {
  return make_diagnostic(Severity::error, refusal_code(refusal), refusal_message(question, answer, refusal, item),
                         std::string());
}

}  // namespace contrascreen
