#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "util/printable.hpp"

namespace contrascreen::util {
namespace {

constexpr bool is_continuation(unsigned char byte) noexcept {
  return (byte & 0xC0) == 0x80;
}

constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::size_t clamp_offset(std::string_view text, std::size_t offset) noexcept {
  return std::min(offset, text.size());
}

std::size_t line_start(std::string_view text, std::size_t offset) noexcept {
  if (offset == 0) return 0;
  const std::size_t newline = text.rfind('\n', offset - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

template <typename Candidate>
std::optional<std::string> closest_match_in(std::string_view word, const std::vector<Candidate>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  const Candidate* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const Candidate& candidate : candidates) {
    const std::string_view view(candidate);
    // The distance is at least the length difference: skip the O(n*m) work.
    const std::size_t length_gap = view.size() > word.size() ? view.size() - word.size() : word.size() - view.size();
    if (length_gap >= best_distance) continue;
    const std::size_t distance = edit_distance(word, view);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
      if (distance == 0) break;
    }
  }
  if (best == nullptr) return std::nullopt;
  return std::string(*best);
}

}  // namespace

LineColumn line_column(std::string_view text, std::size_t byte_offset) noexcept {
  std::size_t offset = clamp_offset(text, byte_offset);
  const std::size_t start = line_start(text, offset);
  // Report the character an offset falls inside, not the one after it.
  while (offset > start && offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset]))) {
    --offset;
  }
  const auto lines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n');
  const auto code_points = std::count_if(text.begin() + static_cast<std::ptrdiff_t>(start),
                                         text.begin() + static_cast<std::ptrdiff_t>(offset),
                                         [](char c) { return !is_continuation(static_cast<unsigned char>(c)); });
  return LineColumn{static_cast<std::uint32_t>(lines + 1), static_cast<std::uint32_t>(code_points + 1)};
}

std::string_view line_text(std::string_view text, std::size_t byte_offset) noexcept {
  const std::size_t offset = clamp_offset(text, byte_offset);
  const std::size_t start = line_start(text, offset);
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

std::string caret_line(std::string_view line, std::size_t column, std::size_t width) {
  const std::size_t blanks = column > 0 ? column - 1 : 0;
  std::string out;
  out.reserve(blanks + std::max<std::size_t>(width, 1));
  for (std::size_t i = 0; i < line.size() && out.size() < blanks; ++i) {
    if (is_continuation(static_cast<unsigned char>(line[i]))) continue;
    out.push_back(line[i] == '\t' ? '\t' : ' ');
  }
  out.append(blanks - out.size(), ' ');  // a column just past the line's end
  out.push_back('^');
  if (width > 1) out.append(width - 1, '~');
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows: the transposition case looks two rows back.
  const std::size_t columns = b.size() + 1;
  std::vector<std::size_t> rows(3 * columns);
  std::size_t* before_previous = rows.data();
  std::size_t* previous = before_previous + columns;
  std::size_t* current = previous + columns;
  for (std::size_t j = 0; j < columns; ++j) previous[j] = j;

  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    const char ai = ascii_lower(a[i - 1]);
    for (std::size_t j = 1; j < columns; ++j) {
      const char bj = ascii_lower(b[j - 1]);
      const std::size_t substitution = previous[j - 1] + (ai == bj ? 0 : 1);
      std::size_t best = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && ai == ascii_lower(b[j - 2]) && ascii_lower(a[i - 2]) == bj) {
        best = std::min(best, before_previous[j - 2] + 1);
      }
      current[j] = best;
    }
    std::size_t* recycled = before_previous;
    before_previous = previous;
    previous = current;
    current = recycled;
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  return closest_match_in(word, candidates);
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  return closest_match_in(word, candidates);
}

std::string_view trim(std::string_view text) noexcept {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    // Most input is ASCII: test eight bytes at a time for a set high bit.
    if (text.size() - i >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, text.data() + i, sizeof chunk);
      if ((chunk & 0x8080808080808080u) == 0) {
        i += 8;
        continue;
      }
    }
    // What well-formed UTF-8 is (Unicode Table 3-7) is printable.hpp's one decoder.
    const TextUnit unit = next_text_unit(text, i);
    if (unit.kind == TextUnitKind::invalid) return i;
    i += unit.length;
  }
  return text.size();
}

bool is_valid_utf8(std::string_view text) noexcept {
  return first_invalid_utf8(text) == text.size();
}

}  // namespace contrascreen::util
