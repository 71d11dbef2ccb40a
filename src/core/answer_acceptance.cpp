// What an answer may be (answer_acceptance.hpp): the one place that decides whether an
// answer fits its question. The readers and the bindings only say what they found.
#include "contrascreen/answer_acceptance.hpp"

#include <cmath>
#include <string>

#include "core/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace {

using Kind = RawAnswer::Kind;

// Text is stored (list items) or quoted in messages (enum values), so it must be text:
// every reader of a file checks its encoding, but a typed setter gets whatever bytes a
// caller has, and a Latin-1 drug name would silently match no rule.
bool is_text(const RawAnswer& answer) noexcept {
  return answer.kind == Kind::text && util::is_valid_utf8(answer.text);
}

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
      return util::is_valid_utf8(answer.text) ? "a string" : "text that is not valid UTF-8";
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

Refusal accept_answer(const Question& question, const RawAnswer& answer, Intake& intake) noexcept {
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
      // 1e-999 reads as 0 but was not 0: a rule asking `> 0` would read it wrongly.
      if (answer.underflow || !answer_within_range(question, answer.number)) return Refusal::out_of_range;
      intake.assign_number(slot, answer.number);
      return Refusal::none;
    case QuestionType::enumeration: {
      // A YAML plain `no` is a boolean to YAML and the declared value "no" to the writer:
      // the declared spelling wins wherever the format cannot tell the two apart.
      if (answer.kind == Kind::text || !answer.text.empty()) {
        if (const auto index = question.enum_index(answer.text)) {
          intake.assign_enum(slot, *index);
          return Refusal::none;
        }
      }
      return is_text(answer) ? Refusal::unknown_enum_value : Refusal::wrong_type;
    }
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
      return is_text(answer) ? Refusal::invalid_date : Refusal::wrong_type;
    case QuestionType::list:
      if (answer.kind != Kind::list) return Refusal::wrong_type;
      intake.begin_list(slot);  // `[]` is an answer: the patient takes nothing
      return Refusal::none;
  }
  return Refusal::wrong_type;
}

Refusal accept_list_item(const Question& question, const RawAnswer& item, Intake& intake) {
  if (question.type != QuestionType::list || !is_text(item)) return Refusal::wrong_type;
  intake.append_list_item(question.index, item.text);
  return Refusal::none;
}

const char* refusal_code(Refusal refusal) noexcept {
  switch (refusal) {
    case Refusal::none:
      return "";
    case Refusal::wrong_type:
      return "intake.wrong_type";
    case Refusal::out_of_range:
      return "intake.out_of_range";
    case Refusal::unknown_enum_value:
      return "intake.unknown_enum_value";
    case Refusal::invalid_date:
      return "intake.invalid_date";
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

bool answer_within_range(const Question& question, double value) noexcept {
  if (!std::isfinite(value)) return false;
  if (question.min && value < *question.min) return false;
  if (question.max && value > *question.max) return false;
  return true;
}

}  // namespace contrascreen
