// The state and the walk of FhirIntakeReader (fhir_intake.hpp): intake_fhir.cpp loads a
// text and hands out its resources, fhir_response.cpp reads one QuestionnaireResponse. Only
// those two files include this header, and with it simdjson.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake.hpp"
#include "io/fhir_elements.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::io {

namespace od = simdjson::ondemand;

/// simdjson's error, in words that say what is wrong with the text.
std::string fhir_syntax_message(simdjson::error_code code);

/// What a question's slot holds while its response is read.
enum class Slot : std::uint8_t { open, answered, empty_list };

struct FhirReader {
  explicit FhirReader(std::shared_ptr<const Catalogue> c) : catalogue(std::move(c)) {
    if (!catalogue) throw std::invalid_argument("FhirIntakeReader: the catalogue must not be null");
    slots.resize(catalogue->size());
    // JSON nested deeper than the JSON intake reader reads is intake.too_deep here as there;
    // the parser keeps this depth when it grows for a longer text.
    if (validator.allocate(4096, max_json_depth) != simdjson::SUCCESS) throw std::bad_alloc();
  }

  /// The nesting the JSON intake reader reads (docs/reliability.md#limits).
  static constexpr std::size_t max_json_depth = 256;

  std::shared_ptr<const Catalogue> catalogue;
  simdjson::dom::parser validator;
  od::parser parser;
  od::document document;
  std::string buffer;  // the text plus simdjson's padding
  std::vector<Slot> slots;
  std::string path;  // of the element being read, for messages

  // State of the current text and response.
  std::string_view text;
  std::string_view name;
  std::uint32_t first_line = 1;
  std::optional<SourceText> source;  // built on the first error only
  std::vector<Diagnostic>* out = nullptr;
  Intake* intake = nullptr;
  bool failed = false;

  /// Takes `json` as the text to read (validated whole first); false after reporting why not.
  bool load(std::string_view json);
  /// Reads the QuestionnaireResponse `value` into `into`, appending problems to `diagnostics`.
  void read_response(od::value value, Intake& into, std::vector<Diagnostic>& diagnostics);
  bool read_response_fields(od::object object, const char* at);
  bool read_items(od::value value, int depth);
  bool read_item(od::value value, int depth);
  bool read_answer(od::value value, const Question* question, int depth);
  bool read_value(od::value value, fhir::ValueType type, std::string_view key, const Question* question);
  bool read_extensions(od::value value, const Question* question, const char* link_at);
  void accept(const Question& question, const RawAnswer& answer, const char* at);
  void accept_empty_list(const Question* question, bool marked, const char* at);

  static const char* token(od::value& value) { return value.raw_json_token().data(); }
  // On-Demand errors after the DOM validated the text are type mismatches the callers
  // check first; one that still happens is reported, and the response is not read further.
  bool syntax(simdjson::error_code code, const char* at) {
    error(codes::intake_syntax, fhir_syntax_message(code), at);
    return false;
  }
  void error(std::string_view code, std::string message, const char* at);

  // The path of an element: push returns the length to pop back to.
  std::size_t push(std::string_view key) {
    const std::size_t size = path.size();
    if (!path.empty()) path.push_back('.');
    path += key;
    return size;
  }
  std::size_t push(std::string_view key, std::size_t index) {
    const std::size_t size = push(key);
    path.push_back('[');
    path += std::to_string(index);
    path.push_back(']');
    return size;
  }
  void pop(std::size_t size) { path.resize(size); }
};

}  // namespace contrascreen::io
