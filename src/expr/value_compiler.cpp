// Lowers a bool test over computed values into flat value code (program.hpp: ValueStep),
// run by value_machine.cpp. Registers are allocated as a stack: a node's value goes to
// register `dst`, its second operand to `dst + 1`. Operands are computed in the order the
// generic instructions compute them; number literals (also negated) are folded into the
// step that uses them. A test with a form the steps do not cover, or that needs more than
// value_registers registers, keeps only its generic instructions.
#include <algorithm>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "expr/compiler.hpp"
#include "expr/compiler_scope.hpp"

namespace contrascreen::expr {
namespace {

ValueStep step(StepOp op, std::uint32_t dst, std::uint32_t a = 0, std::uint32_t b = 0, std::uint8_t sub = 0) {
  ValueStep st;
  st.op = op;
  st.dst = static_cast<std::uint8_t>(dst);
  st.a = static_cast<std::uint8_t>(a);
  st.b = static_cast<std::uint8_t>(b);
  st.sub = sub;
  return st;
}

ValueStep with_arg(ValueStep st, std::uint32_t arg) {
  st.imm.arg = arg;
  return st;
}

// The static types say the run-time kinds: a value the checker typed double is a double
// at run time (number answers, double literals, arithmetic with a double, double(),
// widened conditionals), one it typed int an int. A comparison with a number constant then
// needs no kind test: as doubles when the operand is one (the constant widened now, as
// the generic comparison widens it at run time), as ints when both are.
//
// The typed step of operator `op` from the group starting at `first` (StepOp lists each
// group in BinaryOp's order, from `from`).
StepOp typed_step(StepOp first, BinaryOp from, std::uint8_t op) {
  return static_cast<StepOp>(static_cast<std::uint8_t>(first) + (op - static_cast<std::uint8_t>(from)));
}

StepOp load_step(QuestionType type) {
  switch (type) {
    case QuestionType::boolean:
      return StepOp::load_bool;
    case QuestionType::number:
      return StepOp::load_number;
    case QuestionType::enumeration:
      return StepOp::load_enum;
    case QuestionType::date:
      return StepOp::load_date;
    case QuestionType::list:
      break;
  }
  return StepOp::load_list;
}

void typed_comparison(TypeKind operand, ValueStep& st) {
  if (!is_comparison(static_cast<BinaryOp>(st.sub))) return;
  if (operand == TypeKind::real) {
    if (st.kind == ValueKind::integer) st.imm.d = static_cast<double>(st.imm.i);
    st.op = typed_step(StepOp::real_equal_k, BinaryOp::equal, st.sub);
  } else if (operand == TypeKind::integer && st.kind == ValueKind::integer) {
    st.op = typed_step(StepOp::int_equal_k, BinaryOp::equal, st.sub);
  }
}

}  // namespace

std::uint32_t ProgramBuilder::emit_step(const ValueStep& st) {
  program_.steps.push_back(st);
  return static_cast<std::uint32_t>(program_.steps.size() - 1);
}

// Whether the instructions from `pc` hold value code: such a rule condition is worth
// running as value code whole, its leaves and &&/|| included.
bool ProgramBuilder::has_value_test(Pc pc) const {
  const Instr& in = program_.code[pc];
  switch (in.op) {
    case Op::value_test:
      return true;
    case Op::bool_not:
      return has_value_test(in.a);
    case Op::bool_cond:
      return has_value_test(in.a) || has_value_test(in.b) || has_value_test(in.c);
    case Op::bool_and:
    case Op::bool_or:
      for (std::uint32_t k = 0; k < in.b; ++k)
        if (has_value_test(program_.operands[in.a + k])) return true;
      return false;
    default:
      return false;
  }
}

// The generic instructions of the test stay at `generic`: the value code gives up to them.
// A test of answers and literals only (`acne.startsWith("act")`, `"x" in medications`) is
// left to them: they read such operands inline, and the value code would only add its
// start. As part of a larger condition it still runs as value code (compile()).
Pc ProgramBuilder::value_test(const Scope& s, NodeId id, Pc generic, bool whole_condition) {
  if (fusion_ == Fusion::off || program_.code[generic].op == Op::value_test) return generic;
  const auto operand_only = [&](NodeId child) {
    switch (s.node(child).kind) {
      case NodeKind::identifier:
      case NodeKind::bool_literal:
      case NodeKind::int_literal:
      case NodeKind::double_literal:
      case NodeKind::string_literal:
      case NodeKind::list_literal:
        return true;
      default:
        return false;
    }
  };
  const auto& children = s.node(id).children;
  if (!whole_condition && std::all_of(children.begin(), children.end(), operand_only)) return generic;
  const std::size_t first = program_.steps.size();
  if (!step_bool(s, id, 0)) {
    program_.steps.resize(first);
    return generic;
  }
  const auto end = static_cast<std::uint32_t>(emit_step(step(StepOp::done, 0, 0)));
  finish_value_code(static_cast<std::uint32_t>(first), end);
  Instr in;
  in.op = Op::value_test;
  in.node = id;
  in.a = static_cast<std::uint32_t>(first);
  in.b = generic;
  return emit(in);
}

// The test's value is register 0 when its code reaches `done` (step `end`). A jump to
// `done` on register 0 holding `sub` ends the test with that value there (done_if); a typed
// comparison into register 0 just before `done`, whose result `done` would return, returns
// it itself: one step fewer on either path. `done` stays for whatever else reaches it. Then
// the pairs of steps that are one step (answered or a leaf followed by done_if, a date load
// followed by its measure).
void ProgramBuilder::finish_value_code(std::uint32_t first, std::uint32_t end) {
  for (std::uint32_t k = first; k < end; ++k) {
    ValueStep& st = program_.steps[k];
    if (st.op == StepOp::jump_if && st.imm.arg == end && st.a == 0) st.op = StepOp::done_if;
  }
  // Pairs that run as one step (program.hpp): the second step stays where it is, for a jump
  // that lands on it, and the first does both and goes on after it.
  for (std::uint32_t k = first; k + 1 < end; ++k) {
    ValueStep& st = program_.steps[k];
    const ValueStep& next = program_.steps[k + 1];
    if ((st.op == StepOp::answered || st.op == StepOp::leaf) && st.dst == 0 && next.op == StepOp::done_if) {
      st.op = st.op == StepOp::answered ? StepOp::answered_done_if : StepOp::leaf_done_if;
      st.sub = next.sub;
    } else if (st.op == StepOp::load_date && next.op == StepOp::date_measure && next.a == st.dst &&
               next.dst == st.dst) {
      st.op = StepOp::load_date_measure;
      st.sub = next.sub;
    }
  }
  if (end == first) return;
  // A typed comparison keeps its operator in `sub` (typed_comparison).
  ValueStep& last = program_.steps[end - 1];
  if (last.dst != 0) return;
  if (last.op >= StepOp::real_equal_k && last.op <= StepOp::real_greater_equal_k)
    last.op = typed_step(StepOp::real_equal_k_done, BinaryOp::equal, last.sub);
  else if (last.op >= StepOp::int_equal_k && last.op <= StepOp::int_greater_equal_k)
    last.op = typed_step(StepOp::int_equal_k_done, BinaryOp::equal, last.sub);
}

bool ProgramBuilder::step_bool(const Scope& s, NodeId id, std::uint32_t dst) {
  if (dst >= value_registers) return false;
  const Node& n = s.node(id);
  switch (n.kind) {
    case NodeKind::bool_literal: {
      ValueStep st = step(StepOp::immediate, dst);
      st.kind = ValueKind::boolean;
      st.imm.i = n.bool_value ? 1 : 0;
      emit_step(st);
      return true;
    }
    case NodeKind::identifier:
      return s.is_question(id) && step_value(s, id, dst);
    case NodeKind::unary:
      if (static_cast<UnaryOp>(n.op) != UnaryOp::logical_not || !step_bool(s, n.children[0], dst)) return false;
      emit_step(step(StepOp::logical_not, dst, dst));
      return true;
    case NodeKind::conditional: {
      if (!step_bool(s, n.children[0], dst)) return false;
      const std::uint32_t to_else = emit_step(step(StepOp::jump_if, 0, dst, 0, 0));
      if (!step_bool(s, n.children[1], dst)) return false;
      const std::uint32_t to_end = emit_step(step(StepOp::jump, 0));
      program_.steps[to_else].imm.arg = static_cast<std::uint32_t>(program_.steps.size());
      if (!step_bool(s, n.children[2], dst)) return false;
      program_.steps[to_end].imm.arg = static_cast<std::uint32_t>(program_.steps.size());
      return true;
    }
    case NodeKind::binary: {
      const auto op = static_cast<BinaryOp>(n.op);
      if (op == BinaryOp::logical_and || op == BinaryOp::logical_or) {
        // Every value here is decided, so Kleene logic is Boolean logic and stops as C++ does.
        if (!step_bool(s, n.children[0], dst)) return false;
        const std::uint32_t to_end = emit_step(step(StepOp::jump_if, 0, dst, 0, op == BinaryOp::logical_and ? 0 : 1));
        if (!step_bool(s, n.children[1], dst)) return false;
        program_.steps[to_end].imm.arg = static_cast<std::uint32_t>(program_.steps.size());
        return true;
      }
      // A test of one answer against a constant is the fused leaf of that test.
      if (const Pc leaf = op == BinaryOp::in ? fused_in(s, id) : fused_comparison(s, id); leaf != no_pc) {
        emit_step(with_arg(step(StepOp::leaf, dst), leaf));
        return true;
      }
      if (!step_value(s, n.children[0], dst)) return false;
      if (op != BinaryOp::in && s.type(n.children[0]).is_numeric()) {
        ValueStep st = step(StepOp::compare_number_k, dst, dst, 0, n.op);
        if (step_number_operand(s, n.children[1], st)) {
          typed_comparison(s.type(n.children[0]).kind, st);
          emit_step(st);
          return true;
        }
      }
      if (!step_value(s, n.children[1], dst + 1)) return false;
      StepOp compare = op == BinaryOp::in ? StepOp::contains : StepOp::compare;
      const TypeKind left = s.type(n.children[0]).kind, right = s.type(n.children[1]).kind;
      if (op == BinaryOp::in && s.type(n.children[0]).is_text() && s.type(n.children[1]).element == TypeKind::string)
        compare = StepOp::contains_text;
      else if (op != BinaryOp::in && left == right && left == TypeKind::integer)
        compare = StepOp::int_compare;  // the checker's types are the run-time kinds
      else if (op != BinaryOp::in && left == right && left == TypeKind::date)
        compare = StepOp::date_compare;
      emit_step(step(compare, dst, dst, dst + 1, n.op));
      return true;
    }
    case NodeKind::call:
    case NodeKind::member_call: {
      const Builtin builtin = signatures()[s.resolved(id).index].builtin;
      if (builtin == Builtin::answered) {
        emit_step(with_arg(step(StepOp::answered, dst), s.resolved(n.children[0]).index));
        return true;
      }
      if (builtin == Builtin::any_in) {
        if (s.is_question(n.children[0]) && is_constant_set(s, n.children[1])) {
          emit_step(with_arg(step(StepOp::leaf, dst), any_in_call(s, id)));  // list_any_in_set
          return true;
        }
        if (!step_value(s, n.children[0], dst)) return false;
        const NodeId set = n.children[1];
        const std::uint32_t set_index = constant_set(s, set);
        if (set_index != UINT32_MAX) {
          emit_step(with_arg(step(StepOp::any_in_set, dst, dst), set_index));
          return true;
        }
        if (!step_value(s, set, dst + 1)) return false;
        emit_step(step(StepOp::any_in_lists, dst, dst, dst + 1));
        return true;
      }
      if (builtin == Builtin::starts_with || builtin == Builtin::ends_with || builtin == Builtin::contains) {
        if (!step_value(s, n.children[0], dst)) return false;
        const Node& argument = s.node(n.children[1]);
        if (argument.kind == NodeKind::string_literal) {
          const StepOp test = builtin == Builtin::starts_with ? StepOp::starts_with_k
                              : builtin == Builtin::ends_with ? StepOp::ends_with_k
                                                              : StepOp::contains_k;
          emit_step(with_arg(step(test, dst, dst), add_constant(literal(argument))));
          return true;
        }
        if (!step_value(s, n.children[1], dst + 1)) return false;
        emit_step(step(StepOp::text_test, dst, dst, dst + 1, static_cast<std::uint8_t>(builtin)));
        return true;
      }
      return false;
    }
    case NodeKind::index:  // an element of a bool list: the steps that read it check it is a bool
      return step_index(s, id, dst);
    default:
      return false;
  }
}

// A number literal (possibly negated) folded into `st` (kind, imm); false for anything else.
bool ProgramBuilder::step_number_operand(const Scope& s, NodeId id, ValueStep& st) {
  if (auto v = s.number_value(id)) {
    st.kind = v->kind;
    if (v->kind == ValueKind::integer)
      st.imm.i = v->i;
    else
      st.imm.d = v->d;
    return true;
  }
  return false;
}

bool ProgramBuilder::step_value(const Scope& s, NodeId id, std::uint32_t dst) {
  if (dst >= value_registers) return false;
  const Node& n = s.node(id);
  const Type& type = s.type(id);
  if (type.kind == TypeKind::boolean && n.kind != NodeKind::bool_literal && n.kind != NodeKind::identifier &&
      n.kind != NodeKind::index)
    return step_bool(s, id, dst);
  if (auto v = s.number_value(id)) {
    ValueStep st = step(StepOp::immediate, dst);
    st.kind = v->kind;
    st.imm.i = v->i;  // the whole payload: an int's or a double's bits
    emit_step(st);
    return true;
  }
  switch (n.kind) {
    case NodeKind::bool_literal:
      return step_bool(s, id, dst);
    case NodeKind::string_literal:
      emit_step(with_arg(step(StepOp::constant, dst), add_constant(literal(n))));
      return true;
    case NodeKind::list_literal:
      emit_step(with_arg(step(StepOp::constant, dst), list_constant(s, id)));
      return true;
    case NodeKind::identifier: {
      const Resolution& r = s.resolved(id);
      if (r.kind == Resolution::Kind::value_set) {
        emit_step(with_arg(step(StepOp::constant, dst), value_set_lists_[r.index]));
        return true;
      }
      if (r.kind != Resolution::Kind::question) return false;
      emit_step(with_arg(step(load_step(catalogue_.questions()[r.index].type), dst), r.index));
      return true;
    }
    case NodeKind::unary: {
      if (static_cast<UnaryOp>(n.op) != UnaryOp::negate || !step_value(s, n.children[0], dst)) return false;
      const TypeKind operand = s.type(n.children[0]).kind;
      emit_step(step(operand == TypeKind::real      ? StepOp::real_negate
                     : operand == TypeKind::integer ? StepOp::int_negate
                                                    : StepOp::negate,
                     dst, dst));
      return true;
    }
    case NodeKind::binary: {
      if (!step_value(s, n.children[0], dst)) return false;
      ValueStep st = step(StepOp::arithmetic_k, dst, dst, 0, n.op);
      if (step_number_operand(s, n.children[1], st)) {
        const TypeKind operand = s.type(n.children[0]).kind;
        if (operand == TypeKind::real && n.op >= static_cast<std::uint8_t>(BinaryOp::add) &&
            n.op <= static_cast<std::uint8_t>(BinaryOp::divide)) {
          // A double operand makes the whole a double: the int constant is widened now, as
          // the generic arithmetic widens it at run time.
          if (st.kind == ValueKind::integer) st.imm.d = static_cast<double>(st.imm.i);
          st.op = typed_step(StepOp::real_add_k, BinaryOp::add, n.op);
        } else if (operand == TypeKind::integer && st.kind == ValueKind::integer &&
                   n.op >= static_cast<std::uint8_t>(BinaryOp::add)) {
          st.op = typed_step(StepOp::int_add_k, BinaryOp::add, n.op);  // +, -, *, / and %
        }
        emit_step(st);
        return true;
      }
      if (!step_value(s, n.children[1], dst + 1)) return false;
      emit_step(step(StepOp::arithmetic, dst, dst, dst + 1, n.op));
      return true;
    }
    case NodeKind::conditional: {
      // As the generic value_cond: an int branch of a double conditional is widened.
      if (!step_bool(s, n.children[0], dst)) return false;
      const std::uint32_t to_else = emit_step(step(StepOp::jump_if, 0, dst, 0, 0));
      std::uint32_t to_end = 0;
      for (int branch = 1; branch <= 2; ++branch) {
        const NodeId b = n.children[branch];
        if (!step_value(s, b, dst)) return false;
        if (type.kind == TypeKind::real && s.type(b).kind == TypeKind::integer)
          emit_step(step(StepOp::call, dst, dst, 0, static_cast<std::uint8_t>(Builtin::to_double)));
        if (branch == 1) {
          to_end = emit_step(step(StepOp::jump, 0));
          program_.steps[to_else].imm.arg = static_cast<std::uint32_t>(program_.steps.size());
        }
      }
      program_.steps[to_end].imm.arg = static_cast<std::uint32_t>(program_.steps.size());
      return true;
    }
    case NodeKind::call:
    case NodeKind::member_call:
      return step_call(s, id, dst);
    case NodeKind::index:
      return step_index(s, id, dst);
    default:
      return false;
  }
}

// `list[i]`; an int literal index is part of the step.
bool ProgramBuilder::step_index(const Scope& s, NodeId id, std::uint32_t dst) {
  const Node& n = s.node(id);
  if (!step_value(s, n.children[0], dst)) return false;
  const Node& at = s.node(n.children[1]);
  if (at.kind == NodeKind::int_literal) {
    ValueStep st = step(StepOp::index_k, dst, dst);
    st.imm.i = at.int_value;
    emit_step(st);
    return true;
  }
  if (!step_value(s, n.children[1], dst + 1)) return false;
  emit_step(step(StepOp::index, dst, dst, dst + 1));
  return true;
}

bool ProgramBuilder::step_call(const Scope& s, NodeId id, std::uint32_t dst) {
  const Node& n = s.node(id);
  const Builtin builtin = signatures()[s.resolved(id).index].builtin;
  if (builtin == Builtin::today) {
    emit_step(step(StepOp::today, dst));
    return true;
  }
  if (const auto date = s.date_literal(id)) {
    ValueStep st = step(StepOp::immediate, dst);  // a date literal
    st.kind = ValueKind::date;
    st.imm.i = *date;
    emit_step(st);
    return true;
  }
  if (n.children.empty() || n.children.size() > 2) return false;
  if (!step_value(s, n.children[0], dst)) return false;
  if (n.children.size() == 2 && !step_value(s, n.children[1], dst + 1)) return false;
  if (builtin == Builtin::size && s.type(n.children[0]).kind == TypeKind::list) {
    emit_step(step(StepOp::list_size, dst, dst));
    return true;
  }
  // The one-argument functions whose argument's type the checker fixed.
  const TypeKind argument = s.type(n.children[0]).kind;
  if (date_unit(builtin) != DateUnit::date) {
    emit_step(step(StepOp::date_measure, dst, dst, 0, static_cast<std::uint8_t>(date_unit(builtin))));
    return true;
  }
  if (builtin == Builtin::to_int && argument == TypeKind::real) {
    emit_step(step(StepOp::real_to_int, dst, dst));
    return true;
  }
  if (builtin == Builtin::to_double && argument == TypeKind::integer) {
    emit_step(step(StepOp::int_to_double, dst, dst));
    return true;
  }
  emit_step(step(StepOp::call, dst, dst, dst + 1, static_cast<std::uint8_t>(builtin)));
  return true;
}

}  // namespace contrascreen::expr
