// The type checker: resolves names against the question catalogue, value sets and the
// function table, assigns a type to every node, and reports every problem it finds.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"
#include "expr/functions.hpp"
#include "expr/parser.hpp"
#include "expr/types.hpp"

namespace contrascreen {
class Catalogue;
}

namespace contrascreen::expr {

/// What a name or literal resolved to.
struct Resolution {
  enum class Kind : std::uint8_t { none, question, value_set, enum_value, function };
  Kind kind = Kind::none;
  std::uint32_t index = 0;  // question index, value-set index, enum value index, or signature index
};

/// The names an expression can see besides functions.
struct Environment {
  const Catalogue* catalogue = nullptr;
  std::vector<std::string_view> value_sets;  // index = value-set id
};

struct CheckedExpression {
  Ast ast;
  std::vector<Type> types;           // per node
  std::vector<Resolution> resolved;  // per node
  std::vector<std::uint32_t> reads;  // question indices read, ascending, unique
  bool ok = false;                   // no errors
};

/// Checks `ast` and requires its result to be `expected` (boolean for `when`, date for
/// `until`). Appends diagnostics; `ok` is false when any was an error.
CheckedExpression check_expression(Ast ast, const Environment& env, TypeKind expected,
                                   std::vector<ExprDiagnostic>& diagnostics);

}  // namespace contrascreen::expr
