// The compiled form of the expressions of one rule set: a flat array of instructions
// evaluated by evaluator.cpp. Answers are read by slot index; names are gone.
//
// Fused instructions ("leaves") decide a test on one question in one step: a bool
// question, an enum compared with a value or a list of values, a number compared with a
// constant, a list matched against a value set, a text in a list, a list's item tested
// with startsWith/endsWith/contains, a list's size compared with a constant, a date (or
// days/weeks/months/years since it) compared with a constant, answered(q). Any test of one
// bool or enum question and constants alone is a leaf too (compiler.cpp: finite_leaf), and
// so is a comparison with a constant of a value computed monotonically from one number or
// date measure (monotone_leaf.cpp), and a test that reads a number question only as int(q),
// as a table of its outcomes (table_leaf.cpp). A leaf carries what an unanswered question
// makes it (`if_unanswered`): undecided (the question is reported missing) in plain code, false
// under a guard (`answered(q) && <leaf on q>`, `answered(q) ? <leaf> : false`), true under
// `!answered(q) || <leaf>`. Chains of && and || are one n-ary instruction whose operands
// are listed in Program::operands, so nesting costs one dispatch per chain, not per
// operator; a rule condition of leaves under &&, ||, ! and ?: also runs as jumping code
// (LeafJump). compiler.cpp says which forms are fused; the rest are the generic value
// instructions, and tests that compute values also get value code (ValueStep).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"
#include "expr/functions.hpp"

namespace contrascreen::expr {

using Pc = std::uint32_t;  // instruction index

/// Bit 63 of a missing mask marks an evaluation error rather than a missing answer, so
/// a rule reads at most 63 distinct questions.
inline constexpr std::uint64_t failed_bit = std::uint64_t{1} << 63;
inline constexpr std::uint32_t max_questions_per_rule = 63;

enum class Op : std::uint8_t {
  // Bool-valued (evaluated by eval_bool). The leaves come first (is_leaf).
  bool_load,        // slot, bit, sub: 1 = negated (`!q`)
  enum_equal,       // slot, bit, imm.i: value index      (sub: 1 = not equal)
  enum_in,          // slot, bit, imm.mask: value bits
  number_compare,   // slot, bit, sub: BinaryOp, imm.d
  date_compare,     // slot, bit, sub: BinaryOp, a: DateUnit; (unit of the date) op imm.d
  number_table,     // slot, bit, a: first word in Program::tables, b: entries, c: the test's generic pc,
                    // imm.i: the whole number of entry 0; a test reading a number only as int(q)
  answered,         // slot, sub: 1 = negated (`!answered(q)`); if_unanswered: no (yes when negated)
  list_any_in_set,  // slot, bit, b: folded set index
  list_contains,    // slot, bit, b: constant index of a text; `"text" in q` (sub: 1 = negated)
  list_item_text,   // slot, bit, a: index, b: constant index of a text, c: the index's AST node,
                    // imm.i: Builtin (starts_with/ends_with/contains); `q[a].startsWith("text")`
                    // (sub: 1 = negated); fails as `q[a]` does when the list is shorter
  list_size,        // slot, bit, sub: BinaryOp, imm.d; `size(q) op imm.d`
  // Not leaves.
  bool_const,       // imm.i: 0 or 1
  bool_not,         // a
  bool_and,         // operands[a .. a + b): Kleene and, left to right, stops at the first false;
                    // c: when every operand is a leaf, their copies are leaf_runs[c .. c + b) (else no_pc)
  bool_or,          // operands[a .. a + b): Kleene or, stops at the first true; c as for bool_and
  bool_cond,        // a ? b : c
  any_in,           // a: list value, b: folded set index
  any_in_dynamic,   // a: list value, b: list value (folded at run time)
  compare,          // sub: BinaryOp, a, b: values
  contains_value,   // a: value, b: list value    (`in`)
  text_test,        // sub: Builtin (starts_with/ends_with/contains), a, b
  bool_from_value,  // a: a value node of bool type (e.g. a list element)
  value_test,       // a: first ValueStep of the test's flat value code, b: the same test's generic pc
  leaf_graph,       // a: entry of the condition's jumping code in Program::leaf_graph, c: its generic pc
  // Value-valued (evaluated by eval_value).
  value_const,      // a: constant index
  value_load,       // slot, bit, sub: QuestionType
  date_shift,       // slot, bit, sub: Builtin (add_days/add_months), imm.i: n
  value_from_bool,  // a: bool node
  negate,           // a
  arithmetic,       // sub: BinaryOp, a, b
  value_cond,       // a ? b : c
  call,             // sub: Builtin, a, b (args; no_pc when absent)
  index,            // a: list, b: int
};

inline constexpr Pc no_pc = UINT32_MAX;

/// Whether `op` is a leaf: decided from one answer slot, undecided only when it is unanswered
/// (and for list_item_text, when it fails as its index would).
constexpr bool is_leaf(Op op) {
  return op <= Op::list_size;
}

/// What date_compare compares: a date question's value (in days since the epoch), or the
/// whole days, weeks, calendar months or years from it to the screening date.
enum class DateUnit : std::uint8_t { date, days_since, weeks_since, months_since, years_since };

/// The unit of days_since, weeks_since, months_since or years_since (DateUnit::date for
/// any other builtin).
constexpr DateUnit date_unit(Builtin builtin) {
  switch (builtin) {
    case Builtin::days_since:
      return DateUnit::days_since;
    case Builtin::weeks_since:
      return DateUnit::weeks_since;
    case Builtin::months_since:
      return DateUnit::months_since;
    case Builtin::years_since:
      return DateUnit::years_since;
    default:
      return DateUnit::date;
  }
}

/// Whether `builtin`'s result depends on the screening date: today() and the date measures.
/// An expression without them is decided by its answers alone.
constexpr bool reads_screening_date(Builtin builtin) {
  return builtin == Builtin::today || date_unit(builtin) != DateUnit::date;
}

/// Instr::if_unanswered: what a leaf is when its question has no answer. The values are
/// those of Tri::State (evaluator.hpp), so the evaluator uses them as they are.
enum class Unanswered : std::uint8_t {
  no = 0,         // under a guard: answered(q) && leaf, answered(q) ? leaf : false
  yes = 1,        // under !answered(q) || leaf, answered(q) ? leaf : true
  undecided = 2,  // the plain reading: the question is missing (its bit is reported)
};

struct Instr {
  Op op = Op::bool_const;
  std::uint8_t sub = 0;
  std::uint8_t bit = 0;                              // rule-local question bit
  Unanswered if_unanswered = Unanswered::undecided;  // leaves only
  std::uint32_t slot = 0;                            // catalogue index of the question read
  Pc a = no_pc;
  Pc b = no_pc;
  Pc c = no_pc;
  std::uint32_t node = 0;  // AST node, for error reports
  union {
    std::int64_t i;
    double d;
    std::uint64_t mask;
  } imm{};
};

enum class ValueKind : std::uint8_t {
  undecided,  // missing answers or an error: see `missing`
  boolean,
  integer,
  real,
  string,       // str, len
  date,         // date (days since epoch)
  enumeration,  // question (catalogue index), enum_index
  answer_list,  // the intake's list items [first, first + len)
  const_list,   // Program::constants[first, first + len)
};

/// Sixteen bytes and trivially copyable, so that it is returned in registers: the generic
/// value instructions pass one per operand. An undecided value's only payload is `missing`.
struct Value {
  ValueKind kind = ValueKind::undecided;
  std::uint32_t len = 0;  // string length, list size, or enum question
  union {
    bool b;
    std::int64_t i;
    double d;
    std::int32_t date;
    std::uint32_t enum_index;
    std::uint32_t first;
    const char* str;
    std::uint64_t missing;  // undecided: local question bits (and failed_bit)
  };

  Value() : i(0) {}
  static Value undecided(std::uint64_t missing_bits) {
    Value v;
    v.missing = missing_bits;
    return v;
  }
  /// The missing bits of an undecided value, 0 for a decided one.
  std::uint64_t missing_bits() const { return kind == ValueKind::undecided ? missing : 0; }
};
static_assert(sizeof(Value) == 16);

/// The flat value code (value_machine.cpp): a bool test over computed values (`age * 2 + 3
/// > 130`, `size(medications) > 2`, `acne.startsWith("act")`) as a straight run of steps over
/// a small register file, with jumps for the lazy forms (`?:`, `&&`, `||`), instead of a
/// recursive walk of the generic instructions. It computes only the common case: the first
/// unanswered question it loads, or the first failure (division by zero, overflow, a date
/// out of range), or a bool register that holds no bool, makes it give up, and the same
/// test's generic instructions decide instead, with their missing questions and failure
/// messages. Since a completed run read only answered questions and met no failure, it
/// followed the generic evaluation's path and computed its value.
enum class StepOp : std::uint8_t {
  // dst = the answer of slot `arg`, of the question type the step names; unanswered: give up.
  load_bool,
  load_number,
  load_enum,
  load_date,
  load_list,
  answered,           // dst = answered(slot `arg`)
  leaf,               // dst = the fused leaf instruction `arg` (Program::code); undecided: give up
  constant,           // dst = Program::constants[arg]
  immediate,          // dst = a number, date or bool: kind, imm
  arithmetic,         // dst = a (sub: BinaryOp) b
  arithmetic_k,       // dst = a (sub: BinaryOp) the number kind, imm
  negate,             // dst = -a
  call,               // dst = sub: Builtin (a, b)
  today,              // dst = the screening date
  index,              // dst = a[b]
  index_k,            // dst = a[imm.i]
  compare,            // dst = a (sub: BinaryOp) b
  compare_number_k,   // dst = number a (sub: BinaryOp) the number kind, imm
  int_compare,        // dst = int a (sub: BinaryOp) int b, both typed int
  date_compare,       // dst = date a (sub: BinaryOp) date b, both typed date
  // Typed steps, one per operator (no second dispatch on `sub`), where the checker's types
  // fix the run-time kinds: double a OP imm.d (the checker typed a and the result double);
  // int a OP imm.i (a and the constant typed int), for arithmetic and comparisons alike. In
  // BinaryOp's order, so that typed_step() maps an operator to its step.
  real_add_k,
  real_subtract_k,
  real_multiply_k,
  real_divide_k,
  real_equal_k,
  real_not_equal_k,
  real_less_k,
  real_less_equal_k,
  real_greater_k,
  real_greater_equal_k,
  int_add_k,
  int_subtract_k,
  int_multiply_k,
  int_divide_k,
  int_modulo_k,
  int_equal_k,
  int_not_equal_k,
  int_less_k,
  int_less_equal_k,
  int_greater_k,
  int_greater_equal_k,
  // The comparisons above as the test's last step: their result is the test's, with no
  // `done` after them (ProgramBuilder::value_test; in the same order).
  real_equal_k_done,
  real_not_equal_k_done,
  real_less_k_done,
  real_less_equal_k_done,
  real_greater_k_done,
  real_greater_equal_k_done,
  int_equal_k_done,
  int_not_equal_k_done,
  int_less_k_done,
  int_less_equal_k_done,
  int_greater_k_done,
  int_greater_equal_k_done,
  real_negate,        // dst = -a, a typed double
  int_negate,         // dst = -a, a typed int
  real_to_int,        // dst = int(a), a typed double
  int_to_double,      // dst = double(a), a typed int
  date_measure,       // dst = the whole days, weeks, months or years (sub: DateUnit) from date a to today
  text_test,          // dst = sub: Builtin (starts_with/ends_with/contains) of a, b
  starts_with_k,      // dst = a.startsWith(the text Program::constants[arg])
  ends_with_k,        // dst = a.endsWith(the text Program::constants[arg])
  contains_k,         // dst = a.contains(the text Program::constants[arg])
  contains,           // dst = a in list b
  contains_text,      // dst = text a in list of strings b
  list_size,          // dst = size(list a)
  any_in_set,         // dst = any_in(list a, folded set arg)
  any_in_lists,       // dst = any_in(list a, list b)
  logical_not,        // dst = !a
  jump,               // to step arg
  jump_if,            // to step arg when bool a == sub
  done_if,            // when bool a == sub, that is the result (a jump_if to the final done)
  // Two steps in one, the second kept in place for any jump that lands on it: the step
  // runs both and goes on after the second (ProgramBuilder::finish_value_code).
  answered_done_if,   // answered, then done_if: its sub
  leaf_done_if,       // leaf, then done_if: its sub
  load_date_measure,  // load_date, then date_measure: its sub
  done,               // the bool in a is the result
};

struct ValueStep {
  StepOp op = StepOp::done;
  std::uint8_t sub = 0;
  std::uint8_t dst = 0;
  std::uint8_t a = 0;
  std::uint8_t b = 0;
  ValueKind kind = ValueKind::undecided;  // immediate, arithmetic_k, compare_number_k
  union {
    std::int64_t i;
    double d;
    std::uint32_t arg;
  } imm{};
};
static_assert(sizeof(ValueStep) == 16);

/// Registers of the value code; a test that needs more stays generic.
inline constexpr std::uint32_t value_registers = 16;

/// A value set (or list literal) prepared for any_in: its members' util::match_key
/// (trimmed, case-folded, NFC), folded once when the rule set compiles.
struct FoldedSet {
  std::vector<std::string> members;
  std::size_t max_length = 0;
};

/// A conservative prefilter in front of the folded comparison of any_in (in_folded_set in
/// evaluator.cpp), which alone decides every match: for an item that is all ASCII after
/// trimming, a 512-bit Bloom filter over (byte length, first, second and last byte, in
/// ASCII lower case) of the set's members rejects most non-members with four byte reads,
/// where the comparison would try every member. Any case-insensitive equality of two
/// ASCII strings implies the same key, so the filter never rejects a member; a set with a
/// member that is not ASCII gets no filter (`usable` false), nor does an item that is not.
struct MemberFilter {
  std::array<std::uint64_t, 8> bits{};
  bool usable = true;

  static std::uint32_t key(std::string_view ascii) {
    const auto lower = [](char c) { return static_cast<std::uint32_t>(c >= 'A' && c <= 'Z' ? c + 32 : c) & 0xFF; };
    std::uint32_t h = static_cast<std::uint32_t>(ascii.size());
    if (!ascii.empty()) h = ((h * 131 + lower(ascii.front())) * 131 + lower(ascii.back())) * 131;
    if (ascii.size() > 1) h += lower(ascii[1]);
    return (h * 0x9E3779B1U) >> 23;  // 9 bits
  }
  // Word at a time: two overlapping loads cover 8 to 16 bytes, the length of most items.
  static bool is_ascii(std::string_view text) {
    const char* p = text.data();
    const std::size_t n = text.size();
    const auto load8 = [](const char* at) {
      std::uint64_t w;
      std::memcpy(&w, at, 8);
      return w;
    };
    std::uint64_t any = 0;
    if (n >= 8) {
      std::size_t i = 0;
      for (; i + 8 < n; i += 8) any |= load8(p + i);
      any |= load8(p + n - 8);
      return (any & 0x8080808080808080ULL) == 0;
    }
    for (std::size_t i = 0; i < n; ++i) any |= static_cast<unsigned char>(p[i]);
    return any < 0x80;
  }
  void add(std::string_view member) {
    if (!is_ascii(member)) usable = false;
    const std::uint32_t k = key(member);
    bits[k / 64] |= std::uint64_t{1} << (k % 64);
  }
  /// False only when `trimmed` (an item as util::trim_white_space leaves it) is certainly no member.
  bool may_contain(std::string_view trimmed) const {
    if (!usable || !is_ascii(trimmed)) return true;
    const std::uint32_t k = key(trimmed);
    return ((bits[k / 64] >> (k % 64)) & 1U) != 0;
  }
};

/// A rule condition of leaves under &&, ||, ! and ?: as jumping code (Op::leaf_graph): each
/// leaf, once decided, names the next leaf to decide, or the outcome (graph_yes, graph_no),
/// as C++ short-circuits; no instruction but the leaves is dispatched. That is Boolean logic,
/// the same as Kleene logic only while every leaf met is decided: the first undecided one
/// hands the condition to its instructions (Instr::c), which report what was missing. Each
/// leaf appears once, as in the condition, except where a test that is no leaf is decided by
/// leaves here alone (ProgramBuilder::add_jump_form: `(c ? 20 : 10) > days_since(d)` as
/// `c ? days_since(d) < 20 : days_since(d) < 10`); such a test may also lead to graph_generic,
/// where its instructions must decide (`add_days(d, 13)` out of the date range).
struct LeafJump {
  Instr leaf;
  std::uint32_t if_true = 0;
  std::uint32_t if_false = 0;
};
inline constexpr std::uint32_t graph_generic = UINT32_MAX - 2;
inline constexpr std::uint32_t graph_yes = UINT32_MAX - 1;
inline constexpr std::uint32_t graph_no = UINT32_MAX;

/// Immutable once compiled. Not copyable: constant strings point into string_storage,
/// whose elements a deque never relocates (moving the Program keeps them valid).
struct Program {
  std::vector<Instr> code;
  std::vector<Value> constants;  // list constants' items are runs of this vector
  std::vector<FoldedSet> sets;
  std::vector<MemberFilter> filters;  // parallel to sets
  std::deque<std::string> string_storage;
  std::vector<Pc> operands;  // of the n-ary bool_and / bool_or
  /// Copies of the operands of each and/or chain made of leaves only, contiguous per chain
  /// (Instr::c): the chain is decided in one loop over them, with no call and no pc to follow.
  /// Filled by ProgramBuilder::finish(); a chain without them (c == no_pc) is decided the same.
  std::vector<Instr> leaf_runs;
  std::vector<LeafJump> leaf_graph;  // the jumping code of Op::leaf_graph
  std::vector<ValueStep> steps;  // the value code of Op::value_test
  std::vector<std::uint64_t> tables;  // the outcome bits of Op::number_table leaves

  Program() = default;
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
};

}  // namespace contrascreen::expr
