// Runs the flat value code of one test (program.hpp: ValueStep): threaded code (each step
// jumps straight to the next step's handler, GCC's and Clang's labels as values), no
// recursion, registers on the stack, nothing allocated. Each step computes what the
// generic instruction of the same node computes, with the same functions (value_ops.hpp);
// whatever the generic instructions would have to report (a missing answer, a failure)
// ends the run without a result, and they decide instead.
#include <iterator>

#include "expr/evaluator.hpp"
#include "expr/value_ops.hpp"

namespace contrascreen::expr {
namespace {

// Registers left uninitialised: a step writes its dst before any step reads it. One more
// than value_registers, since a one-argument call names dst + 1 without reading it.
union Register {
  Value v;
  Register() {}
};

Value immediate(const ValueStep& st) {
  Value v;
  v.kind = st.kind;
  v.i = st.imm.i;
  return v;
}

}  // namespace

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"  // labels as values

bool run_value_code(std::uint32_t pc, const EvalContext& ctx, bool& result) {
  // In the order of StepOp.
  static const void* const handlers[] = {
      &&load_bool, &&load_number, &&load_enum, &&load_date, &&load_list,
      &&answered, &&leaf, &&constant, &&immediate_value, &&arithmetic, &&arithmetic_k, &&negate, &&call, &&today,
      &&index, &&index_k, &&compare, &&compare_number_k, &&int_compare, &&date_compare,
      &&real_add_k, &&real_subtract_k, &&real_multiply_k, &&real_divide_k,
      &&real_equal_k, &&real_not_equal_k, &&real_less_k, &&real_less_equal_k, &&real_greater_k, &&real_greater_equal_k,
      &&int_add_k, &&int_subtract_k, &&int_multiply_k, &&int_divide_k, &&int_modulo_k,
      &&int_equal_k, &&int_not_equal_k, &&int_less_k, &&int_less_equal_k, &&int_greater_k, &&int_greater_equal_k,
      &&real_equal_k_done, &&real_not_equal_k_done, &&real_less_k_done, &&real_less_equal_k_done,
      &&real_greater_k_done, &&real_greater_equal_k_done,
      &&int_equal_k_done, &&int_not_equal_k_done, &&int_less_k_done, &&int_less_equal_k_done,
      &&int_greater_k_done, &&int_greater_equal_k_done,
      &&real_negate, &&int_negate, &&real_to_int, &&int_to_double, &&date_measure,
      &&text_test, &&starts_with_k, &&ends_with_k, &&contains_k,
      &&contains, &&contains_text, &&list_size, &&any_in_set, &&any_in_lists, &&logical_not,
      &&jump, &&jump_if, &&done_if, &&answered_done_if, &&leaf_done_if, &&load_date_measure, &&done};
  static_assert(std::size(handlers) == static_cast<std::size_t>(StepOp::done) + 1);
  Register r[value_registers + 1];
  const ValueStep* const code = ctx.program->steps.data();
  const ValueStep* st = code + pc;
  // Operands are addressed in each handler, so that a step computes only the addresses it uses.
#define CONTRASCREEN_DISPATCH() goto* handlers[static_cast<std::uint8_t>(st->op)]
#define CONTRASCREEN_NEXT_STEP() \
  do {                           \
    ++st;                        \
    CONTRASCREEN_DISPATCH();     \
  } while (false)
#define OUT r[st->dst].v
#define A r[st->a].v
#define B r[st->b].v

  CONTRASCREEN_DISPATCH();
// One load per question type: the type is the step's, not a run-time switch.
#define CONTRASCREEN_LOAD(label, question_type)                                            \
  label : {                                                                              \
    const detail::AnswerSlot& slot = ctx.slots[st->imm.arg];                             \
    if (!slot.answered) return false;                                                    \
    OUT = ops::load_answer(slot, st->imm.arg, QuestionType::question_type);              \
    CONTRASCREEN_NEXT_STEP();                                                            \
  }
  CONTRASCREEN_LOAD(load_bool, boolean)
  CONTRASCREEN_LOAD(load_number, number)
  CONTRASCREEN_LOAD(load_enum, enumeration)
  CONTRASCREEN_LOAD(load_date, date)
  CONTRASCREEN_LOAD(load_list, list)
#undef CONTRASCREEN_LOAD
answered:
  OUT = ops::make_bool(ctx.slots[st->imm.arg].answered);
  CONTRASCREEN_NEXT_STEP();
leaf : {
  const Tri t = eval_leaf(ctx.program->code[st->imm.arg], ctx);
  if (t.state == Tri::undecided) return false;
  OUT = ops::make_bool(t.state == Tri::yes);
  CONTRASCREEN_NEXT_STEP();
}
constant:
  OUT = ctx.program->constants[st->imm.arg];
  CONTRASCREEN_NEXT_STEP();
immediate_value:
  OUT = immediate(*st);
  CONTRASCREEN_NEXT_STEP();
arithmetic:
  if (ops::arithmetic(static_cast<BinaryOp>(st->sub), A, B, OUT) != nullptr) return false;
  CONTRASCREEN_NEXT_STEP();
arithmetic_k:
  if (ops::arithmetic(static_cast<BinaryOp>(st->sub), A, immediate(*st), OUT) != nullptr) return false;
  CONTRASCREEN_NEXT_STEP();
// One handler per operator: the operator is a constant in each, so the switch of
// real_arithmetic and apply_order folds away (the one definition of each operation stays
// in value_ops.hpp and evaluator.hpp).
#define CONTRASCREEN_REAL_ARITHMETIC(label, binary_op)                                      \
  label : {                                                                                 \
    double x = 0;                                                                           \
    if (ops::real_arithmetic(BinaryOp::binary_op, A.d, st->imm.d, x) != nullptr) return false; \
    OUT = ops::make_real(x);                                                                \
    CONTRASCREEN_NEXT_STEP();                                                               \
  }
  CONTRASCREEN_REAL_ARITHMETIC(real_add_k, add)
  CONTRASCREEN_REAL_ARITHMETIC(real_subtract_k, subtract)
  CONTRASCREEN_REAL_ARITHMETIC(real_multiply_k, multiply)
  CONTRASCREEN_REAL_ARITHMETIC(real_divide_k, divide)
#undef CONTRASCREEN_REAL_ARITHMETIC
#define CONTRASCREEN_INT_ARITHMETIC(label, binary_op)                                          \
  label : {                                                                                  \
    std::int64_t x = 0;                                                                      \
    if (ops::int_arithmetic(BinaryOp::binary_op, A.i, st->imm.i, x) != nullptr) return false; \
    OUT = ops::make_int(x);                                                                  \
    CONTRASCREEN_NEXT_STEP();                                                                \
  }
  CONTRASCREEN_INT_ARITHMETIC(int_add_k, add)
  CONTRASCREEN_INT_ARITHMETIC(int_subtract_k, subtract)
  CONTRASCREEN_INT_ARITHMETIC(int_multiply_k, multiply)
  CONTRASCREEN_INT_ARITHMETIC(int_divide_k, divide)
  CONTRASCREEN_INT_ARITHMETIC(int_modulo_k, modulo)
#undef CONTRASCREEN_INT_ARITHMETIC
#define CONTRASCREEN_COMPARE(label, binary_op, member)                                       \
  label:                                                                                     \
  OUT = ops::make_bool(ops::apply_order(BinaryOp::binary_op, A.member, st->imm.member));      \
  CONTRASCREEN_NEXT_STEP();
  CONTRASCREEN_COMPARE(real_equal_k, equal, d)
  CONTRASCREEN_COMPARE(real_not_equal_k, not_equal, d)
  CONTRASCREEN_COMPARE(real_less_k, less, d)
  CONTRASCREEN_COMPARE(real_less_equal_k, less_equal, d)
  CONTRASCREEN_COMPARE(real_greater_k, greater, d)
  CONTRASCREEN_COMPARE(real_greater_equal_k, greater_equal, d)
  CONTRASCREEN_COMPARE(int_equal_k, equal, i)
  CONTRASCREEN_COMPARE(int_not_equal_k, not_equal, i)
  CONTRASCREEN_COMPARE(int_less_k, less, i)
  CONTRASCREEN_COMPARE(int_less_equal_k, less_equal, i)
  CONTRASCREEN_COMPARE(int_greater_k, greater, i)
  CONTRASCREEN_COMPARE(int_greater_equal_k, greater_equal, i)
#undef CONTRASCREEN_COMPARE
#define CONTRASCREEN_COMPARE_DONE(label, binary_op, member)                     \
  label:                                                                        \
  result = ops::apply_order(BinaryOp::binary_op, A.member, st->imm.member);     \
  return true;
  CONTRASCREEN_COMPARE_DONE(real_equal_k_done, equal, d)
  CONTRASCREEN_COMPARE_DONE(real_not_equal_k_done, not_equal, d)
  CONTRASCREEN_COMPARE_DONE(real_less_k_done, less, d)
  CONTRASCREEN_COMPARE_DONE(real_less_equal_k_done, less_equal, d)
  CONTRASCREEN_COMPARE_DONE(real_greater_k_done, greater, d)
  CONTRASCREEN_COMPARE_DONE(real_greater_equal_k_done, greater_equal, d)
  CONTRASCREEN_COMPARE_DONE(int_equal_k_done, equal, i)
  CONTRASCREEN_COMPARE_DONE(int_not_equal_k_done, not_equal, i)
  CONTRASCREEN_COMPARE_DONE(int_less_k_done, less, i)
  CONTRASCREEN_COMPARE_DONE(int_less_equal_k_done, less_equal, i)
  CONTRASCREEN_COMPARE_DONE(int_greater_k_done, greater, i)
  CONTRASCREEN_COMPARE_DONE(int_greater_equal_k_done, greater_equal, i)
#undef CONTRASCREEN_COMPARE_DONE
negate:
  if (ops::negate(A, OUT) != nullptr) return false;
  CONTRASCREEN_NEXT_STEP();
real_negate:
  OUT = ops::make_real(-A.d);
  CONTRASCREEN_NEXT_STEP();
int_negate : {
  std::int64_t x = 0;
  if (ops::int_negate(A.i, x) != nullptr) return false;
  OUT = ops::make_int(x);
  CONTRASCREEN_NEXT_STEP();
}
real_to_int : {
  std::int64_t x = 0;
  if (ops::to_int(A.d, x) != nullptr) return false;
  OUT = ops::make_int(x);
  CONTRASCREEN_NEXT_STEP();
}
int_to_double:
  OUT = ops::make_real(static_cast<double>(A.i));
  CONTRASCREEN_NEXT_STEP();
date_measure:
  OUT = ops::make_int(expr::date_measure(static_cast<DateUnit>(st->sub), A.date, ctx));
  CONTRASCREEN_NEXT_STEP();
call:
  if (ops::call(static_cast<Builtin>(st->sub), A, B, ctx, OUT) != nullptr) return false;
  CONTRASCREEN_NEXT_STEP();
today:
  OUT = ops::make_date_days(ctx.today);
  CONTRASCREEN_NEXT_STEP();
index:
  // An element that is no value (a null in a list literal) is the generic instructions' to judge.
  if (ops::index(A, B, ctx, OUT) != nullptr || OUT.kind == ValueKind::undecided) return false;
  CONTRASCREEN_NEXT_STEP();
index_k:
  if (ops::index(A, ops::make_int(st->imm.i), ctx, OUT) != nullptr || OUT.kind == ValueKind::undecided) return false;
  CONTRASCREEN_NEXT_STEP();
compare:
  OUT = ops::make_bool(ops::compare_values(static_cast<BinaryOp>(st->sub), A, B, ctx));
  CONTRASCREEN_NEXT_STEP();
int_compare:
  OUT = ops::make_bool(ops::apply_order(static_cast<BinaryOp>(st->sub), A.i, B.i));
  CONTRASCREEN_NEXT_STEP();
date_compare:
  OUT = ops::make_bool(ops::apply_order(static_cast<BinaryOp>(st->sub), A.date, B.date));
  CONTRASCREEN_NEXT_STEP();
compare_number_k:
  if (!ops::is_number(A)) return false;
  OUT = ops::make_bool(ops::compare_number_values(static_cast<BinaryOp>(st->sub), A, immediate(*st)));
  CONTRASCREEN_NEXT_STEP();
text_test:
  OUT = ops::make_bool(ops::text_test(static_cast<Builtin>(st->sub), A, B, ctx));
  CONTRASCREEN_NEXT_STEP();
// One handler per text test with a literal argument: the function is a constant in each.
#define CONTRASCREEN_TEXT_TEST_K(label, builtin)                                                            \
  label:                                                                                                   \
  OUT = ops::make_bool(ops::text_test(Builtin::builtin, A, ctx.program->constants[st->imm.arg], ctx));     \
  CONTRASCREEN_NEXT_STEP();
  CONTRASCREEN_TEXT_TEST_K(starts_with_k, starts_with)
  CONTRASCREEN_TEXT_TEST_K(ends_with_k, ends_with)
  CONTRASCREEN_TEXT_TEST_K(contains_k, contains)
#undef CONTRASCREEN_TEXT_TEST_K
contains:
  OUT = ops::make_bool(ops::contains_value(A, B, ctx));
  CONTRASCREEN_NEXT_STEP();
contains_text:
  OUT = ops::make_bool(ops::contains_text(A, B, ctx));
  CONTRASCREEN_NEXT_STEP();
list_size:
  OUT = ops::make_int(A.len);
  CONTRASCREEN_NEXT_STEP();
any_in_set:
  OUT = ops::make_bool(ops::any_in_set(A, st->imm.arg, ctx));
  CONTRASCREEN_NEXT_STEP();
any_in_lists:
  OUT = ops::make_bool(ops::any_in_lists(A, B, ctx));
  CONTRASCREEN_NEXT_STEP();
// A bool register holds a bool here: every step that writes one to a bool node's register
// writes a bool (index gives up on anything else).
logical_not:
  OUT = ops::make_bool(!A.b);
  CONTRASCREEN_NEXT_STEP();
jump:
  st = code + st->imm.arg;
  CONTRASCREEN_DISPATCH();
jump_if:
  st = A.b == (st->sub != 0) ? code + st->imm.arg : st + 1;
  CONTRASCREEN_DISPATCH();
done_if:
  if (A.b != (st->sub != 0)) CONTRASCREEN_NEXT_STEP();
  result = A.b;
  return true;
answered_done_if:
  OUT = ops::make_bool(ctx.slots[st->imm.arg].answered);
  if (OUT.b == (st->sub != 0)) {
    result = OUT.b;
    return true;
  }
  st += 2;
  CONTRASCREEN_DISPATCH();
leaf_done_if : {
  const Tri t = eval_leaf(ctx.program->code[st->imm.arg], ctx);
  if (t.state == Tri::undecided) return false;
  OUT = ops::make_bool(t.state == Tri::yes);
  if (OUT.b == (st->sub != 0)) {
    result = OUT.b;
    return true;
  }
  st += 2;
  CONTRASCREEN_DISPATCH();
}
load_date_measure : {
  const detail::AnswerSlot& slot = ctx.slots[st->imm.arg];
  if (!slot.answered) return false;
  OUT = ops::make_int(expr::date_measure(static_cast<DateUnit>(st->sub), slot.value.date_days, ctx));
  st += 2;
  CONTRASCREEN_DISPATCH();
}
done:
  result = A.b;
  return true;
#undef CONTRASCREEN_NEXT_STEP
#undef CONTRASCREEN_DISPATCH
#undef OUT
#undef A
#undef B
}

#pragma GCC diagnostic pop

}  // namespace contrascreen::expr
