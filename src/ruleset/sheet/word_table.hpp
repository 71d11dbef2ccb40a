// The shape of the policy sheet's word tables: the words of conditions (phrase_words.cpp) and
// the fixed text of the document (sheet_words.cpp). A table is one row per key, in the order
// of its enum, with one template per language of `word_languages`; a template is text with
// numbered places {0}, {1}, ... that the writer fills. complete() lets each table
// static_assert that no row is missing, out of order or lacks a language, so a missing
// translation does not compile. Adding a language is adding its tag here and a column to
// each table.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace contrascreen::sheet {

/// The languages the tables have words in; the first is the fallback for any other.
inline constexpr std::array<std::string_view, 3> word_languages = {"en", "sv", "nl"};

/// One key's templates, one per language of word_languages, in that order.
template <class Key>
struct WordRow {
  Key key;
  std::array<std::string_view, word_languages.size()> text;
};

/// True when `rows` has exactly one row per key, in key order, each with every language.
template <class Key, std::size_t N>
constexpr bool complete(const WordRow<Key> (&rows)[N]) {
  if (N != static_cast<std::size_t>(Key::count_)) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(rows[i].key) != i) return false;
    for (const std::string_view t : rows[i].text)
      if (t.empty()) return false;
  }
  return true;
}

/// The column of `language` in the tables, or 0 (English) when they have none. Pure.
constexpr std::size_t word_column(std::string_view language) noexcept {
  for (std::size_t i = 0; i < word_languages.size(); ++i)
    if (word_languages[i] == language) return i;
  return 0;
}

/// True when the tables have a column for `language`.
constexpr bool has_words(std::string_view language) noexcept {
  for (const std::string_view l : word_languages)
    if (l == language) return true;
  return false;
}

}  // namespace contrascreen::sheet
