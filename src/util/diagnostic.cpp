#include "contrascreen/diagnostic.hpp"

#include <algorithm>

#include "util/diagnostic_builder.hpp"
#include "util/printable.hpp"
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

constexpr bool is_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Code points in printable text (its escapes are ASCII, the rest is well-formed UTF-8).
std::size_t code_points_from(std::string_view text, std::size_t from) {
  std::size_t n = 0;
  for (std::size_t i = from; i < text.size(); ++i) n += is_continuation(text[i]) ? 0 : 1;
  return n;
}

// The source line as printed (control characters and bad bytes escaped) and the caret under
// it: the caret's column and width are measured in the printed line, so that they still line
// up after escaping. It covers the offending text but stops at the end of its line.
struct QuotedLine {
  std::string text;
  std::size_t column = 1;
  std::size_t width = 1;
};

QuotedLine quoted_line(const Diagnostic& d) {
  const std::string_view line = d.source_line;
  // The column counts characters as util::line_column does: bytes that are not continuation bytes.
  std::size_t start = 0;
  std::uint32_t column = 1;
  for (; column < d.where.column && start < line.size(); ++start) {
    if (!is_continuation(line[start])) ++column;
  }
  while (start < line.size() && is_continuation(line[start])) ++start;
  std::size_t end = start + std::min<std::size_t>(d.where.length, line.size() - start);
  while (end < line.size() && is_continuation(line[end])) ++end;
  // start and end are at bytes that are not continuation bytes, so that the pieces render
  // as the whole line would.
  QuotedLine out;
  util::append_printable(out.text, line.substr(0, start));
  // A column past the end of the line (a missing closing bracket) is blanks after it.
  out.column = code_points_from(out.text, 0) + 1 + (d.where.column > column ? d.where.column - column : 0);
  const std::size_t middle = out.text.size();
  util::append_printable(out.text, line.substr(start, end - start));
  if (d.where.length != 0) out.width = std::max<std::size_t>(code_points_from(out.text, middle), 1);
  util::append_printable(out.text, line.substr(end));
  return out;
}

}  // namespace

// Everything that came from an input (the file name, the message quoting it, the source line)
// is rendered printable.
std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  util::append_printable(out, d.where.file.empty() ? std::string_view("<input>") : std::string_view(d.where.file));
  if (d.where.line != 0) {
    out += ':' + std::to_string(d.where.line) + ':' + std::to_string(d.where.column);
  }
  out += ": ";
  out += to_string(d.severity);
  out += '[' + d.code + "]: ";
  util::append_printable(out, d.message);
  out += '\n';
  if (d.where.line != 0) {
    const std::string number = std::to_string(d.where.line);
    const std::string gutter(number.size(), ' ');
    const QuotedLine quoted = quoted_line(d);
    out += ' ' + number + " | " + quoted.text + '\n';
    out += ' ' + gutter + " | " + util::caret_line(quoted.text, quoted.column, quoted.width) + '\n';
  }
  return out;
}

std::string printable_text(std::string_view text) {
  return util::printable(text);
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
