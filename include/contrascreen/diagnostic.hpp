#pragma once
/// \file
/// Diagnostics: every problem contrascreen finds in a rule set, a catalogue or an
/// intake is reported as a Diagnostic with a stable code and a source position.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace contrascreen {

/// How serious a diagnostic is. Errors make a rule set or intake unusable; warnings do not.
enum class Severity : std::uint8_t { error, warning };

/// "error" or "warning".
const char* to_string(Severity severity) noexcept;

/// A place in a source file. Lines and columns are 1-based; columns count Unicode
/// code points. A line of 0 means the diagnostic has no position (e.g. a missing file).
struct SourceRegion {
  std::string file;          ///< the file name as given by the caller, or "<string>"
  std::uint32_t line = 0;    ///< 1-based line, 0 when unknown
  std::uint32_t column = 0;  ///< 1-based column in code points, 0 when unknown
  std::uint32_t offset = 0;  ///< byte offset of the start in the file
  std::uint32_t length = 0;  ///< length in bytes of the offending text (0 = a point)
};

/// One problem found, with a stable code such as "check.unknown_name" that tests,
/// bindings and JSON output key on. The message is for people and may change.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;         ///< stable, dotted: "<phase>.<what>"
  std::string message;      ///< human-readable, one line
  SourceRegion where;       ///< position; where.line == 0 when there is none
  std::string source_line;  ///< the text of the offending line (without newline), for rendering
};

/// Renders `file:line:col: severity[code]: message`, followed, when the diagnostic has
/// a position, by the source line and a caret under the offending text. The file, the
/// message and the line are rendered as printable_text() does, the caret lined up with
/// what is printed.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// `text` as every writer of text for people prints text from inputs: a C0 control
/// character or DEL as `\xHH`, a C1 control character as `\u{HH}`, each byte of ill-formed
/// UTF-8 as `\xHH`, anything else as itself (docs/interfaces.md, "Printable text"). The
/// result is valid UTF-8 without control characters. Pure and thread-safe.
std::string printable_text(std::string_view text);

/// Renders each diagnostic as format_diagnostic does, in order.
std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics);

/// True when any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept;

}  // namespace contrascreen
