// Jumping code (program.hpp: LeafJump): a rule condition of leaves under &&, ||, ! and ?:
// as a graph of leaves, each naming the next leaf to decide or the outcome; and the jump
// forms, by which tests that are no leaves join such a graph.
#include "expr/compiler.hpp"

#include "expr/compiler_scope.hpp"

#include "contrascreen/date.hpp"

namespace contrascreen::expr {

// A condition of leaves under &&, ||, ! and ?: runs as jumping code (program.hpp: LeafJump),
// unless it is one leaf or one chain of leaves: those are decided as fast as they are, and
// with undecided leaves too. Tests with a jump form count as leaves here.
Pc ProgramBuilder::jumping_code(Pc entry) {
  const Instr& root = program_.code[entry];
  if (fusion_ == Fusion::off || is_leaf(root.op) || is_chain_of_leaves(root) || !is_leaf_tree(entry)) return entry;
  Instr in;
  in.op = Op::leaf_graph;
  in.node = root.node;
  in.c = entry;
  in.a = jump_node(entry, graph_yes, graph_no);
  return emit(in);
}

bool ProgramBuilder::is_leaf_tree(Pc pc) const {
  const Instr& in = program_.code[pc];
  switch (in.op) {
    case Op::bool_not:
      return is_leaf_tree(in.a);
    case Op::bool_cond:
      return is_leaf_tree(in.a) && is_leaf_tree(in.b) && is_leaf_tree(in.c);
    case Op::bool_and:
    case Op::bool_or:
      for (std::uint32_t k = 0; k < in.b; ++k)
        if (!is_leaf_tree(program_.operands[in.a + k])) return false;
      return true;
    default:
      if (const auto form = jump_forms_.find(pc); form != jump_forms_.end())
        return is_leaf_tree(form->second.test) && is_leaf_tree(form->second.if_true) &&
               (form->second.if_false == no_pc || is_leaf_tree(form->second.if_false));
      return is_leaf(in.op);
  }
}

// The jumping code of the leaf tree at `pc`, going on to `if_true` or `if_false`; returns
// its entry. Built from the last leaf back, so that each leaf knows where to go.
std::uint32_t ProgramBuilder::jump_node(Pc pc, std::uint32_t if_true, std::uint32_t if_false) {
  if (const auto found = jump_forms_.find(pc); found != jump_forms_.end()) {
    const JumpForm form = found->second;
    const std::uint32_t otherwise =
        form.if_false == no_pc ? graph_generic : jump_node(form.if_false, if_true, if_false);
    return jump_node(form.test, jump_node(form.if_true, if_true, if_false), otherwise);
  }
  const Instr in = program_.code[pc];
  switch (in.op) {
    case Op::bool_not:
      return jump_node(in.a, if_false, if_true);
    case Op::bool_cond:
      return jump_node(in.a, jump_node(in.b, if_true, if_false), jump_node(in.c, if_true, if_false));
    case Op::bool_and:
    case Op::bool_or: {
      // a && b: a true goes on to b, a false is the outcome; a || b the other way round.
      std::uint32_t next = in.op == Op::bool_and ? if_true : if_false;
      for (std::uint32_t k = in.b; k-- > 0;) {
        const Pc operand = program_.operands[in.a + k];
        next = in.op == Op::bool_and ? jump_node(operand, next, if_false) : jump_node(operand, if_true, next);
      }
      return next;
    }
    default:
      program_.leaf_graph.push_back(LeafJump{in, if_true, if_false});
      return static_cast<std::uint32_t>(program_.leaf_graph.size() - 1);
  }
}

// A comparison whose jump form decides it wherever its leaves are all decided (and the
// graph's first undecided leaf hands the whole condition to its instructions anyway):
// - `(c ? x : y) op z`, either way round, as `c ? (x op z) : (y op z)`, when both are leaves
//   (comparison_leaf): `(previous ? 20 : 10) > days_since(d)`. The same value: c decided picks
//   one branch, as the conditional does, and z is read on both paths.
// - `add_days(d, n) op today()` as `days_since(d) op' n`, and `add_days(d, n) op date("...")`
//   as `d op date - n` (shifted_date_jump_form).
void ProgramBuilder::add_jump_form(const Scope& s, NodeId id, Pc test) {
  if (fusion_ == Fusion::off) return;
  const Node& n = s.node(id);
  const auto as_written = static_cast<BinaryOp>(n.op);
  for (int side = 0; side < 2; ++side) {
    const NodeId subject = n.children[side];
    const NodeId other = n.children[1 - side];
    const BinaryOp op = side == 0 ? as_written : mirrored(as_written);  // subject op other
    JumpForm form;
    if (s.node(subject).kind == NodeKind::conditional) {
      const Node& choice = s.node(subject);
      const Pc from = static_cast<Pc>(program_.code.size());
      form.if_true = comparison_leaf(s, id, op, choice.children[1], other);
      form.if_false = form.if_true == no_pc ? no_pc : comparison_leaf(s, id, op, choice.children[2], other);
      if (form.if_false == no_pc) {
        program_.code.resize(from);  // a leaf for one branch alone is of no use
        continue;
      }
      form.test = bool_node(s, choice.children[0]);
      jump_forms_[test] = form;
      return;
    }
    if (shifted_date_jump_form(s, id, op, subject, other, form)) {
      jump_forms_[test] = form;
      return;
    }
  }
}

// `add_days(d, n) op other`, other today() or a date literal L, with a date question d and an
// int literal n: d + n op today is today - d mirrored(op) n, a days_since leaf; d + n op L is
// d op L - n, a date leaf. Both hold only where add_days succeeds, d + n within the date range:
// the test of the form is that range, and outside it the comparison's instructions decide (and
// report add_days's failure).
bool ProgramBuilder::shifted_date_jump_form(const Scope& s, NodeId id, BinaryOp op, NodeId shift, NodeId other,
                                            JumpForm& form) {
  const Node& call = s.node(shift);
  if (call.kind != NodeKind::call || call.children.size() != 2 ||
      signatures()[s.resolved(shift).index].builtin != Builtin::add_days || !s.is_question(call.children[0]))
    return false;
  const std::optional<std::int64_t> amount = int_amount(s, call.children[1]);
  constexpr std::int64_t span = std::int64_t{Date::max_days} - Date::min_days;
  if (!amount || *amount > span || *amount < -span) return false;  // then add_days always fails
  const std::optional<std::int32_t> date = s.date_literal(other);
  const bool today =
      s.node(other).kind == NodeKind::call && signatures()[s.resolved(other).index].builtin == Builtin::today;
  if (!today && !date) return false;

  Instr in;
  in.op = Op::date_compare;
  in.node = id;
  in.slot = s.resolved(call.children[0]).index;
  in.bit = s.bit(in.slot);
  Instr within = in;
  within.a = static_cast<std::uint32_t>(DateUnit::date);
  within.sub = static_cast<std::uint8_t>(*amount >= 0 ? BinaryOp::less_equal : BinaryOp::greater_equal);
  within.imm.d = static_cast<double>(*amount >= 0 ? Date::max_days - *amount : Date::min_days - *amount);
  Instr leaf = in;
  if (today) {
    leaf.a = static_cast<std::uint32_t>(DateUnit::days_since);
    leaf.sub = static_cast<std::uint8_t>(mirrored(op));
    leaf.imm.d = static_cast<double>(*amount);
  } else {
    leaf.a = static_cast<std::uint32_t>(DateUnit::date);
    leaf.sub = static_cast<std::uint8_t>(op);
    leaf.imm.d = static_cast<double>(*date - *amount);
  }
  form.test = emit(within);
  form.if_true = emit(leaf);
  form.if_false = no_pc;
  return true;
}

}  // namespace contrascreen::expr
