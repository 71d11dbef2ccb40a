// The Unicode Character Database properties that free-text matching needs (text_match.hpp).
// The implementation is generated at build time by cmake/generate_unicode_data.py from Debian's
// `unicode-data` package (/usr/share/unicode); no generated table is checked in.
#pragma once

#include <cstdint>
#include <string_view>

// Lookups in constant tables: pure, noexcept and thread-safe. A value above U+10FFFF has
// no property (not white space, class 0, maps to itself, composes with nothing).
namespace contrascreen::util::unicode {

/// The Unicode version the tables were generated from, e.g. "15.0.0".
extern const char* const version;

/// Whether `c` has the White_Space property (PropList.txt): the ASCII blanks, NEL, NBSP,
/// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Not U+200B.
[[nodiscard]] bool is_white_space(char32_t c) noexcept;

/// The canonical combining class of `c` (0 for a starter).
[[nodiscard]] std::uint8_t combining_class(char32_t c) noexcept;

/// The full canonical decomposition of `c` (UnicodeData.txt, applied recursively), not
/// reordered; empty when `c` has none. Hangul syllables are not in the table: decompose them
/// by the algorithm of Unicode 3.12. The view points into static storage.
[[nodiscard]] std::u32string_view canonical_decomposition(char32_t c) noexcept;

/// For `c` without a canonical decomposition: the canonical decomposition of its simple case
/// folding (CaseFolding.txt C and S), folded and decomposed again until nothing changes, so that
/// each code point of the result has no decomposition and folds to itself. Empty when `c` folds
/// to itself. Not reordered. The view points into static storage.
[[nodiscard]] std::u32string_view case_folding(char32_t c) noexcept;

/// The primary composite of the canonical pair `first`, `second` (not a composition
/// exclusion), or 0 when there is none. Hangul syllables are not in the table.
[[nodiscard]] char32_t compose_pair(char32_t first, char32_t second) noexcept;

}  // namespace contrascreen::util::unicode
