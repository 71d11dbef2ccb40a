// The full JSON intake reader (intake_json_full.hpp), with simdjson's On-Demand API: the
// parser, the padded input buffer and the duplicate-answer marks are kept between intakes,
// so a batch reader allocates nothing per intake once it has seen one of the largest size.
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake_diagnostics.hpp"
#include "io/intake_json_full.hpp"

#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/intake_reader.hpp"
#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"
#include "io/answer_marks.hpp"
#include "util/decimal_text.hpp"
#include "io/intake_formats.hpp"
#include "io/json_syntax.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace {

namespace od = simdjson::ondemand;
using json::find_unbalanced;
using json::first_invalid_utf8;
using json::is_json_number;

// Values under keys the reader ignores are still walked, to reject malformed JSON; this
// bounds that recursion.
constexpr int max_depth = 256;

const char* found_name(od::json_type type) noexcept {
  switch (type) {
    case od::json_type::array:
      return "a list";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "a value";
}

bool is_container(const RawAnswer& answer) noexcept {
  return answer.kind == RawAnswer::Kind::list || answer.kind == RawAnswer::Kind::other;
}

// simdjson's messages describe its internals; these say what is wrong with the text.
std::string syntax_message(simdjson::error_code code) {
  switch (code) {
    case simdjson::TAPE_ERROR:
      return "invalid JSON: a comma, colon, brace or bracket is missing or extra";
    case simdjson::INCORRECT_TYPE:
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "invalid JSON: not a valid value";
    case simdjson::NUMBER_ERROR:
      return "invalid JSON: malformed number";
    case simdjson::STRING_ERROR:
      return "invalid JSON: invalid escape in a string";
    case simdjson::UNESCAPED_CHARS:
      return "invalid JSON: a control character in a string must be escaped";
    case simdjson::UNCLOSED_STRING:
      return "invalid JSON: a string is not closed";
    case simdjson::UTF8_ERROR:
      return "the intake is not valid UTF-8";
    case simdjson::DEPTH_ERROR:
      return "nested too deeply";
    default:
      return std::string("invalid JSON: ") + simdjson::error_message(code);
  }
}

}  // namespace

struct io::FullJsonReader::Impl {
  explicit Impl(std::shared_ptr<const Catalogue> c)
      : catalogue(std::move(c)), answered(catalogue ? catalogue->size() : 0) {
    if (!catalogue) throw std::invalid_argument("JsonIntakeReader: the catalogue must not be null");
  }

  std::shared_ptr<const Catalogue> catalogue;
  od::parser parser;
  std::string buffer;  // the intake plus simdjson's padding
  AnswerMarks answered;

  // State of the current parse().
  std::string_view text;  // the intake, without a byte order mark
  std::string_view name;
  std::uint32_t first_line = 1;
  std::vector<Diagnostic>* out = nullptr;
  std::optional<SourceText> source;  // built on the first error only
  od::document* doc = nullptr;
  bool failed = false;

  bool parse(std::string_view json, Intake& intake);
  bool read_root(od::object root, Intake& intake, const char* root_at);
  bool read_id(od::value value, Intake& intake);
  bool read_date(od::value value, Intake& intake);
  bool read_answers(od::value value, Intake& intake);
  bool read_answer(const Question& q, od::value value, Intake& intake);
  bool read_items(const Question& q, od::value list, Intake& intake);
  bool lex(od::value value, const char* at, RawAnswer& answer);
  bool validate(od::value value, int depth);

  // Each read_* (and lex) returns false after a syntax error, after which On-Demand cannot
  // go on; problems with a value are reported and reading continues, to report them all.
  bool syntax(simdjson::error_code code, const char* at) {
    if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::UNCLOSED_STRING) {
      if (const auto misplaced = find_unbalanced(text)) {
        error(codes::intake_syntax, misplaced->message, buffer.data() + misplaced->offset);
        return false;
      }
    }
    if (code == simdjson::UTF8_ERROR) at = buffer.data() + first_invalid_utf8(text);
    error(code == simdjson::DEPTH_ERROR ? codes::intake_too_deep : codes::intake_syntax, syntax_message(code),
          at ? at : location());
    return false;
  }
  const char* location() {
    const char* at = nullptr;
    if (doc == nullptr || doc->current_location().get(at) != simdjson::SUCCESS) return buffer.data() + text.size();
    return at;
  }
  // Length of the token at `at`, so the caret underlines the whole offending value.
  std::uint32_t length_at(const char* at) const noexcept {
    return at == nullptr ? 0 : json::token_length(text, static_cast<std::size_t>(at - buffer.data()));
  }
  void error(std::string_view code, std::string message, const char* at);
};

void io::FullJsonReader::Impl::error(std::string_view code, std::string message, const char* at) {
  failed = true;
  if (!source) source.emplace(SourceText{std::string(name), std::string(text)});
  const char* begin = buffer.data();
  const std::size_t offset = at == nullptr ? text.size() : std::min<std::size_t>(at - begin, text.size());
  Diagnostic d = make_diagnostic(Severity::error, code, std::move(message), *source, static_cast<std::uint32_t>(offset),
                                 length_at(at));
  d.where.line += first_line - 1;
  out->push_back(std::move(d));
}

bool io::FullJsonReader::Impl::parse(std::string_view json, Intake& intake) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);  // a BOM some editors write
  text = json;
  source.reset();
  failed = false;
  doc = nullptr;
  answered.next_intake();
  buffer.resize(json.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buffer.data(), json.data(), json.size());
  // simdjson's On-Demand parser reads into the padding: left over from a longer earlier
  // intake, its bytes changed how a malformed intake was read (found by fuzzing), so a
  // batch record's errors depended on the record before it. Zero it, as a fresh reader has.
  std::memset(buffer.data() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  if (util::trim(json).empty()) {
    error(codes::intake_syntax, "the intake is empty", buffer.data());
    return false;
  }
  // Grow the parser with headroom so that slightly larger intakes do not reallocate.
  if (parser.capacity() < json.size()) {
    if (const auto err = parser.allocate(std::max<std::size_t>(json.size() * 2, 4096))) return syntax(err, nullptr);
  }
  od::document document;
  if (const auto err = parser.iterate(buffer.data(), json.size(), buffer.size()).get(document))
    return syntax(err, buffer.data());
  doc = &document;
  od::json_type type{};
  if (const auto err = document.type().get(type)) return syntax(err, nullptr);
  if (type != od::json_type::object) {
    // On-demand typing looks only at the first character ("not json" would read as a null):
    // validate the whole text before calling it a JSON value of the wrong kind.
    simdjson::dom::parser validator;
    if (validator.parse(buffer.data(), json.size(), false).error() != simdjson::SUCCESS) {
      error(codes::intake_syntax, "the line is not valid JSON", buffer.data() + json.find_first_not_of(" \t\r\n"));
      return false;
    }
    error(codes::intake_not_a_mapping, std::string("an intake must be a JSON object, found ") + found_name(type),
          location());
    return false;
  }
  od::object root;
  const char* root_at = buffer.data() + json.find_first_not_of(" \t\r\n");
  if (const auto err = document.get_object().get(root)) return syntax(err, nullptr);
  const std::size_t reported = out->size();
  if (!read_root(root, intake, root_at)) return false;
  const char* rest = nullptr;
  if (document.current_location().get(rest) == simdjson::SUCCESS) {
    // Text that is not one JSON value has one problem: what the object seemed to hold
    // (an unknown key, no answers) would only mislead.
    out->resize(reported);
    error(codes::intake_syntax, "invalid JSON: unexpected text after the intake", rest);
    return false;
  }
  return !failed;
}

bool io::FullJsonReader::Impl::read_root(od::object root, Intake& intake, const char* root_at) {
  bool have_id = false, have_date = false, have_answers = false;
  for (auto entry : root) {
    od::field field;
    if (const auto err = std::move(entry).get(field)) return syntax(err, nullptr);
    const char* key_at = field.key().raw() - 1;  // at the opening quote
    std::string_view key;
    if (const auto err = field.unescaped_key().get(key)) return syntax(err, key_at);
    bool* have = key == "id" ? &have_id : key == "date" ? &have_date : key == "answers" ? &have_answers : nullptr;
    // Any other key is a mistake that would lose answers ("Date", answers given flat):
    // reported, and its value still checked as JSON, so that every problem is listed.
    if (have == nullptr || *have) {
      const std::string key_text(key);  // it views the document: copied before validating moves on
      if (!validate(field.value(), 0)) return false;  // a syntax error is then the one problem
      if (have != nullptr)
        error(codes::intake_duplicate_key, "'" + key_text + "' is given twice", key_at);
      else
        error(codes::intake_unknown_key, unknown_intake_key_diagnostic(key_text).message, key_at);
      continue;
    }
    *have = true;
    const bool ok = have == &have_id     ? read_id(field.value(), intake)
                    : have == &have_date ? read_date(field.value(), intake)
                                         : read_answers(field.value(), intake);
    if (!ok) return false;
  }
  if (!have_answers) error(codes::intake_missing_answers, missing_answers_diagnostic().message, root_at);
  return true;  // what was reported is in `failed`; the caller still checks the text after the object
}

bool io::FullJsonReader::Impl::read_id(od::value value, Intake& intake) {
  const char* at = value.raw_json_token().data();
  od::json_type type{};
  if (const auto err = value.type().get(type)) return syntax(err, at);
  if (type == od::json_type::string) {
    std::string_view id;
    if (const auto err = value.get_string().get(id)) return syntax(err, at);
    intake.set_id(std::string(id));
  } else if (type == od::json_type::number) {
    const std::string_view token(at, length_at(at));
    if (!is_json_number(token)) return syntax(simdjson::NUMBER_ERROR, at);
    intake.set_id(std::string(token));  // echoed as written: 0017 stays distinguishable from 17
  } else if (type == od::json_type::null) {
    return validate(value, 0);
  } else {
    error(codes::intake_invalid_id, std::string("'id' must be a string, a number or null, found ") + found_name(type), at);
    return validate(value, 0);
  }
  return true;
}

bool io::FullJsonReader::Impl::read_date(od::value value, Intake& intake) {
  const char* at = value.raw_json_token().data();
  od::json_type type{};
  if (const auto err = value.type().get(type)) return syntax(err, at);
  if (type == od::json_type::null) return validate(value, 0);
  if (type != od::json_type::string) {
    error(codes::intake_invalid_date, std::string("'date' must be a date written YYYY-MM-DD, found ") + found_name(type),
          at);
    return validate(value, 0);
  }
  std::string_view text_value;
  if (const auto err = value.get_string().get(text_value)) return syntax(err, at);
  const auto date = Date::parse_iso(text_value);
  if (!date)
    error(codes::intake_invalid_date, "'date' must be a real calendar date written YYYY-MM-DD", at);
  else
    intake.set_date(*date);
  return true;
}

bool io::FullJsonReader::Impl::read_answers(od::value value, Intake& intake) {
  const char* at = value.raw_json_token().data();
  od::json_type type{};
  if (const auto err = value.type().get(type)) return syntax(err, at);
  if (type == od::json_type::null) return validate(value, 0);
  if (type != od::json_type::object) {
    error(codes::intake_not_a_mapping, std::string("'answers' must be an object, found ") + found_name(type), at);
    return validate(value, 0);
  }
  od::object answers;
  if (const auto err = value.get_object().get(answers)) return syntax(err, at);
  for (auto entry : answers) {
    od::field field;
    if (const auto err = std::move(entry).get(field)) return syntax(err, nullptr);
    const char* key_at = field.key().raw() - 1;
    std::string_view key;
    if (const auto err = field.unescaped_key().get(key)) return syntax(err, key_at);
    const Question* q = catalogue->find(key);
    if (q == nullptr) {
      error(codes::intake_unknown_question, detail::unknown_question_message(*catalogue, key), key_at);
      if (!validate(field.value(), 0)) return false;
      continue;
    }
    if (!answered.mark(q->index)) {
      error(codes::intake_duplicate_answer, "'" + q->id + "' is answered twice", key_at);
      if (!validate(field.value(), 0)) return false;
      continue;
    }
    if (!read_answer(*q, field.value(), intake)) return false;
  }
  return true;
}

// Whether a value answers its question is accept_answer's to decide; lex only says what the
// value is. Objects and lists that are refused are still walked, to reject malformed JSON.
bool io::FullJsonReader::Impl::read_answer(const Question& q, od::value value, Intake& intake) {
  const char* at = value.raw_json_token().data();
  RawAnswer answer;
  if (!lex(value, at, answer)) return false;
  if (const Refusal refusal = accept_answer(q, answer, intake); refusal != Refusal::none) {
    error(refusal_code(refusal), refusal_message(q, answer, refusal), at);
    return is_container(answer) ? validate(value, 0) : true;
  }
  return answer.kind == RawAnswer::Kind::list ? read_items(q, value, intake) : true;
}

bool io::FullJsonReader::Impl::read_items(const Question& q, od::value list, Intake& intake) {
  od::array items;
  if (const auto err = list.get_array().get(items)) return syntax(err, nullptr);
  std::size_t position = 0;
  for (auto entry : items) {
    ++position;
    od::value item;
    if (const auto err = std::move(entry).get(item)) return syntax(err, nullptr);
    const char* at = item.raw_json_token().data();
    RawAnswer answer;
    if (!lex(item, at, answer)) return false;
    if (const Refusal refusal = accept_list_item(q, answer, intake); refusal != Refusal::none) {
      error(refusal_code(refusal), refusal_message(q, answer, refusal, position), at);
      if (is_container(answer) && !validate(item, 0)) return false;
    }
  }
  return true;
}

bool io::FullJsonReader::Impl::lex(od::value value, const char* at, RawAnswer& answer) {
  od::json_type type{};
  if (const auto err = value.type().get(type)) return syntax(err, at);
  switch (type) {
    case od::json_type::null:
      answer = RawAnswer::of_null();
      return validate(value, 0);
    case od::json_type::boolean: {
      bool boolean = false;
      if (const auto err = value.get_bool().get(boolean)) return syntax(err, at);
      answer = RawAnswer::of_bool(boolean);
      return true;
    }
    case od::json_type::number: {
      double number = 0;
      const auto err = value.get_double().get(number);
      if (!err && number != 0) {
        answer = RawAnswer::of_number(number);
        return true;
      }
      // simdjson fails on 1e999 and reads 1e-999 as 0: from_chars tells which it is.
      const std::string_view token(at, length_at(at));
      const auto decimal = is_json_number(token) ? util::read_decimal(token) : std::nullopt;
      if (!decimal) return syntax(err ? err : simdjson::NUMBER_ERROR, at);
      answer = RawAnswer::of_number(decimal->value, decimal->underflow);
      return true;
    }
    case od::json_type::string: {
      std::string_view text_value;
      if (const auto err = value.get_string().get(text_value)) return syntax(err, at);
      answer = RawAnswer::of_text(text_value);
      return true;
    }
    case od::json_type::array:
      answer = RawAnswer::of_list();
      return true;
    case od::json_type::object:
      answer = RawAnswer::of_other(found_name(type));
      return true;
  }
  return true;
}

bool io::FullJsonReader::Impl::validate(od::value value, int depth) {
  const char* at = value.raw_json_token().data();
  if (depth > max_depth) {
    error(codes::intake_too_deep, "nested more than " + std::to_string(max_depth) + " levels deep", at);
    return false;
  }
  od::json_type type{};
  if (const auto err = value.type().get(type)) return syntax(err, at);
  simdjson::error_code err = simdjson::SUCCESS;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if ((err = value.get_object().get(object))) break;
      for (auto entry : object) {
        od::field field;
        std::string_view key;
        if ((err = std::move(entry).get(field)) || (err = field.unescaped_key().get(key))) return syntax(err, nullptr);
        if (!validate(field.value(), depth + 1)) return false;
      }
      break;
    }
    case od::json_type::array: {
      od::array array;
      if ((err = value.get_array().get(array))) break;
      for (auto entry : array) {
        od::value item;
        if ((err = std::move(entry).get(item))) return syntax(err, nullptr);
        if (!validate(item, depth + 1)) return false;
      }
      break;
    }
    case od::json_type::string:
      err = value.get_string().error();
      break;
    case od::json_type::number:
      if (!is_json_number({at, length_at(at)})) err = simdjson::NUMBER_ERROR;
      break;
    case od::json_type::boolean:
      err = value.get_bool().error();
      break;
    case od::json_type::null: {
      bool is_null = false;
      if (!(err = value.is_null().get(is_null)) && !is_null) err = simdjson::N_ATOM_ERROR;
      break;
    }
  }
  return err ? syntax(err, at) : true;
}

namespace io {

FullJsonReader::FullJsonReader(std::shared_ptr<const Catalogue> catalogue)
    : impl_(std::make_unique<Impl>(std::move(catalogue))) {}
FullJsonReader::~FullJsonReader() = default;
FullJsonReader::FullJsonReader(FullJsonReader&&) noexcept = default;
FullJsonReader& FullJsonReader::operator=(FullJsonReader&&) noexcept = default;

bool FullJsonReader::parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics,
                           std::string_view name, std::uint32_t first_line) {
  out.clear();
  Impl& impl = *impl_;
  impl.name = name;
  impl.first_line = first_line == 0 ? 1 : first_line;
  impl.out = &diagnostics;
  const bool ok = impl.parse(json, out);
  impl.doc = nullptr;
  return ok;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> json_answer_span(std::string_view json,
                                                                        std::string_view question) {
  const simdjson::padded_string padded(json);
  od::parser parser;
  od::document document;
  od::object root;
  if (parser.iterate(padded).get(document) || document.get_object().get(root)) return std::nullopt;
  for (auto entry : root) {
    od::field field;
    std::string_view key;
    if (std::move(entry).get(field) || field.unescaped_key().get(key)) return std::nullopt;
    if (key != "answers") continue;
    od::object answers;
    if (field.value().get_object().get(answers)) return std::nullopt;
    for (auto answer : answers) {
      od::field f;
      if (std::move(answer).get(f) || f.unescaped_key().get(key)) return std::nullopt;
      if (key != question) continue;
      const std::size_t offset = static_cast<std::size_t>(f.value().raw_json_token().data() - padded.data());
      return std::pair{static_cast<std::uint32_t>(offset), json::token_length(json, offset)};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

IntakeResult parse_json_intake(std::string_view text, std::shared_ptr<const Catalogue> catalogue,
                               std::string_view name) {
  IntakeResult result;
  Intake intake(catalogue);
  JsonIntakeReader reader(std::move(catalogue));
  if (reader.parse(text, intake, result.diagnostics, name)) result.intake = std::move(intake);
  return result;
}

}  // namespace io
}  // namespace contrascreen
