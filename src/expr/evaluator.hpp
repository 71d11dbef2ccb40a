// Evaluates compiled expressions over an intake's answer slots with three-valued
// (Kleene) logic: an unanswered question is unknown, unknown propagates through
// comparisons and functions, `false && unknown` is false and `true || unknown` is true.
// A runtime error (a date out of range, a division by zero) is undecided too, never false.
#pragma once

#include <cstdint>
#include <string>

#include "contrascreen/date.hpp"
#include "contrascreen/intake.hpp"
#include "expr/program.hpp"

namespace contrascreen {
class Catalogue;
}

namespace contrascreen::expr {

/// The result of a bool expression: false, true or undecided. When undecided, `missing`
/// holds the rule-local bits of the questions whose absence mattered (and failed_bit
/// when an evaluation error did). Sixteen bytes: returned in registers.
struct Tri {
  enum State : std::uint8_t { no = 0, yes = 1, undecided = 2 };
  State state = no;
  std::uint64_t missing = 0;
};

/// The first runtime error met, recorded only when the caller asks for it (the
/// explaining path); the fast path pays nothing for it.
struct EvalError {
  bool set = false;
  std::uint32_t node = 0;
  std::string message;
};

struct EvalContext {
  const detail::AnswerSlot* slots = nullptr;
  const Intake* intake = nullptr;
  const Program* program = nullptr;
  const Catalogue* catalogue = nullptr;
  std::int32_t today = 0;      // screening date, days since epoch
  EvalError* error = nullptr;  // optional
};

Tri eval_bool(Pc pc, const EvalContext& ctx);
Value eval_value(Pc pc, const EvalContext& ctx);

/// Runs the value code of one test (program.hpp: ValueStep; value_machine.cpp) from step
/// `first`. True with the test's value in `result` when every question it loaded was
/// answered and nothing failed; false otherwise, and then the test's generic instructions
/// must decide (they report what was missing or failed). Allocates nothing.
bool run_value_code(std::uint32_t first, const EvalContext& ctx, bool& result);

/// `a op b` for a comparison operator (false for any other): the one definition of the six
/// comparisons, for numbers, integers, dates, enum indices and text alike.
template <typename X>
bool apply_order(BinaryOp op, const X& a, const X& b) {
  switch (op) {
    case BinaryOp::equal:
      return a == b;
    case BinaryOp::not_equal:
      return a != b;
    case BinaryOp::less:
      return a < b;
    case BinaryOp::less_equal:
      return a <= b;
    case BinaryOp::greater:
      return a > b;
    case BinaryOp::greater_equal:
      return a >= b;
    default:
      return false;
  }
}

inline bool compare_numbers(BinaryOp op, double a, double b) {
  return apply_order(op, a, b);
}

/// a / b rounded down (towards negative infinity), as the date measures count whole weeks
/// and years.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// What a date_compare compares of date `days`: the date itself, or the whole days, weeks,
/// calendar months or years from it to the screening date (as days_since() and the other
/// functions compute them).
inline std::int64_t date_measure(DateUnit unit, std::int32_t days, const EvalContext& ctx) {
  switch (unit) {
    case DateUnit::date:
      return days;
    case DateUnit::days_since:
      return std::int64_t{ctx.today} - days;
    case DateUnit::weeks_since:
      return floor_div(std::int64_t{ctx.today} - days, 7);
    case DateUnit::months_since:
      return Date::months_between(Date::from_days(days), Date::from_days(ctx.today));
    case DateUnit::years_since:
      return floor_div(Date::months_between(Date::from_days(days), Date::from_days(ctx.today)), 12);
  }
  return 0;
}

/// any_in of list question slot `slot` (answered) against value set `set`.
bool list_any_in_set(const detail::AnswerSlot& slot, std::uint32_t set, const EvalContext& ctx);
/// The other leaves on a list question (list_contains, list_item_text, list_size), whose
/// slot is answered (and for list_item_text, holds the item).
bool list_leaf(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx);
/// number_table: the outcome of the answer's whole number in the table (or, for an answer
/// outside it, which the question's min and max exclude, the test's generic instructions).
Tri number_table_leaf(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx);
/// list_item_text on a list without its item: the failure of its index, recorded in
/// ctx.error at the index's node, as the generic index records it.
Tri list_item_failure(const Instr& in, const detail::AnswerSlot& slot, const EvalContext& ctx);

/// Decides a leaf (is_leaf(in.op)) inline: one slot read, one test. Every rule of a
/// typical policy is a leaf or a chain of them, so this is the engine's inner loop.
inline Tri eval_leaf(const Instr& in, const EvalContext& ctx) {
  const detail::AnswerSlot& slot = ctx.slots[in.slot];
  if (!slot.answered) [[unlikely]] {
    const auto state = static_cast<Tri::State>(in.if_unanswered);
    return {state, state == Tri::undecided ? std::uint64_t{1} << in.bit : 0};
  }
  bool result = false;
  switch (in.op) {
    case Op::bool_load:
      result = slot.value.boolean != (in.sub != 0);
      break;
    case Op::enum_equal:
      result = (slot.value.enum_index == static_cast<std::uint32_t>(in.imm.i)) != (in.sub != 0);
      break;
    case Op::enum_in:
      result = slot.value.enum_index < 64 && ((in.imm.mask >> slot.value.enum_index) & 1U) != 0;
      break;
    case Op::number_compare:
      result = compare_numbers(static_cast<BinaryOp>(in.sub), slot.value.number, in.imm.d);
      break;
    case Op::date_compare:
      result = compare_numbers(
          static_cast<BinaryOp>(in.sub),
          static_cast<double>(date_measure(static_cast<DateUnit>(in.a), slot.value.date_days, ctx)), in.imm.d);
      break;
    case Op::answered:
      result = in.sub == 0;
      break;
    case Op::number_table:
      return number_table_leaf(in, slot, ctx);  // out of line: this switch stays small
    case Op::list_any_in_set:
      result = list_any_in_set(slot, in.b, ctx);
      break;
    case Op::list_item_text:
      if (in.a >= slot.value.list.size) [[unlikely]]
        return list_item_failure(in, slot, ctx);
      [[fallthrough]];
    case Op::list_contains:
    case Op::list_size:
      result = list_leaf(in, slot, ctx);  // out of line: this switch stays small
      break;
    default:
      break;  // not a leaf: never called so
  }
  return {result ? Tri::yes : Tri::no, 0};
}

/// Kleene and (`decisive` no) or or (`decisive` yes) over `n` operands, `operand(k)` giving
/// the k-th: left to right, stopping at the first decisive one; otherwise undecided with the
/// missing questions of the undecided operands, or the other value. Kleene logic is
/// associative, so one chain decides a nested `&&` (`||`) exactly as its binary form.
/// Always inlined: called through a function object, GCC otherwise stops inlining the
/// operand's evaluation into eval_bool, which cost the synthetic bench policy 5%.
template <typename Operand>
[[gnu::always_inline]] inline Tri kleene_chain(Tri::State decisive, std::uint32_t n, Operand&& operand) {
  std::uint64_t missing = 0;
  bool undecided = false;
  for (std::uint32_t k = 0; k < n; ++k) {
    const Tri t = operand(k);
    if (t.state == decisive) return t;
    if (t.state == Tri::undecided) {
      undecided = true;
      missing |= t.missing;
    }
  }
  if (undecided) return {Tri::undecided, missing};
  return {decisive == Tri::no ? Tri::yes : Tri::no, 0};
}

/// An and/or chain of leaves only (Instr::c names their copies in Program::leaf_runs),
/// decided in one loop over them.
inline Tri eval_leaf_chain(const Instr& in, const EvalContext& ctx) {
  const Instr* leaf = ctx.program->leaf_runs.data() + in.c;
  return kleene_chain(in.op == Op::bool_and ? Tri::no : Tri::yes, in.b,
                      [&](std::uint32_t k) { return eval_leaf(leaf[k], ctx); });
}

/// Whether `in` is an and/or chain with its leaves laid out for eval_leaf_chain.
inline bool is_leaf_chain(const Instr& in) {
  return (in.op == Op::bool_and || in.op == Op::bool_or) && in.c != no_pc;
}

/// eval_bool with leaves, and chains of leaves, decided inline at the call site: most
/// policy rules and most operands of && and || are one, and a call each would then be the
/// dominant cost.
inline Tri eval_rule_condition(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  if (is_leaf(in.op)) return eval_leaf(in, ctx);
  if (is_leaf_chain(in)) return eval_leaf_chain(in, ctx);
  return eval_bool(pc, ctx);
}

/// A condition as jumping code (Op::leaf_graph; program.hpp: LeafJump).
Tri eval_leaf_graph(const Instr& in, const EvalContext& ctx);

/// An and/or chain whose operands are not all leaves: leaves and chains of leaves among
/// them are decided inline (eval_rule_condition), the rest by eval_bool.
Tri eval_chain(const Instr& in, const EvalContext& ctx);

/// A rule's whole condition, whose root instruction `in` is program->code[pc] or a copy
/// of it: eval_rule_condition, with the root's other fused forms (a chain, jumping code,
/// value code) also started here rather than through eval_bool's switch.
inline Tri eval_rule(const Instr& in, Pc pc, const EvalContext& ctx) {
  if (is_leaf(in.op)) return eval_leaf(in, ctx);
  if (is_leaf_chain(in)) return eval_leaf_chain(in, ctx);
  if (in.op == Op::bool_and || in.op == Op::bool_or) return eval_chain(in, ctx);
  if (in.op == Op::leaf_graph) return eval_leaf_graph(in, ctx);
  if (in.op == Op::value_test) {
    bool result = false;
    if (run_value_code(in.a, ctx, result)) return {result ? Tri::yes : Tri::no, 0};
    pc = in.b;  // what the value code does not decide, the generic instructions do
  }
  return eval_bool(pc, ctx);
}

/// Renders a value for people ("true", "17", "2026-11-21", "[\"a\", \"b\"]", "unknown").
std::string to_display(const Value& value, const EvalContext& ctx);

}  // namespace contrascreen::expr
