// Appending JSON to a std::string, for the decision writers and the CLI. Output is
// compact (no spaces) so that every record is one line of JSON Lines; appending to
// one reused string lets a batch writer emit records without allocating per record.
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/date.hpp"

namespace contrascreen::json {

/// Appends `text` as a JSON string: quotes, backslashes and control characters are
/// escaped (\n, \t, ... or \u00XX); everything else, UTF-8 included, is copied as is.
inline void append_string(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // copy unescaped stretches in one append
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
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
  out.append(text.data() + run, text.size() - run);
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

/// Appends "YYYY-MM-DD" (quoted) without allocating.
inline void append_date(std::string& out, Date date) {
  char buffer[12];
  buffer[0] = '"';
  date.write_iso(buffer + 1);
  buffer[11] = '"';
  out.append(buffer, sizeof buffer);
}

inline void append_optional_date(std::string& out, const std::optional<Date>& date) {
  if (date)
    append_date(out, *date);
  else
    append_null(out);
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
