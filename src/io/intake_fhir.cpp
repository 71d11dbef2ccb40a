// FhirIntakeReader (fhir_intake.hpp): loading a text and handing out its resources, one
// QuestionnaireResponse or the entries of a Bundle; fhir_response.cpp reads each response.
// The text is validated whole first (simdjson DOM), so that the On-Demand walk that follows
// may skip what it does not read and still never accept malformed JSON; the walk keeps every
// element's position for the diagnostics.
#include <algorithm>
#include <cstring>

#include "contrascreen/fhir_intake.hpp"
#include "io/fhir_reader.hpp"
#include "io/json_syntax.hpp"
#include "util/diagnostic_builder.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace io {
namespace {

// Overwrites each number outside strings with 0 and blanks; false when one is malformed.
bool zero_numbers(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t length = json::token_length(text, i);
      if (!json::is_json_number(std::string_view(text).substr(i, length))) return false;
      text.replace(i, length, "0" + std::string(length - 1, ' '));
      i += length - 1;
    }
  }
  return true;
}

}  // namespace

std::string fhir_syntax_message(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR:
      return "the resource is not valid UTF-8";
    case simdjson::DEPTH_ERROR:
      return "nested too deeply";
    case simdjson::UNCLOSED_STRING:
      return "invalid JSON: a string is not closed";
    case simdjson::NUMBER_ERROR:
      return "invalid JSON: malformed number";
    default:
      return std::string("invalid JSON: ") + simdjson::error_message(code);
  }
}

void FhirReader::error(std::string_view code, std::string message, const char* at) {
  failed = true;
  if (!source) source.emplace(SourceText{std::string(name), std::string(text)});
  const std::size_t offset = at == nullptr ? text.size() : std::min<std::size_t>(at - buffer.data(), text.size());
  Diagnostic d = make_diagnostic(Severity::error, code, path.empty() ? std::move(message) : path + ": " + message,
                                 *source, static_cast<std::uint32_t>(offset), json::token_length(text, offset));
  d.where.line += first_line - 1;
  out->push_back(std::move(d));
}

bool FhirReader::load(std::string_view json) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
  text = json;
  source.reset();
  path.clear();
  buffer.assign(json.size() + simdjson::SIMDJSON_PADDING, '\0');
  std::memcpy(buffer.data(), json.data(), json.size());
  const char* start = buffer.data() + std::min(json.size(), json.find_first_not_of(" \t\r\n"));
  if (util::trim(json).empty()) {
    error(codes::intake_syntax, "the resource is empty", buffer.data());
    return false;
  }
  simdjson::error_code err = validator.parse(buffer.data(), json.size(), false).error();
  // simdjson refuses 1e999, which is JSON but no double; the answer reader reads such a
  // number as the JSON intake reader does (out of range). Such text is validated with each
  // number written 0 instead, when every number is well formed.
  if (err == simdjson::NUMBER_ERROR) {
    std::string zeroed(json);
    if (zero_numbers(zeroed)) err = validator.parse(zeroed).error();
  }
  if (err) {
    const char* at = start;
    std::string message = fhir_syntax_message(err);
    if (err == simdjson::UTF8_ERROR) {
      at = buffer.data() + json::first_invalid_utf8(text);
    } else if (const auto misplaced = json::find_unbalanced(text)) {
      at = buffer.data() + misplaced->offset;
      message = misplaced->message;
    }
    error(err == simdjson::DEPTH_ERROR ? codes::intake_too_deep : codes::intake_syntax, std::move(message), at);
    return false;
  }
  if (const auto iterated = parser.iterate(buffer.data(), json.size(), buffer.size()).get(document))
    return syntax(iterated, start);
  return true;
}

}  // namespace io

// The reader's state is the walk's.
struct FhirIntakeReader::Impl : io::FhirReader {
  using FhirReader::FhirReader;
};

namespace od = simdjson::ondemand;

// ---- the reader ------------------------------------------------------------------------

FhirIntakeReader::FhirIntakeReader(std::shared_ptr<const Catalogue> catalogue)
    : impl_(std::make_unique<Impl>(std::move(catalogue))) {}
FhirIntakeReader::~FhirIntakeReader() = default;
FhirIntakeReader::FhirIntakeReader(FhirIntakeReader&&) noexcept = default;
FhirIntakeReader& FhirIntakeReader::operator=(FhirIntakeReader&&) noexcept = default;

bool FhirIntakeReader::parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics,
                             std::string_view name, std::uint32_t first_line) {
  out.clear();
  Impl& impl = *impl_;
  impl.name = name;
  impl.first_line = first_line == 0 ? 1 : first_line;
  impl.out = &diagnostics;
  impl.failed = false;
  if (!impl.load(json)) return false;
  od::value root;
  if (const auto err = impl.document.get_value().get(root)) return impl.syntax(err, impl.buffer.data());
  impl.read_response(root, out, diagnostics);
  return !impl.failed;
}

std::vector<IntakeResult> FhirIntakeReader::parse_resource(std::string_view json, std::string_view name) {
  Impl& impl = *impl_;
  impl.name = name;
  impl.first_line = 1;
  std::vector<IntakeResult> results;
  auto finish = [&](IntakeResult& result, Intake& intake) {
    if (impl.failed)
      result.id = intake.id();
    else
      result.intake = std::move(intake);
  };
  IntakeResult whole;
  impl.out = &whole.diagnostics;
  if (!impl.load(json)) {
    results.push_back(std::move(whole));
    return results;
  }
  od::value type;
  std::string_view type_name;
  const bool bundle = impl.document.find_field_unordered("resourceType").get(type) == simdjson::SUCCESS &&
                      type.get_string().get(type_name) == simdjson::SUCCESS && type_name == "Bundle";
  impl.document.rewind();
  if (!bundle) {
    Intake intake(impl.catalogue);
    od::value root;
    if (const auto err = impl.document.get_value().get(root)) {
      impl.syntax(err, impl.buffer.data());
    } else {
      impl.read_response(root, intake, whole.diagnostics);
    }
    finish(whole, intake);
    results.push_back(std::move(whole));
    return results;
  }
  od::object object;
  if (const auto err = impl.document.get_object().get(object)) {
    impl.syntax(err, impl.buffer.data());
    results.push_back(std::move(whole));
    return results;
  }
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS || key != "entry") continue;
    od::array entries;
    if (field.value().get_array().get(entries) != simdjson::SUCCESS) continue;  // the validator says so
    std::size_t index = 0;
    for (auto item : entries) {
      IntakeResult result;
      Intake intake(impl.catalogue);
      impl.out = &result.diagnostics;
      impl.failed = false;
      const std::size_t outer = impl.push("entry", index++);
      od::object entry;
      od::value resource;
      const char* at = item.value_unsafe().raw_json_token().data();
      if (item.get_object().get(entry) != simdjson::SUCCESS ||
          entry.find_field_unordered("resource").get(resource) != simdjson::SUCCESS) {
        impl.error(codes::fhir_wrong_resource, "the entry has no resource", at);
      } else {
        const std::size_t inner = impl.push("resource");
        impl.read_response(resource, intake, result.diagnostics);
        impl.pop(inner);
      }
      impl.pop(outer);
      finish(result, intake);
      results.push_back(std::move(result));
    }
  }
  return results;
}

bool is_fhir_resource(std::string_view json) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get_object().get(object) != simdjson::SUCCESS) return false;
  return object.at_key("resourceType").error() == simdjson::SUCCESS;
}

}  // namespace contrascreen