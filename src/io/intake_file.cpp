#include <system_error>

#include "contrascreen/batch.hpp"  // max_record_bytes
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/fhir_intake.hpp"
#include "contrascreen/intake_reader.hpp"
#include "io/intake_formats.hpp"
#include "ruleset/yaml_intake.hpp"
#include "util/diagnostic_builder.hpp"
#include "util/file.hpp"

namespace contrascreen {
namespace {

std::string too_large_message() {
  return "the intake is larger than " + std::to_string(max_record_bytes >> 20) + " MiB";
}

// Where one intake is read, a Bundle must hold exactly one QuestionnaireResponse.
IntakeResult only_record(std::vector<IntakeResult> records, std::string_view name) {
  if (records.size() == 1) return std::move(records.front());
  IntakeResult result;
  if (records.empty())
    result.diagnostics.push_back(make_diagnostic(Severity::error, codes::intake_empty,
                                                 "the Bundle holds no QuestionnaireResponse", std::string(name)));
  else
    result.diagnostics.push_back(make_diagnostic(
        Severity::error, codes::fhir_several_responses,
        "the Bundle holds " + std::to_string(records.size()) +
            " QuestionnaireResponses where one intake is read; screen the file for one record per response",
        std::string(name)));
  return result;
}

bool too_large(std::string_view text, std::string_view name, IntakeResult& result) {
  if (text.size() <= max_record_bytes) return false;  // the same bound as one record of a batch
  result.diagnostics.push_back(
      make_diagnostic(Severity::error, codes::intake_too_large, too_large_message(), std::string(name)));
  return true;
}

}  // namespace

IntakeResult parse_intake(std::string_view text, IntakeFormat format, std::shared_ptr<const Catalogue> catalogue,
                          std::string_view name) {
  // An empty view may hold a null pointer, which the readers would copy from (memcpy from
  // null is undefined even for no bytes): the same empty text at a real address.
  if (text.data() == nullptr) text = std::string_view("");
  if (IntakeResult result; too_large(text, name, result)) return result;
  if (format == IntakeFormat::json) {
    if (is_fhir_resource(text))
      return only_record(FhirIntakeReader(std::move(catalogue)).parse_resource(text, name), name);
    return io::parse_json_intake(text, std::move(catalogue), name);
  }
  return detail::parse_yaml_intake(text, std::move(catalogue), name);
}

namespace {

std::optional<IntakeFormat> format_of(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (extension == ".json") return IntakeFormat::json;
  if (extension == ".yaml" || extension == ".yml") return IntakeFormat::yaml;
  return std::nullopt;
}

IntakeResult failure(std::string_view code, std::string message, const std::filesystem::path& path) {
  IntakeResult result;
  result.diagnostics.push_back(make_diagnostic(Severity::error, code, std::move(message), path.string()));
  return result;
}

}  // namespace

std::vector<IntakeResult> io::read_intake_records(const std::filesystem::path& path,
                                                  std::shared_ptr<const Catalogue> catalogue, std::string& text) {
  text.clear();
  std::vector<IntakeResult> records;
  // A missing file is checked first: it is the more fundamental problem, and the CLI
  // maps it to its own exit status.
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  const auto format = format_of(path);
  if (status.type() == std::filesystem::file_type::not_found) {
    records.push_back(failure(codes::io_not_found, "no such file", path));
  } else if (!format) {
    records.push_back(failure(
        codes::io_unknown_format,
        "cannot tell the intake format from '" + path.extension().string() + "'; expected a .json, .yaml or .yml file",
        path));
  } else if (ec || status.type() == std::filesystem::file_type::directory) {
    records.push_back(
        failure(codes::io_read, "cannot read the file" + (ec ? ": " + ec.message() : std::string()), path));
  } else {
    switch (util::read_file_limited(path, max_record_bytes, text)) {
      case util::ReadStatus::ok:
        // A FHIR resource may be a Bundle: one record per QuestionnaireResponse.
        if (*format == IntakeFormat::json && is_fhir_resource(text))
          return FhirIntakeReader(std::move(catalogue)).parse_resource(text, path.string());
        records.push_back(parse_intake(text, *format, std::move(catalogue), path.string()));
        break;
      case util::ReadStatus::not_found:
        records.push_back(failure(codes::io_not_found, "no such file", path));
        break;
      case util::ReadStatus::unreadable:
        records.push_back(failure(codes::io_read, "cannot read the file", path));
        break;
      case util::ReadStatus::too_large:
        text.clear();
        records.push_back(failure(codes::intake_too_large, too_large_message(), path));
        break;
    }
  }
  return records;
}

std::vector<IntakeResult> read_intake_records(const std::filesystem::path& path,
                                              std::shared_ptr<const Catalogue> catalogue) {
  std::string text;
  return io::read_intake_records(path, std::move(catalogue), text);
}

IntakeResult read_intake_file(const std::filesystem::path& path, std::shared_ptr<const Catalogue> catalogue) {
  return only_record(read_intake_records(path, std::move(catalogue)), path.string());
}

}  // namespace contrascreen
