#include "expr/evaluator.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "util/text_match.hpp"

namespace contrascreen::expr {
namespace {

Tri no() {
  return {Tri::no, 0};
}
Tri yes() {
  return {Tri::yes, 0};
}
Tri tri(bool b) {
  return {b ? Tri::yes : Tri::no, 0};
}
Tri unknown(std::uint64_t missing) {
  return {Tri::undecided, missing};
}
std::uint64_t bit(const Instr& in) {
  return std::uint64_t{1} << in.bit;
}

Value fail(const EvalContext& ctx, const Instr& in, const char* message) {
  if (ctx.error != nullptr && !ctx.error->set) *ctx.error = EvalError{true, in.node, message};
  return Value::undecided(failed_bit);
}

Value load_answer(const Instr& in, const EvalContext& ctx);

// eval_value with the operands most value trees end in (a constant, an answer) read inline:
// they are half the instructions of a generic expression, and a call each would dominate.
inline Value operand(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  if (in.op == Op::value_const) return ctx.program->constants[in.a];
  if (in.op == Op::value_load) return load_answer(in, ctx);
  return eval_value(pc, ctx);
}

std::string_view text_of(const Value& v, const EvalContext& ctx) {
  if (v.kind == ValueKind::enumeration) return ctx.catalogue->questions()[v.len].values[v.enum_index].value;
  return {v.str, v.len};
}

// any_in's matching (trimmed, case-folded, NFC) is util/text_match.hpp's.
bool in_folded_set(std::string_view item, const FoldedSet& set) {
  return util::matches_any_key(item, set.members, set.max_length);
}

// in_folded_set behind the set's prefilter: most items are rejected by the filter alone.
bool in_value_set(std::string_view item, std::uint32_t set, const EvalContext& ctx) {
  if (!ctx.program->filters[set].may_contain(util::trim_white_space(item))) return false;
  return in_folded_set(item, ctx.program->sets[set]);
}

std::uint32_t list_size(const Value& v) {
  return v.len;
}

std::int64_t code_points(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}
// Item k of a list value, as a Value.
Value list_item(const Value& list, std::uint32_t k, const EvalContext& ctx) {
  if (list.kind == ValueKind::const_list) return ctx.program->constants[list.first + k];
  const std::string_view s = ctx.intake->list_item(list.first + k);
  Value v;
  v.kind = ValueKind::string;
  v.str = s.data();
  v.len = static_cast<std::uint32_t>(s.size());
  return v;
}

bool is_number(const Value& v) {
  return v.kind == ValueKind::integer || v.kind == ValueKind::real;
}
double as_double(const Value& v) {
  return v.kind == ValueKind::integer ? static_cast<double>(v.i) : v.d;
}
bool is_text(const Value& v) {
  return v.kind == ValueKind::string || v.kind == ValueKind::enumeration;
}

template <typename X>
bool apply_order(BinaryOp op, const X& a, const X& b) {
  switch (op) {
    case BinaryOp::equal:
      return a == b;
    case BinaryOp::not_equal:
      return a != b;
    case BinaryOp::less:
      return a < b;
    case BinaryOp::less_equal:
      return a <= b;
    case BinaryOp::greater:
      return a > b;
    case BinaryOp::greater_equal:
      return a >= b;
    default:
      return false;
  }
}

// Both operands decided; the checker guaranteed they are comparable.
bool compare_values(BinaryOp op, const Value& a, const Value& b, const EvalContext& ctx) {
  if (is_number(a) && is_number(b)) {
    if (a.kind == ValueKind::integer && b.kind == ValueKind::integer) return apply_order(op, a.i, b.i);
    return apply_order(op, as_double(a), as_double(b));
  }
  if (a.kind == ValueKind::enumeration && b.kind == ValueKind::enumeration && a.len == b.len)
    return apply_order(op, a.enum_index, b.enum_index);
  if (is_text(a) && is_text(b)) return apply_order(op, text_of(a, ctx), text_of(b, ctx));
  if (a.kind == ValueKind::date && b.kind == ValueKind::date) return apply_order(op, a.date, b.date);
  if (a.kind == ValueKind::boolean && b.kind == ValueKind::boolean) return apply_order(op, a.b, b.b);
  return op == BinaryOp::not_equal;
}

Value make_int(std::int64_t i) {
  Value v;
  v.kind = ValueKind::integer;
  v.i = i;
  return v;
}
Value make_date(Date d) {
  Value v;
  v.kind = ValueKind::date;
  v.date = d.days_since_epoch();
  return v;
}
Value make_bool(bool b) {
  Value v;
  v.kind = ValueKind::boolean;
  v.b = b;
  return v;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

Value call(const Instr& in, const EvalContext& ctx) {
  const auto builtin = static_cast<Builtin>(in.sub);
  if (builtin == Builtin::today) {
    Value v;
    v.kind = ValueKind::date;
    v.date = ctx.today;
    return v;
  }
  const Value a = operand(in.a, ctx);
  const Value b = in.b == no_pc ? Value{} : operand(in.b, ctx);
  const std::uint64_t missing = a.missing_bits() | (in.b == no_pc ? 0 : b.missing_bits());
  if (a.kind == ValueKind::undecided || (in.b != no_pc && b.kind == ValueKind::undecided))
    return Value::undecided(missing);
  const Date today = Date::from_days(ctx.today);
  switch (builtin) {
    case Builtin::date: {
      auto d = Date::parse_iso(text_of(a, ctx));
      return d ? make_date(*d) : fail(ctx, in, "not a date in the form YYYY-MM-DD");
    }
    case Builtin::days_since:
      return make_int(Date::days_between(Date::from_days(a.date), today));
    case Builtin::weeks_since:
      return make_int(floor_div(Date::days_between(Date::from_days(a.date), today), 7));
    case Builtin::months_since:
      return make_int(Date::months_between(Date::from_days(a.date), today));
    case Builtin::years_since:
      return make_int(floor_div(Date::months_between(Date::from_days(a.date), today), 12));
    case Builtin::add_days: {
      auto d = Date::from_days(a.date).add_days(b.i);
      return d ? make_date(*d) : fail(ctx, in, "add_days leaves the supported date range");
    }
    case Builtin::add_months: {
      auto d = Date::from_days(a.date).add_months(b.i);
      return d ? make_date(*d) : fail(ctx, in, "add_months leaves the supported date range");
    }
    case Builtin::size:  // CEL counts a string's code points, not its bytes
      return make_int(is_text(a) ? code_points(text_of(a, ctx)) : list_size(a));
    case Builtin::to_int: {
      const double d = as_double(a);
      if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return fail(ctx, in, "int() of a number out of range");
      return make_int(static_cast<std::int64_t>(d));
    }
    case Builtin::to_double: {
      Value v;
      v.kind = ValueKind::real;
      v.d = as_double(a);
      return v;
    }
    default:
      return fail(ctx, in, "function cannot give a value here");
  }
}

Value arithmetic(const Instr& in, const EvalContext& ctx) {
  const Value a = operand(in.a, ctx);
  const Value b = operand(in.b, ctx);
  if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
    return Value::undecided(a.missing_bits() | b.missing_bits());
  const auto op = static_cast<BinaryOp>(in.sub);
  if (a.kind == ValueKind::integer && b.kind == ValueKind::integer) {
    std::int64_t r = 0;
    switch (op) {
      case BinaryOp::add:
        if (__builtin_add_overflow(a.i, b.i, &r)) return fail(ctx, in, "integer overflow");
        break;
      case BinaryOp::subtract:
        if (__builtin_sub_overflow(a.i, b.i, &r)) return fail(ctx, in, "integer overflow");
        break;
      case BinaryOp::multiply:
        if (__builtin_mul_overflow(a.i, b.i, &r)) return fail(ctx, in, "integer overflow");
        break;
      case BinaryOp::divide:
      case BinaryOp::modulo:
        if (b.i == 0) return fail(ctx, in, "division by zero");
        if (a.i == std::numeric_limits<std::int64_t>::min() && b.i == -1) return fail(ctx, in, "integer overflow");
        r = op == BinaryOp::divide ? a.i / b.i : a.i % b.i;
        break;
      default:
        return fail(ctx, in, "not an arithmetic operator");
    }
    return make_int(r);
  }
  const double x = as_double(a), y = as_double(b);
  double r = 0;
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
      if (y == 0.0) return fail(ctx, in, "division by zero");
      r = x / y;
      break;
    default:
      return fail(ctx, in, "not an arithmetic operator");
  }
  if (!std::isfinite(r)) return fail(ctx, in, "number out of range");
  Value v;
  v.kind = ValueKind::real;
  v.d = r;
  return v;
}

Tri contains_value(const Value& needle, const Value& list, const EvalContext& ctx) {
  for (std::uint32_t k = 0; k < list.len; ++k)
    if (compare_values(BinaryOp::equal, needle, list_item(list, k, ctx), ctx)) return yes();
  return no();
}

Tri any_in_lists(const Value& list, const Value& set, const EvalContext& ctx) {
  for (std::uint32_t i = 0; i < list.len; ++i) {
    const std::string_view item = text_of(list_item(list, i, ctx), ctx);
    for (std::uint32_t j = 0; j < set.len; ++j)
      if (util::texts_match(item, text_of(list_item(set, j, ctx), ctx))) return yes();
  }
  return no();
}

// A value_load: the answer in its slot as a Value.
Value load_answer(const Instr& in, const EvalContext& ctx) {
  const auto& slot = ctx.slots[in.slot];
  if (!slot.answered) return Value::undecided(bit(in));
  Value v;
  switch (static_cast<QuestionType>(in.sub)) {
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
      v.len = in.slot;
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

}  // namespace

bool list_any_in_set(const detail::AnswerSlot& slot, std::uint32_t set_index, const EvalContext& ctx) {
  for (std::uint32_t k = 0; k < slot.value.list.size; ++k)
    if (in_value_set(ctx.intake->list_item(slot.value.list.first + k), set_index, ctx)) return true;
  return false;
}

Tri eval_bool(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  if (is_leaf(in.op)) return eval_leaf(in, ctx);
  switch (in.op) {
    case Op::bool_const:
      return tri(in.imm.i != 0);
    case Op::bool_not: {
      Tri t = eval_rule_condition(in.a, ctx);
      if (t.state != Tri::undecided) t.state = t.state == Tri::yes ? Tri::no : Tri::yes;
      return t;
    }
    // Kleene and/or over n operands: false (true) as soon as one is; otherwise undecided
    // with the missing questions of the undecided operands, or true (false).
    case Op::bool_and:
    case Op::bool_or: {
      const Tri::State decisive = in.op == Op::bool_and ? Tri::no : Tri::yes;
      const Pc* operand = ctx.program->operands.data() + in.a;
      std::uint64_t missing = 0;
      bool undecided = false;
      for (std::uint32_t k = 0; k < in.b; ++k) {
        const Tri t = eval_rule_condition(operand[k], ctx);
        if (t.state == decisive) return t;
        if (t.state == Tri::undecided) {
          undecided = true;
          missing |= t.missing;
        }
      }
      if (undecided) return unknown(missing);
      return {decisive == Tri::no ? Tri::yes : Tri::no, 0};
    }
    case Op::bool_cond: {
      const Tri c = eval_rule_condition(in.a, ctx);
      if (c.state == Tri::yes) return eval_rule_condition(in.b, ctx);
      if (c.state == Tri::no) return eval_rule_condition(in.c, ctx);
      const Tri t = eval_rule_condition(in.b, ctx);
      const Tri e = eval_rule_condition(in.c, ctx);
      // Either branch gives the same answer: the unknown condition does not matter.
      if (t.state != Tri::undecided && t.state == e.state) return t;
      return unknown(c.missing | t.missing | e.missing);
    }
    case Op::any_in: {
      const Value list = operand(in.a, ctx);
      if (list.kind == ValueKind::undecided) return unknown(list.missing);
      for (std::uint32_t k = 0; k < list.len; ++k)
        if (in_value_set(text_of(list_item(list, k, ctx), ctx), in.b, ctx)) return yes();
      return no();
    }
    case Op::any_in_dynamic: {
      const Value list = operand(in.a, ctx);
      const Value set = operand(in.b, ctx);
      if (list.kind == ValueKind::undecided || set.kind == ValueKind::undecided)
        return unknown(list.missing_bits() | set.missing_bits());
      return any_in_lists(list, set, ctx);
    }
    case Op::compare: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      return tri(compare_values(static_cast<BinaryOp>(in.sub), a, b, ctx));
    }
    case Op::contains_value: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      return contains_value(a, b, ctx);
    }
    case Op::text_test: {
      const Value a = operand(in.a, ctx);
      const Value b = operand(in.b, ctx);
      if (a.kind == ValueKind::undecided || b.kind == ValueKind::undecided)
        return unknown(a.missing_bits() | b.missing_bits());
      const std::string_view s = text_of(a, ctx), p = text_of(b, ctx);
      switch (static_cast<Builtin>(in.sub)) {
        case Builtin::starts_with:
          return tri(s.starts_with(p));
        case Builtin::ends_with:
          return tri(s.ends_with(p));
        default:
          return tri(s.find(p) != std::string_view::npos);
      }
    }
    case Op::bool_from_value: {
      const Value v = operand(in.a, ctx);
      if (v.kind == ValueKind::undecided) return unknown(v.missing);
      if (v.kind != ValueKind::boolean) return unknown(fail(ctx, in, "expected a bool").missing);
      return tri(v.b);
    }
    default: {
      const Value v = eval_value(pc, ctx);
      if (v.kind == ValueKind::boolean) return tri(v.b);
      return unknown(v.kind == ValueKind::undecided ? v.missing : failed_bit);
    }
  }
}

Value eval_value(Pc pc, const EvalContext& ctx) {
  const Instr& in = ctx.program->code[pc];
  switch (in.op) {
    case Op::value_const:
      return ctx.program->constants[in.a];
    case Op::value_load:
      return load_answer(in, ctx);
    case Op::date_shift: {
      const auto& slot = ctx.slots[in.slot];
      if (!slot.answered) return Value::undecided(bit(in));
      const Date from = Date::from_days(slot.value.date_days);
      if (static_cast<Builtin>(in.sub) == Builtin::add_days) {
        auto d = from.add_days(in.imm.i);
        return d ? make_date(*d) : fail(ctx, in, "add_days leaves the supported date range");
      }
      auto d = from.add_months(in.imm.i);
      return d ? make_date(*d) : fail(ctx, in, "add_months leaves the supported date range");
    }
    case Op::value_from_bool: {
      const Tri t = eval_bool(in.a, ctx);
      return t.state == Tri::undecided ? Value::undecided(t.missing) : make_bool(t.state == Tri::yes);
    }
    case Op::negate: {
      Value v = operand(in.a, ctx);
      if (v.kind == ValueKind::integer) {
        if (v.i == std::numeric_limits<std::int64_t>::min()) return fail(ctx, in, "integer overflow");
        v.i = -v.i;
      } else if (v.kind == ValueKind::real) {
        v.d = -v.d;
      }
      return v;
    }
    case Op::arithmetic:
      return arithmetic(in, ctx);
    case Op::value_cond: {
      const Tri c = eval_bool(in.a, ctx);
      if (c.state == Tri::yes) return operand(in.b, ctx);
      if (c.state == Tri::no) return operand(in.c, ctx);
      const Value t = operand(in.b, ctx);
      const Value e = operand(in.c, ctx);
      if (t.kind != ValueKind::undecided && t.kind == e.kind && compare_values(BinaryOp::equal, t, e, ctx)) return t;
      return Value::undecided(c.missing | t.missing_bits() | e.missing_bits());
    }
    case Op::call:
      return call(in, ctx);
    case Op::index: {
      const Value list = operand(in.a, ctx);
      const Value index = operand(in.b, ctx);
      if (list.kind == ValueKind::undecided || index.kind == ValueKind::undecided)
        return Value::undecided(list.missing_bits() | index.missing_bits());
      if (index.i < 0 || index.i >= static_cast<std::int64_t>(list.len))
        return fail(ctx, in, "list index out of range");
      return list_item(list, static_cast<std::uint32_t>(index.i), ctx);
    }
    default: {
      const Tri t = eval_bool(pc, ctx);
      return t.state == Tri::undecided ? Value::undecided(t.missing) : make_bool(t.state == Tri::yes);
    }
  }
}

std::string to_display(const Value& v, const EvalContext& ctx) {
  switch (v.kind) {
    case ValueKind::undecided:
      return (v.missing & failed_bit) != 0 ? "error" : "unknown";
    case ValueKind::boolean:
      return v.b ? "true" : "false";
    case ValueKind::integer:
      return std::to_string(v.i);
    case ValueKind::real: {
      // The shortest text that reads back as the same double, always with a '.' or
      // exponent so that it is not mistaken for an int.
      char buffer[32];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, v.d).ptr;
      std::string s(buffer, end);
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return s;
    }
    case ValueKind::string:
    case ValueKind::enumeration: {
      std::string s = "\"";
      for (char c : text_of(v, ctx)) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
      }
      return s + "\"";
    }
    case ValueKind::date:
      return Date::from_days(v.date).to_iso();
    case ValueKind::answer_list:
    case ValueKind::const_list: {
      std::string out = "[";
      for (std::uint32_t k = 0; k < v.len; ++k) {
        if (k != 0) out += ", ";
        out += to_display(list_item(v, k, ctx), ctx);
      }
      return out + "]";
    }
  }
  return "?";
}

}  // namespace contrascreen::expr
