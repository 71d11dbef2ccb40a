// Lowers checked expressions into the instructions of a Program.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "expr/checker.hpp"
#include "expr/program.hpp"

namespace contrascreen {
class Catalogue;
namespace detail {
struct AnswerSlot;
}
}  // namespace contrascreen

namespace contrascreen::expr {

struct EvalContext;

/// Whether the builder fuses: Fusion::off compiles every node to its generic instruction
/// (binary and/or, no leaves beyond loads, no guards), the reference the tests compare
/// the fused form with.
enum class Fusion : std::uint8_t { on, off };

/// Adds expressions to one Program. Value sets are registered first; their indices are
/// the value-set ids of the Environment the expressions were checked in.
class ProgramBuilder {
 public:
  ProgramBuilder(Program& program, const Catalogue& catalogue, Fusion fusion = Fusion::on);

  /// Registers a value set (members as written); returns its id.
  std::uint32_t add_value_set(const std::vector<std::string>& members);

  /// Compiles `expr` (checked without errors). `rule_reads` are the catalogue indices of
  /// the questions the whole rule reads, ascending; a question's position there is its
  /// bit in missing masks. Returns the entry instruction.
  Pc compile(const CheckedExpression& expr, std::span<const std::uint32_t> rule_reads);

  /// Lays out the program for speed once every expression is compiled: copies the operands
  /// of each and/or chain made of leaves only into Program::leaf_runs. Optional (a program
  /// without it evaluates the same, more slowly); call it again after compiling more.
  void finish();

 private:
  struct Scope;
  // Where the program's code, operands and value steps end. What a test compiles from a
  // mark on is the test's alone (code is emitted as a tree): replace() drops it for one
  // instruction that decides the same.
  struct Mark {
    Pc code;
    std::size_t operands;
    std::size_t steps;
  };
  // The question a monotone test reads (monotone_leaf.cpp): a number question, or one
  // measure (days_since, weeks_since, months_since, years_since) of a date question.
  struct MonotoneSource {
    std::uint32_t question = UINT32_MAX;
    DateUnit unit = DateUnit::date;  // DateUnit::date: the number answer itself
  };
  // A comparison that is no leaf, but that leaves decide wherever they are all decided, as
  // they must be in jumping code (program.hpp: LeafJump): `test ? if_true : if_false`, each a
  // leaf tree; if_false no_pc means graph_generic (the comparison's instructions decide).
  struct JumpForm {
    Pc test = no_pc;
    Pc if_true = no_pc;
    Pc if_false = no_pc;
  };
  Pc emit(const Instr& instr);
  Mark mark() const;
  Pc replace(const Mark& from, const Instr& in);
  // A context for running a test's generic instructions as the rule set compiles, over
  // `slots` (one per question, all unanswered).
  EvalContext trial_context(std::vector<detail::AnswerSlot>& slots) const;
  Pc bool_node(const Scope& s, NodeId id);
  Pc bool_instruction(const Scope& s, NodeId id);
  // What a test of one question gives for each answer (outcomes_by_answer).
  struct Outcomes {
    std::vector<std::uint64_t> yes;           // bit k: the k-th answer makes it true
    Unanswered none = Unanswered::undecided;  // the outcome without an answer
  };
  std::optional<Outcomes> outcomes_by_answer(
      Pc generic, std::uint32_t question, std::uint8_t bit, std::uint32_t answers,
      const std::function<void(detail::AnswerSlot&, std::uint32_t)>& answer) const;
  Pc finite_leaf(const Scope& s, NodeId id, const Mark& from);
  std::uint32_t only_finite_question(const Scope& s, NodeId id) const;
  Pc monotone_leaf(const Scope& s, NodeId id, const Mark& from);
  bool monotone_in(const Scope& s, NodeId id, MonotoneSource& source) const;
  Pc table_leaf(const Scope& s, NodeId id, const Mark& from);
  std::uint32_t only_whole_number_question(const Scope& s, NodeId id) const;
  Pc value_node(const Scope& s, NodeId id);
  Pc widened(const Scope& s, NodeId id, const Type& target);
  Pc logical_chain(const Scope& s, NodeId id);
  Pc jumping_code(Pc entry);
  bool is_chain_of_leaves(const Instr& in) const;
  bool is_leaf_tree(Pc pc) const;
  std::uint32_t jump_node(Pc pc, std::uint32_t if_true, std::uint32_t if_false);
  Pc guarded_conditional(const Scope& s, NodeId id);
  Pc fused_comparison(const Scope& s, NodeId id);
  Pc comparison_leaf(const Scope& s, NodeId id, BinaryOp as_written, NodeId left, NodeId right);
  void add_jump_form(const Scope& s, NodeId id, Pc test);
  bool shifted_date_jump_form(const Scope& s, NodeId id, BinaryOp op, NodeId shift, NodeId other, JumpForm& form);
  static std::optional<std::int64_t> int_amount(const Scope& s, NodeId id);
  Pc fused_date_shift(const Scope& s, NodeId id);
  Pc fused_in(const Scope& s, NodeId id);
  Pc fused_item_test(const Scope& s, NodeId id);
  Pc any_in_call(const Scope& s, NodeId id);
  // any_in's set argument when it is known as the rule set compiles (a value set, or a list
  // literal), and its folded set's index (a literal registered as a set now), else UINT32_MAX.
  static bool is_constant_set(const Scope& s, NodeId set);
  std::uint32_t constant_set(const Scope& s, NodeId set);
  bool guardable(Pc pc, std::uint32_t slot) const;
  void guard(Pc pc, Unanswered result);
  Value literal(const Node& node);
  std::uint32_t list_constant(const Scope& s, NodeId id);
  // The value code (value_compiler.cpp).
  Pc value_test(const Scope& s, NodeId id, Pc generic, bool whole_condition = false);
  bool has_value_test(Pc pc) const;
  bool step_bool(const Scope& s, NodeId id, std::uint32_t dst);
  bool step_value(const Scope& s, NodeId id, std::uint32_t dst);
  bool step_call(const Scope& s, NodeId id, std::uint32_t dst);
  bool step_index(const Scope& s, NodeId id, std::uint32_t dst);
  bool step_number_operand(const Scope& s, NodeId id, ValueStep& step);
  std::uint32_t emit_step(const ValueStep& step);
  void finish_value_code(std::uint32_t first, std::uint32_t end);
  std::uint32_t add_constant(Value v);

  Program& program_;
  const Catalogue& catalogue_;
  Fusion fusion_;
  std::vector<std::uint32_t> value_set_lists_;  // value-set id -> constant index of its list
  // The jump forms of the tests at these instructions (add_jump_form). Their instructions are
  // emitted with the test's, and run only as copies in Program::leaf_graph.
  std::map<Pc, JumpForm> jump_forms_;
};

/// A date_compare leaf on weeks_since or years_since with an order comparison (<, <=, >,
/// >=) rewritten as the same test of days_since or months_since, which saves the division:
/// for the whole number m = floor(x / q), `m < c` is `x < q * ceil(c)` and `m <= c` is
/// `x < q * (floor(c) + 1)` (and > and >= their negations). Any other leaf is left as it is.
void measure_in_finer_unit(Instr& leaf);

/// One string as any_in compares it: its util::match_key (trimmed, case-folded, NFC).
std::string fold_member(std::string_view text);

}  // namespace contrascreen::expr
