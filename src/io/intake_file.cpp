#include <system_error>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/batch.hpp"  // max_record_bytes
#include "contrascreen/intake_reader.hpp"
#include "util/diagnostic_builder.hpp"
#include "io/intake_formats.hpp"
#include "ruleset/yaml_intake.hpp"
#include "util/file.hpp"

namespace contrascreen {
namespace {

std::string too_large_message() {
  return "the intake is larger than " + std::to_string(max_record_bytes >> 20) + " MiB";
}

}  // namespace

IntakeResult parse_intake(std::string_view text, IntakeFormat format, std::shared_ptr<const Catalogue> catalogue,
                          std::string_view name) {
  if (text.size() > max_record_bytes) {  // the same bound as one record of a batch
    IntakeResult result;
    result.diagnostics.push_back(make_diagnostic(Severity::error, codes::intake_too_large, too_large_message(),
                                                 std::string(name)));
    return result;
  }
  if (format == IntakeFormat::json) return io::parse_json_intake(text, std::move(catalogue), name);
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

IntakeResult read_intake_file(const std::filesystem::path& path, std::shared_ptr<const Catalogue> catalogue) {
  std::string text;
  return io::read_intake_file(path, std::move(catalogue), text);
}

IntakeResult io::read_intake_file(const std::filesystem::path& path, std::shared_ptr<const Catalogue> catalogue,
                                  std::string& text) {
  text.clear();
  // A missing file is checked first: it is the more fundamental problem, and the CLI
  // maps it to its own exit status.
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return failure(codes::io_not_found, "no such file", path);
  const auto format = format_of(path);
  if (!format)
    return failure(
        codes::io_unknown_format,
        "cannot tell the intake format from '" + path.extension().string() + "'; expected a .json, .yaml or .yml file",
        path);
  if (ec || status.type() == std::filesystem::file_type::directory)
    return failure(codes::io_read, "cannot read the file" + (ec ? ": " + ec.message() : std::string()), path);
  switch (util::read_file_limited(path, max_record_bytes, text)) {
    case util::ReadStatus::ok:
      return parse_intake(text, *format, std::move(catalogue), path.string());
    case util::ReadStatus::not_found:
      return failure(codes::io_not_found, "no such file", path);
    case util::ReadStatus::unreadable:
      return failure(codes::io_read, "cannot read the file", path);
    case util::ReadStatus::too_large:
      break;
  }
  text.clear();
  return failure(codes::intake_too_large, too_large_message(), path);
}

}  // namespace contrascreen
