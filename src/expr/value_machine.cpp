// Runs the flat value code of one test (program.hpp: ValueStep): a loop over steps with
// one dense switch, no recursion, registers on the stack, nothing allocated. Each step
// computes what the generic instruction of the same node computes, with the same functions
// (value_ops.hpp); whatever the generic instructions would have to report (a missing
// answer, a failure) ends the run without a result, and they decide instead.
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

bool run_value_code(std::uint32_t pc, const EvalContext& ctx, bool& result) {
  Register r[value_registers + 1];
  const ValueStep* code = ctx.program->steps.data();
  // Operands are addressed in each case, so that a step computes only the addresses it uses.
  for (;;) {
    const ValueStep& st = code[pc++];
    switch (st.op) {
      case StepOp::load: {
        const detail::AnswerSlot& slot = ctx.slots[st.imm.arg];
        if (!slot.answered) return false;
        r[st.dst].v = ops::load_answer(slot, st.imm.arg, static_cast<QuestionType>(st.sub));
        break;
      }
      case StepOp::leaf: {
        const Tri t = eval_leaf(ctx.program->code[st.imm.arg], ctx);
        if (t.state == Tri::undecided) return false;
        r[st.dst].v = ops::make_bool(t.state == Tri::yes);
        break;
      }
      case StepOp::answered:
        r[st.dst].v = ops::make_bool(ctx.slots[st.imm.arg].answered);
        break;
      case StepOp::constant:
        r[st.dst].v = ctx.program->constants[st.imm.arg];
        break;
      case StepOp::immediate:
        r[st.dst].v = immediate(st);
        break;
      case StepOp::arithmetic:
        if (ops::arithmetic(static_cast<BinaryOp>(st.sub), r[st.a].v, r[st.b].v, r[st.dst].v) != nullptr) return false;
        break;
      case StepOp::arithmetic_k:
        if (ops::arithmetic(static_cast<BinaryOp>(st.sub), r[st.a].v, immediate(st), r[st.dst].v) != nullptr) return false;
        break;
      case StepOp::negate:
        if (ops::negate(r[st.a].v, r[st.dst].v) != nullptr) return false;
        break;
      case StepOp::call:
        if (ops::call(static_cast<Builtin>(st.sub), r[st.a].v, r[st.b].v, ctx, r[st.dst].v) != nullptr) return false;
        break;
      case StepOp::today:
        r[st.dst].v = ops::make_date_days(ctx.today);
        break;
      case StepOp::index:
        if (ops::index(r[st.a].v, r[st.b].v, ctx, r[st.dst].v) != nullptr) return false;
        break;
      case StepOp::compare:
        r[st.dst].v = ops::make_bool(ops::compare_values(static_cast<BinaryOp>(st.sub), r[st.a].v, r[st.b].v, ctx));
        break;
      case StepOp::compare_number_k:
        if (!ops::is_number(r[st.a].v)) return false;
        r[st.dst].v = ops::make_bool(ops::compare_number_values(static_cast<BinaryOp>(st.sub), r[st.a].v, immediate(st)));
        break;
      case StepOp::text_test:
        r[st.dst].v = ops::make_bool(ops::text_test(static_cast<Builtin>(st.sub), r[st.a].v, r[st.b].v, ctx));
        break;
      case StepOp::contains:
        r[st.dst].v = ops::make_bool(ops::contains_value(r[st.a].v, r[st.b].v, ctx));
        break;
      case StepOp::any_in_set:
        r[st.dst].v = ops::make_bool(ops::any_in_set(r[st.a].v, st.imm.arg, ctx));
        break;
      case StepOp::any_in_lists:
        r[st.dst].v = ops::make_bool(ops::any_in_lists(r[st.a].v, r[st.b].v, ctx));
        break;
      case StepOp::logical_not:
        if (r[st.a].v.kind != ValueKind::boolean) return false;
        r[st.dst].v = ops::make_bool(!r[st.a].v.b);
        break;
      case StepOp::jump:
        pc = st.imm.arg;
        break;
      case StepOp::jump_if:
        if (r[st.a].v.kind != ValueKind::boolean) return false;
        if (r[st.a].v.b == (st.sub != 0)) pc = st.imm.arg;
        break;
      case StepOp::done:
        if (r[st.a].v.kind != ValueKind::boolean) return false;
        result = r[st.a].v.b;
        return true;
      default:
        __builtin_unreachable();
    }
  }
}

}  // namespace contrascreen::expr
