// Locating problems in JSON text that simdjson rejects without saying where, and the
// JSON number grammar. Pure functions over the text; header-only for the readers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "util/text.hpp"

namespace contrascreen::json {

/// The JSON number grammar, to tell an out-of-range number (1e999) from malformed text.
inline bool is_json_number(std::string_view s) noexcept {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

/// Length in bytes of the JSON token starting at `offset` of `text`: a whole string
/// (quotes included), one bracket, or a bare word or number; at least 1 inside the text.
inline std::uint32_t token_length(std::string_view text, std::size_t offset) noexcept {
  if (offset >= text.size()) return 0;
  std::size_t end = offset;
  if (text[offset] == '"') {
    for (++end; end < text.size() && text[end] != '"'; ++end)
      if (text[end] == '\\') ++end;
    end = std::min(end + 1, text.size());
  } else if (text[offset] == '{' || text[offset] == '[') {
    end = offset + 1;
  } else {
    while (end < text.size() && std::string_view(",:]} \t\r\n").find(text[end]) == std::string_view::npos) ++end;
  }
  return static_cast<std::uint32_t>(std::max<std::size_t>(end - offset, 1));
}

/// Where, and what, is wrong with a JSON text.
struct Misplaced {
  std::size_t offset;
  const char* message;
};

/// simdjson rejects unbalanced documents and unclosed strings before parsing, without a
/// position; one pass over the brackets, outside strings, finds where it goes wrong.
inline std::optional<Misplaced> find_unbalanced(std::string_view text) noexcept {
  int depth = 0;
  bool closed = false;  // the root value has ended
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (closed) return Misplaced{i, "invalid JSON: unexpected text after the intake"};
    if (c == '"') {
      const std::size_t start = i;
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      if (i >= text.size()) return Misplaced{start, "invalid JSON: a string is not closed"};
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth < 0) return Misplaced{i, "invalid JSON: unmatched closing bracket"};
    }
    closed = depth == 0 && (c == '}' || c == ']');
  }
  if (depth > 0) return Misplaced{text.size(), "invalid JSON: the intake ends before its closing brace"};
  return std::nullopt;
}

/// Where simdjson found invalid UTF-8 (it only says that it did).
inline std::size_t first_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80         ? 1
                               : (lead >> 5) == 6  ? 2
                               : (lead >> 4) == 14 ? 3
                               : (lead >> 3) == 30 ? 4
                                                   : 1;
    if (i + length > text.size() || !util::is_valid_utf8(text.substr(i, length))) return i;
    i += length;
  }
  return 0;
}

}  // namespace contrascreen::json
