#include "yaml/human_text.hpp"

#include <cstdio>
#include <string>

#include "yaml/yaml_reader.hpp"

namespace contrascreen::yaml {
namespace {

// The code point of the control character at `at` (one byte, or C2 80..C2 9F).
unsigned code_point_at(std::string_view text, std::size_t at) noexcept {
  const auto byte = static_cast<unsigned char>(text[at]);
  return byte == 0xC2 ? static_cast<unsigned char>(text[at + 1]) : byte;
}

std::string describe(unsigned code_point) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "U+%04X", code_point);
  switch (code_point) {
    case '\t':
      return std::string(hex) + " (tab)";
    case '\n':
      return std::string(hex) + " (line break)";
    case '\r':
      return std::string(hex) + " (carriage return)";
    case 0x1B:
      return std::string(hex) + " (escape)";
    default:
      return hex;
  }
}

}  // namespace

std::size_t find_control_character(std::string_view text, bool line_feeds_allowed) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) {
      if (byte == '\n' && line_feeds_allowed) continue;
      return i;
    }
    // C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8.
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80)
      return i;
  }
  return std::string_view::npos;
}

bool check_human_text(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink,
                      bool line_feeds_allowed) {
  if (!node.IsScalar()) return true;
  const std::string& value = node.Scalar();
  const std::size_t at = find_control_character(value, line_feeds_allowed);
  if (at == std::string_view::npos) return true;
  const unsigned code_point = code_point_at(value, at);
  std::string message = std::string(what) + " holds the control character " + describe(code_point) +
                        ", which text for people may not hold";
  if (code_point == '\n')
    message += at + 1 == value.size() ? " (a block scalar keeps its final line break unless written '|-' or '>-')"
                                      : " (it is shown on one line)";
  const std::string& text = sink.source().text;
  const std::uint32_t offset = map_scalar_offset(text, offset_of(node), value, static_cast<std::uint32_t>(at));
  sink.error(code, std::move(message), offset, 1);
  return false;
}

}  // namespace contrascreen::yaml
