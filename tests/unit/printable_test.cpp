// Output hygiene (issue 11, point 11): text from inputs never reaches an output with a raw
// control character or a byte that is not UTF-8. One table of hostile strings, each with
// what the printable rendering (util/printable.hpp) and the JSON writer make of it; then the
// properties every output must have, over every string of that table and random bytes, and
// the caret of a diagnostic, which must still point at the offending text after escaping.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

#include "util/diagnostic_builder.hpp"
#include "util/json_writer.hpp"
#include "util/printable.hpp"
#include "util/text.hpp"

using namespace contrascreen;
using namespace std::string_view_literals;

namespace {

struct Hostile {
  const char* what;
  std::string_view text;
  std::string_view printable;  // util::printable(text)
  std::string_view json;       // json::append_string(text), quotes left out
};

// U+FFFD, what JSON writes for each maximal subpart of an ill-formed sequence (as Python's
// bytes.decode("utf-8", "replace") does).
#define FFFD "\xEF\xBF\xBD"

constexpr Hostile hostile[] = {
    {"plain ASCII", "P-0017 warfarin", "P-0017 warfarin", "P-0017 warfarin"},
    {"an ANSI colour sequence", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m", "\\u001b[31mred\\u001b[0m"},
    {"a sequence that clears the screen", "\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H", "\\u001b[2J\\u001b[H"},
    {"BEL", "ding\a", "ding\\x07", "ding\\u0007"},
    {"NUL", "a\0b"sv, "a\\x00b", "a\\u0000b"},
    {"a line break, a carriage return, a tab", "a\nb\rc\td", "a\\x0ab\\x0dc\\x09d", "a\\nb\\rc\\td"},
    {"DEL", "x\x7fy", "x\\x7fy", "x\\u007fy"},
    {"C1 NEL (U+0085) as UTF-8", "a\xC2\x85" "b", "a\\u{85}b", "a\\u0085b"},
    {"C1 CSI (U+009B) as UTF-8", "\xC2\x9B" "31m", "\\u{9b}31m", "\\u009b31m"},
    {"U+009F, the last C1", "\xC2\x9F", "\\u{9f}", "\\u009f"},
    {"U+00A0 NBSP is not a control", "a\xC2\xA0" "b", "a\xC2\xA0" "b", "a\xC2\xA0" "b"},
    {"Swedish, Dutch, an emoji", "\xC3\x85ke \xC3\xABn \xF0\x9F\x98\x80", "\xC3\x85ke \xC3\xABn \xF0\x9F\x98\x80",
     "\xC3\x85ke \xC3\xABn \xF0\x9F\x98\x80"},
    {"a lone 0xFF", "a\xFF" "b", "a\\xffb", "a" FFFD "b"},
    {"a lone lead byte 0xC3", "caf\xC3", "caf\\xc3", "caf" FFFD},
    {"a lead byte before ASCII", "\xC3(", "\\xc3(", FFFD "("},
    {"a stray continuation byte", "\x80" "a", "\\x80a", FFFD "a"},
    {"an overlong '/' (C0 AF)", "\xC0\xAF", "\\xc0\\xaf", FFFD FFFD},
    {"an overlong '/' in three bytes", "\xE0\x80\xAF", "\\xe0\\x80\\xaf", FFFD FFFD FFFD},
    {"an overlong NUL (C0 80)", "\xC0\x80", "\\xc0\\x80", FFFD FFFD},
    {"a surrogate (U+D800) encoded in UTF-8", "\xED\xA0\x80", "\\xed\\xa0\\x80", FFFD FFFD FFFD},
    {"above U+10FFFF", "\xF4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", FFFD FFFD FFFD FFFD},
    {"a truncated euro sign", "\xE2\x82" "x", "\\xe2\\x82x", FFFD "x"},
    {"a truncated emoji at the end", "\xF0\x9F\x98", "\\xf0\\x9f\\x98", FFFD},
    {"0xF5, never UTF-8", "\xF5\x80\x80\x80", "\\xf5\\x80\\x80\\x80", FFFD FFFD FFFD FFFD},
    {"a backslash is copied as is", "a\\x1b", "a\\x1b", "a\\\\x1b"},
    {"a long plain stretch, then ESC", "0123456789abcdef0123456789\x1b", "0123456789abcdef0123456789\\x1b",
     "0123456789abcdef0123456789\\u001b"},
};

std::string json_of(std::string_view text) {
  std::string out;
  json::append_string(out, text);
  return out;
}

// What every output must be: valid UTF-8, without C0 (line breaks excepted where the caller
// allows them), DEL or C1 control characters.
bool is_clean(std::string_view text) {
  if (!util::is_valid_utf8(text)) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("printable: every hostile string, as text and as JSON") {
  for (const Hostile& h : hostile) {
    CAPTURE(h.what);
    CHECK(util::printable(h.text) == h.printable);
    CHECK(util::is_printable(h.text) == (h.text == h.printable));
    CHECK(json_of(h.text) == "\"" + std::string(h.json) + "\"");
  }
}

TEST_CASE("printable: the output is clean, printable text renders as itself") {
  for (const Hostile& h : hostile) {
    CAPTURE(h.what);
    const std::string once = util::printable(h.text);
    CHECK(is_clean(once));
    CHECK(util::is_printable(once));
    CHECK(util::printable(once) == once);
    CHECK(is_clean(json_of(h.text)));
  }
}

TEST_CASE("printable: appends to what is there, plain ASCII in one piece") {
  std::string out = "id ";
  util::append_printable(out, "P-1\x1b");
  util::append_printable(out, "");
  util::append_printable(out, " ok");
  CHECK(out == "id P-1\\x1b ok");
}

TEST_CASE("printable: random bytes always give clean text and clean JSON") {
  std::mt19937 random(20261121);
  // Bytes drawn mostly from the interesting ranges: controls, continuation and lead bytes.
  constexpr unsigned char pool[] = {0x00, 0x07, 0x09, 0x0a, 0x1b, 0x1f, 0x20, 'a',  '"',  '\\', 0x7e, 0x7f,
                                    0x80, 0x85, 0x9b, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0,
                                    0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof pool - 1);
  std::uniform_int_distribution<std::size_t> length(0, 24);
  for (int n = 0; n < 20000; ++n) {
    std::string text(length(random), '\0');
    for (char& c : text) c = static_cast<char>(pool[pick(random)]);
    const std::string shown = util::printable(text);
    const std::string json = json_of(text);
    if (!is_clean(shown) || !is_clean(json) || util::is_printable(text) != (shown == text) ||
        util::printable(shown) != shown) {
      CAPTURE(util::printable(text));
      FAIL("not clean");
    }
  }
}

TEST_CASE("printable: text units follow Unicode's maximal subparts") {
  struct Case {
    std::string_view text;
    util::TextUnitKind kind;
    std::uint8_t length;
  };
  using K = util::TextUnitKind;
  constexpr Case cases[] = {
      {"a", K::plain, 1},           {"\x1b", K::control, 1},           {"\x7f", K::control, 1},
      {"\xC2\x85", K::control, 2},  {"\xC2\xA0", K::plain, 2},         {"\xE2\x82\xAC", K::plain, 3},
      {"\xE2\x82", K::invalid, 2},  {"\xE0\x80\x80", K::invalid, 1},   {"\xED\xA0\x80", K::invalid, 1},
      {"\xED\x9F\xBF", K::plain, 3}, {"\xF0\x9F\x98\x80", K::plain, 4}, {"\xF0\x9F\x98" "a", K::invalid, 3},
      {"\xF4\x8F\xBF\xBF", K::plain, 4}, {"\xF4\x90", K::invalid, 1},   {"\xC1\xBF", K::invalid, 1},
  };
  for (const Case& c : cases) {
    CAPTURE(util::printable(c.text));
    const util::TextUnit unit = util::next_text_unit(c.text, 0);
    CHECK(unit.kind == c.kind);
    CHECK(unit.length == c.length);
  }
}

TEST_CASE("printable: a diagnostic escapes its file, message and line, and its caret still points at the text") {
  struct Case {
    const char* what;
    std::string_view line;  // the offending text is "pregant"
    std::string_view file;
  };
  constexpr Case cases[] = {
      {"nothing to escape", "when: pregant || x", "a.yaml"},
      {"a tab before", "when:\tpregant || x", "a.yaml"},
      {"an ESC sequence before", "msg: \x1b[31m pregant", "a.yaml"},
      {"C1 and DEL before", "\xC2\x9B\x7f pregant", "a.yaml"},
      {"a non-ASCII letter before", "\xC3\xA5r: pregant", "a.yaml"},
      {"a bad byte before", "\xFF\xFE pregant", "\x1b]0;title\a.yaml"},
      {"escapes after", "pregant\x1b[2J\xFF", "a\xC3.yaml"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const SourceText source{std::string(c.file), "first line\n" + std::string(c.line) + "\nlast line\n"};
    const auto offset = static_cast<std::uint32_t>(source.text.find("pregant"));
    const Diagnostic d = make_diagnostic(Severity::error, "check.unknown_name",
                                         "unknown name 'pregant\x1b[0m' in \xC2\x85", source, offset, 7);
    const std::string text = format_diagnostic(d);
    CHECK(is_clean(std::string_view(text).substr(0, text.size() - 1).substr(0, text.find('\n'))));
    for (std::size_t from = 0, to; (to = text.find('\n', from)) != std::string::npos; from = to + 1)
      CHECK(is_clean(std::string_view(text).substr(from, to - from)));
    CHECK(text.find("'pregant\\x1b[0m' in \\u{85}") != std::string::npos);
    CHECK(text.find(util::printable(c.file) + ":2:") == 0);
    // The quoted line and the caret line: "  2 | <line>" and "    | ^~~~~~".
    const std::size_t quoted = text.find(" 2 | ") + 5;
    const std::size_t quoted_end = text.find('\n', quoted);
    const std::size_t caret = text.find('^');
    const std::size_t caret_line = text.rfind('\n', caret) + 1;
    // Every character before is ASCII (the escapes) or one two-byte letter: count code points.
    const std::string_view shown = std::string_view(text).substr(quoted, quoted_end - quoted);
    const std::size_t at_bytes = shown.find("pregant");
    REQUIRE(at_bytes != std::string_view::npos);
    std::size_t at_column = 0;
    for (std::size_t i = 0; i < at_bytes; ++i) at_column += (static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80;
    CHECK(caret - caret_line == 5 + at_column);
    CHECK(text.substr(caret, 8) == "^~~~~~~\n");
  }
}

TEST_CASE("printable: a caret under an escaped character covers its whole escape") {
  const SourceText source{"a.yaml", "x: \"\x1b\"\n"};
  const Diagnostic d = make_diagnostic(Severity::error, "yaml.syntax", "a control character", source, 4, 1);
  CHECK(format_diagnostic(d) ==
        "a.yaml:1:5: error[yaml.syntax]: a control character\n"
        " 1 | x: \"\\x1b\"\n"
        "   |     ^~~~\n");
  const SourceText bad{"b.yaml", "x: \xE2\x82\n"};
  const Diagnostic e = make_diagnostic(Severity::error, "yaml.syntax", "the text is not valid UTF-8", bad, 3, 1);
  CHECK(format_diagnostic(e) ==
        "b.yaml:1:4: error[yaml.syntax]: the text is not valid UTF-8\n"
        " 1 | x: \\xe2\\x82\n"
        "   |    ^~~~~~~~\n");
}
