// A comparison with a constant of a value computed from one number answer, or from one
// measure of a date answer, by steps that each keep or reverse its order: `age * 2 + 3 > 133`,
// `-age < -63`, `int(age) / 5 >= 13`, `double(days_since(d)) / 7.0 < 3.5`. Each such step
// (adding, subtracting or multiplying by a constant, subtracting from one, dividing by one,
// unary minus, int(), double()) is monotone in its operand, rounding included, so the answers
// that make the comparison true are those on one side of a threshold. The threshold is found
// as the rule set compiles, by running the test's generic instructions on answers halving
// the range the question accepts, and the test becomes one leaf: `age >= 65.00000000000001`,
// `days_since(d) <= 24`. Run on the same answers, the leaf and the test agree by construction.
//
// A step fails (an overflow, int() out of range, a division by zero) only where its operand
// lies outside an interval, and each operand of a monotone chain lies between its values at
// the two ends of the range: a test whose instructions fail at neither end fails nowhere in
// between, and one that fails at an end keeps its instructions. So does a test whose leaf
// disagrees with it at the ends, around the threshold or on the two zeros (which a leaf's
// comparison cannot tell apart), or that is not undecided, missing only its question, when
// the question is unanswered.
#include <bit>
#include <cfloat>
#include <limits>
#include <numeric>
#include <optional>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "expr/compiler.hpp"
#include "expr/compiler_scope.hpp"
#include "expr/evaluator.hpp"
#include "expr/functions.hpp"

namespace contrascreen::expr {
namespace {

// Finite doubles as int64 keys in the same order (-0.0 just below +0.0). Every key between
// the keys of two finite doubles is a finite double's.
std::int64_t key_of(double d) {
  const auto bits = std::bit_cast<std::int64_t>(d);
  return bits < 0 ? bits ^ std::numeric_limits<std::int64_t>::max() : bits;
}

double double_of(std::int64_t key) {
  return std::bit_cast<double>(key < 0 ? key ^ std::numeric_limits<std::int64_t>::max() : key);
}

// Sets a screening date and a date answer whose `unit` measure is `m`: the last day Date
// represents for m >= 0, the first for m < 0 (so that every measure between those of the
// extremes has an answer), and the earliest answer whose measure is at most m, found by
// halving, as a measure only falls as the answer moves later. False when that answer's
// measure is not m.
bool set_measure(DateUnit unit, std::int64_t m, detail::AnswerSlot& slot, EvalContext& ctx) {
  ctx.today = m >= 0 ? Date::max_days : Date::min_days;
  std::int32_t earliest = Date::min_days, latest = Date::max_days;
  while (earliest < latest) {
    const std::int32_t mid = std::midpoint(earliest, latest);
    if (date_measure(unit, mid, ctx) <= m)
      latest = mid;
    else
      earliest = mid + 1;
  }
  slot.value.date_days = earliest;
  return date_measure(unit, earliest, ctx) == m;
}

bool is_order(BinaryOp op) {
  return op == BinaryOp::less || op == BinaryOp::less_equal || op == BinaryOp::greater || op == BinaryOp::greater_equal;
}

}  // namespace

// Whether the value at `id` is computed from one source (a number question, or a measure of
// a date question, set in `source`) by steps each monotone in their operand, with constants.
bool ProgramBuilder::monotone_in(const Scope& s, NodeId id, MonotoneSource& source) const {
  const Node& n = s.node(id);
  switch (n.kind) {
    case NodeKind::identifier:
      if (!s.is_question(id) || s.type(id).kind != TypeKind::real) return false;
      source = {s.resolved(id).index, DateUnit::date};
      return true;
    case NodeKind::unary:
      return static_cast<UnaryOp>(n.op) == UnaryOp::negate && monotone_in(s, n.children[0], source);
    case NodeKind::binary: {
      const auto op = static_cast<BinaryOp>(n.op);
      const bool constant_right = s.number_value(n.children[1]).has_value();
      if (op == BinaryOp::add || op == BinaryOp::subtract || op == BinaryOp::multiply) {
        if (constant_right) return monotone_in(s, n.children[0], source);
        return s.number_value(n.children[0]) && monotone_in(s, n.children[1], source);
      }
      // x / k, not k / x.
      return op == BinaryOp::divide && constant_right && monotone_in(s, n.children[0], source);
    }
    case NodeKind::call: {
      if (n.children.size() != 1) return false;
      const Builtin builtin = signatures()[s.resolved(id).index].builtin;
      if (builtin == Builtin::to_int || builtin == Builtin::to_double) return monotone_in(s, n.children[0], source);
      const DateUnit unit = date_unit(builtin);
      if (unit == DateUnit::date || !s.is_question(n.children[0])) return false;
      source = {s.resolved(n.children[0]).index, unit};
      return true;
    }
    default:
      return false;
  }
}

Pc ProgramBuilder::monotone_leaf(const Scope& s, NodeId id, const Mark& from) {
  const Node& n = s.node(id);
  if (n.kind != NodeKind::binary || !is_order(static_cast<BinaryOp>(n.op))) return no_pc;
  MonotoneSource source;
  if (!(s.number_value(n.children[1]) && monotone_in(s, n.children[0], source)) &&
      !(s.number_value(n.children[0]) && monotone_in(s, n.children[1], source)))
    return no_pc;
  const Pc generic = bool_instruction(s, id);
  if (is_leaf(program_.code[generic].op)) return generic;  // `age < 18`: a leaf already

  std::vector<detail::AnswerSlot> slots;
  EvalContext ctx = trial_context(slots);
  detail::AnswerSlot& slot = slots[source.question];
  const bool number = source.unit == DateUnit::date;
  // The keys of the answers the question accepts: number answers within its min and max
  // (finite, intake.cpp rejects the others); date measures between the extremes of Date.
  std::int64_t lo = 0, hi = 0;
  if (number) {
    const Question& q = catalogue_.questions()[source.question];
    lo = key_of(q.min.value_or(-DBL_MAX));
    hi = key_of(q.max.value_or(DBL_MAX));
  } else {
    ctx.today = Date::min_days;
    lo = date_measure(source.unit, Date::max_days, ctx);
    ctx.today = Date::max_days;
    hi = date_measure(source.unit, Date::min_days, ctx);
  }
  if (lo > hi) return generic;
  // The test's outcome for the answer of `key`; nullopt when it fails (or no dates give that measure).
  const auto outcome = [&](std::int64_t key) -> std::optional<bool> {
    slot.answered = true;
    if (number)
      slot.value.number = double_of(key);
    else if (!set_measure(source.unit, key, slot, ctx))
      return std::nullopt;
    const Tri t = eval_bool(generic, ctx);
    if (t.state == Tri::undecided) return std::nullopt;
    return t.state == Tri::yes;
  };
  const std::optional<bool> at_lo = outcome(lo), at_hi = outcome(hi);
  if (!at_lo || !at_hi) return generic;

  // The same outcome at both ends: the same for every answer (`age >= lo`, or `age < lo`).
  auto op = *at_lo ? BinaryOp::greater_equal : BinaryOp::less;
  std::int64_t threshold = lo;
  if (*at_lo != *at_hi) {
    // The last key with lo's outcome and the first with hi's, by halving.
    std::int64_t last = lo, first = hi;
    while (static_cast<std::uint64_t>(first) - static_cast<std::uint64_t>(last) > 1) {
      const std::int64_t mid = std::midpoint(last, first);
      const std::optional<bool> at_mid = outcome(mid);
      if (!at_mid) return generic;
      (*at_mid == *at_lo ? last : first) = mid;
    }
    op = *at_hi ? BinaryOp::greater_equal : BinaryOp::less_equal;
    threshold = *at_hi ? first : last;
  }
  Instr in;
  in.node = id;
  in.op = number ? Op::number_compare : Op::date_compare;
  in.slot = source.question;
  in.bit = s.bit(source.question);
  in.sub = static_cast<std::uint8_t>(op);
  if (!number) in.a = static_cast<std::uint32_t>(source.unit);
  in.imm.d = number ? double_of(threshold) : static_cast<double>(threshold);
  measure_in_finer_unit(in);

  std::vector<std::int64_t> probes{lo, hi, threshold};
  if (threshold > lo) probes.push_back(threshold - 1);
  if (threshold < hi) probes.push_back(threshold + 1);
  for (const double zero : {-0.0, 0.0})
    if (number && key_of(zero) >= lo && key_of(zero) <= hi) probes.push_back(key_of(zero));
  for (const std::int64_t key : probes) {
    const std::optional<bool> expected = outcome(key);
    if (!expected || (eval_leaf(in, ctx).state == Tri::yes) != *expected) return generic;
  }
  slot = {};
  const Tri none = eval_bool(generic, ctx);
  if (none.state != Tri::undecided || none.missing != (std::uint64_t{1} << in.bit)) return generic;
  return replace(from, in);
}

}  // namespace contrascreen::expr
