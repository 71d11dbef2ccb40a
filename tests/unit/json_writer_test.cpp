// json::append_string skips plain text eight bytes at a time: it must escape exactly as
// the plain byte-by-byte definition does, whatever byte sits at whatever offset.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "util/json_writer.hpp"

using namespace contrascreen;

namespace {

// A byte-at-a-time escaper: the reference the fast path must match. It escapes DEL too,
// and writes U+FFFD for each byte of 0x80 and above: in the texts of this test such a byte
// never has a neighbour of 0x80 and above, so each is an ill-formed sequence of its own
// (printable_test.cpp tests the multi-byte sequences, well-formed or not).
std::string reference_json_string(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\b')
      out += "\\b";
    else if (c == '\f')
      out += "\\f";
    else if (c >= 0x80)
      out += "\xEF\xBF\xBD";
    else if (c < 0x20 || c == 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("json writer: escaping of every byte at every position of a chunk") {
  for (std::size_t length = 0; length <= 19; ++length) {
    for (int byte = 0; byte < 256; ++byte) {
      for (std::size_t at = 0; at < std::max<std::size_t>(length, 1); ++at) {
        std::string text(length, 'a');
        if (length != 0) text[at] = static_cast<char>(byte);
        if (length > 3) text[length - 1] = static_cast<char>(0xff - byte);  // a second one, anywhere
        std::string out;
        json::append_string(out, text);
        if (out != reference_json_string(text)) {
          CAPTURE(length);
          CAPTURE(byte);
          CAPTURE(at);
          REQUIRE(out == reference_json_string(text));
        }
      }
    }
  }
}
