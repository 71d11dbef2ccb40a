// Entry point of the expression parser (Boost.Spirit X3, compiled in grammar.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"

namespace contrascreen::expr {

/// A problem found in one expression, positioned by byte span inside its text.
/// The rule-set loader maps spans to file:line:col.
struct ExprDiagnostic {
  std::string code;     ///< stable code, e.g. "parse.expected"
  std::string message;  ///< for people
  Span span;
  bool warning = false;
};

/// Limits that keep hostile input bounded in time and stack.
inline constexpr std::size_t max_expression_length = 16 * 1024;
inline constexpr int max_nesting_depth = 64;
inline constexpr int max_tree_depth = 256;  // operators deep, e.g. a long chain of `||`

struct ParseResult {
  Ast ast;                             ///< valid only when errors is empty
  std::vector<ExprDiagnostic> errors;  ///< empty on success; otherwise at least one
};

/// Parses one expression. Never throws for bad input; returns diagnostics instead.
ParseResult parse_expression(std::string_view text);

}  // namespace contrascreen::expr
