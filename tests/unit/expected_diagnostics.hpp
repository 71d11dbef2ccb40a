// Shared by the data-driven tests of readers and loaders: a table row names the
// diagnostics a text must produce, by code and position, in order.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"

namespace contrascreen::testing {

struct ExpectedDiagnostic {
  std::string_view code;
  std::uint32_t line;
  std::uint32_t column;
};

/// One line per diagnostic, "code line:column message": context for a failed check.
inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics)
    out += d.code + " " + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " + d.message + "\n";
  return out;
}

/// `diagnostics` are exactly `expected`, in order; expected lines are shifted by `line_shift`
/// (a record read from a later line of its file).
inline void check_diagnostics(const std::vector<Diagnostic>& diagnostics,
                              const std::vector<ExpectedDiagnostic>& expected, std::uint32_t line_shift = 0) {
  INFO(describe(diagnostics));
  REQUIRE(diagnostics.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(diagnostics[i].code == expected[i].code);
    CHECK(diagnostics[i].where.line == expected[i].line + line_shift);
    CHECK(diagnostics[i].where.column == expected[i].column);
  }
}

}  // namespace contrascreen::testing
