#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake.hpp"

#include "contrascreen/answer_acceptance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"
#include "util/text.hpp"

namespace contrascreen {

// ---- messages ---------------------------------------------------------------

namespace detail {
namespace {

std::string format_number(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Quoting an undeclared enum value helps the sender find the typo; a bounded prefix
// is enough for that and keeps free text a patient typed out of logs.
std::string quoted_excerpt(std::string_view value) {
  constexpr std::size_t limit = 40;
  if (value.size() <= limit) return "'" + std::string(value) + "'";
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // whole code points
  return "'" + std::string(value.substr(0, cut)) + "...'";
}

// "a, b or c": reads naturally even when the message goes on after it.
std::string value_list(const Question& question) {
  std::string out;
  const auto& values = question.values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i].value;
  }
  return out;
}

}  // namespace

std::string expected_answer(const Question& question) {
  switch (question.type) {
    case QuestionType::boolean:
      return "true or false";
    case QuestionType::number:
      return "a number";
    case QuestionType::enumeration:
      return "one of " + value_list(question);
    case QuestionType::list:
      return "a list of strings";
    case QuestionType::date:
      return "a date (YYYY-MM-DD)";
  }
  return "an answer";
}

std::string unknown_question_message(const Catalogue& catalogue, std::string_view id) {
  return "unknown question " + quoted_excerpt(id) + did_you_mean(catalogue.suggest(id));
}

std::string wrong_type_message(const Question& question, std::string_view found) {
  std::string message = "'" + question.id + "' expects " + expected_answer(question);
  if (!found.empty()) message += ", found " + std::string(found);
  return message;
}

std::string unknown_enum_message(const Question& question, std::string_view value) {
  std::vector<std::string_view> values;
  for (const auto& v : question.values) values.emplace_back(v.value);
  return "'" + question.id + "' has no value " + quoted_excerpt(value) +
         did_you_mean(util::closest_match(value, values).value_or("")) + "; expected one of " + value_list(question);
}

std::string invalid_date_message(const Question& question) {
  return "'" + question.id + "' expects a real calendar date written YYYY-MM-DD";
}

std::string out_of_range_message(const Question& question, double value) {
  if (!std::isfinite(value)) return "'" + question.id + "' expects a finite number";
  std::string message = "'" + question.id + "' must be ";
  if (question.min && question.max) {
    message += "between " + format_number(*question.min) + " and " + format_number(*question.max);
  } else if (question.min) {
    message += "at least " + format_number(*question.min);
  } else if (question.max) {
    message += "at most " + format_number(*question.max);
  }
  if (!question.unit.empty()) message += " " + question.unit;
  return message + ", found " + format_number(value);
}

std::string too_close_to_zero_message(const Question& question) {
  return "'" + question.id + "' expects a number, found one too close to zero to hold (it would read as 0)";
}

}  // namespace detail

// ---- IntakeError ---------------------------------------------------------------

IntakeError::IntakeError(Diagnostic diagnostic)
    : std::invalid_argument(diagnostic.message), diagnostic_(std::move(diagnostic)) {}

namespace {

[[noreturn]] void fail(std::string_view code, std::string message) {
  throw IntakeError(make_diagnostic(Severity::error, code, std::move(message), std::string()));
}

}  // namespace

// ---- Intake --------------------------------------------------------------------

Intake::Intake(std::shared_ptr<const Catalogue> catalogue) : catalogue_(std::move(catalogue)) {
  if (!catalogue_) throw std::invalid_argument("Intake: the catalogue must not be null");
  slots_.resize(catalogue_->size());
}

const Question& Intake::require(std::string_view question) const {
  const Question* q = catalogue_->find(question);
  if (q == nullptr) fail(codes::intake_unknown_question, detail::unknown_question_message(*catalogue_, question));
  return *q;
}

namespace {

// A string argument as an answer. Bytes that are not UTF-8 are no text: the readers of files
// reject them as a syntax error; here they are something else than text, which no question takes.
RawAnswer text_answer(std::string_view value) noexcept {
  return util::is_valid_utf8(value) ? RawAnswer::of_text(value) : RawAnswer::of_other("text that is not valid UTF-8");
}

}  // namespace

// The typed setters are a front end like the readers: the argument's C++ type is what was
// found, and accept_answer decides.
void Intake::set_checked(const Question& question, const RawAnswer& answer) {
  if (const Refusal refusal = accept_answer(question, answer, *this); refusal != Refusal::none)
    throw IntakeError(refusal_diagnostic(question, answer, refusal));
}

void Intake::set(std::string_view question, bool value) {
  set_checked(require(question), RawAnswer::of_bool(value));
}

void Intake::set(std::string_view question, double value) {
  set_checked(require(question), RawAnswer::of_number(value));
}

void Intake::set(std::string_view question, std::string_view value) {
  set_checked(require(question), text_answer(value));
}

void Intake::set(std::string_view question, Date value) {
  set_checked(require(question), RawAnswer::of_date(value));
}

template <typename Items>
void Intake::set_list(std::string_view question, const Items& items) {
  const Question& q = require(question);
  const detail::AnswerSlot before = slots_[q.index];
  set_checked(q, RawAnswer::of_list());
  std::size_t position = 0;
  for (const std::string_view item : items) {
    const RawAnswer answer = text_answer(item);
    if (const Refusal refusal = accept_list_item(q, answer, *this); refusal != Refusal::none) {
      slots_[q.index] = before;  // all or nothing: the earlier answer stays, as for other refusals
      throw IntakeError(refusal_diagnostic(q, answer, refusal, position + 1));
    }
    ++position;
  }
}

void Intake::set(std::string_view question, const std::vector<std::string>& items) {
  set_list(question, items);
}

void Intake::set(std::string_view question, std::initializer_list<std::string_view> items) {
  set_list(question, items);
}

void Intake::unset(std::string_view question) {
  set_checked(require(question), RawAnswer::of_null());
}

bool Intake::answered(std::string_view question) const {
  return slots_[require(question).index].answered;
}

std::optional<AnswerValue> Intake::get(std::string_view question) const {
  const Question& q = require(question);
  const detail::AnswerSlot& slot = slots_[q.index];
  if (!slot.answered) return std::nullopt;
  switch (q.type) {
    case QuestionType::boolean:
      return AnswerValue(slot.value.boolean);
    case QuestionType::number:
      return AnswerValue(slot.value.number);
    case QuestionType::enumeration:
      return AnswerValue(q.values[slot.value.enum_index].value);
    case QuestionType::date:
      return AnswerValue(Date::from_days(slot.value.date_days));
    case QuestionType::list: {
      std::vector<std::string> items;
      items.reserve(slot.value.list.size);
      for (std::uint32_t i = 0; i < slot.value.list.size; ++i) items.emplace_back(list_item(slot.value.list.first + i));
      return AnswerValue(std::move(items));
    }
  }
  return std::nullopt;
}

std::size_t Intake::answer_count() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(slots_.begin(), slots_.end(), [](const detail::AnswerSlot& s) { return s.answered; }));
}

bool operator==(const Intake& a, const Intake& b) noexcept {
  if (a.catalogue_ != b.catalogue_ || a.id_ != b.id_ || a.date_ != b.date_) return false;
  for (const Question& q : a.catalogue_->questions()) {
    const detail::AnswerSlot& x = a.slots_[q.index];
    const detail::AnswerSlot& y = b.slots_[q.index];
    if (x.answered != y.answered) return false;
    if (!x.answered) continue;
    bool same = false;
    switch (q.type) {
      case QuestionType::boolean:
        same = x.value.boolean == y.value.boolean;
        break;
      case QuestionType::number:
        same = x.value.number == y.value.number;
        break;
      case QuestionType::enumeration:
        same = x.value.enum_index == y.value.enum_index;
        break;
      case QuestionType::date:
        same = x.value.date_days == y.value.date_days;
        break;
      case QuestionType::list:
        same = x.value.list.size == y.value.list.size;
        for (std::uint32_t i = 0; same && i < x.value.list.size; ++i)
          same = a.list_item(x.value.list.first + i) == b.list_item(y.value.list.first + i);
        break;
    }
    if (!same) return false;
  }
  return true;
}

void Intake::clear() noexcept {
  id_.reset();
  date_.reset();
  std::fill(slots_.begin(), slots_.end(), detail::AnswerSlot{});
  list_items_.clear();
  pool_.clear();
}

void Intake::append_list_item(std::uint32_t slot, std::string_view item) {
  // Offsets are 32-bit to keep slots small; an intake is nowhere near 4 GiB.
  constexpr std::size_t limit = std::numeric_limits<std::uint32_t>::max();
  if (pool_.size() + item.size() > limit || list_items_.size() >= limit)
    throw std::length_error("Intake: list answers exceed 4 GiB");
  list_items_.push_back(
      detail::PooledString{static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(item.size())});
  pool_.append(item);
  ++slots_[slot].value.list.size;
}

}  // namespace contrascreen
