#include "expr/constant_folding.hpp"

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/intake.hpp"
#include "expr/evaluator.hpp"

namespace contrascreen::expr {
namespace {

// Functions whose result depends on the intake or on the screening date.
bool reads_intake_or_date(Builtin builtin) {
  switch (builtin) {
    case Builtin::today:
    case Builtin::days_since:
    case Builtin::weeks_since:
    case Builtin::months_since:
    case Builtin::years_since:
    case Builtin::answered:
      return true;
    default:
      return false;
  }
}

// Marks each node of the subtree under `id` that reads neither an answer nor the date;
// returns the mark of `id`.
bool mark_constants(const CheckedExpression& expr, NodeId id, std::vector<bool>& constant) {
  const Node& n = expr.ast.nodes[id];
  bool is_constant = true;
  for (const NodeId child : n.children) is_constant = mark_constants(expr, child, constant) && is_constant;
  const Resolution& resolved = expr.resolved[id];
  switch (n.kind) {
    case NodeKind::identifier:  // a value set is a constant list; a question is an answer
      is_constant = resolved.kind == Resolution::Kind::value_set;
      break;
    case NodeKind::call:
    case NodeKind::member_call:
      is_constant = is_constant && resolved.kind == Resolution::Kind::function &&
                    !reads_intake_or_date(signatures()[resolved.index].builtin);
      break;
    case NodeKind::select:  // rejected by the checker
      is_constant = false;
      break;
    default:
      break;
  }
  constant[id] = is_constant;
  return is_constant;
}

// A literal, a list of literals or a value set: nothing to compute, nothing can fail.
bool is_leaf(const Node& n) {
  switch (n.kind) {
    case NodeKind::null_literal:
    case NodeKind::bool_literal:
    case NodeKind::int_literal:
    case NodeKind::double_literal:
    case NodeKind::string_literal:
    case NodeKind::list_literal:
    case NodeKind::identifier:
      return true;
    default:
      return false;
  }
}

}  // namespace

ConstantFolder::ConstantFolder(const Catalogue& catalogue) : builder_(program_, catalogue), catalogue_(catalogue) {}

void ConstantFolder::add_value_set(const std::vector<std::string>& members) {
  builder_.add_value_set(members);
}

bool ConstantFolder::check(const CheckedExpression& expr, std::vector<ExprDiagnostic>& diagnostics) {
  if (expr.ast.root == no_node) return true;
  std::vector<bool> constant(expr.ast.nodes.size(), false);
  mark_constants(expr, expr.ast.root, constant);

  // The largest constant sub-expressions, outermost first.
  std::vector<NodeId> roots;
  std::vector<NodeId> pending{expr.ast.root};
  while (!pending.empty()) {
    const NodeId id = pending.back();
    pending.pop_back();
    const Node& n = expr.ast.nodes[id];
    if (!constant[id]) {
      pending.insert(pending.end(), n.children.rbegin(), n.children.rend());
    } else if (!is_leaf(n)) {
      roots.push_back(id);
    }
  }
  if (roots.empty()) return true;

  // Each is compiled as the root of its own expression and evaluated with no answers.
  CheckedExpression part = expr;
  const detail::AnswerSlot no_answer{};  // constants load no slot; the evaluator may look at slot 0
  bool ok = true;
  for (const NodeId id : roots) {
    part.ast.root = id;
    const Pc entry = builder_.compile(part, {});
    EvalError error;
    EvalContext ctx;
    ctx.slots = &no_answer;
    ctx.program = &program_;
    ctx.catalogue = &catalogue_;
    ctx.error = &error;
    const bool failed = part.types[id].kind == TypeKind::boolean ? eval_bool(entry, ctx).state == Tri::undecided
                                                                 : eval_value(entry, ctx).kind == ValueKind::undecided;
    if (!failed) continue;
    const Span where = error.set ? expr.ast.nodes[error.node].span : expr.ast.nodes[id].span;
    diagnostics.push_back({std::string(codes::check_always_fails),
                           "this always fails (" + (error.set ? error.message : std::string("an evaluation error")) +
                               "), whatever the answers: the rule could never decide here",
                           where, false});
    ok = false;
  }
  return ok;
}

}  // namespace contrascreen::expr
