// What the FHIR R4 QuestionnaireResponse reader (intake_fhir.cpp) knows of FHIR: the
// elements of a response, an item and an answer, the status codes, the value[x] types and
// which question types take which. Pure functions over the spec's names; header-only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"

namespace contrascreen::fhir {

/// The value[x] types of QuestionnaireResponse.item.answer in R4. `unsupported`: a type
/// that answers no contrascreen question (valueTime, valueUri, valueAttachment,
/// valueQuantity, valueReference); it is read and refused as intake.wrong_type.
enum class ValueType : std::uint8_t { boolean, decimal, integer, date, date_time, string, coding, unsupported };

/// The value[x] type an answer key names, or nullopt for a key that is no value[x].
inline std::optional<ValueType> value_type(std::string_view key) noexcept {
  struct Entry {
    std::string_view key;
    ValueType type;
  };
  static constexpr Entry entries[] = {
      {"valueBoolean", ValueType::boolean},      {"valueDecimal", ValueType::decimal},
      {"valueInteger", ValueType::integer},      {"valueDate", ValueType::date},
      {"valueDateTime", ValueType::date_time},   {"valueString", ValueType::string},
      {"valueCoding", ValueType::coding},        {"valueTime", ValueType::unsupported},
      {"valueUri", ValueType::unsupported},      {"valueAttachment", ValueType::unsupported},
      {"valueQuantity", ValueType::unsupported}, {"valueReference", ValueType::unsupported},
  };
  for (const Entry& entry : entries)
    if (entry.key == key) return entry.type;
  return std::nullopt;
}

/// Whether a question of `question` type takes a value of `value` type: the item types of
/// docs/fhir.md (bool: boolean; number: decimal or integer; enum: choice, a Coding; date:
/// date, or a dateTime's day; list: string, repeating, or a Coding's code).
constexpr bool takes(QuestionType question, ValueType value) noexcept {
  switch (question) {
    case QuestionType::boolean:
      return value == ValueType::boolean;
    case QuestionType::number:
      return value == ValueType::decimal || value == ValueType::integer;
    case QuestionType::enumeration:
      return value == ValueType::coding;
    case QuestionType::date:
      return value == ValueType::date || value == ValueType::date_time;
    case QuestionType::list:
      return value == ValueType::string || value == ValueType::coding;
  }
  return false;
}

namespace detail {
template <std::size_t N>
constexpr bool listed(const std::string_view (&names)[N], std::string_view key) noexcept {
  // `_status` and the like carry a primitive's id and extensions: allowed beside any element.
  if (!key.empty() && key.front() == '_') return true;
  return std::find(std::begin(names), std::end(names), key) != std::end(names);
}
}  // namespace detail

/// The elements of a QuestionnaireResponse (R4) that the reader does not read itself.
inline bool is_response_element(std::string_view key) noexcept {
  static constexpr std::string_view names[] = {
      "resourceType", "meta",   "implicitRules", "language", "text",      "contained", "extension",
      "basedOn",      "partOf", "questionnaire", "subject",  "encounter", "author",    "source"};
  return detail::listed(names, key);
}

/// The elements of an item that the reader does not read itself.
inline bool is_item_element(std::string_view key) noexcept {
  static constexpr std::string_view names[] = {"id", "linkId", "definition", "text"};
  return detail::listed(names, key);
}

/// The elements of an answer other than value[x], item and modifierExtension.
inline bool is_answer_element(std::string_view key) noexcept {
  static constexpr std::string_view names[] = {"id", "extension"};
  return detail::listed(names, key);
}

/// QuestionnaireResponse.status (required binding, R4).
enum class Status : std::uint8_t { in_progress, completed, amended, entered_in_error, stopped };

inline std::optional<Status> parse_status(std::string_view code) noexcept {
  if (code == "in-progress") return Status::in_progress;
  if (code == "completed") return Status::completed;
  if (code == "amended") return Status::amended;
  if (code == "entered-in-error") return Status::entered_in_error;
  if (code == "stopped") return Status::stopped;
  return std::nullopt;
}

/// The day a FHIR date or dateTime names ("2026-11-21", "2026-11-21T09:30:00+01:00"), as
/// written; nullopt for a partial date ("2026-11") or text that is none.
inline std::optional<Date> date_part(std::string_view text) noexcept {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  return Date::parse_iso(text);
}

}  // namespace contrascreen::fhir
