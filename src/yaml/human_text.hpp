// Text for people that a rule set or catalogue carries (messages, sources, prompts, labels):
// it ends up in decisions, forms and one-line outputs, so it holds no control character.
#pragma once

#include <cstddef>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "util/diagnostic_builder.hpp"

namespace contrascreen::yaml {

/// Byte offset in the UTF-8 `text` of its first control character: C0 (U+0000 to U+001F, tab
/// and line feed included), DEL (U+007F) or C1 (U+0080 to U+009F); line feeds are skipped when
/// `line_feeds_allowed`. std::string_view::npos when there is none.
std::size_t find_control_character(std::string_view text, bool line_feeds_allowed = false) noexcept;

/// Reports `code` at the first control character of the scalar `node`, as written in the file
/// (an escape such as "\t" in a double-quoted scalar, or the line break a block scalar keeps).
/// `what` names the text in the message ("the 'en' message of rule 'pregnancy'"). Returns
/// whether there was none.
bool check_human_text(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink,
                      bool line_feeds_allowed = false);

}  // namespace contrascreen::yaml
