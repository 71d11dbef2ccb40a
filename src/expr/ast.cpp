// Operator spellings and the S-expression dump of an Ast (format in ast.hpp).
#include "expr/ast.hpp"

#include <charconv>

namespace contrascreen::expr {

const char* to_string(BinaryOp op) {
  switch (op) {
    case BinaryOp::logical_or:
      return "||";
    case BinaryOp::logical_and:
      return "&&";
    case BinaryOp::equal:
      return "==";
    case BinaryOp::not_equal:
      return "!=";
    case BinaryOp::less:
      return "<";
    case BinaryOp::less_equal:
      return "<=";
    case BinaryOp::greater:
      return ">";
    case BinaryOp::greater_equal:
      return ">=";
    case BinaryOp::in:
      return "in";
    case BinaryOp::add:
      return "+";
    case BinaryOp::subtract:
      return "-";
    case BinaryOp::multiply:
      return "*";
    case BinaryOp::divide:
      return "/";
    case BinaryOp::modulo:
      return "%";
  }
  return "?";
}

const char* to_string(UnaryOp op) {
  switch (op) {
    case UnaryOp::logical_not:
      return "!";
    case UnaryOp::negate:
      return "-";
  }
  return "?";
}

namespace {

void append_string_literal(std::string& out, const std::string& value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '"';
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
          out += "\\x";
          out += hex[byte >> 4];
          out += hex[byte & 0xF];
        } else {
          out += c;
        }
      }
    }
  }
  out += '"';
}

void append_double(std::string& out, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  out += text;
  // Keep doubles distinguishable from integers in the dump.
  if (text.find_first_of(".eni") == std::string_view::npos) out += ".0";
}

void append_node(std::string& out, const Ast& ast, NodeId id);

/// "(head child child ...)"; `name`, when given, follows the head.
void append_list(std::string& out, const Ast& ast, const char* head, const Node& node,
                 const std::string* name = nullptr) {
  out += '(';
  out += head;
  if (name != nullptr) {
    out += ' ';
    out += *name;
  }
  for (const NodeId child : node.children) {
    out += ' ';
    append_node(out, ast, child);
  }
  out += ')';
}

void append_node(std::string& out, const Ast& ast, NodeId id) {
  const Node& node = ast[id];
  switch (node.kind) {
    case NodeKind::null_literal:
      out += "null";
      return;
    case NodeKind::bool_literal:
      out += node.bool_value ? "true" : "false";
      return;
    case NodeKind::int_literal:
      out += std::to_string(node.int_value);
      return;
    case NodeKind::double_literal:
      append_double(out, node.double_value);
      return;
    case NodeKind::string_literal:
      append_string_literal(out, node.text);
      return;
    case NodeKind::identifier:
      out += "(ident " + node.text + ")";
      return;
    case NodeKind::list_literal:
      append_list(out, ast, "list", node);
      return;
    case NodeKind::call:
      append_list(out, ast, "call", node, &node.text);
      return;
    case NodeKind::member_call:
      append_list(out, ast, "member", node, &node.text);
      return;
    case NodeKind::select:
      append_list(out, ast, "select", node, &node.text);
      return;
    case NodeKind::index:
      append_list(out, ast, "index", node);
      return;
    case NodeKind::unary:
      append_list(out, ast, to_string(static_cast<UnaryOp>(node.op)), node);
      return;
    case NodeKind::binary:
      append_list(out, ast, to_string(static_cast<BinaryOp>(node.op)), node);
      return;
    case NodeKind::conditional:
      append_list(out, ast, "?", node);
      return;
  }
}

}  // namespace

std::string to_sexpr(const Ast& ast) {
  std::string out;
  if (ast.root != no_node) append_node(out, ast, ast.root);
  return out;
}

}  // namespace contrascreen::expr
