#include "ruleset/sheet/phrase_words.hpp"

#include <array>
#include <cstddef>

namespace contrascreen::sheet {
namespace {

constexpr std::size_t key_count = static_cast<std::size_t>(Words::count_);
using Column = std::array<std::string_view, key_count>;

// One column per language, in the order of Words.
constexpr Column english = {
    "the answer to {0} is yes",
    "the answer to {0} is no",
    "{0} is answered",
    "{0} is not answered",
    "always",
    "never",
    "it is not the case that {0}",
    " and ",
    " or ",
    ", ",
    "({0})",
    "{0} (when answered)",
    "{0} (when {1} is answered)",
    "if {0}, then {1}, otherwise {2}",
    "{0} is {1}",
    "{0} is not {1}",
    "{0} is less than {1}",
    "{0} is at most {1}",
    "{0} is more than {1}",
    "{0} is at least {1}",
    "{0} is before {1}",
    "{0} is on or before {1}",
    "{0} is after {1}",
    "{0} is on or after {1}",
    "{0} is one of {1}",
    "{0} matches one of {1}",
    "{0} starts with {1}",
    "{0} ends with {1}",
    "{0} contains {1}",
    "{0} was {1} before the screening date",
    "exactly {0}",
    "other than {0}",
    "less than {0}",
    "at most {0}",
    "more than {0}",
    "at least {0}",
    "{0} day",
    "{0} days",
    "{0} whole week",
    "{0} whole weeks",
    "{0} calendar month",
    "{0} calendar months",
    "{0} whole year",
    "{0} whole years",
    "the answer to {0}",
    "the answers to {0}",
    "the date answered to {0}",
    "any answer to {0}",
    "any item of {0}",
    "the screening date",
    "the date written in {0}",
    "the number of days from {0} to the screening date",
    "the number of whole weeks from {0} to the screening date",
    "the number of whole calendar months from {0} to the screening date",
    "the number of whole years from {0} to the screening date",
    "{1} after {0}",
    "{1} after {0} (the month's last day when that month is shorter)",
    "the number of items in {0}",
    "the number of characters in {0}",
    "{0} rounded towards zero",
    "{0}",
    "{0} plus {1}",
    "{0} minus {1}",
    "{0} times {1}",
    "{0} divided by {1}",
    "{0} divided by {1}, rounded towards zero",
    "the remainder of {0} divided by {1}",
    "minus {0}",
    "item {1} (counting from 0) of {0}",
    "{1} if {0}, otherwise {2}",
    "whether {0}",
    "yes",
    "no",
    "no value",
    "nothing",
    "the list ({0})",
    "the names in the list {0} ({1})",
    "{0} and {1} more",
};

// A column with a template missing would leave the last keys empty.
static_assert(!english.back().empty(), "a template for every key");

struct Language {
  std::string_view tag;
  const Column* words;
};
constexpr Language languages[] = {{"en", &english}};

}  // namespace

bool has_words(std::string_view language) noexcept {
  for (const Language& l : languages)
    if (l.tag == language) return true;
  return false;
}

std::string_view words(Words key, std::string_view language) noexcept {
  const Column* column = &english;
  for (const Language& l : languages)
    if (l.tag == language) column = l.words;
  return (*column)[static_cast<std::size_t>(key)];
}

}  // namespace contrascreen::sheet
