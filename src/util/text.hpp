// Small text helpers shared by the loader, checker and diagnostics renderer:
// positions for `file:line:col` messages, "did you mean" suggestions, UTF-8
// validity. How free-text answers (drug names, allergies) are compared is
// text_match.hpp's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// All functions here are pure: they own nothing beyond their return value,
// returned views point into the caller's text, and all are thread-safe.
namespace contrascreen::util {

/// A 1-based position for people: line number and column in code points.
struct LineColumn {
  std::uint32_t line;
  std::uint32_t column;
};

/// The line (counting '\n') and column (counting UTF-8 code points, not bytes)
/// of `byte_offset` in `text`, both 1-based. An offset past the end is clamped
/// to the end; an offset inside a multi-byte character reports that character.
[[nodiscard]] LineColumn line_column(std::string_view text, std::size_t byte_offset) noexcept;

/// The whole line of `text` containing `byte_offset` (clamped to the end),
/// without its '\n' or a trailing '\r'. A '\n' belongs to the line it ends.
/// The view points into `text`.
[[nodiscard]] std::string_view line_text(std::string_view text, std::size_t byte_offset) noexcept;

/// The marker line printed under `line` in diagnostics: blanks up to the
/// 1-based code-point `column`, then '^' and width-1 '~'. Tabs in `line` are
/// copied as tabs so the caret lines up whatever the terminal's tab width.
/// A width of 0 is treated as 1.
[[nodiscard]] std::string caret_line(std::string_view line, std::size_t column, std::size_t width);

/// Optimal string alignment distance (Levenshtein plus swaps of two adjacent
/// characters, each substring edited at most once), ignoring ASCII case.
/// Works on bytes.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` by edit_distance(), if it is within
/// max(1, min(3, word.size() / 3)) edits; on ties the earliest candidate wins.
/// For "unknown name, did you mean ...?" diagnostics.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);
/// As above, for candidates held as views.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string_view>& candidates);

/// `text` without leading and trailing ASCII whitespace (space, \t, \n, \r, \f,
/// \v). The view points into `text`. Matching free text trims every Unicode
/// White_Space instead: text_match.hpp's trim_white_space.
[[nodiscard]] std::string_view trim(std::string_view text) noexcept;

/// Whether `text` is well-formed UTF-8: no overlong forms, surrogates, code
/// points above U+10FFFF, stray or missing continuation bytes.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

/// The byte offset where the first ill-formed sequence (as is_valid_utf8 judges) starts,
/// or text.size() when `text` is well-formed UTF-8. For "not valid UTF-8" diagnostics.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text) noexcept;

}  // namespace contrascreen::util
