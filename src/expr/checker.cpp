#include "expr/checker.hpp"

#include <algorithm>
#include <string>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "util/text.hpp"

namespace contrascreen::expr {
namespace {

using T = TypeKind;

class Checker {
 public:
  Checker(CheckedExpression& out, const Environment& env, std::vector<ExprDiagnostic>& diagnostics)
      : out_(out), env_(env), diagnostics_(diagnostics) {}

  Type visit(NodeId id) {
    const Type type = visit_node(id);
    out_.types[id] = type;
    return type;
  }

  void error(std::string_view code, std::string message, Span span) {
    diagnostics_.push_back({std::string(code), std::move(message), span, false});
    failed_ = true;
  }
  bool failed() const { return failed_; }
  std::string name(const Type& t) const { return describe(t, *env_.catalogue); }

 private:
  const Node& node(NodeId id) const { return out_.ast.nodes[id]; }

  Type visit_node(NodeId id) {
    const Node& n = node(id);
    switch (n.kind) {
      case NodeKind::null_literal:
        return Type::of(T::null);
      case NodeKind::bool_literal:
        return Type::of(T::boolean);
      case NodeKind::int_literal:
        return Type::of(T::integer);
      case NodeKind::double_literal:
        return Type::of(T::real);
      case NodeKind::string_literal:
        return Type::of(T::string);
      case NodeKind::list_literal:
        return visit_list(n);
      case NodeKind::identifier:
        return visit_identifier(id);
      case NodeKind::call:
      case NodeKind::member_call:
        return visit_call(id);
      case NodeKind::select:
        visit(n.children[0]);
        error(codes::check_unsupported, "field selection '." + n.text + "' is not supported: answers have no fields",
              n.name_span);
        return Type::of(T::error);
      case NodeKind::index:
        return visit_index(n);
      case NodeKind::unary:
        return visit_unary(n);
      case NodeKind::binary:
        return visit_binary(id);
      case NodeKind::conditional:
        return visit_conditional(n);
    }
    return Type::of(T::error);
  }

  bool is_literal(NodeId id) const {
    const Node& n = node(id);
    switch (n.kind) {
      case NodeKind::null_literal:
      case NodeKind::bool_literal:
      case NodeKind::int_literal:
      case NodeKind::double_literal:
      case NodeKind::string_literal:
        return true;
      case NodeKind::unary:
        return static_cast<UnaryOp>(n.op) == UnaryOp::negate && (node(n.children[0]).kind == NodeKind::int_literal ||
                                                                 node(n.children[0]).kind == NodeKind::double_literal);
      default:
        return false;
    }
  }

  Type visit_list(const Node& n) {
    TypeKind element = T::null;
    for (NodeId child : n.children) {
      if (!is_literal(child)) {
        error(codes::check_unsupported, "list elements must be literals; use || or a value set for other tests",
              node(child).span);
        return Type::of(T::error);
      }
      const Type t = visit(child);
      if (t.is_error()) return Type::of(T::error);
      TypeKind k = t.kind == T::enumeration ? T::string : t.kind;
      if (k == T::list) {
        error(codes::check_type, "lists of lists are not supported", node(child).span);
        return Type::of(T::error);
      }
      if (element == T::null) {
        element = k;
      } else if (element != k) {
        const bool numeric = (element == T::integer || element == T::real) && (k == T::integer || k == T::real);
        if (!numeric) {
          error(codes::check_type,
                std::string("list elements must have one type: found ") + describe(element) + " and " + describe(k),
                node(child).span);
          return Type::of(T::error);
        }
        element = T::real;
      }
    }
    return Type::list_of(element);
  }

  // Where a list of strings is expected (any_in's set, the right of `in`), a name that is
  // both a value set and a question means the value set: policies name the value set of
  // oral retinoid drugs after the question about them.
  Type visit_set_position(NodeId id) {
    const Node& n = node(id);
    if (n.kind == NodeKind::identifier) {
      for (std::uint32_t i = 0; i < env_.value_sets.size(); ++i) {
        if (env_.value_sets[i] == n.text) {
          out_.resolved[id] = {Resolution::Kind::value_set, i};
          return out_.types[id] = Type::list_of(T::string);
        }
      }
    }
    return visit(id);
  }

  Type visit_identifier(NodeId id) {
    const Node& n = node(id);
    if (const Question* q = env_.catalogue->find(n.text)) {
      out_.resolved[id] = {Resolution::Kind::question, q->index};
      out_.reads.push_back(q->index);
      switch (q->type) {
        case QuestionType::boolean:
          return Type::of(T::boolean);
        case QuestionType::number:
          return Type::of(T::real);
        case QuestionType::enumeration:
          return Type::enum_of(q->index);
        case QuestionType::list:
          return Type::list_of(T::string);
        case QuestionType::date:
          return Type::of(T::date);
      }
    }
    for (std::uint32_t i = 0; i < env_.value_sets.size(); ++i) {
      if (env_.value_sets[i] == n.text) {
        out_.resolved[id] = {Resolution::Kind::value_set, i};
        return Type::list_of(T::string);
      }
    }
    const auto& fns = function_names();
    if (std::find(fns.begin(), fns.end(), n.text) != fns.end()) {
      error(codes::check_unknown_name, "'" + n.text + "' is a function; call it as " + n.text + "(...)", n.span);
      return Type::of(T::error);
    }
    std::vector<std::string_view> candidates(env_.value_sets);
    for (const auto& q : env_.catalogue->questions()) candidates.push_back(q.id);
    const auto suggestion = util::closest_match(n.text, candidates);
    std::string message = "unknown name '" + n.text + "': not a question or value set";
    if (suggestion) message += " (did you mean '" + *suggestion + "'?)";
    error(codes::check_unknown_name, std::move(message), n.span);
    return Type::of(T::error);
  }

  static bool accepts(Param p, const Type& t) {
    switch (p) {
      case Param::date:
        return t.kind == T::date;
      case Param::integer:
        return t.kind == T::integer;
      case Param::number:
        return t.is_numeric();
      case Param::text:
        return t.is_text();
      case Param::text_list:
        return t.is_text_list();
      case Param::sized:
        return t.is_text() || t.kind == T::list;
      case Param::question:
        return true;  // checked on the node itself
    }
    return false;
  }

  Type visit_call(NodeId id) {
    const Node& n = node(id);
    const bool receiver = n.kind == NodeKind::member_call;
    std::vector<Type> args;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const bool set_position = !receiver && n.text == "any_in" && i == 1;
      args.push_back(set_position ? visit_set_position(n.children[i]) : visit(n.children[i]));
    }
    const auto all = signatures();
    std::vector<std::uint32_t> named;
    for (std::uint32_t i = 0; i < all.size(); ++i)
      if (all[i].name == n.text) named.push_back(i);
    if (named.empty()) {
      const auto suggestion =
          util::closest_match(n.text, std::vector<std::string_view>(function_names().begin(), function_names().end()));
      std::string message = "unknown function '" + n.text + "'";
      if (suggestion) message += " (did you mean '" + *suggestion + "'?)";
      error(codes::check_unknown_function, std::move(message), n.name_span);
      return Type::of(T::error);
    }
    std::vector<std::uint32_t> styled;
    for (auto i : named)
      if (all[i].receiver == receiver) styled.push_back(i);
    if (styled.empty()) {
      const Signature& s = all[named.front()];
      error(codes::check_call_style,
            s.receiver ? "'" + n.text + "' is called on a value: x." + n.text + "(...)"
                       : "'" + n.text + "' is a function, not a method: " + n.text + "(x, ...)",
            n.name_span);
      return Type::of(T::error);
    }
    const auto given = static_cast<std::uint8_t>(args.size());
    std::vector<std::uint32_t> fitting;
    for (auto i : styled)
      if (all[i].arity == given) fitting.push_back(i);
    if (fitting.empty()) {
      const Signature& s = all[styled.front()];
      const int expected = s.arity - (receiver ? 1 : 0);
      const int got = given - (receiver ? 1 : 0);
      error(codes::check_arity,
            "'" + n.text + "' takes " + std::to_string(expected) + " argument" + (expected == 1 ? "" : "s") + ", got " +
                std::to_string(got),
            n.span);
      return Type::of(T::error);
    }
    if (std::any_of(args.begin(), args.end(), [](const Type& t) { return t.is_error(); })) return Type::of(T::error);
    for (auto i : fitting) {
      const Signature& s = all[i];
      bool ok = true;
      for (std::uint8_t a = 0; a < s.arity && ok; ++a) ok = accepts(s.params[a], args[a]);
      if (!ok) continue;
      out_.resolved[id] = {Resolution::Kind::function, i};
      return finish_call(id, s, args);
    }
    // Report the first argument that fits no overload.
    const Signature& s = all[fitting.front()];
    for (std::uint8_t a = 0; a < s.arity; ++a) {
      if (accepts(s.params[a], args[a])) continue;
      const Node& arg = node(n.children[a]);
      error(codes::check_type,
            "'" + n.text + "' expects " + describe(s.params[a]) + (receiver && a == 0 ? " to call it on" : "") +
                ", got " + name(args[a]),
            arg.span);
      break;
    }
    return Type::of(T::error);
  }

  Type finish_call(NodeId id, const Signature& s, const std::vector<Type>& args) {
    const Node& n = node(id);
    if (s.builtin == Builtin::answered) {
      const Node& arg = node(n.children[0]);
      if (arg.kind != NodeKind::identifier || out_.resolved[n.children[0]].kind != Resolution::Kind::question) {
        error(codes::check_type, "'answered' takes a question id, e.g. answered(pregnant)", arg.span);
        return Type::of(T::error);
      }
    }
    if (s.builtin == Builtin::date) {
      const Node& arg = node(n.children[0]);
      if (arg.kind == NodeKind::string_literal && !Date::parse_iso(arg.text)) {
        error(codes::check_invalid_date, "'" + arg.text + "' is not a date in the form YYYY-MM-DD", arg.span);
        return Type::of(T::error);
      }
    }
    (void)args;
    return Type::of(s.result);
  }

  Type visit_index(const Node& n) {
    const Type base = visit(n.children[0]);
    const Type index = visit(n.children[1]);
    if (base.is_error() || index.is_error()) return Type::of(T::error);
    if (base.kind != T::list) {
      error(codes::check_type, "only lists can be indexed, not " + name(base), node(n.children[0]).span);
      return Type::of(T::error);
    }
    if (index.kind != T::integer) {
      error(codes::check_type, "a list index must be an int, not " + name(index), node(n.children[1]).span);
      return Type::of(T::error);
    }
    return Type::of(base.element == T::null ? T::error : base.element);
  }

  Type visit_unary(const Node& n) {
    const Type operand = visit(n.children[0]);
    if (operand.is_error()) return operand;
    if (static_cast<UnaryOp>(n.op) == UnaryOp::logical_not) {
      if (operand.kind == T::boolean) return operand;
      error(codes::check_type, "'!' needs a bool operand, got " + name(operand), node(n.children[0]).span);
      return Type::of(T::error);
    }
    if (operand.is_numeric()) return operand;
    error(codes::check_type, "unary '-' needs a number, got " + name(operand), node(n.children[0]).span);
    return Type::of(T::error);
  }

  // An enum compared with a string literal: the literal must be a declared value.
  bool check_enum_literal(const Type& enum_type, NodeId literal) {
    const Node& lit = node(literal);
    if (lit.kind != NodeKind::string_literal) return true;
    const Question& q = env_.catalogue->questions()[enum_type.question];
    if (auto index = q.enum_index(lit.text)) {
      out_.resolved[literal] = {Resolution::Kind::enum_value, *index};
      return true;
    }
    std::vector<std::string_view> values;
    std::string listing;
    for (const auto& v : q.values) {
      values.push_back(v.value);
      listing += (listing.empty() ? "" : ", ") + v.value;
    }
    const auto suggestion = util::closest_match(lit.text, values);
    std::string message = "'" + q.id + "' has no value '" + lit.text + "'";
    if (suggestion)
      message += " (did you mean '" + *suggestion + "'?)";
    else
      message += " (values: " + listing + ")";
    error(codes::check_unknown_enum_value, std::move(message), lit.span);
    return false;
  }

  bool comparable(const Type& a, NodeId a_node, const Type& b, NodeId b_node, Span where, bool ordering) {
    if (a.kind == T::null || b.kind == T::null) {
      error(codes::check_null_comparison, "a missing answer is not null; use answered(question) to test for it", where);
      return false;
    }
    if (a.is_numeric() && b.is_numeric()) return true;
    if (a.kind == T::enumeration && b.kind == T::enumeration) {
      if (ordering) {
        error(codes::check_type, "enum values have no order; compare with == or in", where);
        return false;
      }
      if (a.question == b.question) return true;
      error(codes::check_type, "cannot compare " + name(a) + " with " + name(b), where);
      return false;
    }
    if (a.kind == T::enumeration && b.kind == T::string)
      return !ordering ? check_enum_literal(a, b_node) : order_enum(where);
    if (b.kind == T::enumeration && a.kind == T::string)
      return !ordering ? check_enum_literal(b, a_node) : order_enum(where);
    if (a.kind == b.kind && a.kind != T::list && (!ordering || a.kind != T::boolean)) return true;
    error(codes::check_type, "cannot compare " + name(a) + " with " + name(b), where);
    return false;
  }
  bool order_enum(Span where) {
    error(codes::check_type, "enum values have no order; compare with == or in", where);
    return false;
  }

  Type visit_binary(NodeId id) {
    const Node& n = node(id);
    const auto op = static_cast<BinaryOp>(n.op);
    const Type left = visit(n.children[0]);
    const Type right = op == BinaryOp::in ? visit_set_position(n.children[1]) : visit(n.children[1]);
    if (left.is_error() || right.is_error()) return Type::of(T::error);
    const Node& l = node(n.children[0]);
    const Node& r = node(n.children[1]);
    switch (op) {
      case BinaryOp::logical_and:
      case BinaryOp::logical_or: {
        bool ok = true;
        for (auto [t, operand] : {std::pair{left, &l}, std::pair{right, &r}}) {
          if (t.kind == T::boolean) continue;
          error(codes::check_type, std::string("'") + to_string(op) + "' needs bool operands, got " + name(t),
                operand->span);
          ok = false;
        }
        return ok ? Type::of(T::boolean) : Type::of(T::error);
      }
      case BinaryOp::equal:
      case BinaryOp::not_equal:
        return comparable(left, n.children[0], right, n.children[1], n.span, false) ? Type::of(T::boolean)
                                                                                    : Type::of(T::error);
      case BinaryOp::less:
      case BinaryOp::less_equal:
      case BinaryOp::greater:
      case BinaryOp::greater_equal:
        return comparable(left, n.children[0], right, n.children[1], n.span, true) ? Type::of(T::boolean)
                                                                                   : Type::of(T::error);
      case BinaryOp::in:
        return visit_in(n, left, right);
      case BinaryOp::add:
      case BinaryOp::subtract:
      case BinaryOp::multiply:
      case BinaryOp::divide:
      case BinaryOp::modulo: {
        if (!left.is_numeric() || !right.is_numeric()) {
          const bool concatenation = op == BinaryOp::add && ((left.is_text() && right.is_text()) ||
                                                             (left.kind == T::list && right.kind == T::list));
          error(concatenation ? codes::check_unsupported : codes::check_type,
                concatenation
                    ? "'+' on strings and lists is not supported; it works on numbers"
                    : std::string("'") + to_string(op) + "' needs numbers, got " + name(left) + " and " + name(right),
                n.span);
          return Type::of(T::error);
        }
        if (op == BinaryOp::modulo && (left.kind != T::integer || right.kind != T::integer)) {
          error(codes::check_type, "'%' needs ints, got " + name(left) + " and " + name(right), n.span);
          return Type::of(T::error);
        }
        return Type::of(left.kind == T::integer && right.kind == T::integer ? T::integer : T::real);
      }
    }
    return Type::of(T::error);
  }

  Type visit_in(const Node& n, const Type& left, const Type& right) {
    const Node& r = node(n.children[1]);
    if (right.kind != T::list) {
      error(codes::check_type, "the right of 'in' must be a list, got " + name(right), r.span);
      return Type::of(T::error);
    }
    if (right.element == T::null) return Type::of(T::boolean);
    if (left.kind == T::enumeration && right.element == T::string) {
      bool ok = true;
      if (r.kind == NodeKind::list_literal)
        for (NodeId element : r.children) ok = check_enum_literal(left, element) && ok;
      return ok ? Type::of(T::boolean) : Type::of(T::error);
    }
    const bool numeric = left.is_numeric() && (right.element == T::integer || right.element == T::real);
    if (numeric || left.kind == right.element) return Type::of(T::boolean);
    error(codes::check_type, "cannot look for " + name(left) + " in " + name(right), n.span);
    return Type::of(T::error);
  }

  Type visit_conditional(const Node& n) {
    const Type condition = visit(n.children[0]);
    const Type then = visit(n.children[1]);
    const Type otherwise = visit(n.children[2]);
    if (condition.is_error() || then.is_error() || otherwise.is_error()) return Type::of(T::error);
    if (condition.kind != T::boolean) {
      error(codes::check_type, "the condition of '?:' must be bool, got " + name(condition), node(n.children[0]).span);
      return Type::of(T::error);
    }
    if (then.is_numeric() && otherwise.is_numeric()) return Type::of(then.kind == otherwise.kind ? then.kind : T::real);
    if (then.kind == otherwise.kind && then.kind != T::list &&
        (then.kind != T::enumeration || then.question == otherwise.question))
      return then;
    error(codes::check_type, "both branches of '?:' must have one type, got " + name(then) + " and " + name(otherwise),
          n.span);
    return Type::of(T::error);
  }

  CheckedExpression& out_;
  const Environment& env_;
  std::vector<ExprDiagnostic>& diagnostics_;
  bool failed_ = false;
};

}  // namespace

CheckedExpression check_expression(Ast ast, const Environment& env, TypeKind expected,
                                   std::vector<ExprDiagnostic>& diagnostics) {
  CheckedExpression out;
  out.ast = std::move(ast);
  out.types.assign(out.ast.nodes.size(), Type::of(T::error));
  out.resolved.assign(out.ast.nodes.size(), Resolution{});
  Checker checker(out, env, diagnostics);
  const Type result = checker.visit(out.ast.root);
  if (!result.is_error() && result.kind != expected) {
    checker.error(codes::check_result_type,
                  std::string("this expression must give ") + (expected == T::boolean ? "a bool" : "a date") +
                      ", but gives " + checker.name(result),
                  out.ast.nodes[out.ast.root].span);
  }
  std::sort(out.reads.begin(), out.reads.end());
  out.reads.erase(std::unique(out.reads.begin(), out.reads.end()), out.reads.end());
  out.ok = !checker.failed();
  return out;
}

std::string describe(const Type& type, const Catalogue& catalogue) {
  switch (type.kind) {
    case T::enumeration:
      return type.question < catalogue.size() ? "enum '" + catalogue.questions()[type.question].id + "'" : "enum";
    case T::list:
      return type.element == T::null ? "an empty list" : std::string("a list of ") + describe(type.element) + "s";
    default:
      return describe(type.kind);
  }
}

const char* describe(TypeKind kind) {
  switch (kind) {
    case T::error:
      return "an invalid value";
    case T::null:
      return "null";
    case T::boolean:
      return "bool";
    case T::integer:
      return "int";
    case T::real:
      return "number";
    case T::string:
      return "string";
    case T::date:
      return "date";
    case T::enumeration:
      return "enum";
    case T::list:
      return "list";
  }
  return "?";
}

}  // namespace contrascreen::expr
