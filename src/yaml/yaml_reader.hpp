// Reading YAML with positions: every node keeps its byte offset (yaml-cpp's Mark),
// duplicate keys are errors (yaml-cpp would keep both silently), and mappings are
// checked against the keys a format allows, with a suggestion for a misspelt key.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/diagnostic_builder.hpp"

namespace contrascreen::yaml {

/// Documents nested deeper than this are rejected before they can exhaust the stack.
inline constexpr int max_depth = 64;

/// Parses the whole text of `sink.source()`. Syntax errors become "yaml.syntax",
/// duplicate keys "yaml.duplicate_key", excessive nesting "yaml.too_deep",
/// and alias expansion beyond a budget "yaml.too_large". Returns nullopt on a syntax error.
std::optional<YAML::Node> parse_document(DiagnosticSink& sink);

/// Byte offset of a node in its source text.
std::uint32_t offset_of(const YAML::Node& node) noexcept;

/// Length in bytes of a scalar's text in the source (quotes included), or of its value
/// when the source cannot be matched; 1 for non-scalars.
std::uint32_t source_length(const YAML::Node& node, std::string_view text) noexcept;

/// True when the scalar was written plain (not quoted, not a block scalar).
bool is_plain(const YAML::Node& node);

/// Reports every key of `map` not in `allowed` as `code`, suggesting the closest allowed key.
/// `what` names the mapping in messages, e.g. "rule".
void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view code,
                std::string_view what, DiagnosticSink& sink);

/// Reports `code` when `node` is not a mapping / sequence / scalar. `what` names it.
bool expect_map(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink);
bool expect_sequence(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink);
std::optional<std::string> expect_scalar(const YAML::Node& node, std::string_view code, std::string_view what,
                                         DiagnosticSink& sink);

/// Maps byte `local` of a scalar's parsed value to its byte offset in the source text,
/// following quotes, escapes and line folding, so that a problem inside an expression
/// written in a YAML string points at the right file column.
std::uint32_t map_scalar_offset(std::string_view text, std::uint32_t scalar_offset, std::string_view value,
                                std::uint32_t local) noexcept;

}  // namespace contrascreen::yaml
