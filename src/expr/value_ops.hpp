// What each value operation of the expression language computes on decided operands, written
// once for both evaluators: the generic, recursive one (evaluator.cpp, which adds three-valued
// propagation and records failures) and the flat value code (value_machine.cpp, which gives up
// on any unanswered question or failure and lets the generic one decide). An operation that
// fails returns its message (a string literal); nullptr means `out` holds the result.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "expr/evaluator.hpp"
#include "util/text_match.hpp"

namespace contrascreen::expr::ops {

inline std::string_view text_of(const Value& v, const EvalContext& ctx) {
  if (v.kind == ValueKind::enumeration) return ctx.catalogue->questions()[v.len].values[v.enum_index].value;
  return {v.str, v.len};
}

// any_in's matching (trimmed, case-folded, NFC) is util/text_match.hpp's, behind the set's
// prefilter: most items are rejected by the filter alone.
inline bool in_value_set(std::string_view item, std::uint32_t set, const EvalContext& ctx) {
  if (!ctx.program->filters[set].may_contain(util::trim_white_space(item))) return false;
  const FoldedSet& folded = ctx.program->sets[set];
  return util::matches_any_key(item, folded.members, folded.max_length);
}

inline std::int64_t code_points(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Item k of a list value, as a Value.
inline Value list_item(const Value& list, std::uint32_t k, const EvalContext& ctx) {
  if (list.kind == ValueKind::const_list) return ctx.program->constants[list.first + k];
  const std::string_view s = ctx.intake->list_item(list.first + k);
  Value v;
  v.kind = ValueKind::string;
  v.str = s.data();
  v.len = static_cast<std::uint32_t>(s.size());
  return v;
}

inline bool is_number(const Value& v) {
  return v.kind == ValueKind::integer || v.kind == ValueKind::real;
}
inline double as_double(const Value& v) {
  return v.kind == ValueKind::integer ? static_cast<double>(v.i) : v.d;
}
inline bool is_text(const Value& v) {
  return v.kind == ValueKind::string || v.kind == ValueKind::enumeration;
}

using expr::apply_order;  // evaluator.hpp: what the six comparisons mean

/// Two numbers: as ints when both are, otherwise as doubles.
inline bool compare_number_values(BinaryOp op, const Value& a, const Value& b) {
  if (a.kind == ValueKind::integer && b.kind == ValueKind::integer) return apply_order(op, a.i, b.i);
  return apply_order(op, as_double(a), as_double(b));
}

/// Both operands decided; the checker guaranteed they are comparable.
inline bool compare_values(BinaryOp op, const Value& a, const Value& b, const EvalContext& ctx) {
  if (is_number(a) && is_number(b)) return compare_number_values(op, a, b);
  if (a.kind == ValueKind::enumeration && b.kind == ValueKind::enumeration && a.len == b.len)
    return apply_order(op, a.enum_index, b.enum_index);
  if (is_text(a) && is_text(b)) return apply_order(op, text_of(a, ctx), text_of(b, ctx));
  if (a.kind == ValueKind::date && b.kind == ValueKind::date) return apply_order(op, a.date, b.date);
  if (a.kind == ValueKind::boolean && b.kind == ValueKind::boolean) return apply_order(op, a.b, b.b);
  return op == BinaryOp::not_equal;
}

inline Value make_int(std::int64_t i) {
  Value v;
  v.kind = ValueKind::integer;
  v.i = i;
  return v;
}
inline Value make_real(double d) {
  Value v;
  v.kind = ValueKind::real;
  v.d = d;
  return v;
}
inline Value make_date_days(std::int32_t days) {
  Value v;
  v.kind = ValueKind::date;
  v.date = days;
  return v;
}
inline Value make_bool(bool b) {
  Value v;
  v.kind = ValueKind::boolean;
  v.b = b;
  return v;
}

/// A value_load: the answer in an answered slot as a Value of its question's type.
inline Value load_answer(const detail::AnswerSlot& slot, std::uint32_t slot_index, QuestionType type) {
  Value v;
  switch (type) {
    case QuestionType::boolean:
      v.kind = ValueKind::boolean;
      v.b = slot.value.boolean;
      break;
    case QuestionType::number:
      v.kind = ValueKind::real;
      v.d = slot.value.number;
      break;
    case QuestionType::enumeration:
      v.kind = ValueKind::enumeration;
      v.len = slot_index;
      v.enum_index = slot.value.enum_index;
      break;
    case QuestionType::list:
      v.kind = ValueKind::answer_list;
      v.first = slot.value.list.first;
      v.len = slot.value.list.size;
      break;
    case QuestionType::date:
      v.kind = ValueKind::date;
      v.date = slot.value.date_days;
      break;
  }
  return v;
}

/// `x op y` for +, -, * and / on doubles: a result that is not finite fails.
inline const char* real_arithmetic(BinaryOp op, double x, double y, double& r) {
  switch (op) {
    case BinaryOp::add:
      r = x + y;
      break;
    case BinaryOp::subtract:
      r = x - y;
      break;
    case BinaryOp::multiply:
      r = x * y;
      break;
    case BinaryOp::divide:
      if (y == 0.0) return "division by zero";
      r = x / y;
      break;
    default:
      return "not an arithmetic operator";
  }
  if (!std::isfinite(r)) return "number out of range";
  return nullptr;
}

/// `x op y` for +, -, *, / and % on ints: overflow and division by zero fail.
inline const char* int_arithmetic(BinaryOp op, std::int64_t x, std::int64_t y, std::int64_t& r) {
  switch (op) {
    case BinaryOp::add:
      if (__builtin_add_overflow(x, y, &r)) return "integer overflow";
      return nullptr;
    case BinaryOp::subtract:
      if (__builtin_sub_overflow(x, y, &r)) return "integer overflow";
      return nullptr;
    case BinaryOp::multiply:
      if (__builtin_mul_overflow(x, y, &r)) return "integer overflow";
      return nullptr;
    case BinaryOp::divide:
    case BinaryOp::modulo:
      if (y == 0) return "division by zero";
      if (x == std::numeric_limits<std::int64_t>::min() && y == -1) return "integer overflow";
      r = op == BinaryOp::divide ? x / y : x % y;
      return nullptr;
    default:
      return "not an arithmetic operator";
  }
}

/// `a op b` for +, -, *, / and %: ints stay ints (overflow fails), otherwise doubles (a
/// result that is not finite fails).
inline const char* arithmetic(BinaryOp op, const Value& a, const Value& b, Value& out) {
  if (a.kind == ValueKind::integer && b.kind == ValueKind::integer) {
    std::int64_t r = 0;
    if (const char* failure = int_arithmetic(op, a.i, b.i, r)) return failure;
    out = make_int(r);
    return nullptr;
  }
  double r = 0;
  if (const char* failure = real_arithmetic(op, as_double(a), as_double(b), r)) return failure;
  out = make_real(r);
  return nullptr;
}

/// Unary minus of an int: the most negative one fails.
inline const char* int_negate(std::int64_t x, std::int64_t& r) {
  if (x == std::numeric_limits<std::int64_t>::min()) return "integer overflow";
  r = -x;
  return nullptr;
}

/// int() of a double: truncated; one out of the int range fails.
inline const char* to_int(double d, std::int64_t& r) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return "int() of a number out of range";
  r = static_cast<std::int64_t>(d);
  return nullptr;
}

/// Unary minus (of an int or a double; any other value is left as it is).
inline const char* negate(Value v, Value& out) {
  if (v.kind == ValueKind::integer) {
    if (const char* failure = int_negate(v.i, v.i)) return failure;
  } else if (v.kind == ValueKind::real) {
    v.d = -v.d;
  }
  out = v;
  return nullptr;
}

/// A builtin function that gives a value, of decided arguments (`b` unused for one argument;
/// today() is the caller's).
inline const char* call(Builtin builtin, const Value& a, const Value& b, const EvalContext& ctx, Value& out) {
  switch (builtin) {
    case Builtin::date: {
      auto d = Date::parse_iso(text_of(a, ctx));
      if (!d) return "not a date in the form YYYY-MM-DD";
      out = make_date_days(d->days_since_epoch());
      return nullptr;
    }
    case Builtin::days_since:
    case Builtin::weeks_since:
    case Builtin::months_since:
    case Builtin::years_since:
      out = make_int(date_measure(date_unit(builtin), a.date, ctx));
      return nullptr;
    case Builtin::add_days: {
      auto d = Date::from_days(a.date).add_days(b.i);
      if (!d) return "add_days leaves the supported date range";
      out = make_date_days(d->days_since_epoch());
      return nullptr;
    }
    case Builtin::add_months: {
      auto d = Date::from_days(a.date).add_months(b.i);
      if (!d) return "add_months leaves the supported date range";
      out = make_date_days(d->days_since_epoch());
      return nullptr;
    }
    case Builtin::size:  // CEL counts a string's code points, not its bytes
      out = make_int(is_text(a) ? code_points(text_of(a, ctx)) : static_cast<std::int64_t>(a.len));
      return nullptr;
    case Builtin::to_int: {
      std::int64_t r = 0;
      if (const char* failure = to_int(as_double(a), r)) return failure;
      out = make_int(r);
      return nullptr;
    }
    case Builtin::to_double:
      out = make_real(as_double(a));
      return nullptr;
    default:
      return "function cannot give a value here";
  }
}

/// `list[index]`.
inline const char* index(const Value& list, const Value& at, const EvalContext& ctx, Value& out) {
  if (at.i < 0 || at.i >= static_cast<std::int64_t>(list.len)) return "list index out of range";
  out = list_item(list, static_cast<std::uint32_t>(at.i), ctx);
  return nullptr;
}

/// `needle in list`: equal (as == compares) to an item.
inline bool contains_value(const Value& needle, const Value& list, const EvalContext& ctx) {
  for (std::uint32_t k = 0; k < list.len; ++k)
    if (compare_values(BinaryOp::equal, needle, list_item(list, k, ctx), ctx)) return true;
  return false;
}

/// `needle in list` for a text needle and a list of strings: as contains_value, where ==
/// on two texts compares their bytes.
inline bool contains_text(const Value& needle, const Value& list, const EvalContext& ctx) {
  const std::string_view text = text_of(needle, ctx);
  for (std::uint32_t k = 0; k < list.len; ++k)
    if (text_of(list_item(list, k, ctx), ctx) == text) return true;
  return false;
}

/// any_in of a list value against a value set folded when the rule set compiled.
inline bool any_in_set(const Value& list, std::uint32_t set, const EvalContext& ctx) {
  for (std::uint32_t k = 0; k < list.len; ++k)
    if (in_value_set(text_of(list_item(list, k, ctx), ctx), set, ctx)) return true;
  return false;
}

/// any_in of two list values (the second folded now).
inline bool any_in_lists(const Value& list, const Value& set, const EvalContext& ctx) {
  for (std::uint32_t i = 0; i < list.len; ++i) {
    const std::string_view item = text_of(list_item(list, i, ctx), ctx);
    for (std::uint32_t j = 0; j < set.len; ++j)
      if (util::texts_match(item, text_of(list_item(set, j, ctx), ctx))) return true;
  }
  return false;
}

/// startsWith, endsWith, contains.
inline bool text_test(Builtin builtin, const Value& a, const Value& b, const EvalContext& ctx) {
  const std::string_view s = text_of(a, ctx), p = text_of(b, ctx);
  switch (builtin) {
    case Builtin::starts_with:
      return s.starts_with(p);
    case Builtin::ends_with:
      return s.ends_with(p);
    default:
      return s.find(p) != std::string_view::npos;
  }
}

}  // namespace contrascreen::expr::ops
