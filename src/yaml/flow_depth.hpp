// A cheap scan of YAML text, before yaml-cpp parses it, for flow collections ('[' and '{')
// nested deeper than a limit: yaml-cpp recurses once per level, so a line of brackets could
// exhaust the stack long before its own guard (2000 levels) trips.
#pragma once

#include <cstddef>
#include <string_view>

namespace contrascreen::yaml {

/// Byte offset of the first '[' or '{' opening a flow collection nested more than `limit`
/// deep, or std::string_view::npos.
///
/// Only brackets where YAML starts a node count. Brackets inside quoted scalars, comments,
/// block scalars ('|', '>') and plain scalars ("see [1]") are text, so a message full of
/// brackets is never mistaken for nesting. Where the scan cannot be sure it undercounts:
/// yaml-cpp's own guard and the tree walk after parsing still bound the real depth.
std::size_t find_flow_nesting_beyond(std::string_view text, int limit) noexcept;

}  // namespace contrascreen::yaml
