#include "expr/functions.hpp"

namespace contrascreen::expr {
namespace {

using P = Param;
using T = TypeKind;

constexpr Signature table[] = {
    {Builtin::date, "date", false, 1, {P::text}, T::date, "date(\"YYYY-MM-DD\"): a date literal"},
    {Builtin::today, "today", false, 0, {}, T::date, "today(): the screening date"},
    {Builtin::days_since,
     "days_since",
     false,
     1,
     {P::date},
     T::integer,
     "days_since(d): days from d to the screening date"},
    {Builtin::weeks_since,
     "weeks_since",
     false,
     1,
     {P::date},
     T::integer,
     "weeks_since(d): whole weeks from d to the screening date"},
    {Builtin::months_since,
     "months_since",
     false,
     1,
     {P::date},
     T::integer,
     "months_since(d): whole calendar months from d to the screening date"},
    {Builtin::years_since,
     "years_since",
     false,
     1,
     {P::date},
     T::integer,
     "years_since(d): whole years from d to the screening date"},
    {Builtin::add_days, "add_days", false, 2, {P::date, P::integer}, T::date, "add_days(d, n): n days after d"},
    {Builtin::add_months,
     "add_months",
     false,
     2,
     {P::date, P::integer},
     T::date,
     "add_months(d, n): n calendar months after d, clamped to the month end"},
    {Builtin::answered,
     "answered",
     false,
     1,
     {P::question},
     T::boolean,
     "answered(q): whether question q has an answer; never unknown"},
    {Builtin::any_in,
     "any_in",
     false,
     2,
     {P::text_list, P::text_list},
     T::boolean,
     "any_in(list, set): some item equals a member, trimmed and case-folded"},
    {Builtin::size, "size", false, 1, {P::sized}, T::integer, "size(x): length of a string or list"},
    {Builtin::size, "size", true, 1, {P::sized}, T::integer, "x.size(): length of a string or list"},
    {Builtin::starts_with, "startsWith", true, 2, {P::text, P::text}, T::boolean, "s.startsWith(p): s begins with p"},
    {Builtin::ends_with, "endsWith", true, 2, {P::text, P::text}, T::boolean, "s.endsWith(p): s ends with p"},
    {Builtin::contains, "contains", true, 2, {P::text, P::text}, T::boolean, "s.contains(p): p occurs in s"},
    {Builtin::to_int, "int", false, 1, {P::number}, T::integer, "int(x): x truncated towards zero"},
    {Builtin::to_double, "double", false, 1, {P::number}, T::real, "double(x): x as a double"},
};

constexpr std::string_view names[] = {
    "date",     "today",  "days_since", "weeks_since", "months_since", "years_since", "add_days", "add_months",
    "answered", "any_in", "size",       "startsWith",  "endsWith",     "contains",    "int",      "double"};

}  // namespace

std::span<const Signature> signatures() {
  return table;
}
std::span<const std::string_view> function_names() {
  return names;
}

const char* describe(Param param) {
  switch (param) {
    case Param::date:
      return "a date";
    case Param::integer:
      return "an int";
    case Param::number:
      return "a number";
    case Param::text:
      return "a string";
    case Param::text_list:
      return "a list of strings";
    case Param::sized:
      return "a string or a list";
    case Param::question:
      return "a question id";
  }
  return "?";
}

}  // namespace contrascreen::expr
