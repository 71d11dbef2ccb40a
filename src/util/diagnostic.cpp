#include "contrascreen/diagnostic.hpp"

#include <algorithm>

#include "util/diagnostic_builder.hpp"
#include "util/text.hpp"

namespace contrascreen {

const char* to_string(Severity severity) noexcept {
  return severity == Severity::error ? "error" : "warning";
}

Diagnostic make_diagnostic(Severity severity, std::string_view code, std::string message, const SourceText& source,
                           std::uint32_t offset, std::uint32_t length) {
  const auto size = static_cast<std::uint32_t>(source.text.size());
  offset = std::min(offset, size);
  length = std::min(length, size - offset);
  const auto position = util::line_column(source.text, offset);
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.where = SourceRegion{source.name, position.line, position.column, offset, length};
  d.source_line = std::string(util::line_text(source.text, offset));
  return d;
}

Diagnostic make_diagnostic(Severity severity, std::string_view code, std::string message, std::string file) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.where.file = std::move(file);
  return d;
}

std::string did_you_mean(std::string_view suggestion) {
  if (suggestion.empty()) return {};
  return " (did you mean '" + std::string(suggestion) + "'?)";
}

namespace {

// The caret covers the offending text but stops at the end of its line.
std::size_t caret_width(const Diagnostic& d) {
  if (d.where.length == 0) return 1;
  const std::string_view line = d.source_line;
  std::size_t byte = 0;
  for (std::uint32_t col = 1; col < d.where.column && byte < line.size(); ++byte) {
    if ((static_cast<unsigned char>(line[byte]) & 0xC0) != 0x80) ++col;
  }
  while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
  const std::size_t room = line.size() > byte ? line.size() - byte : 1;
  std::size_t width = 0;
  for (std::size_t i = byte; i < byte + std::min<std::size_t>(d.where.length, room); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++width;
  }
  return std::max<std::size_t>(width, 1);
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.where.file.empty() ? std::string("<input>") : d.where.file;
  if (d.where.line != 0) {
    out += ':' + std::to_string(d.where.line) + ':' + std::to_string(d.where.column);
  }
  out += ": ";
  out += to_string(d.severity);
  out += '[' + d.code + "]: " + d.message + '\n';
  if (d.where.line != 0) {
    const std::string number = std::to_string(d.where.line);
    const std::string gutter(number.size(), ' ');
    out += ' ' + number + " | " + d.source_line + '\n';
    out += ' ' + gutter + " | " + util::caret_line(d.source_line, d.where.column, caret_width(d)) + '\n';
  }
  return out;
}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += format_diagnostic(d);
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace contrascreen
