// Table leaves (Op::number_table): a test that reads one number question only as int(q)
// (`int(age) % 6 == 0`, `[1, 2, 3][int(age) % 3] == 2`, `int(age) in [30, 40]`) depends on
// the answer's whole number alone, and the question's min and max bound how many there are.
// As the rule set compiles, the test's generic instructions are run once for each, and it
// becomes one leaf that looks its outcome up.
#include "expr/compiler.hpp"

#include "expr/compiler_scope.hpp"

#include <cmath>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen::expr {

namespace {

// Whole numbers a table holds at most: 64 words, for questions such as an age from 0 to 130.
constexpr double max_table_entries = 4096;

}  // namespace

// The one question the expression at `id` reads, when it reads exactly one, a number
// question with a min and a max, and only as `int(q)` (or `answered(q)`), and nothing else
// that varies (no screening date); UINT32_MAX otherwise.
std::uint32_t ProgramBuilder::only_whole_number_question(const Scope& s, NodeId id) const {
  std::uint32_t question = UINT32_MAX;
  const auto read = [&](NodeId q) {
    if (question != UINT32_MAX && question != s.resolved(q).index) return false;
    question = s.resolved(q).index;
    return true;
  };
  std::vector<NodeId> pending{id};
  while (!pending.empty()) {
    const NodeId next = pending.back();
    pending.pop_back();
    const Node& n = s.node(next);
    if (n.kind == NodeKind::identifier && s.is_question(next)) return UINT32_MAX;  // read as itself
    if (n.kind == NodeKind::call || n.kind == NodeKind::member_call) {
      const Builtin builtin = signatures()[s.resolved(next).index].builtin;
      if (reads_screening_date(builtin)) return UINT32_MAX;
      if ((builtin == Builtin::to_int || builtin == Builtin::answered) && n.children.size() == 1 &&
          s.is_question(n.children[0])) {
        if (!read(n.children[0])) return UINT32_MAX;
        continue;
      }
    }
    pending.insert(pending.end(), n.children.begin(), n.children.end());
  }
  if (question == UINT32_MAX) return UINT32_MAX;
  const Question& q = catalogue_.questions()[question];
  if (q.type != QuestionType::number || !q.min || !q.max) return UINT32_MAX;
  const double entries = std::trunc(*q.max) - std::trunc(*q.min) + 1;
  return entries >= 1 && entries <= max_table_entries ? question : UINT32_MAX;
}

// The question's answers lie within its min and max (intakes out of them are rejected), so
// their whole numbers, int() of them, run from trunc(min) to trunc(max). The test's outcome
// for each is that of the answer equal to it. A test that fails for one of them, or that
// without an answer is anything but undecided missing only its question (or a guard's
// outcome), keeps its instructions. The leaf keeps them too (Instr::c): an answer outside
// the table, which no checked intake has, is decided by them rather than by a guess.
Pc ProgramBuilder::table_leaf(const Scope& s, NodeId id, const Mark& from) {
  const std::uint32_t question = only_whole_number_question(s, id);
  if (question == UINT32_MAX) return no_pc;
  const Pc generic = bool_instruction(s, id);
  if (is_leaf(program_.code[generic].op)) return replace(from, Instr(program_.code[generic]));

  const Question& q = catalogue_.questions()[question];
  const auto first = static_cast<std::int64_t>(std::trunc(*q.min));
  const auto entries = static_cast<std::uint32_t>(std::trunc(*q.max) - std::trunc(*q.min) + 1);
  const std::uint8_t bit = s.bit(question);
  const auto outcomes = outcomes_by_answer(
      generic, question, bit, entries,
      [&](detail::AnswerSlot& slot, std::uint32_t k) { slot.value.number = static_cast<double>(first + k); });
  if (!outcomes) return generic;

  Instr in;
  in.op = Op::number_table;
  in.node = id;
  in.slot = question;
  in.bit = bit;
  in.if_unanswered = outcomes->none;
  in.a = static_cast<std::uint32_t>(program_.tables.size());
  in.b = entries;
  in.c = generic;
  in.imm.i = first;
  program_.tables.insert(program_.tables.end(), outcomes->yes.begin(), outcomes->yes.end());
  return emit(in);
}

}  // namespace contrascreen::expr
