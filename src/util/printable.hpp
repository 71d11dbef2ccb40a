// Text from inputs (intake ids, answer keys, list items, file names, YAML strings) as it may
// reach a terminal or a log: control characters would drive the terminal (an ESC sequence
// recolours or rewrites the screen) or break the layout, and bytes that are not UTF-8 make
// the output itself invalid text. Every writer of text for people renders input through
// append_printable; the JSON writer reads text with the same next_text_unit (json_writer.hpp).
//
// The rendering (docs/interfaces.md#printable-text):
//   a C0 control character (U+0000..U+001F) or DEL (U+007F)   \xHH     (ESC: \x1b, tab: \x09)
//   a C1 control character (U+0080..U+009F, two bytes in UTF-8) \u{HH}  (NEL: \u{85})
//   each byte of an ill-formed UTF-8 sequence                   \xHH     (always 80..ff)
//   anything else                                               itself
// It is for people and not reversible (a backslash is copied as is), and it is idempotent:
// printable text renders as itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace contrascreen::util {

/// What one step through a text is.
enum class TextUnitKind : std::uint8_t {
  plain,    ///< a code point that is not a control character
  control,  ///< a C0 or C1 control character, or DEL
  invalid,  ///< a maximal subpart of an ill-formed UTF-8 sequence (Unicode 15, section 3.9)
};

/// One step through a text: `length` bytes (1 to 4) of kind `kind`.
struct TextUnit {
  TextUnitKind kind;
  std::uint8_t length;
};

/// The unit starting at byte `i` of `text` (i < text.size()). Well-formed UTF-8 follows
/// Unicode's Table 3-7 (no overlong forms, surrogates or code points above U+10FFFF); an
/// ill-formed sequence is one unit per maximal subpart, as in "U+FFFD substitution of maximal
/// subparts" (what Python's decoder does with errors="replace"). Pure and thread-safe.
[[nodiscard]] inline TextUnit next_text_unit(std::string_view text, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  const std::size_t left = text.size() - i;
  const unsigned char lead = p[0];
  if (lead < 0x80) return {lead < 0x20 || lead == 0x7f ? TextUnitKind::control : TextUnitKind::plain, 1};
  std::uint8_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // shorter forms are overlong
    if (lead == 0xED) high = 0x9F;  // ED A0..BF are surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {TextUnitKind::invalid, 1};  // a stray continuation byte, C0, C1 or F5..FF
  }
  for (std::uint8_t k = 1; k < length; ++k) {
    const bool fits = k < left && p[k] >= (k == 1 ? low : 0x80) && p[k] <= (k == 1 ? high : 0xBF);
    if (!fits) return {TextUnitKind::invalid, k};
  }
  // U+0080..U+009F are C2 80..C2 9F.
  const bool c1 = lead == 0xC2 && p[1] <= 0x9F;
  return {c1 ? TextUnitKind::control : TextUnitKind::plain, length};
}

/// True when some byte of the eight in `chunk` is a C0 control character, DEL or not ASCII:
/// where append_printable (and the JSON writer) must look closer.
[[nodiscard]] constexpr bool chunk_may_need_escape(std::uint64_t chunk) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t below_space = (chunk - ones * 0x20) & ~chunk & highs;
  const std::uint64_t del = ((chunk ^ (ones * 0x7f)) - ones) & ~(chunk ^ (ones * 0x7f)) & highs;
  return (below_space | del | (chunk & highs)) != 0;
}

/// The number of leading bytes of `text` that are printable ASCII (0x20..0x7E): those that
/// every writer copies as they are. Eight bytes at a time.
[[nodiscard]] inline std::size_t printable_ascii_prefix(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i + 8 <= text.size()) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, sizeof chunk);
    if (chunk_may_need_escape(chunk)) break;
    i += 8;
  }
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7f) break;
    ++i;
  }
  return i;
}

/// True when append_printable would copy `text` unchanged: no control character and
/// well-formed UTF-8.
[[nodiscard]] bool is_printable(std::string_view text) noexcept;

/// Appends `text` rendered as above. Printable ASCII is copied in one append (no work per
/// byte beyond an eight-byte scan); nothing is allocated beyond `out`'s growth. Thread-safe.
void append_printable(std::string& out, std::string_view text);

/// `text` rendered as above, in a new string.
[[nodiscard]] std::string printable(std::string_view text);

}  // namespace contrascreen::util
