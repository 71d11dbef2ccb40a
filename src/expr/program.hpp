// The compiled form of the expressions of one rule set: a flat array of instructions
// evaluated by evaluator.cpp. Answers are read by slot index; names are gone. Fused
// instructions cover the common rule shapes (a bool question, an enum compared with a
// literal, a number compared with a constant, a list matched against a value set) so
// that typical rules are one or two instructions.
#pragma once

#include <cstdint>
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
  // Bool-valued (evaluated by eval_bool).
  bool_const,       // imm.i: 0 or 1
  bool_load,        // slot, bit
  bool_not,         // a
  bool_and,         // a, b
  bool_or,          // a, b
  bool_cond,        // a ? b : c
  enum_equal,       // slot, bit, imm.i: value index      (sub: 1 = not equal)
  enum_in,          // slot, bit, imm.mask: value bits
  number_compare,   // slot, bit, sub: BinaryOp, imm.d
  answered,         // slot
  list_any_in_set,  // slot, bit, b: folded set index
  any_in,           // a: list value, b: folded set index
  any_in_dynamic,   // a: list value, b: list value (folded at run time)
  compare,          // sub: BinaryOp, a, b: values
  contains_value,   // a: value, b: list value    (`in`)
  text_test,        // sub: Builtin (starts_with/ends_with/contains), a, b
  bool_from_value,  // a: a value node of bool type (e.g. a list element)
  // Value-valued (evaluated by eval_value).
  value_const,      // a: constant index
  value_load,       // slot, bit, sub: QuestionType
  value_from_bool,  // a: bool node
  negate,           // a
  arithmetic,       // sub: BinaryOp, a, b
  value_cond,       // a ? b : c
  call,             // sub: Builtin, a, b (args; no_pc when absent)
  index,            // a: list, b: int
};

inline constexpr Pc no_pc = UINT32_MAX;

struct Instr {
  Op op = Op::bool_const;
  std::uint8_t sub = 0;
  std::uint8_t bit = 0;  // rule-local question bit
  std::uint8_t reserved = 0;
  std::uint32_t slot = 0;  // catalogue index of the question read
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
  };
  std::uint64_t missing = 0;  // undecided: local question bits (and failed_bit)

  Value() : i(0) {}
  static Value undecided(std::uint64_t missing_bits) {
    Value v;
    v.missing = missing_bits;
    return v;
  }
};

/// A value set (or list literal) prepared for any_in: its members' util::match_key
/// (trimmed, case-folded, NFC), folded once when the rule set compiles.
struct FoldedSet {
  std::vector<std::string> members;
  std::size_t max_length = 0;
};

/// Immutable once compiled. Not copyable: constant strings point into string_storage,
/// whose elements a deque never relocates (moving the Program keeps them valid).
struct Program {
  std::vector<Instr> code;
  std::vector<Value> constants;  // list constants' items are runs of this vector
  std::vector<FoldedSet> sets;
  std::deque<std::string> string_storage;

  Program() = default;
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
};

}  // namespace contrascreen::expr
