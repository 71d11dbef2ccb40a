// The expression a ProgramBuilder is compiling, shared by the files that hold its parts
// (compiler.cpp: the generic and fused instructions; value_compiler.cpp: the value code).
#pragma once

#include <algorithm>
#include <limits>
#include <optional>
#include <span>

#include "contrascreen/date.hpp"
#include "expr/compiler.hpp"

namespace contrascreen::expr {

struct ProgramBuilder::Scope {
  const CheckedExpression& expr;
  std::span<const std::uint32_t> reads;

  const Node& node(NodeId id) const { return expr.ast.nodes[id]; }
  const Type& type(NodeId id) const { return expr.types[id]; }
  const Resolution& resolved(NodeId id) const { return expr.resolved[id]; }
  bool is_question(NodeId id) const { return resolved(id).kind == Resolution::Kind::question; }
  std::uint8_t bit(std::uint32_t question) const {
    const auto it = std::lower_bound(reads.begin(), reads.end(), question);
    return static_cast<std::uint8_t>(it - reads.begin());
  }
  // A date literal, `date("2026-01-01")`, as days since the epoch (the checker has validated it).
  std::optional<std::int32_t> date_literal(NodeId id) const {
    const Node& n = node(id);
    if (n.kind != NodeKind::call || n.children.size() != 1 ||
        signatures()[resolved(id).index].builtin != Builtin::date ||
        node(n.children[0]).kind != NodeKind::string_literal)
      return std::nullopt;
    return Date::parse_iso(node(n.children[0]).text)->days_since_epoch();
  }
  // A number literal, possibly negated, as a double.
  std::optional<double> number_literal(NodeId id) const {
    const Node& n = node(id);
    if (n.kind == NodeKind::int_literal) return static_cast<double>(n.int_value);
    if (n.kind == NodeKind::double_literal) return n.double_value;
    if (n.kind == NodeKind::unary && static_cast<UnaryOp>(n.op) == UnaryOp::negate)
      if (auto inner = number_literal(n.children[0])) return -*inner;
    return std::nullopt;
  }
  // A number literal, possibly negated, as the value the generic instructions compute for it.
  std::optional<Value> number_value(NodeId id) const {
    const Node& n = node(id);
    Value v;
    if (n.kind == NodeKind::int_literal) {
      v.kind = ValueKind::integer;
      v.i = n.int_value;
      return v;
    }
    if (n.kind == NodeKind::double_literal) {
      v.kind = ValueKind::real;
      v.d = n.double_value;
      return v;
    }
    if (n.kind != NodeKind::unary || static_cast<UnaryOp>(n.op) != UnaryOp::negate) return std::nullopt;
    auto inner = number_value(n.children[0]);
    if (!inner || (inner->kind == ValueKind::integer && inner->i == std::numeric_limits<std::int64_t>::min()))
      return std::nullopt;  // that negation fails at run time
    if (inner->kind == ValueKind::integer)
      inner->i = -inner->i;
    else
      inner->d = -inner->d;
    return inner;
  }
};

}  // namespace contrascreen::expr
