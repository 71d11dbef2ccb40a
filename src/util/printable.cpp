#include "util/printable.hpp"

namespace contrascreen::util {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_byte_escape(std::string& out, unsigned char byte) {
  const char escape[] = {'\\', 'x', hex_digits[byte >> 4], hex_digits[byte & 0x0f]};
  out.append(escape, sizeof escape);
}

// A C1 control character, U+0080..U+009F: its code point is the second byte of C2 80..C2 9F.
void append_c1_escape(std::string& out, unsigned char second) {
  const char escape[] = {'\\', 'u', '{', hex_digits[second >> 4], hex_digits[second & 0x0f], '}'};
  out.append(escape, sizeof escape);
}

}  // namespace

bool is_printable(std::string_view text) noexcept {
  for (std::size_t i = printable_ascii_prefix(text); i < text.size();) {
    const TextUnit unit = next_text_unit(text, i);
    if (unit.kind != TextUnitKind::plain) return false;
    i += unit.length;
  }
  return true;
}

void append_printable(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the stretch not yet copied
  std::size_t i = printable_ascii_prefix(text);
  while (i < text.size()) {
    const TextUnit unit = next_text_unit(text, i);
    if (unit.kind == TextUnitKind::plain) {
      i += unit.length;
      continue;
    }
    out.append(text.data() + run, i - run);
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data()) + i;
    if (unit.kind == TextUnitKind::control && unit.length == 2) {
      append_c1_escape(out, bytes[1]);
    } else {
      for (std::uint8_t k = 0; k < unit.length; ++k) append_byte_escape(out, bytes[k]);
    }
    i += unit.length;
    run = i;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string printable(std::string_view text) {
  std::string out;
  append_printable(out, text);
  return out;
}

}  // namespace contrascreen::util
