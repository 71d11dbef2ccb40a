#include "expr/compiler.hpp"

#include "expr/compiler_scope.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "expr/evaluator.hpp"
#include "util/text_match.hpp"

namespace contrascreen::expr {

std::string fold_member(std::string_view text) {
  return util::match_key(text);
}

void measure_in_finer_unit(Instr& leaf) {
  const auto unit = static_cast<DateUnit>(leaf.a);
  const auto op = static_cast<BinaryOp>(leaf.sub);
  const double c = leaf.imm.d;
  if (leaf.op != Op::date_compare || (unit != DateUnit::weeks_since && unit != DateUnit::years_since) ||
      !(op == BinaryOp::less || op == BinaryOp::less_equal || op == BinaryOp::greater ||
        op == BinaryOp::greater_equal) ||
      !(std::fabs(c) < 1e12))  // far beyond any measure; the products below stay exact
    return;
  const double q = unit == DateUnit::weeks_since ? 7 : 12;
  const bool strict = op == BinaryOp::less || op == BinaryOp::greater_equal;  // m < c, or its negation
  leaf.imm.d = q * (strict ? std::ceil(c) : std::floor(c) + 1);
  leaf.sub = static_cast<std::uint8_t>(op == BinaryOp::less || op == BinaryOp::less_equal ? BinaryOp::less
                                                                                          : BinaryOp::greater_equal);
  leaf.a = static_cast<std::uint32_t>(unit == DateUnit::weeks_since ? DateUnit::days_since : DateUnit::months_since);
}

ProgramBuilder::ProgramBuilder(Program& program, const Catalogue& catalogue, Fusion fusion)
    : program_(program), catalogue_(catalogue), fusion_(fusion) {}

std::uint32_t ProgramBuilder::add_constant(Value v) {
  program_.constants.push_back(v);
  return static_cast<std::uint32_t>(program_.constants.size() - 1);
}

std::uint32_t ProgramBuilder::add_value_set(const std::vector<std::string>& members) {
  FoldedSet set;
  for (const auto& m : members) {
    set.members.push_back(fold_member(m));
    set.max_length = std::max(set.max_length, set.members.back().size());
  }
  MemberFilter filter;
  for (const auto& m : set.members) filter.add(m);
  program_.filters.push_back(filter);
  program_.sets.push_back(std::move(set));
  // The same members as a constant list, for `x in value_set`.
  Value list;
  list.kind = ValueKind::const_list;
  list.first = static_cast<std::uint32_t>(program_.constants.size());
  list.len = static_cast<std::uint32_t>(members.size());
  for (const auto& m : members) {
    const std::string& stored = program_.string_storage.emplace_back(m);
    Value s;
    s.kind = ValueKind::string;
    s.str = stored.data();
    s.len = static_cast<std::uint32_t>(stored.size());
    program_.constants.push_back(s);
  }
  value_set_lists_.push_back(add_constant(list));
  return static_cast<std::uint32_t>(program_.sets.size() - 1);
}

Pc ProgramBuilder::emit(const Instr& instr) {
  program_.code.push_back(instr);
  return static_cast<Pc>(program_.code.size() - 1);
}

Value ProgramBuilder::literal(const Node& n) {
  Value v;
  switch (n.kind) {
    case NodeKind::bool_literal:
      v.kind = ValueKind::boolean;
      v.b = n.bool_value;
      break;
    case NodeKind::int_literal:
      v.kind = ValueKind::integer;
      v.i = n.int_value;
      break;
    case NodeKind::double_literal:
      v.kind = ValueKind::real;
      v.d = n.double_value;
      break;
    case NodeKind::string_literal: {
      const std::string& stored = program_.string_storage.emplace_back(n.text);
      v.kind = ValueKind::string;
      v.str = stored.data();
      v.len = static_cast<std::uint32_t>(stored.size());
      break;
    }
    default:
      break;  // null: never evaluated (the checker rejects comparisons with null)
  }
  return v;
}

Pc ProgramBuilder::compile(const CheckedExpression& expr, std::span<const std::uint32_t> rule_reads) {
  const Scope scope{expr, rule_reads};
  if (scope.type(expr.ast.root).kind != TypeKind::boolean) return value_node(scope, expr.ast.root);
  const Pc entry = bool_node(scope, expr.ast.root);
  if (const Pc graph = jumping_code(entry); graph != entry) return graph;
  // A condition that computes values anywhere else runs as value code whole, where it can:
  // one dispatch per step instead of a call per operator.
  return has_value_test(entry) ? value_test(scope, expr.ast.root, entry, true) : entry;
}

// An and/or chain whose operands are all leaves: decided in one loop over their copies
// (finish(), Program::leaf_runs).
bool ProgramBuilder::is_chain_of_leaves(const Instr& in) const {
  if (in.op != Op::bool_and && in.op != Op::bool_or) return false;
  const Pc* first = program_.operands.data() + in.a;
  return std::all_of(first, first + in.b, [&](Pc pc) { return is_leaf(program_.code[pc].op); });
}

namespace {

// !(a < b) is a >= b for operands that are never NaN, as a leaf's are not: number answers
// are finite (intake.cpp rejects the others), date measures are ints, constants literals.
BinaryOp opposite(BinaryOp op) {
  switch (op) {
    case BinaryOp::equal:
      return BinaryOp::not_equal;
    case BinaryOp::not_equal:
      return BinaryOp::equal;
    case BinaryOp::less:
      return BinaryOp::greater_equal;
    case BinaryOp::less_equal:
      return BinaryOp::greater;
    case BinaryOp::greater:
      return BinaryOp::less_equal;
    case BinaryOp::greater_equal:
      return BinaryOp::less;
    default:
      return op;
  }
}

}  // namespace

Pc ProgramBuilder::bool_node(const Scope& s, NodeId id) {
  if (fusion_ == Fusion::on) {
    const Mark from = mark();
    if (const Pc pc = finite_leaf(s, id, from); pc != no_pc) return pc;
    if (const Pc pc = monotone_leaf(s, id, from); pc != no_pc) return pc;
    if (const Pc pc = table_leaf(s, id, from); pc != no_pc) return pc;
  }
  return bool_instruction(s, id);
}

ProgramBuilder::Mark ProgramBuilder::mark() const {
  return {static_cast<Pc>(program_.code.size()), program_.operands.size(), program_.steps.size()};
}

Pc ProgramBuilder::replace(const Mark& from, const Instr& in) {
  jump_forms_.erase(jump_forms_.lower_bound(from.code), jump_forms_.end());
  program_.code.resize(from.code);
  program_.operands.resize(from.operands);
  program_.steps.resize(from.steps);
  return emit(in);
}

EvalContext ProgramBuilder::trial_context(std::vector<detail::AnswerSlot>& slots) const {
  slots.assign(catalogue_.size(), detail::AnswerSlot{});
  EvalContext ctx;
  ctx.slots = slots.data();
  ctx.program = &program_;
  ctx.catalogue = &catalogue_;
  return ctx;
}

// Runs the test at `generic` for each of `answers` answers to `question`, the k-th set in its
// (answered) slot by `answer`, and without an answer: the bits of the answers that make it
// true, and its outcome without one. Nothing when it fails for an answer (its instructions
// report that), or is undecided without an answer for more than its question (bit `bit`).
std::optional<ProgramBuilder::Outcomes> ProgramBuilder::outcomes_by_answer(
    Pc generic, std::uint32_t question, std::uint8_t bit, std::uint32_t answers,
    const std::function<void(detail::AnswerSlot&, std::uint32_t)>& answer) const {
  std::vector<detail::AnswerSlot> slots;
  const EvalContext ctx = trial_context(slots);
  Outcomes out;
  out.yes.assign((answers + 63) / 64, 0);
  for (std::uint32_t k = 0; k < answers; ++k) {
    slots[question] = {};
    slots[question].answered = true;
    answer(slots[question], k);
    const Tri t = eval_bool(generic, ctx);
    if (t.state == Tri::undecided) return std::nullopt;
    if (t.state == Tri::yes) out.yes[k / 64] |= std::uint64_t{1} << (k % 64);
  }
  slots[question] = {};
  const Tri none = eval_bool(generic, ctx);
  if (none.state == Tri::undecided && none.missing != (std::uint64_t{1} << bit)) return std::nullopt;
  out.none = static_cast<Unanswered>(none.state);
  return out;
}

// The one question the expression at `id` reads, when it reads exactly one, of a finite
// type (bool, or an enum of at most 64 values), and nothing else that varies (no screening
// date); UINT32_MAX otherwise.
std::uint32_t ProgramBuilder::only_finite_question(const Scope& s, NodeId id) const {
  std::uint32_t question = UINT32_MAX;
  std::vector<NodeId> pending{id};
  while (!pending.empty()) {
    const NodeId next = pending.back();
    pending.pop_back();
    const Node& n = s.node(next);
    if (n.kind == NodeKind::identifier && s.is_question(next)) {
      if (question != UINT32_MAX && question != s.resolved(next).index) return UINT32_MAX;
      question = s.resolved(next).index;
    }
    if ((n.kind == NodeKind::call || n.kind == NodeKind::member_call) &&
        reads_screening_date(signatures()[s.resolved(next).index].builtin))
      return UINT32_MAX;
    pending.insert(pending.end(), n.children.begin(), n.children.end());
  }
  if (question == UINT32_MAX) return UINT32_MAX;
  const Question& q = catalogue_.questions()[question];
  const bool finite = q.type == QuestionType::boolean || (q.type == QuestionType::enumeration && q.values.size() <= 64);
  return finite ? question : UINT32_MAX;
}

// A test of one bool or enum question and constants (`acne.startsWith("active")`,
// `rosacea == "mild" || rosacea == "severe"`, `!(acne != "none")`) has one outcome per
// answer the question accepts, and one for no answer. Its generic instructions, compiled
// here, are run for each of them, and the test becomes one leaf with those outcomes: an
// enum_in over the values that make it true, a bool_load, or answered(q), each with the
// outcome of no answer as its if_unanswered (or a constant, when every outcome is the
// same). A test that fails for some answer, or whose outcomes no leaf has, keeps its
// instructions. Otherwise they are dropped: the code from `from` on is the test's alone
// (code is emitted as a tree).
Pc ProgramBuilder::finite_leaf(const Scope& s, NodeId id, const Mark& from) {
  const std::uint32_t question = only_finite_question(s, id);
  if (question == UINT32_MAX) return no_pc;
  const Pc generic = bool_instruction(s, id);
  // Already a leaf (a guard folded into its test may have left the guard's instruction unused).
  if (is_leaf(program_.code[generic].op)) return replace(from, Instr(program_.code[generic]));

  const Question& q = catalogue_.questions()[question];
  const bool is_bool = q.type == QuestionType::boolean;
  const std::uint32_t answers = is_bool ? 2 : static_cast<std::uint32_t>(q.values.size());
  const std::uint8_t bit = s.bit(question);
  const auto set_answer = [&](detail::AnswerSlot& slot, std::uint32_t k) {
    if (is_bool)
      slot.value.boolean = k != 0;
    else
      slot.value.enum_index = k;
  };
  const auto outcomes = outcomes_by_answer(generic, question, bit, answers, set_answer);
  if (!outcomes) return generic;
  const std::uint64_t yes = outcomes->yes.front();
  const Unanswered none = outcomes->none;

  Instr in;
  in.node = id;
  in.slot = question;
  in.bit = bit;
  in.if_unanswered = none;
  if (!is_bool) {
    in.op = Op::enum_in;
    in.imm.mask = yes;
  } else if (yes == 0b10 || yes == 0b01) {
    in.op = Op::bool_load;
    in.sub = yes == 0b01 ? 1 : 0;
  } else if ((yes == 0b11 && none == Unanswered::no) || (yes == 0 && none == Unanswered::yes)) {
    in.op = Op::answered;  // answered(q), or !answered(q)
    in.sub = yes == 0 ? 1 : 0;
  } else if ((yes == 0b11 && none == Unanswered::yes) || (yes == 0 && none == Unanswered::no)) {
    in = Instr{};  // the same outcome whatever the answer
    in.node = id;
    in.op = Op::bool_const;
    in.imm.i = yes == 0 ? 0 : 1;
  } else {
    return generic;  // one outcome for every answer, undecided for none: no leaf says so
  }
  return replace(from, in);
}

Pc ProgramBuilder::bool_instruction(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  Instr in;
  in.node = id;
  switch (n.kind) {
    case NodeKind::bool_literal:
      in.op = Op::bool_const;
      in.imm.i = n.bool_value ? 1 : 0;
      return emit(in);
    case NodeKind::identifier:
      if (s.is_question(id)) {
        in.op = Op::bool_load;
        in.slot = s.resolved(id).index;
        in.bit = s.bit(in.slot);
        return emit(in);
      }
      break;
    case NodeKind::unary:
      if (static_cast<UnaryOp>(n.op) == UnaryOp::logical_not) {
        in.a = bool_node(s, n.children[0]);
        Instr& operand = program_.code[in.a];
        // `!` of a leaf (`!q`, `!answered(q)`, `!(acne != "x")`, `!(acne in [...])`,
        // `!(age < 18)`) is a leaf itself: the answered result is negated (`sub`, the
        // opposite operator, the other values of the enum), the unanswered one swapped here
        // (undecided stays undecided). The operand's instruction is this node's alone (the
        // code is a tree), so it is changed in place.
        const std::size_t enum_values =
            operand.op == Op::enum_in ? catalogue_.questions()[operand.slot].values.size() : 0;
        if (fusion_ == Fusion::on && is_leaf(operand.op) && operand.op != Op::list_any_in_set &&
            operand.op != Op::number_table && enum_values <= 64) {
          if (operand.op == Op::number_compare || operand.op == Op::date_compare || operand.op == Op::list_size)
            operand.sub = static_cast<std::uint8_t>(opposite(static_cast<BinaryOp>(operand.sub)));
          else if (operand.op == Op::enum_in)  // every answer's index is below 64: the complement is exact
            operand.imm.mask =
                ~operand.imm.mask & (enum_values == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << enum_values) - 1);
          else
            operand.sub ^= 1;
          operand.node = id;
          if (operand.if_unanswered != Unanswered::undecided)
            operand.if_unanswered = operand.if_unanswered == Unanswered::no ? Unanswered::yes : Unanswered::no;
          return in.a;
        }
        in.op = Op::bool_not;
        return emit(in);
      }
      break;
    case NodeKind::conditional:
      if (Pc fused = guarded_conditional(s, id); fused != no_pc) return fused;
      in.op = Op::bool_cond;
      in.a = bool_node(s, n.children[0]);
      in.b = bool_node(s, n.children[1]);
      in.c = bool_node(s, n.children[2]);
      return emit(in);
    case NodeKind::binary: {
      const auto op = static_cast<BinaryOp>(n.op);
      if (op == BinaryOp::logical_and || op == BinaryOp::logical_or) return logical_chain(s, id);
      if (op == BinaryOp::in) {
        if (Pc fused = fused_in(s, id); fused != no_pc) return fused;
        in.op = Op::contains_value;
        in.a = value_node(s, n.children[0]);
        in.b = value_node(s, n.children[1]);
        return value_test(s, id, emit(in));
      }
      if (Pc fused = fused_comparison(s, id); fused != no_pc) return fused;
      in.op = Op::compare;
      in.sub = n.op;
      in.a = value_node(s, n.children[0]);
      in.b = value_node(s, n.children[1]);
      const Pc test = value_test(s, id, emit(in));
      add_jump_form(s, id, test);
      return test;
    }
    case NodeKind::call:
    case NodeKind::member_call: {
      const Signature& sig = signatures()[s.resolved(id).index];
      if (sig.builtin == Builtin::answered) {
        in.op = Op::answered;
        in.slot = s.resolved(n.children[0]).index;
        in.if_unanswered = Unanswered::no;
        return emit(in);
      }
      if (sig.builtin == Builtin::any_in) {
        const Pc pc = any_in_call(s, id);
        return program_.code[pc].op == Op::list_any_in_set ? pc : value_test(s, id, pc);
      }
      if (sig.builtin == Builtin::starts_with || sig.builtin == Builtin::ends_with ||
          sig.builtin == Builtin::contains) {
        if (Pc fused = fused_item_test(s, id); fused != no_pc) return fused;
        in.op = Op::text_test;
        in.sub = static_cast<std::uint8_t>(sig.builtin);
        in.a = value_node(s, n.children[0]);
        in.b = value_node(s, n.children[1]);
        return value_test(s, id, emit(in));
      }
      break;
    }
    default:
      break;
  }
  in.op = Op::bool_from_value;
  in.a = value_node(s, id);
  return value_test(s, id, emit(in));
}

// A chain of && (or of ||) is one n-ary instruction over its operands, left to right:
// `a && (b && c)` and `(a && b) && c` alike, as Kleene logic is associative. Within the
// chain, `answered(q) && <leaves on q>` folds the guard into the leaves (an unanswered q
// makes them false instead of undecided) and `!answered(q) || <leaves on q>` likewise
// (true): the same value in every case, one instruction fewer.
Pc ProgramBuilder::logical_chain(const Scope& s, NodeId id) {
  const auto op = static_cast<BinaryOp>(s.node(id).op);
  std::vector<Pc> operands;
  if (fusion_ == Fusion::off) {
    operands = {bool_node(s, s.node(id).children[0]), bool_node(s, s.node(id).children[1])};
  } else {
    // Depth first, left to right: the evaluation order of the nested form.
    std::vector<NodeId> pending{id};
    while (!pending.empty()) {
      const NodeId next = pending.back();
      pending.pop_back();
      const Node& n = s.node(next);
      if (n.kind == NodeKind::binary && static_cast<BinaryOp>(n.op) == op) {
        pending.push_back(n.children[1]);
        pending.push_back(n.children[0]);
      } else {
        operands.push_back(bool_node(s, next));
      }
    }
    const std::uint8_t guard_sub = op == BinaryOp::logical_and ? 0 : 1;
    const Unanswered folded = op == BinaryOp::logical_and ? Unanswered::no : Unanswered::yes;
    std::vector<Pc> kept;
    for (std::size_t i = 0; i < operands.size(); ++i) {
      const Instr& g = program_.code[operands[i]];
      bool dropped = false;
      if (g.op == Op::answered && g.sub == guard_sub) {
        for (std::size_t j = 0; j < operands.size() && !dropped; ++j) {
          if (j == i || !guardable(operands[j], g.slot)) continue;
          guard(operands[j], folded);
          dropped = true;
        }
      }
      if (!dropped) kept.push_back(operands[i]);
    }
    operands = std::move(kept);
    if (operands.size() == 1) return operands.front();
  }
  Instr in;
  in.node = id;
  in.op = op == BinaryOp::logical_and ? Op::bool_and : Op::bool_or;
  in.a = static_cast<std::uint32_t>(program_.operands.size());
  in.b = static_cast<std::uint32_t>(operands.size());
  program_.operands.insert(program_.operands.end(), operands.begin(), operands.end());
  return emit(in);
}

void ProgramBuilder::finish() {
  // After compiling: guard() may still change a chain's leaves while an enclosing chain is built.
  program_.leaf_runs.clear();
  for (Instr& in : program_.code) {
    if (in.op != Op::bool_and && in.op != Op::bool_or) continue;
    in.c = no_pc;
    if (!is_chain_of_leaves(in)) continue;
    in.c = static_cast<Pc>(program_.leaf_runs.size());
    for (std::uint32_t k = 0; k < in.b; ++k) program_.leaf_runs.push_back(program_.code[program_.operands[in.a + k]]);
  }
}

// `answered(q) ? <leaves on q> : false` (or `: true`) is the leaves with the guard folded in.
Pc ProgramBuilder::guarded_conditional(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  if (fusion_ == Fusion::off) return no_pc;
  const Node& condition = s.node(n.children[0]);
  const Node& otherwise = s.node(n.children[2]);
  if (condition.kind != NodeKind::call || otherwise.kind != NodeKind::bool_literal ||
      signatures()[s.resolved(n.children[0]).index].builtin != Builtin::answered)
    return no_pc;
  const std::uint32_t slot = s.resolved(condition.children[0]).index;
  const Pc then = bool_node(s, n.children[1]);
  if (!guardable(then, slot)) {
    // Not foldable: the generic conditional, reusing the branch compiled above.
    Instr in;
    in.node = id;
    in.op = Op::bool_cond;
    in.a = bool_node(s, n.children[0]);
    in.b = then;
    in.c = bool_node(s, n.children[2]);
    return emit(in);
  }
  guard(then, otherwise.bool_value ? Unanswered::yes : Unanswered::no);
  return then;
}

// Whether `pc` decides from question `slot` alone and monotonically, so that an
// unanswered `slot` may be given one value for all its leaves: a leaf on `slot` (not
// answered() itself, not already guarded), or an and/or chain of such.
bool ProgramBuilder::guardable(Pc pc, std::uint32_t slot) const {
  const Instr& in = program_.code[pc];
  if (is_leaf(in.op)) return in.op != Op::answered && in.slot == slot && in.if_unanswered == Unanswered::undecided;
  if (in.op != Op::bool_and && in.op != Op::bool_or) return false;
  for (std::uint32_t k = 0; k < in.b; ++k)
    if (!guardable(program_.operands[in.a + k], slot)) return false;
  return true;
}

void ProgramBuilder::guard(Pc pc, Unanswered result) {
  Instr& in = program_.code[pc];
  if (is_leaf(in.op)) {
    in.if_unanswered = result;
    return;
  }
  for (std::uint32_t k = 0; k < in.b; ++k) guard(program_.operands[in.a + k], result);
}

// One side a question (or days/weeks/months/years_since of a date question), the other a
// constant: `q == "value"`, `q != "value"` for enum questions; `q < 18` and friends for
// numbers; `months_since(d) < 6`, `d >= date("2026-01-01")` for dates.
Pc ProgramBuilder::fused_comparison(const Scope& s, NodeId id) {
  if (fusion_ == Fusion::off) return no_pc;
  const Node& n = s.node(id);
  return comparison_leaf(s, id, static_cast<BinaryOp>(n.op), n.children[0], n.children[1]);
}

// The leaf of fused_comparison for `left as_written right`, for the comparison at `id` or
// one that its jump form decides; no_pc when there is none.
Pc ProgramBuilder::comparison_leaf(const Scope& s, NodeId id, BinaryOp as_written, NodeId left, NodeId right) {
  for (int side = 0; side < 2; ++side) {
    const NodeId subject = side == 0 ? left : right;
    const NodeId other = side == 0 ? right : left;
    const BinaryOp op = side == 0 ? as_written : mirrored(as_written);
    Instr in;
    in.node = id;
    in.sub = static_cast<std::uint8_t>(op);
    if (s.is_question(subject)) {
      in.slot = s.resolved(subject).index;
      in.bit = s.bit(in.slot);
      const TypeKind kind = s.type(subject).kind;
      if (kind == TypeKind::enumeration && s.resolved(other).kind == Resolution::Kind::enum_value &&
          (op == BinaryOp::equal || op == BinaryOp::not_equal)) {
        in.op = Op::enum_equal;
        in.sub = op == BinaryOp::not_equal ? 1 : 0;
        in.imm.i = s.resolved(other).index;
        return emit(in);
      }
      if (kind == TypeKind::real) {
        if (auto constant = s.number_literal(other)) {
          in.op = Op::number_compare;
          in.imm.d = *constant;
          return emit(in);
        }
      }
      if (const auto date = s.date_literal(other); kind == TypeKind::date && date) {
        in.op = Op::date_compare;
        in.a = static_cast<std::uint32_t>(DateUnit::date);
        in.imm.d = *date;
        return emit(in);
      }
      continue;
    }
    // days_since(d) < 28: the function of a date question against a number; size(q) > 2
    // (or q.size() > 2) of a list question. The int result compared as a double gives the
    // same order: it is far below 2^53.
    const Node& call = s.node(subject);
    if ((call.kind != NodeKind::call && call.kind != NodeKind::member_call) || call.children.size() != 1 ||
        !s.is_question(call.children[0]))
      continue;
    const auto constant = s.number_literal(other);
    if (!constant) continue;
    if (signatures()[s.resolved(subject).index].builtin == Builtin::size &&
        s.type(call.children[0]).kind == TypeKind::list) {
      in.op = Op::list_size;
      in.slot = s.resolved(call.children[0]).index;
      in.bit = s.bit(in.slot);
      in.imm.d = *constant;
      return emit(in);
    }
    if (call.kind != NodeKind::call) continue;
    const DateUnit unit = date_unit(signatures()[s.resolved(subject).index].builtin);
    if (unit == DateUnit::date) continue;
    in.op = Op::date_compare;
    in.slot = s.resolved(call.children[0]).index;
    in.bit = s.bit(in.slot);
    in.a = static_cast<std::uint32_t>(unit);
    in.imm.d = *constant;
    measure_in_finer_unit(in);
    return emit(in);
  }
  return no_pc;
}

// `add_days(d, 28)`, `add_months(d, -6)` on a date question: one instruction.
Pc ProgramBuilder::fused_date_shift(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  if (fusion_ == Fusion::off || n.kind != NodeKind::call || n.children.size() != 2) return no_pc;
  const Builtin builtin = signatures()[s.resolved(id).index].builtin;
  if ((builtin != Builtin::add_days && builtin != Builtin::add_months) || !s.is_question(n.children[0])) return no_pc;
  const std::optional<std::int64_t> amount = int_amount(s, n.children[1]);
  if (!amount) return no_pc;
  Instr in;
  in.op = Op::date_shift;
  in.node = id;
  in.sub = static_cast<std::uint8_t>(builtin);
  in.slot = s.resolved(n.children[0]).index;
  in.bit = s.bit(in.slot);
  in.imm.i = *amount;
  return emit(in);
}

// An int literal, possibly negated (not the negation of the least int64, which fails).
std::optional<std::int64_t> ProgramBuilder::int_amount(const Scope& s, NodeId id) {
  const Node& count = s.node(id);
  if (count.kind == NodeKind::int_literal) return count.int_value;
  if (count.kind == NodeKind::unary && static_cast<UnaryOp>(count.op) == UnaryOp::negate &&
      s.node(count.children[0]).kind == NodeKind::int_literal &&
      s.node(count.children[0]).int_value != std::numeric_limits<std::int64_t>::min())
    return -s.node(count.children[0]).int_value;
  return std::nullopt;
}

// `q[0].startsWith("war")` (endsWith, contains) of a list question and a text: one leaf,
// which fails as `q[0]` does when the list is shorter.
Pc ProgramBuilder::fused_item_test(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  if (fusion_ == Fusion::off || n.children.size() != 2) return no_pc;
  const NodeId item = n.children[0];
  const Node& at = s.node(item);
  if (at.kind != NodeKind::index || !s.is_question(at.children[0]) || s.type(at.children[0]).kind != TypeKind::list)
    return no_pc;
  const Node& k = s.node(at.children[1]);
  const Node& text = s.node(n.children[1]);
  if (k.kind != NodeKind::int_literal || k.int_value < 0 || k.int_value >= no_pc ||
      text.kind != NodeKind::string_literal)
    return no_pc;
  Instr in;
  in.op = Op::list_item_text;
  in.node = id;
  in.slot = s.resolved(at.children[0]).index;
  in.bit = s.bit(in.slot);
  in.a = static_cast<std::uint32_t>(k.int_value);
  in.b = add_constant(literal(text));
  in.c = item;
  in.imm.i = static_cast<std::int64_t>(signatures()[s.resolved(id).index].builtin);
  return emit(in);
}

// `enum_question in ["a", "b"]` becomes one bit test; `"text" in list_question` one loop
// over the answer's items.
Pc ProgramBuilder::fused_in(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  const NodeId left = n.children[0];
  const Node& list = s.node(n.children[1]);
  if (fusion_ == Fusion::off) return no_pc;
  if (s.node(left).kind == NodeKind::string_literal && s.is_question(n.children[1]) &&
      s.type(n.children[1]).kind == TypeKind::list) {
    Instr in;
    in.op = Op::list_contains;
    in.node = id;
    in.slot = s.resolved(n.children[1]).index;
    in.bit = s.bit(in.slot);
    in.b = add_constant(literal(s.node(left)));
    return emit(in);
  }
  if (!s.is_question(left) || s.type(left).kind != TypeKind::enumeration || list.kind != NodeKind::list_literal)
    return no_pc;
  std::uint64_t mask = 0;
  for (NodeId element : list.children) {
    const Resolution& r = s.resolved(element);
    if (r.kind != Resolution::Kind::enum_value || r.index >= 64) return no_pc;
    mask |= std::uint64_t{1} << r.index;
  }
  Instr in;
  in.op = Op::enum_in;
  in.node = id;
  in.slot = s.resolved(left).index;
  in.bit = s.bit(in.slot);
  in.imm.mask = mask;
  return emit(in);
}

bool ProgramBuilder::is_constant_set(const Scope& s, NodeId set) {
  return s.resolved(set).kind == Resolution::Kind::value_set || s.node(set).kind == NodeKind::list_literal;
}

std::uint32_t ProgramBuilder::constant_set(const Scope& s, NodeId set) {
  if (s.resolved(set).kind == Resolution::Kind::value_set) return s.resolved(set).index;
  if (s.node(set).kind != NodeKind::list_literal) return UINT32_MAX;
  std::vector<std::string> members;
  for (NodeId e : s.node(set).children) members.push_back(s.node(e).text);
  return add_value_set(members);
}

Pc ProgramBuilder::any_in_call(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  const NodeId list = n.children[0];
  const NodeId set = n.children[1];
  Instr in;
  in.node = id;
  const std::uint32_t set_index = constant_set(s, set);
  if (set_index == UINT32_MAX) {
    in.op = Op::any_in_dynamic;
    in.a = value_node(s, list);
    in.b = value_node(s, set);
    return emit(in);
  }
  in.b = set_index;
  if (fusion_ == Fusion::on && s.is_question(list)) {
    in.op = Op::list_any_in_set;
    in.slot = s.resolved(list).index;
    in.bit = s.bit(in.slot);
    return emit(in);
  }
  in.op = Op::any_in;
  in.a = value_node(s, list);
  return emit(in);
}

// An int operand where the checker typed the whole as double (`c ? 1 : 2.5`) is converted,
// so that arithmetic and comparisons on the result see a double.
Pc ProgramBuilder::widened(const Scope& s, NodeId id, const Type& target) {
  const Pc pc = value_node(s, id);
  if (target.kind != TypeKind::real || s.type(id).kind != TypeKind::integer) return pc;
  Instr in;
  in.op = Op::call;
  in.node = id;
  in.sub = static_cast<std::uint8_t>(Builtin::to_double);
  in.a = pc;
  return emit(in);
}

// A list literal as a constant list: its items are the run of constants before it.
std::uint32_t ProgramBuilder::list_constant(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  std::vector<Value> items;
  for (NodeId e : n.children) {
    const Node& element = s.node(e);
    if (element.kind == NodeKind::unary) {  // a negated number literal
      Value v = literal(s.node(element.children[0]));
      if (v.kind == ValueKind::integer)
        v.i = -v.i;
      else
        v.d = -v.d;
      items.push_back(v);
    } else {
      items.push_back(literal(element));
    }
  }
  if (s.type(id).element == TypeKind::real) {  // [1, 2.5] is a list of doubles
    for (auto& v : items) {
      if (v.kind != ValueKind::integer) continue;
      v.kind = ValueKind::real;
      v.d = static_cast<double>(v.i);
    }
  }
  Value list;
  list.kind = ValueKind::const_list;
  list.first = static_cast<std::uint32_t>(program_.constants.size());
  list.len = static_cast<std::uint32_t>(items.size());
  for (const auto& v : items) program_.constants.push_back(v);
  return add_constant(list);
}

Pc ProgramBuilder::value_node(const Scope& s, NodeId id) {
  const Node& n = s.node(id);
  const Type& type = s.type(id);
  Instr in;
  in.node = id;
  // A bool list's element is read as a value (bool_from_value checks it): sending it to
  // bool_node would send it back here without end.
  if (type.kind == TypeKind::boolean && n.kind != NodeKind::bool_literal && n.kind != NodeKind::index) {
    in.op = Op::value_from_bool;
    in.a = bool_node(s, id);
    return emit(in);
  }
  switch (n.kind) {
    case NodeKind::null_literal:
    case NodeKind::bool_literal:
    case NodeKind::int_literal:
    case NodeKind::double_literal:
    case NodeKind::string_literal:
      in.op = Op::value_const;
      in.a = add_constant(literal(n));
      return emit(in);
    case NodeKind::list_literal:
      in.op = Op::value_const;
      in.a = list_constant(s, id);
      return emit(in);
    case NodeKind::identifier:
      if (s.resolved(id).kind == Resolution::Kind::value_set) {
        in.op = Op::value_const;
        in.a = value_set_lists_[s.resolved(id).index];
        return emit(in);
      }
      in.op = Op::value_load;
      in.slot = s.resolved(id).index;
      in.bit = s.bit(in.slot);
      in.sub = static_cast<std::uint8_t>(catalogue_.questions()[in.slot].type);
      return emit(in);
    case NodeKind::unary:
      in.op = Op::negate;
      in.a = value_node(s, n.children[0]);
      return emit(in);
    case NodeKind::binary:
      in.op = Op::arithmetic;
      in.sub = n.op;
      in.a = value_node(s, n.children[0]);
      in.b = value_node(s, n.children[1]);
      return emit(in);
    case NodeKind::conditional:
      in.op = Op::value_cond;
      in.a = bool_node(s, n.children[0]);
      in.b = widened(s, n.children[1], type);
      in.c = widened(s, n.children[2], type);
      return emit(in);
    case NodeKind::call:
    case NodeKind::member_call: {
      const Signature& sig = signatures()[s.resolved(id).index];
      if (const auto date = s.date_literal(id)) {
        Value v;  // a date literal: folded now
        v.kind = ValueKind::date;
        v.date = *date;
        in.op = Op::value_const;
        in.a = add_constant(v);
        return emit(in);
      }
      if (Pc fused = fused_date_shift(s, id); fused != no_pc) return fused;
      in.op = Op::call;
      in.sub = static_cast<std::uint8_t>(sig.builtin);
      if (!n.children.empty()) in.a = value_node(s, n.children[0]);
      if (n.children.size() > 1) in.b = value_node(s, n.children[1]);
      return emit(in);
    }
    case NodeKind::index:
      in.op = Op::index;
      in.a = value_node(s, n.children[0]);
      in.b = value_node(s, n.children[1]);
      return emit(in);
    case NodeKind::select:
      break;  // rejected by the checker
  }
  in.op = Op::value_const;
  in.a = add_constant(Value::undecided(failed_bit));
  return emit(in);
}

}  // namespace contrascreen::expr
