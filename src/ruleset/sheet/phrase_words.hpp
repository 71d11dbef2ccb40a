// The words of the phrasings (phrase.hpp): one template per key and language (word_table.hpp).
// A template is text with numbered places {0}, {1}, {2} that phrase.cpp fills with the phrased
// operands, so each language has its own word order. Adding a language is adding a column of
// templates to phrase_words.cpp, not code.
#pragma once

#include <cstdint>
#include <string_view>

namespace contrascreen::sheet {

enum class Words : std::uint8_t {
  // statements
  is_yes,               // {0} a prompt: a bool question answered yes
  is_no,                // answered no
  answered,             // answered(q)
  not_answered,         // !answered(q)
  always,               // the literal true as a condition
  never,                // the literal false
  negation,             // !x for any other x
  and_last,             // between the last two of a list of conditions that must all hold
  or_last,              // between the last two of a list where one is enough
  separator,            // between the others
  group,                // a nested list of conditions
  when_answered,        // {0} guarded by answered(q) of a question {0} reads
  when_other_answered,  // {0} guarded by answered(q) of another question {1}
  if_then_else,         // c ? a : b as a condition
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  is_before,  // the orderings of dates
  is_on_or_before,
  is_after,
  is_on_or_after,
  one_of,       // x in list
  any_matches,  // any_in(list, set)
  starts_with,
  ends_with,
  contains,
  before_screening,  // {0} a date, {1} an amount of time: days_since(d) < n and the like
  exactly,           // amounts: {0} an amount of time
  other_than,
  less_than,
  at_most,
  more_than,
  at_least,
  day,  // {0} a number of days: 1
  days,
  week,
  weeks,
  month,
  months,
  year,
  years,
  age_year,   // {0} a number compared with a question whose unit is "years": 1
  age_years,  // any other number
  // values
  answer_to,       // {0} a prompt: the answer to a number, enum or bool question
  answers_to,      // the answers to a list question
  date_answered,   // the answer to a date question
  any_answer_to,   // the first argument of any_in, a list question
  any_item_of,     // the first argument of any_in, another list
  screening_date,  // today()
  date_in,         // date(s) of a string that is not a literal
  days_since,      // days_since(d) as a number
  weeks_since,
  months_since,
  years_since,
  after,          // add_days(d, n): {0} a date, {1} an amount of time
  months_after,   // add_months(d, n): with the clamping to the month end
  items_in,       // size(list)
  characters_in,  // size(string)
  whole_number,   // int(x)
  as_number,      // double(x)
  plus,
  minus,
  times,
  divided_by,
  divided_whole,  // int / int: rounded towards zero
  remainder,
  negative,       // unary minus
  item_of,        // list[i]: {0} the list, {1} the index
  if_else_value,  // c ? a : b as a value: {0} c, {1} a, {2} b
  whether,        // a condition used as a value, e.g. compared with another
  yes,
  no,
  no_value,      // null
  nothing,       // []
  list_of,       // a list literal that is not the right of `in`: {0} its items
  names_in_set,  // a value set: {0} its name, {1} some members
  and_more,      // {0} the members shown, {1} how many more
  count_,        // must stay last
};

// phrase.cpp reads the key before a plural as its singular.
static_assert(static_cast<int>(Words::days) == static_cast<int>(Words::day) + 1 &&
              static_cast<int>(Words::weeks) == static_cast<int>(Words::week) + 1 &&
              static_cast<int>(Words::months) == static_cast<int>(Words::month) + 1 &&
              static_cast<int>(Words::years) == static_cast<int>(Words::year) + 1);

/// The template for `key` in `language`, or in English when the table has no column for it.
std::string_view words(Words key, std::string_view language) noexcept;

}  // namespace contrascreen::sheet
