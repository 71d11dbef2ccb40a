// Reading one FHIR R4 QuestionnaireResponse (fhir_reader.hpp): its id, status and date, its
// items, groups and answers, each answer's value[x] mapped to the RawAnswer a JSON intake would
// hold and given to accept_answer, which decides what it means. Problems name the element's path.
#include <algorithm>
#include <string>

#include "contrascreen/fhir_intake.hpp"
#include "core/intake_messages.hpp"
#include "io/fhir_reader.hpp"
#include "io/json_syntax.hpp"
#include "util/decimal_text.hpp"

namespace contrascreen::io {
namespace {

using fhir::ValueType;

// Items nest in items and in answers; deeper than this is no form a patient filled in.
constexpr int max_item_depth = 64;

}  // namespace

void FhirReader::read_response(od::value value, Intake& into, std::vector<Diagnostic>& diagnostics) {
  out = &diagnostics;
  intake = &into;
  failed = false;
  std::fill(slots.begin(), slots.end(), Slot::open);
  const char* at = token(value);
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    error(codes::fhir_wrong_resource, "a QuestionnaireResponse is a JSON object", at);
    return;
  }
  od::value type;
  std::string_view type_name;
  if (object.find_field_unordered("resourceType").get(type) != simdjson::SUCCESS) {
    error(codes::fhir_wrong_resource, "the resource has no resourceType; expected a QuestionnaireResponse", at);
    return;
  }
  if (type.get_string().get(type_name) != simdjson::SUCCESS || type_name != "QuestionnaireResponse") {
    const std::string found = type_name.empty() ? std::string("no resource type") : "a " + std::string(type_name);
    error(codes::fhir_wrong_resource, "expected a QuestionnaireResponse, found " + found, token(type));
    return;
  }
  if (const auto err = object.reset().error()) {
    syntax(err, at);
    return;
  }
  read_response_fields(object, at);
}

bool FhirReader::read_response_fields(od::object object, const char* at) {
  const std::size_t first = out->size();
  std::string_view status;
  const char* status_at = nullptr;
  std::optional<std::string> identifier;
  for (auto entry : object) {
    od::field field;
    std::string_view key;
    if (const auto err = std::move(entry).get(field)) return syntax(err, at);
    const char* key_at = field.key().raw() - 1;
    if (const auto err = field.unescaped_key().get(key)) return syntax(err, key_at);
    od::value value = field.value();
    const char* value_at = token(value);
    const std::size_t outer = push(key);
    if (key == "id") {
      std::string_view id;
      if (value.get_string().get(id) == simdjson::SUCCESS)
        intake->set_id(std::string(id));
      else
        error(codes::intake_invalid_id, "the resource id must be a string", value_at);
    } else if (key == "identifier") {
      od::object object_value;
      od::value identifier_value;
      std::string_view id;
      if (value.get_object().get(object_value) == simdjson::SUCCESS &&
          object_value.find_field_unordered("value").get(identifier_value) == simdjson::SUCCESS &&
          identifier_value.get_string().get(id) == simdjson::SUCCESS)
        identifier = std::string(id);
    } else if (key == "status") {
      status_at = value_at;
      if (value.get_string().get(status) != simdjson::SUCCESS) status = "(not a string)";
    } else if (key == "authored") {
      std::string_view authored;
      const auto day = value.get_string().get(authored) == simdjson::SUCCESS ? fhir::date_part(authored) : std::nullopt;
      if (day)
        intake->set_date(*day);
      else
        error(codes::intake_invalid_date, "must be a date or dateTime that names a day (YYYY-MM-DD...)", value_at);
    } else if (key == "item") {
      pop(outer);
      if (!read_items(value, 0)) return false;
    } else if (key == "modifierExtension") {
      error(codes::fhir_modifier_extension, "contrascreen understands no modifier extension", value_at);
    } else if (!fhir::is_response_element(key)) {
      error(codes::fhir_unknown_element, "a QuestionnaireResponse (R4) has no such element", key_at);
    }
    pop(outer);
  }
  if (!intake->id() && identifier) intake->set_id(std::move(identifier));
  const std::optional<fhir::Status> known = fhir::parse_status(status);
  if (status_at == nullptr || !known) {
    error(codes::fhir_invalid_status,
          status_at == nullptr ? "the QuestionnaireResponse has no status"
                               : "status must be in-progress, completed, amended, entered-in-error or stopped",
          status_at != nullptr ? status_at : at);
  } else if (*known == fhir::Status::entered_in_error || *known == fhir::Status::stopped) {
    // The response as a whole is void: what its answers would say does not matter.
    out->resize(first);
    const bool void_entry = *known == fhir::Status::entered_in_error;
    error(void_entry ? codes::fhir_entered_in_error : codes::fhir_stopped,
          void_entry ? "the QuestionnaireResponse was entered in error; it is never screened"
                     : "the QuestionnaireResponse was stopped before it was completed; it is never screened",
          status_at);
  }
  return true;
}

bool FhirReader::read_items(od::value value, int depth) {
  od::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    const std::size_t outer = push("item");
    error(codes::fhir_invalid_element, "'item' must be a list of items", token(value));
    pop(outer);
    return true;
  }
  std::size_t index = 0;
  for (auto entry : items) {
    od::value item;
    if (const auto err = std::move(entry).get(item)) return syntax(err, nullptr);
    const std::size_t outer = push("item", index++);
    const bool ok = read_item(item, depth);
    pop(outer);
    if (!ok) return false;
  }
  return true;
}

bool FhirReader::read_item(od::value value, int depth) {
  const char* at = token(value);
  if (depth >= max_item_depth) {
    error(codes::intake_too_deep, "items nested more than " + std::to_string(max_item_depth) + " levels deep", at);
    return false;
  }
  od::object item;
  if (value.get_object().get(item) != simdjson::SUCCESS) {
    error(codes::fhir_invalid_element, "an item must be an object", at);
    return true;
  }
  od::value link;
  std::string_view link_id;
  const char* link_at = nullptr;
  if (item.find_field_unordered("linkId").get(link) == simdjson::SUCCESS) {
    link_at = token(link);
    if (link.get_string().get(link_id) != simdjson::SUCCESS) {
      error(codes::fhir_invalid_element, "linkId must be a string", link_at);
      link_at = nullptr;
    }
  } else {
    error(codes::fhir_invalid_element, "the item has no linkId", at);
  }
  if (const auto err = item.reset().error()) return syntax(err, at);
  const Question* question = link_at != nullptr ? catalogue->find(link_id) : nullptr;
  bool has_answer = false, has_items = false;
  for (auto entry : item) {
    od::field field;
    std::string_view key;
    if (const auto err = std::move(entry).get(field)) return syntax(err, at);
    const char* key_at = field.key().raw() - 1;
    if (const auto err = field.unescaped_key().get(key)) return syntax(err, key_at);
    od::value child = field.value();
    if (key == "answer") {
      has_answer = true;
      od::array answers;
      if (child.get_array().get(answers) != simdjson::SUCCESS) {
        const std::size_t outer = push("answer");
        error(codes::fhir_invalid_element, "'answer' must be a list of answers", token(child));
        pop(outer);
        continue;
      }
      std::size_t index = 0;
      for (auto answer_entry : answers) {
        od::value answer;
        if (const auto err = std::move(answer_entry).get(answer)) return syntax(err, at);
        const std::size_t outer = push("answer", index++);
        const bool ok = read_answer(answer, question, depth);
        pop(outer);
        if (!ok) return false;
      }
    } else if (key == "item") {
      has_items = true;
      if (!read_items(child, depth + 1)) return false;
    } else if (key == "extension") {
      if (!read_extensions(child, question, link_at)) return false;
    } else if (key == "modifierExtension") {
      const std::size_t outer = push(key);
      error(codes::fhir_modifier_extension, "contrascreen understands no modifier extension", token(child));
      pop(outer);
    } else if (!fhir::is_item_element(key)) {
      error(codes::fhir_unknown_element, "an item has no element '" + std::string(key) + "'", key_at);
    }
  }
  // FHIR's qrs-1: a question's nested items go under its answers.
  if (has_answer && has_items)
    error(codes::fhir_invalid_element, "an item has answers and items; a question's items go under its answer", at);
  // An item with items and no answer of its own is a group, whatever its linkId; any other
  // item is a question, which the catalogue must have.
  if (question == nullptr && link_at != nullptr && (has_answer || !has_items)) {
    const std::size_t outer = push("linkId");
    error(codes::intake_unknown_question, detail::unknown_question_message(*catalogue, link_id), link_at);
    pop(outer);
  }
  return true;
}

bool FhirReader::read_answer(od::value value, const Question* question, int depth) {
  const char* at = token(value);
  od::object answer;
  if (value.get_object().get(answer) != simdjson::SUCCESS) {
    error(codes::fhir_invalid_element, "an answer must be an object", at);
    return true;
  }
  bool has_value = false;
  for (auto entry : answer) {
    od::field field;
    std::string_view key;
    if (const auto err = std::move(entry).get(field)) return syntax(err, at);
    const char* key_at = field.key().raw() - 1;
    if (const auto err = field.unescaped_key().get(key)) return syntax(err, key_at);
    od::value child = field.value();
    if (const std::optional<ValueType> type = fhir::value_type(key)) {
      const std::size_t outer = push(key);
      if (has_value)
        error(codes::fhir_invalid_element, "an answer has one value[x]; this is a second", key_at);
      else if (!read_value(child, *type, key, question))
        return false;
      has_value = true;
      pop(outer);
    } else if (key == "item") {
      if (!read_items(child, depth + 1)) return false;
    } else if (key == "modifierExtension") {
      const std::size_t outer = push(key);
      error(codes::fhir_modifier_extension, "contrascreen understands no modifier extension", token(child));
      pop(outer);
    } else if (!fhir::is_answer_element(key)) {
      error(codes::fhir_unknown_element, "an answer has no element '" + std::string(key) + "'", key_at);
    }
  }
  return true;
}

// Maps value[x] to what a JSON intake would hold; a FHIR type the question does not take
// (valueString for a bool, valueDate for an enum) arrives as Kind::other named after its
// key, so that accept_answer refuses it as intake.wrong_type.
bool FhirReader::read_value(od::value value, ValueType type, std::string_view key, const Question* question) {
  const char* at = token(value);
  RawAnswer answer;
  std::string_view text_value;
  std::optional<std::size_t> code_path;
  switch (type) {
    case ValueType::boolean: {
      bool boolean = false;
      if (value.get_bool().get(boolean) != simdjson::SUCCESS) {
        error(codes::fhir_invalid_element, "valueBoolean must be true or false", at);
        return true;
      }
      answer = RawAnswer::of_bool(boolean);
      break;
    }
    case ValueType::decimal:
    case ValueType::integer: {
      od::json_type json_type{};
      const std::string_view number(at, json::token_length(text, static_cast<std::size_t>(at - buffer.data())));
      const bool integral = number.find_first_of(".eE") == std::string_view::npos;
      if (value.type().get(json_type) != simdjson::SUCCESS || json_type != od::json_type::number ||
          (type == ValueType::integer && !integral)) {
        error(codes::fhir_invalid_element,
              std::string(key) + " must be " + (type == ValueType::integer ? "an integer" : "a number"), at);
        return true;
      }
      const auto decimal = util::read_decimal(number);  // 1e999 and 1e-999 as the JSON reader reads them
      if (!decimal) return syntax(simdjson::NUMBER_ERROR, at);
      answer = RawAnswer::of_number(decimal->value, decimal->underflow);
      break;
    }
    case ValueType::date:
    case ValueType::date_time:
    case ValueType::string:
      if (value.get_string().get(text_value) != simdjson::SUCCESS) {
        error(codes::fhir_invalid_element, std::string(key) + " must be a string", at);
        return true;
      }
      // A dateTime answers a date question with its day, as written (the patient's own).
      if (type == ValueType::date_time && text_value.size() > 10 && text_value[10] == 'T')
        text_value = text_value.substr(0, 10);
      answer = RawAnswer::of_text(text_value);
      break;
    case ValueType::coding: {
      od::object coding;
      od::value code;
      if (value.get_object().get(coding) != simdjson::SUCCESS ||
          coding.find_field_unordered("code").get(code) != simdjson::SUCCESS) {
        error(codes::fhir_invalid_element, "valueCoding must be an object with a code", at);
        return true;
      }
      code_path = push("code");  // the code is what is accepted, or refused
      at = token(code);
      if (code.get_string().get(text_value) != simdjson::SUCCESS) {
        error(codes::fhir_invalid_element, "code must be a string", at);
        pop(*code_path);
        return true;
      }
      answer = RawAnswer::of_text(text_value);
      break;
    }
    case ValueType::unsupported:
      break;
  }
  if (question != nullptr) {
    std::string found;  // made only for a type the question does not take
    if (!fhir::takes(question->type, type)) {
      found = "a " + std::string(key);
      answer = RawAnswer::of_other(found);
    }
    accept(*question, answer, at);
  }
  if (code_path) pop(*code_path);
  return true;
}

void FhirReader::accept(const Question& question, const RawAnswer& answer, const char* at) {
  Slot& slot = slots[question.index];
  if (slot == Slot::empty_list) {
    error(codes::fhir_invalid_element, "'" + question.id + "' is marked an empty list and also has answers", at);
    return;
  }
  Refusal refusal = Refusal::none;
  if (question.type == QuestionType::list) {
    if (slot == Slot::open) refusal = accept_answer(question, RawAnswer::of_list(), *intake);
    slot = Slot::answered;
    if (refusal == Refusal::none) refusal = accept_list_item(question, answer, *intake);
  } else if (slot == Slot::answered) {
    error(codes::intake_duplicate_answer,
          "'" + question.id + "' is answered twice; only a list question takes several answers", at);
    return;
  } else {
    slot = Slot::answered;
    refusal = accept_answer(question, answer, *intake);
  }
  if (refusal != Refusal::none) error(refusal_code(refusal), refusal_message(question, answer, refusal), at);
}

bool FhirReader::read_extensions(od::value value, const Question* question, const char* link_at) {
  od::array extensions;
  if (value.get_array().get(extensions) != simdjson::SUCCESS) {
    const std::size_t outer = push("extension");
    error(codes::fhir_invalid_element, "'extension' must be a list of extensions", token(value));
    pop(outer);
    return true;
  }
  std::size_t index = 0;
  for (auto entry : extensions) {
    od::value extension;
    if (const auto err = std::move(entry).get(extension)) return syntax(err, nullptr);
    const std::size_t outer = push("extension", index++);
    od::object object;
    if (extension.get_object().get(object) == simdjson::SUCCESS) {
      od::value url;
      std::string_view url_text;
      if (object.find_field_unordered("url").get(url) == simdjson::SUCCESS &&
          url.get_string().get(url_text) == simdjson::SUCCESS && url_text == fhir_empty_list_extension) {
        if (const auto err = object.reset().error()) return syntax(err, nullptr);
        od::value marked;
        bool value_true = false;
        const char* at = token(extension);
        if (object.find_field_unordered("valueBoolean").get(marked) == simdjson::SUCCESS) {
          at = token(marked);
          if (marked.get_bool().get(value_true) != simdjson::SUCCESS) value_true = false;
        }
        accept_empty_list(link_at != nullptr ? question : nullptr, value_true, at);
      }
    }
    pop(outer);
  }
  return true;
}

// The extension answers with an empty list, which accept_answer decides on as on `[]` in JSON.
void FhirReader::accept_empty_list(const Question* question, bool marked, const char* at) {
  if (question == nullptr) {
    error(codes::fhir_invalid_element, "the empty-list extension marks the item of a question", at);
    return;
  }
  if (!marked) {
    error(codes::fhir_invalid_element, "the empty-list extension takes valueBoolean true", at);
    return;
  }
  Slot& slot = slots[question->index];
  if (slot != Slot::open) {
    error(codes::fhir_invalid_element, "'" + question->id + "' is marked an empty list and also has answers", at);
    return;
  }
  slot = Slot::empty_list;
  const RawAnswer empty = RawAnswer::of_list();
  if (const Refusal refusal = accept_answer(*question, empty, *intake); refusal != Refusal::none)
    error(refusal_code(refusal), refusal_message(*question, empty, refusal), at);
}

}  // namespace contrascreen::io
