#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

namespace util = contrascreen::util;
using namespace std::string_view_literals;

std::string match_or_none(const std::optional<std::string>& match) {
  return match ? *match : std::string("none");
}

}  // namespace

TEST_CASE("text: line_column counts lines and code points") {
  // Bytes: a b \n c d é(2 bytes) \r \n f g
  constexpr std::string_view text = "ab\ncd\xC3\xA9\r\nfg";
  struct Case {
    std::size_t offset;
    std::uint32_t line;
    std::uint32_t column;
  };
  constexpr Case cases[] = {
      {0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1},  {5, 2, 3},  {6, 2, 3},
      {7, 2, 4}, {8, 2, 5}, {9, 3, 1}, {10, 3, 2}, {11, 3, 3}, {500, 3, 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.offset);
    const util::LineColumn at = util::line_column(text, c.offset);
    CHECK(at.line == c.line);
    CHECK(at.column == c.column);
  }
  CHECK(util::line_column("", 0).line == 1);
  CHECK(util::line_column("", 7).column == 1);
  CHECK(util::line_column("ab\n", 3).line == 2);
  CHECK(util::line_column("\xE2\x82\xAC"
                          "x",
                          3)
            .column == 2);  // after a 3-byte euro sign
}

TEST_CASE("text: line_text returns the whole line without its ending") {
  constexpr std::string_view text = "ab\ncd\xC3\xA9\r\nfg";
  struct Case {
    std::size_t offset;
    std::string_view want;
  };
  constexpr Case cases[] = {
      {0, "ab"}, {2, "ab"}, {3, "cd\xC3\xA9"}, {7, "cd\xC3\xA9"}, {8, "cd\xC3\xA9"}, {9, "fg"}, {11, "fg"}, {99, "fg"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.offset);
    CHECK(util::line_text(text, c.offset) == c.want);
  }
  CHECK(util::line_text("", 0).empty());
  CHECK(util::line_text("ab\n", 3).empty());
  CHECK(util::line_text("ab\r\n\r\nc", 4).empty());
  CHECK(util::line_text("\r", 0).empty());
}

TEST_CASE("text: caret_line") {
  struct Case {
    std::string_view line;
    std::size_t column;
    std::size_t width;
    std::string_view want;
  };
  constexpr Case cases[] = {
      {"age < 18", 1, 3, "^~~"},
      {"age < 18", 7, 2, "      ^~"},
      {"\tx = \xC3\xBCnknown", 6, 7, "\t    ^~~~~~~"},  // ü is one column
      {"\t\tfoo", 3, 1, "\t\t^"},
      {"ab", 3, 1, "  ^"},  // just past the end of the line
      {"ab", 5, 1, "    ^"},
      {"ab", 1, 0, "^"},
      {"", 0, 1, "^"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CAPTURE(c.column);
    CHECK(util::caret_line(c.line, c.column, c.width) == c.want);
  }
}

TEST_CASE("text: edit_distance (optimal string alignment, ASCII case-insensitive)") {
  struct Case {
    std::string_view a;
    std::string_view b;
    std::size_t want;
  };
  constexpr Case cases[] = {
      {"", "", 0},
      {"", "abc", 3},
      {"abc", "", 3},
      {"abc", "abc", 0},
      {"Warfarin", "WARFARIN", 0},
      {"kitten", "sitting", 3},
      {"ab", "ba", 1},
      {"teh", "the", 1},
      {"ca", "abc", 3},  // OSA, not full DL (2)
      {"pregant", "pregnant", 1},
      {"mesage", "message", 1},
      {"flaw", "lawn", 2},
      {"abcdef", "badcfe", 3},
      {"acne-active", "acne_active", 1},
      {"a", "b", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(util::edit_distance(c.a, c.b) == c.want);
    CHECK(util::edit_distance(c.b, c.a) == c.want);
  }
}

TEST_CASE("text: closest_match") {
  const std::vector<std::string> names = {"pregnant", "breastfeeding", "message", "acne_active",
                                          "age",      "smoker",        "bat",     "cap"};
  struct Case {
    std::string_view word;
    std::string_view want;
  };
  constexpr Case cases[] = {
      {"pregant", "pregnant"},
      {"mesage", "message"},
      {"acne_actve", "acne_active"},
      {"Acne-Active", "acne_active"},
      {"acen_active", "acne_active"},
      {"SMOKER", "smoker"},
      {"ag", "age"},
      {"cat", "bat"},  // tie with "cap": first wins
      {"xyz", "none"},
      {"brestfeedin", "breastfeeding"},
      {"pregnancy", "pregnant"},
      {"", "none"},
      {"acne", "none"},
      {"fertility", "none"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(match_or_none(util::closest_match(c.word, names)) == c.want);
  }
  const std::vector<std::string_view> views = {"warfarin", "heparin"};
  CHECK(match_or_none(util::closest_match("warfarn", views)) == "warfarin");
  CHECK(match_or_none(util::closest_match("aspirin", views)) == "none");
  CHECK_FALSE(util::closest_match("age", std::vector<std::string>{}));
}

TEST_CASE("text: trim") {
  CHECK(util::trim("  Warfarin ") == "Warfarin");
  CHECK(util::trim("\t\n\r\f\v x y \v\f\r\n\t") == "x y");
  CHECK(util::trim("   ").empty());
  CHECK(util::trim("").empty());
  CHECK(util::trim("\xC2\xA0x") == "\xC2\xA0x");  // NBSP is not ASCII whitespace
}

TEST_CASE("text: is_valid_utf8") {
  struct Case {
    std::string_view text;
    bool want;
  };
  const Case cases[] = {
      {"", true},
      {"plain ascii, long enough for the fast path", true},
      {"\xC3\xA5ke", true},
      {"\xE2\x82\xAC", true},      // €
      {"\xF0\x9D\x84\x9E", true},  // U+1D11E
      {"\xEF\xBF\xBF", true},      // U+FFFF
      {"\xF4\x8F\xBF\xBF", true},  // U+10FFFF
      {"abcdefgh\xC3\xA5"
       "abcdefgh",
       true},
      {"nul\0inside"sv, true},
      {"\xC3", false},  // truncated
      {"\xE2\x82", false},
      {"abcdefgh\xF0\x9D\x84", false},
      {"\x80", false},  // stray continuation
      {"\xC3\xA5\x80", false},
      {"\xC0\xAF", false},  // overlong '/'
      {"\xC1\xBF", false},
      {"\xE0\x80\xAF", false},
      {"\xF0\x80\x80\xAF", false},
      {"\xED\xA0\x80", false},  // surrogate U+D800
      {"\xED\xBF\xBF", false},
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xF5\x80\x80\x80", false},
      {"\xFF", false},
      {"\xE2\x28\xA1", false},
      {"abcdefghij\xFF", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(util::is_valid_utf8(c.text) == c.want);
  }
}

TEST_CASE("text: first_invalid_utf8 points at the start of the first ill-formed sequence") {
  CHECK(util::first_invalid_utf8("") == 0);
  CHECK(util::first_invalid_utf8("plain ascii, long enough for the fast path") == 42);
  CHECK(util::first_invalid_utf8("\xC3\xA5ke \xE2\x82\xAC") == 8);  // valid: the size
  CHECK(util::first_invalid_utf8("abcdefghij\xFF") == 10);          // after the fast path
  CHECK(util::first_invalid_utf8("\xC3\xA5\xE2\x28\xA1") == 2);     // bad continuation
  CHECK(util::first_invalid_utf8("ok \xED\xA0\x80 then") == 3);     // a surrogate
  CHECK(util::first_invalid_utf8("\xE2\x82") == 0);                 // cut short
  CHECK(util::first_invalid_utf8("\xF0\x9D\x84\x9E\x80") == 4);     // stray continuation
}
