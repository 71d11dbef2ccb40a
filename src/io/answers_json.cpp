// The answers `contrascreen eval` and evaluate() callers give in JSON: an answers object
// or a whole intake, read by the one JSON intake reader.
#include <algorithm>
#include <cstdint>
#include <string>

#include "contrascreen/intake_reader.hpp"
#include "io/json_syntax.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace {

// Whether the JSON object in `text` has a top-level "answers" key, i.e. is a whole
// intake rather than an answers object. Only strings and nesting need tracking.
bool is_whole_intake(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      if (depth != 1 || text.substr(start, i - start) != "answers") continue;
      std::size_t next = i + 1;
      while (next < text.size() &&
             (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r'))
        ++next;
      if (next < text.size() && text[next] == ':') return true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

IntakeResult parse_answers_json(std::string_view json, std::shared_ptr<const Catalogue> catalogue,
                                std::string_view name) {
  // Text that is not one balanced JSON value would pair its brackets with the wrapper's
  // below, and its syntax error would point at the wrapper: read it as it is instead.
  if (is_whole_intake(json) || is_blank(json) || json::find_unbalanced(json))
    return parse_intake(json, IntakeFormat::json, std::move(catalogue), name);
  // An answers object is wrapped into an intake on lines of its own, so that positions
  // map back by one line.
  const std::string prefix = "{\"answers\":\n";
  IntakeResult result =
      parse_intake(prefix + std::string(json) + "\n}", IntakeFormat::json, std::move(catalogue), name);
  const auto end = static_cast<std::uint32_t>(json.size());
  for (Diagnostic& d : result.diagnostics) {
    if (d.where.line == 0) continue;
    const bool in_prefix = d.where.line == 1;
    d.where.line = in_prefix ? 1 : d.where.line - 1;
    if (in_prefix) d.where.column = 1;
    d.where.offset = d.where.offset >= prefix.size() ? d.where.offset - static_cast<std::uint32_t>(prefix.size()) : 0;
    if (d.where.offset > end) {
      // In the wrapper's closing "\n}" (`"id", "a"` is missing a ':' there): the end of the
      // text as given is where it went wrong.
      const util::LineColumn at = util::line_column(json, end);
      d.where.offset = end;
      d.where.line = at.line;
      d.where.column = at.column;
    }
    d.where.length = std::min(d.where.length, end - d.where.offset);
  }
  return result;
}

}  // namespace contrascreen
