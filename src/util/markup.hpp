// Text from inputs (rule ids, messages, prompts, file names) written into HTML or Markdown
// documents: first made printable (util/printable.hpp: control characters and ill-formed
// UTF-8 escaped), then escaped for the markup so that no input can open a tag, start an
// emphasis, a link or a table cell. Used by the policy sheet (src/ruleset/sheet/).
#pragma once

#include <string>
#include <string_view>

namespace contrascreen::util {

/// Appends `text`, printable, with & < > " ' as character references: safe in HTML text
/// and in a double- or single-quoted attribute value. Thread-safe.
void append_html(std::string& out, std::string_view text);

/// Appends `text`, printable, with the ASCII punctuation that CommonMark or a GitHub table
/// gives a meaning inside a line backslash-escaped (\ ` * _ [ ] < > # | ~ &), so that it reads
/// as plain text inline, in a list item or in a table cell; not for the start of a line.
/// Thread-safe.
void append_markdown(std::string& out, std::string_view text);

}  // namespace contrascreen::util
