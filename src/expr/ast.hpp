// The expression syntax tree the checker and compiler work on: a flat arena of
// nodes addressed by index, each with the byte span of its text inside the
// expression string. The Spirit X3 parse tree (parse_tree.hpp) is converted to
// this form by parser.cpp, so nothing past the parser depends on Spirit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace contrascreen::expr {

/// Byte offsets [begin, end) inside the expression text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

using NodeId = std::uint32_t;
inline constexpr NodeId no_node = UINT32_MAX;

enum class NodeKind : std::uint8_t {
  null_literal,
  bool_literal,
  int_literal,
  double_literal,
  string_literal,
  list_literal,  // children: the elements
  identifier,    // text: the name
  call,          // text: function name, name_span: its token; children: arguments
  member_call,   // text: function name, name_span: its token; children: receiver, then arguments
  select,        // text: field name, name_span: its token; children: operand  (`a.b`)
  index,         // children: operand, index expression  (`a[i]`)
  unary,         // op: UnaryOp; children: operand
  binary,        // op: BinaryOp; children: left, right
  conditional,   // children: condition, then, else
};

enum class UnaryOp : std::uint8_t { logical_not, negate };

enum class BinaryOp : std::uint8_t {
  logical_or,
  logical_and,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in,
  add,
  subtract,
  multiply,
  divide,
  modulo,
};

/// Whether `op` is one of the six comparisons (==, !=, <, <=, >, >=).
constexpr bool is_comparison(BinaryOp op) {
  return op >= BinaryOp::equal && op <= BinaryOp::greater_equal;
}

/// `a op b` read from the other side, as `b mirrored(op) a`: `18 > age` is `age < 18`.
constexpr BinaryOp mirrored(BinaryOp op) {
  switch (op) {
    case BinaryOp::less:
      return BinaryOp::greater;
    case BinaryOp::less_equal:
      return BinaryOp::greater_equal;
    case BinaryOp::greater:
      return BinaryOp::less;
    case BinaryOp::greater_equal:
      return BinaryOp::less_equal;
    default:
      return op;
  }
}

struct Node {
  NodeKind kind = NodeKind::null_literal;
  std::uint8_t op = 0;  ///< UnaryOp or BinaryOp, by kind
  Span span;            ///< the whole node's text; a parenthesised operand's includes its parentheses
  Span name_span;       ///< call / member_call / select: the name token; unary/binary: the operator token;
                        ///< conditional: the `?`
  bool bool_value = false;
  std::int64_t int_value = 0;
  double double_value = 0.0;
  std::string text;  ///< string literal value (unescaped), identifier or function/field name
  std::vector<NodeId> children;
};

struct Ast {
  std::vector<Node> nodes;
  NodeId root = no_node;

  const Node& operator[](NodeId id) const { return nodes[id]; }
};

/// Operator spelling as written in CEL: "||", "&&", "==", "in", "!", "-", ...
const char* to_string(BinaryOp op);
const char* to_string(UnaryOp op);

/// A compact one-line S-expression of the tree under `ast.root` ("" if none),
/// for tests and debugging. Literals print bare: `null` `true` `42`, doubles
/// always with a `.` or exponent (`1000.0`, `0.5`, `1e+300`), strings in double
/// quotes with \\ \" \n \r \t and \xHH escapes. Everything else is a list
/// headed by its kind or operator:
///   (ident name)  (list e...)  (call name arg...)  (member name receiver arg...)
///   (select field operand)  (index operand key)  (! x)  (- x)  (&& a b)  (in a b)
///   (? condition then else)
/// e.g. `(&& (ident pregnant) (== (ident acne) "active_mild"))`.
std::string to_sexpr(const Ast& ast);

}  // namespace contrascreen::expr
