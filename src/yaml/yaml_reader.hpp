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

#include "util/diagnostic_builder.hpp"

namespace contrascreen::yaml {

/// Documents nested deeper than this are rejected before they can exhaust the stack.
inline constexpr int max_depth = 64;
/// Longer documents are rejected unread (the largest shipped rule set is about 60 KiB).
inline constexpr std::size_t max_document_bytes = 1u << 20;
/// yaml-cpp builds the whole tree before it can be walked, at several hundred bytes a
/// node: a document whose structure could hold more nodes than this (counted from its
/// indicators before parsing) is rejected, which bounds the parser's memory and time.
inline constexpr std::size_t max_parsed_nodes = 100'000;

/// Parses the whole text of `sink.source()`. Syntax errors and text that is not UTF-8
/// become "yaml.syntax", duplicate keys "yaml.duplicate_key", excessive nesting
/// "yaml.too_deep", and a document longer than max_document_bytes, with more than
/// max_parsed_nodes nodes, or whose aliases expand beyond a budget "yaml.too_large". A
/// second document (after '---' or '...') is "yaml.multiple_documents", and text after the
/// end of the document that starts none (a line indented less than the mapping it was meant
/// for) "yaml.syntax": a file holds one document, and nothing in it goes unread.
/// Returns nullopt on a syntax error, a second document, or when the document is too large
/// or too deep.
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
