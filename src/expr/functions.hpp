// The function table: every function an expression may call, with its signature.
// The checker resolves calls against it; the evaluator dispatches on Builtin.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "expr/types.hpp"

namespace contrascreen::expr {

enum class Builtin : std::uint8_t {
  date,          // date(string) -> date
  today,         // today() -> date: the screening date
  days_since,    // days_since(date) -> int
  weeks_since,   // whole weeks
  months_since,  // whole calendar months
  years_since,   // whole years
  add_days,      // add_days(date, int) -> date
  add_months,    // add_months(date, int) -> date, clamped to the month end
  answered,      // answered(question) -> bool, never unknown
  any_in,        // any_in(list, list) -> bool on trimmed, case-folded strings
  size,          // size(string|list) -> int, also receiver-style
  starts_with,   // s.startsWith(prefix)
  ends_with,     // s.endsWith(suffix)
  contains,      // s.contains(text)
  to_int,        // int(number)
  to_double,     // double(number)
};

/// A parameter's accepted kinds.
enum class Param : std::uint8_t { date, integer, number, text, text_list, sized, question };

struct Signature {
  Builtin builtin;
  std::string_view name;
  bool receiver;       // called as x.name(...); the receiver is parameter 0
  std::uint8_t arity;  // parameters, receiver included
  std::array<Param, 2> params;
  TypeKind result;
  std::string_view summary;  // for documentation and `eval --help`
};

/// All overloads, grouped by name.
std::span<const Signature> signatures();
/// Every distinct function name (for suggestions).
std::span<const std::string_view> function_names();
const char* describe(Param param);

}  // namespace contrascreen::expr
