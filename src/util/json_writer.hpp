// Appending JSON to a std::string: strings (escaped), numbers, literals. Output is
// compact (no spaces) so that every record is one line of JSON Lines; appending to one
// reused string lets a batch writer emit records without allocating per record. Knows
// nothing of decisions: ruleset/decision_json.hpp writes those with these pieces.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/printable.hpp"

namespace contrascreen::json {

/// True when one of the eight bytes of `chunk` is a control character, DEL, '"', '\\' or
/// not ASCII. Exact as a whole, though not as to which byte matched, so append_string uses
/// it only to skip plain stretches eight bytes a time.
constexpr bool chunk_needs_escape(std::uint64_t chunk) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  return util::chunk_may_need_escape(chunk) ||
         (has_zero_byte(chunk ^ (ones * '"')) | has_zero_byte(chunk ^ (ones * '\\'))) != 0;
}

/// Appends `text` as a JSON string, always valid UTF-8 whatever `text` holds: quotes,
/// backslashes and control characters (C0, DEL and C1) are escaped (\n, \t, ... or \u00XX),
/// each ill-formed UTF-8 sequence (maximal subpart, util::next_text_unit) becomes U+FFFD,
/// everything else is copied as is. Escaping DEL and C1 as well keeps a terminal that shows
/// the JSON safe; JSON readers read them back unchanged.
inline void append_string(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  const char* data = text.data();
  const std::size_t size = text.size();
  out.push_back('"');
  std::size_t run = 0;  // start of the stretch not yet copied: plain text goes in one append
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, data + i, sizeof chunk);
      if (!chunk_needs_escape(chunk)) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0x80) {
      const util::TextUnit unit = util::next_text_unit(text, i);
      if (unit.kind == util::TextUnitKind::plain) {
        i += unit.length;
        continue;
      }
      out.append(data + run, i - run);
      i += unit.length;
      run = i;
      if (unit.kind == util::TextUnitKind::invalid) {
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        continue;
      }
      c = static_cast<unsigned char>(data[i - 1]);  // C1: C2 80..C2 9F is U+0080..U+009F
    } else {
      ++i;
      if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\') continue;
      out.append(data + run, i - 1 - run);
      run = i;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0x0f]);
    }
  }
  out.append(data + run, size - run);
  out.push_back('"');
}

/// Appends `"key":`. Keys are written by the program, but escaped all the same.
inline void append_key(std::string& out, std::string_view key) {
  append_string(out, key);
  out.push_back(':');
}

inline void append_null(std::string& out) {
  out += "null";
}

inline void append_bool(std::string& out, bool value) {
  out += value ? "true" : "false";
}

/// Appends the shortest text that reads back as `value`; null when it is not finite
/// (JSON has no NaN or infinity).
inline void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    append_null(out);
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

inline void append_optional_string(std::string& out, const std::optional<std::string>& text) {
  if (text)
    append_string(out, *text);
  else
    append_null(out);
}

/// Appends a JSON array of strings.
inline void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_string(out, items[i]);
  }
  out.push_back(']');
}

}  // namespace contrascreen::json
