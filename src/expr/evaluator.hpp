// Evaluates compiled expressions over an intake's answer slots with three-valued
// (Kleene) logic: an unanswered question is unknown, unknown propagates through
// comparisons and functions, `false && unknown` is false and `true || unknown` is true.
// A runtime error (a date out of range, a division by zero) is undecided too, never false.
#pragma once

#include <cstdint>
#include <string>

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

/// eval_bool with the single-instruction rule shapes (a bool question, an enum compared
/// with a value, a number compared with a constant) decided inline at the call site:
/// most policy rules are one of these, and a call per rule is then the dominant cost.
inline Tri eval_rule_condition(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  const detail::AnswerSlot& slot = ctx.slots[in.slot];
  const auto decided = [](bool b) { return Tri{b ? Tri::yes : Tri::no, 0}; };
  switch (in.op) {
    case Op::bool_load:
      return slot.answered ? decided(slot.value.boolean) : Tri{Tri::undecided, std::uint64_t{1} << in.bit};
    case Op::enum_equal:
      return slot.answered ? decided((slot.value.enum_index == static_cast<std::uint32_t>(in.imm.i)) != (in.sub != 0))
                           : Tri{Tri::undecided, std::uint64_t{1} << in.bit};
    case Op::enum_in:
      return slot.answered ? decided(slot.value.enum_index < 64 && ((in.imm.mask >> slot.value.enum_index) & 1U) != 0)
                           : Tri{Tri::undecided, std::uint64_t{1} << in.bit};
    default:
      return eval_bool(pc, ctx);
  }
}

/// Renders a value for people ("true", "17", "2026-11-21", "[\"a\", \"b\"]", "unknown").
std::string to_display(const Value& value, const EvalContext& ctx);

}  // namespace contrascreen::expr
