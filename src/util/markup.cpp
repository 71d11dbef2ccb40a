#include "util/markup.hpp"

#include "util/printable.hpp"

namespace contrascreen::util {

void append_html(std::string& out, std::string_view text) {
  const std::string shown = is_printable(text) ? std::string(text) : printable(text);
  for (const char c : shown) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

void append_markdown(std::string& out, std::string_view text) {
  // CommonMark lets a backslash escape any ASCII punctuation character. These are the ones
  // that can mean something inside a line; the sheet never starts a line with input text, so
  // the line-start markers (- + 1. >) need no escape there and dates read 2026-11-21.
  constexpr std::string_view special = "\\`*_[]<>#|~&";
  const std::string shown = is_printable(text) ? std::string(text) : printable(text);
  for (const char c : shown) {
    if (special.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
}

}  // namespace contrascreen::util
