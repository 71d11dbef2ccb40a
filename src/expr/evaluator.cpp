#include "expr/evaluator.hpp"

#include <charconv>

#include "expr/value_ops.hpp"

namespace contrascreen::expr {
namespace {

Tri tri(bool b) {
  return {b ? Tri::yes : Tri::no, 0};
}
Tri unknown(std::uint64_t missing) {
  return {Tri::undecided, missing};
}
std::uint64_t bit(const Instr& in) {
  return std::uint64_t{1} << in.bit;
}

Value fail_at(const EvalContext& ctx, std::uint32_t node, const char* message) {
  if (ctx.error != nullptr && !ctx.error->set) *ctx.error = EvalError{true, node, message};
  return Value::undecided(failed_bit);
}
Value fail(const EvalContext& ctx, const Instr& in, const char* message) {
  return fail_at(ctx, in.node, message);
}

Value load_answer(const Instr& in, const EvalContext& ctx) {
  const auto& slot = ctx.slots[in.slot];
  if (!slot.answered) return Value::undecided(bit(in));
  return ops::load_answer(slot, in.slot, static_cast<QuestionType>(in.sub));
}

// eval_value with the operands most value trees end in (a constant, an answer) read inline:
// they are half the instructions of a generic expression, and a call each would dominate.
inline Value operand(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  if (in.op == Op::value_const) return ctx.program->constants[in.a];
  if (in.op == Op::value_load) return load_answer(in, ctx);
  return eval_value(pc, ctx);
}

// The result of an operation of value_ops.hpp: its value, or its failure recorded.
Value result(const char* failure, const Value& value, const EvalContext& ctx, const Instr& in) {
  return failure == nullptr ? value : fail(ctx, in, failure);
}

Value call(const Instr& in, const EvalContext& ctx) {
  const auto builtin = static_cast<Builtin>(in.sub);
  if (builtin == Builtin::today) return ops::make_date_days(ctx.today);
  const Value a = operand(in.a, ctx);
  const Value b = in.b == no_pc ? Value{} : operand(in.b, ctx);
  const std::uint64_t missing = a.missing_bits() | (in.b == no_pc ? 0 : b.missing_bits());
  if (a.kind == ValueKind::undecided || (in.b != no_pc && b.kind == ValueKind::undecided))
    return Value::undecided(missing);
  Value out;
  return result(ops::call(builtin, a, b, ctx, out), out, ctx, in);
}

// `q[a].startsWith("text")` (endsWith, contains), the item there. Apart from list_leaf,
// whose other cases then save no more registers than they use.
[[gnu::noinline]] bool item_text_test(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx) {
  const Value item = ops::list_item(ops::load_answer(slot, in.slot, QuestionType::list), in.a, ctx);
  return ops::text_test(static_cast<Builtin>(in.imm.i), item, ctx.program->constants[in.b], ctx) != (in.sub != 0);
}

}  // namespace

bool list_any_in_set(const detail::AnswerSlot& slot, std::uint32_t set, const EvalContext& ctx) {
  for (std::uint32_t k = 0; k < slot.value.list.size; ++k)
    if (ops::in_value_set(ctx.intake->list_item(slot.value.list.first + k), set, ctx)) return true;
  return false;
}

bool list_leaf(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx) {
  switch (in.op) {
    case Op::list_contains: {  // `"text" in q`: == on texts compares their bytes
      const Value& text = ctx.program->constants[in.b];
      const std::string_view needle(text.str, text.len);
      for (std::uint32_t k = 0; k < slot.value.list.size; ++k) {
        const std::string_view item = ctx.intake->list_item(slot.value.list.first + k);
        // The first bytes first: most items differ there, and then no call compares the rest.
        if (item.size() == needle.size() && (item.empty() || (item.front() == needle.front() && item == needle)))
          return in.sub == 0;
      }
      return in.sub != 0;
    }
    case Op::list_item_text:
      return item_text_test(in, slot, ctx);
    case Op::list_size:  // the size compared as a double gives the same order: it is far below 2^53
      return compare_numbers(static_cast<BinaryOp>(in.sub), static_cast<double>(slot.value.list.size), in.imm.d);
    default:
      return false;  // not a leaf: never called so
  }
}

Tri number_table_leaf(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx) {
  const double x = slot.value.number;
  const auto first = static_cast<double>(in.imm.i);
  // Near the table, int() of it cannot fail; the cast truncates as int() does.
  if (x > first - 1 && x < first + in.b) {
    const auto k = static_cast<std::uint64_t>(static_cast<std::int64_t>(x) - in.imm.i);
    if (k < in.b) return tri(((ctx.program->tables[in.a + k / 64] >> (k % 64)) & 1U) != 0);
  }
  return eval_bool(in.c, ctx);
}

Tri list_item_failure(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx) {
  Value item;  // not set: the index is out of range, which is what eval_leaf calls this for
  const char* failure = ops::index(ops::load_answer(slot, in.slot, QuestionType::list), ops::make_int(in.a), ctx, item);
  return unknown(fail_at(ctx, in.c, failure).missing);
}

Tri eval_leaf_graph(const Instr& in, const EvalContext& ctx) {
  const LeafJump* const graph = ctx.program->leaf_graph.data();
  std::uint32_t next = in.a;
  do {
    const LeafJump& node = graph[next];
    const Tri t = eval_leaf(node.leaf, ctx);
    if (t.state == Tri::undecided) return eval_bool(in.c, ctx);  // Kleene logic decides, and says what is missing
    next = t.state == Tri::yes ? node.if_true : node.if_false;
  } while (next < graph_generic);
  if (next == graph_generic) [[unlikely]]
    return eval_bool(in.c, ctx);
  return tri(next == graph_yes);
}

Tri eval_chain(const Instr& in, const EvalContext& ctx) {
  const Pc* operand = ctx.program->operands.data() + in.a;
  return kleene_chain(in.op == Op::bool_and ? Tri::no : Tri::yes, in.b,
                      [&](std::uint32_t k) { return eval_rule_condition(operand[k], ctx); });
}

Tri eval_bool(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  if (is_leaf(in.op)) return eval_leaf(in, ctx);
  switch (in.op) {
    case Op::bool_const:
      return tri(in.imm.i != 0);
    case Op::bool_not: {
      Tri t = eval_rule_condition(in.a, ctx);
      if (t.state != Tri::undecided) t.state = t.state == Tri::yes ? Tri::no : Tri::yes;
      return t;
    }
    case Op::bool_and:
    case Op::bool_or:
      return in.c != no_pc ? eval_leaf_chain(in, ctx) : eval_chain(in, ctx);
    case Op::bool_cond: {
      const Tri c = eval_rule_condition(in.a, ctx);
      if (c.state == Tri::yes) return eval_rule_condition(in.b, ctx);
      if (c.state == Tri::no) return eval_rule_condition(in.c, ctx);
      const Tri t = eval_rule_condition(in.b, ctx);
      const Tri e = eval_rule_condition(in.c, ctx);
      // Either branch gives the same answer: the unknown condition does not matter.
      if (t.state != Tri::undecided && t.state == e.state) return t;
      return unknown(c.missing | t.missing | e.missing);
    }
    case Op::any_in: {
      const Value list = operand(in.a, ctx);
      if (list.kind == ValueKind::undecided) return unknown(list.missing);
      return tri(ops::any_in_set(list, in.b, ctx));
    }
    case Op::any_in_dynamic: {
      const Value list = operand(in.a, ctx);
      const Value set = operand(in.b, ctx);
      if (list.kind == ValueKind::undecided || set.kind == ValueKind::undecided)
        return unknown(list.missing_bits() | set.missing_bits());
      return tri(ops::any_in_lists(list, set, ctx));
    }
    case Op::compare: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      return tri(ops::compare_values(static_cast<BinaryOp>(in.sub), a, b, ctx));
    }
    case Op::contains_value: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      return tri(ops::contains_value(a, b, ctx));
    }
    case Op::text_test: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      return tri(ops::text_test(static_cast<Builtin>(in.sub), a, b, ctx));
    }
    case Op::value_test: {
      bool result = false;
      if (run_value_code(in.a, ctx, result)) return tri(result);
      return eval_bool(in.b, ctx);
    }
    case Op::leaf_graph:
      return eval_leaf_graph(in, ctx);
    case Op::bool_from_value: {
      const Value v = operand(in.a, ctx);
      if (v.kind == ValueKind::undecided) return unknown(v.missing);
      if (v.kind != ValueKind::boolean) return unknown(fail(ctx, in, "expected a bool").missing);
      return tri(v.b);
    }
    default: {
      const Value v = eval_value(pc, ctx);
      if (v.kind == ValueKind::boolean) return tri(v.b);
      return unknown(v.kind == ValueKind::undecided ? v.missing : failed_bit);
    }
  }
}

Value eval_value(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  switch (in.op) {
    case Op::value_const:
      return ctx.program->constants[in.a];
    case Op::value_load:
      return load_answer(in, ctx);
    case Op::date_shift: {
      const auto& slot = ctx.slots[in.slot];
      if (!slot.answered) return Value::undecided(bit(in));
      Value out;
      return result(ops::call(static_cast<Builtin>(in.sub), ops::make_date_days(slot.value.date_days),
                              ops::make_int(in.imm.i), ctx, out),
                    out, ctx, in);
    }
    case Op::value_from_bool: {
      const Tri t = eval_bool(in.a, ctx);
      return t.state == Tri::undecided ? Value::undecided(t.missing) : ops::make_bool(t.state == Tri::yes);
    }
    case Op::negate: {
      Value out;
      return result(ops::negate(operand(in.a, ctx), out), out, ctx, in);
    }
    case Op::arithmetic: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return Value::undecided(a.missing_bits() | b.missing_bits());
      Value out;
      return result(ops::arithmetic(static_cast<BinaryOp>(in.sub), a, b, out), out, ctx, in);
    }
    case Op::value_cond: {
      const Tri c = eval_bool(in.a, ctx);
      if (c.state == Tri::yes) return operand(in.b, ctx);
      if (c.state == Tri::no) return operand(in.c, ctx);
      const Value t = operand(in.b, ctx);
      const Value e = operand(in.c, ctx);
      if (t.kind != ValueKind::undecided && t.kind == e.kind && ops::compare_values(BinaryOp::equal, t, e, ctx))
        return t;
      return Value::undecided(c.missing | t.missing_bits() | e.missing_bits());
    }
    case Op::call:
      return call(in, ctx);
    case Op::index: {
      const Value list = operand(in.a, ctx);
      const Value index = operand(in.b, ctx);
      if (list.kind == ValueKind::undecided || index.kind == ValueKind::undecided)
        return Value::undecided(list.missing_bits() | index.missing_bits());
      Value out;
      return result(ops::index(list, index, ctx, out), out, ctx, in);
    }
    default: {
      const Tri t = eval_bool(pc, ctx);
      return t.state == Tri::undecided ? Value::undecided(t.missing) : ops::make_bool(t.state == Tri::yes);
    }
  }
}

std::string to_display(const Value& v, const EvalContext& ctx) {
  switch (v.kind) {
    case ValueKind::undecided:
      return (v.missing & failed_bit) != 0 ? "error" : "unknown";
    case ValueKind::boolean:
      return v.b ? "true" : "false";
    case ValueKind::integer:
      return std::to_string(v.i);
    case ValueKind::real: {
      // The shortest text that reads back as the same double, always with a '.' or
      // exponent so that it is not mistaken for an int.
      char buffer[32];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, v.d).ptr;
      std::string s(buffer, end);
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return s;
    }
    case ValueKind::string:
    case ValueKind::enumeration: {
      std::string s = "\"";
      for (char c : ops::text_of(v, ctx)) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
      }
      return s + "\"";
    }
    case ValueKind::date:
      return Date::from_days(v.date).to_iso();
    case ValueKind::answer_list:
    case ValueKind::const_list: {
      std::string out = "[";
      for (std::uint32_t k = 0; k < v.len; ++k) {
        if (k != 0) out += ", ";
        out += to_display(ops::list_item(v, k, ctx), ctx);
      }
      return out + "]";
    }
  }
  return "?";
}

}  // namespace contrascreen::expr
