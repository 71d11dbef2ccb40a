#include "yaml/flow_depth.hpp"

namespace contrascreen::yaml {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }

// True when position `i` ends a token: the text ends, or a blank or line break follows.
bool ends_token(std::string_view text, std::size_t i) noexcept {
  return i >= text.size() || is_blank(text[i]) || text[i] == '\n';
}

std::size_t end_of_line(std::string_view text, std::size_t i) noexcept {
  const std::size_t newline = text.find('\n', i);
  return newline == npos ? text.size() : newline;
}

// `i` is at the opening quote; returns the position after the closing one ('' is a quote).
std::size_t skip_single_quoted(std::string_view text, std::size_t i) noexcept {
  for (++i; i < text.size(); ++i) {
    if (text[i] != '\'') continue;
    if (i + 1 < text.size() && text[i + 1] == '\'')
      ++i;
    else
      return i + 1;
  }
  return text.size();
}

std::size_t skip_double_quoted(std::string_view text, std::size_t i) noexcept {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return text.size();
}

}  // namespace

std::size_t find_flow_nesting_beyond(std::string_view text, int limit) noexcept {
  const std::size_t size = text.size();
  int depth = 0;                 // open flow collections
  bool node_start = true;        // the next non-blank character may begin a node
  int block_scalar_indent = -1;  // inside a block scalar: lines indented more than this are its text
  std::size_t i = 0;
  while (i < size) {
    // A line starts at i.
    std::size_t content = i;
    while (content < size && text[content] == ' ') ++content;
    const int indent = static_cast<int>(content - i);
    if (block_scalar_indent >= 0) {
      const bool empty = content >= size || text[content] == '\n' || text[content] == '\r';
      if (empty || indent > block_scalar_indent) {
        i = end_of_line(text, content) + 1;
        continue;
      }
      block_scalar_indent = -1;
    }
    if (depth == 0) node_start = true;  // in flow context a line break is only a blank
    for (i = content; i < size && text[i] != '\n';) {
      const char c = text[i];
      if (is_blank(c)) {
        ++i;
        continue;
      }
      if (c == '#' && (i == 0 || is_blank(text[i - 1]) || text[i - 1] == '\n')) {
        i = end_of_line(text, i);
        break;
      }
      if (depth > 0 && (c == ']' || c == '}')) {
        --depth;
        node_start = false;
        ++i;
        continue;
      }
      if (depth > 0 && c == ',') {
        node_start = true;
        ++i;
        continue;
      }
      if (!node_start) {
        // Inside a plain scalar, or after a node: only a mapping indicator starts another.
        if (c == ':' && (depth > 0 || ends_token(text, i + 1))) node_start = true;
        ++i;
        continue;
      }
      switch (c) {
        case '[':
        case '{':
          if (++depth > limit) return i;
          ++i;
          continue;
        case '\'':
          i = skip_single_quoted(text, i);
          node_start = false;
          continue;
        case '"':
          i = skip_double_quoted(text, i);
          node_start = false;
          continue;
        case '|':
        case '>':
          if (depth == 0) {  // a block scalar: its header ends the line, its text follows
            block_scalar_indent = indent;
            i = end_of_line(text, i);
            continue;
          }
          break;
        case '-':
        case '?':
        case ':':
          if (ends_token(text, i + 1)) {  // an indicator: the node follows
            ++i;
            continue;
          }
          break;
        case '&':
        case '!':  // an anchor or a tag: the node follows
          while (!ends_token(text, i)) ++i;
          continue;
        default:
          break;
      }
      node_start = false;  // a plain scalar or an alias starts here
      ++i;
    }
    if (i < size) ++i;  // the line break
  }
  return npos;
}

}  // namespace contrascreen::yaml
