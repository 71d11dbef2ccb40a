#pragma once
/// \file
/// Every diagnostic code contrascreen reports, as constants and as a table with what each
/// means, where it comes from and how serious it is, so that clinic software, bindings and
/// tests key on `codes::intake_wrong_type` rather than on a string they might misspell.
/// The list itself is contrascreen/diagnostic_codes.def; docs/diagnostics.md is generated
/// from it. Everything here is constexpr data: no allocation, safe from any thread.

#include <cstdint>
#include <span>
#include <string_view>

#include "contrascreen/diagnostic.hpp"

namespace contrascreen {

/// Which input a diagnostic is about, that is, who has to fix it.
enum class DiagnosticOrigin : std::uint8_t {
  io,          ///< a file cannot be found or read: the path or the file system
  ruleset,     ///< a rule set, the question catalogue it uses, or their YAML: the policy's author
  expression,  ///< an expression: a rule's `when` or `until`, or one given to `contrascreen eval`
  intake,      ///< an intake, in whatever format: whoever sent the answers
  caller,      ///< the arguments of a call: the options JSON of the C ABI (contrascreen.h), a CDS Hooks request
};

/// "I/O", "rule set", "expression" or "intake".
constexpr std::string_view to_string(DiagnosticOrigin origin) noexcept {
  switch (origin) {
    case DiagnosticOrigin::io:
      return "I/O";
    case DiagnosticOrigin::ruleset:
      return "rule set";
    case DiagnosticOrigin::expression:
      return "expression";
    case DiagnosticOrigin::intake:
      return "intake";
    case DiagnosticOrigin::caller:
      return "caller";
  }
  return "?";
}

/// One registered code: what Diagnostic::code holds, and what it means.
struct DiagnosticCodeInfo {
  std::string_view code;     ///< stable, dotted: "intake.wrong_type"
  std::string_view meaning;  ///< one line for people, e.g. for a help page or a tooltip
  DiagnosticOrigin origin;   ///< which input the problem is in
  Severity severity;         ///< error or warning; a code is always reported with this one
};

/// The codes as constants named after them, '.' written '_': codes::intake_wrong_type is
/// "intake.wrong_type". Compare a Diagnostic's code with these; each is a string literal.
namespace codes {
#define CONTRASCREEN_DIAGNOSTIC_CODE(identifier, code, origin, severity, meaning) \
  inline constexpr std::string_view identifier = code;
#include "contrascreen/diagnostic_codes.def"
#undef CONTRASCREEN_DIAGNOSTIC_CODE
}  // namespace codes

/// Every registered code, grouped by phase (files, YAML, catalogue, rule set, expression
/// syntax, expression types, intake) in the order of diagnostic_codes.def.
inline constexpr DiagnosticCodeInfo diagnostic_code_table[] = {
#define CONTRASCREEN_DIAGNOSTIC_CODE(identifier, code, origin, severity, meaning) \
  {codes::identifier, meaning, DiagnosticOrigin::origin, Severity::severity},
#include "contrascreen/diagnostic_codes.def"
#undef CONTRASCREEN_DIAGNOSTIC_CODE
};

/// Every registered code, as a view of diagnostic_code_table.
constexpr std::span<const DiagnosticCodeInfo> diagnostic_codes() noexcept { return diagnostic_code_table; }

/// The registered code `code`, or nullptr when it is not one (a linear search of ~80 entries).
constexpr const DiagnosticCodeInfo* find_diagnostic_code(std::string_view code) noexcept {
  for (const DiagnosticCodeInfo& info : diagnostic_code_table)
    if (info.code == code) return &info;
  return nullptr;
}

}  // namespace contrascreen
