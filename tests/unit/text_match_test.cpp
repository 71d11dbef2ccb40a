// Free-text matching (util/text_match.hpp): the shared table tests/data/text/matching.yaml through
// the key functions and through a rule set's any_in (value set, list literal, dynamic), Unicode's
// own NormalizationTest.txt, and the properties every key must have.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"
#include "util/text_match.hpp"
#include "util/unicode_data.hpp"

using namespace contrascreen;

namespace {

struct MatchCase {
  std::string note;
  std::string item;
  std::string member;
  bool match = false;
};

std::vector<MatchCase> match_cases() {
  std::vector<MatchCase> cases;
  for (const YAML::Node& n : YAML::LoadFile((testing::data_dir() / "text" / "matching.yaml").string()))
    cases.push_back({n["note"].as<std::string>(), n["item"].as<std::string>(), n["member"].as<std::string>(),
                     n["match"].as<bool>()});
  return cases;
}

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// `text` as a CEL string literal: the escapes CEL needs, every other byte as it is.
std::string cel_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out + "\"";
}

// `text` as a YAML double-quoted scalar: everything but printable ASCII as a \U escape, so
// that no odd code point reaches the YAML parser raw.
std::string yaml_string(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0xFFu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    i += length;
    if (c >= 0x20 && c < 0x7F) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
    } else {
      char escape[16];
      std::snprintf(escape, sizeof escape, "\\U%08X", static_cast<unsigned>(c));
      out += escape;
    }
  }
  return out + "\"";
}

// A rule set with `member` in a value set, in a list literal, and in the list that any_in's
// dynamic form compares at run time (the literal first, the medication list second).
RuleSet ruleset_with_member(const std::string& member) {
  const std::string literal = cel_string(member);
  const std::string yaml =
      "id: test/text-matching\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\n"
      "value_sets:\n  drugs: [" +
      yaml_string(member) +
      "]\n"
      "rules:\n"
      "  - {id: value_set, when: \"any_in(medications, drugs)\", decision: refer, message: m, source: test}\n"
      "  - {id: literal, when: " +
      yaml_string("any_in(medications, [" + literal + "])") +
      ", decision: refer, message: m, source: test}\n"
      "  - {id: dynamic, when: " +
      yaml_string("any_in([" + literal + "], medications)") + ", decision: refer, message: m, source: test}\n";
  LoadResult loaded = load_ruleset_string(yaml, "text_matching.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics) << "\n" << yaml);
  return std::move(*loaded.ruleset);
}

std::vector<std::string> fired(const RuleSet& rs, const std::string& item) {
  Intake intake = rs.make_intake();
  intake.set("medications", std::vector<std::string>{"paracetamol", item});
  std::vector<std::string> out;
  for (const Reason& r : rs.screen(intake, {*Date::parse_iso("2026-11-21"), ""}).reasons) {
    CHECK_FALSE(r.undecided);
    out.push_back(r.rule);
  }
  return out;
}

std::vector<std::string> hex_code_points(const std::string& field) {
  std::vector<std::string> out;
  std::istringstream words(field);
  for (std::string word; words >> word;) out.push_back(word);
  return out;
}

std::string from_hex(const std::string& field) {
  std::string out;
  for (const std::string& word : hex_code_points(field))
    out += utf8(static_cast<char32_t>(std::stoul(word, nullptr, 16)));
  return out;
}

}  // namespace

TEST_CASE("text_match: the shared table, through the key functions") {
  for (const MatchCase& c : match_cases()) {
    CAPTURE(c.note);
    const std::string item_key = util::match_key(c.item);
    const std::string member_key = util::match_key(c.member);
    CHECK((item_key == member_key) == c.match);
    CHECK(util::texts_match(c.item, c.member) == c.match);
    CHECK(util::texts_match(c.member, c.item) == c.match);
    const std::vector<std::string> keys{"aspirin", member_key};
    CHECK(util::matches_any_key(c.item, keys, std::max(member_key.size(), std::size_t{7})) == c.match);
    CHECK(util::match_key(item_key) == item_key);  // a key is its own key
    CHECK(util::match_key(member_key) == member_key);
  }
}

TEST_CASE("text_match: the shared table, through any_in in a rule set") {
  for (const MatchCase& c : match_cases()) {
    CAPTURE(c.note);
    const RuleSet rs = ruleset_with_member(c.member);
    const std::vector<std::string> want =
        c.match ? std::vector<std::string>{"value_set", "literal", "dynamic"} : std::vector<std::string>{};
    CHECK(fired(rs, c.item) == want);
  }
}

TEST_CASE("text_match: White_Space is exactly PropList.txt's, and only it is trimmed") {
  const std::vector<char32_t> white_space{0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0x20,   0x85,   0xA0,   0x1680,
                                          0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
                                          0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  std::vector<char32_t> found;
  for (char32_t c = 0; c <= 0x10FFFF; ++c)
    if (util::unicode::is_white_space(c)) found.push_back(c);
  CHECK(found == white_space);
  for (const char32_t c : white_space) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(util::trim_white_space(utf8(c) + "x" + utf8(c) + "y" + utf8(c)) == "x" + utf8(c) + "y");
  }
  for (const char32_t c : {0x200B, 0x180E, 0xFEFF, 0x1C, 0x1F}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(util::trim_white_space(utf8(c) + "x" + utf8(c)) == utf8(c) + "x" + utf8(c));
  }
  CHECK(util::trim_white_space("\xC2\xA0\xC2\xA0").empty());
  CHECK(util::trim_white_space("").empty());
  CHECK(util::trim_white_space("\xC2") == "\xC2");  // a truncated NBSP is not white space
  CHECK(util::trim_white_space("x\xA0") == "x\xA0");
}

TEST_CASE("text_match: keys") {
  CHECK(util::match_key("  WARFARIN\t") == "warfarin");
  CHECK(util::match_key("\xE2\x84\xAA") == "k");                         // KELVIN SIGN, 3 bytes to 1
  CHECK(util::match_key("\xE1\xBA\x9E") == "\xC3\x9F");                  // U+1E9E -> U+00DF
  CHECK(util::match_key("\xCE\xA3\xCF\x82") == "\xCF\x83\xCF\x83");      // Σς -> σσ
  CHECK(util::match_key("e\xCC\x81") == "\xC3\xA9");                     // e + U+0301 -> U+00E9
  CHECK(util::match_key("\xE0\xA5\x98") == "\xE0\xA4\x95\xE0\xA4\xBC");  // U+0958 -> U+0915 U+093C, not back
  CHECK(util::match_key("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == "\xED\x95\x9C");  // jamo -> U+D55C
  CHECK(util::match_key("\xEA\xAE\xB3") == "\xE1\x8F\xA3");                          // Cherokee folds to the capital
  CHECK(util::match_key("") == "");
  // Ill-formed UTF-8 stays byte for byte (readers reject it before it gets here).
  CHECK(util::match_key("A\xFF"
                        "B") ==
        "a\xFF"
        "b");
  CHECK(util::match_key("\xC3") == "\xC3");
  CHECK(util::match_key("\xE2\x84") == "\xE2\x84");
  CHECK(util::match_key("e\xFF\xCC\x81") == "e\xFF\xCC\x81");  // the byte blocks composition
  CHECK(std::string(util::unicode::version).find('.') != std::string::npos);
  // A reused key string is replaced, not appended to.
  std::string key = "leftover";
  util::match_key("\xC3\x89", key);
  CHECK(key == "\xC3\xA9");
  util::match_key("ABC", key);
  CHECK(key == "abc");
}

TEST_CASE("text_match: every code point's key is its own key") {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string key = util::match_key(utf8(c));
    if (util::match_key(key) != key) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(c));
  }
}

// NormalizationTest.txt (decompressed by the build from Debian's unicode-data): each line
// c1;c2;c3;c4;c5 has c2 = NFC(c1) = NFC(c2) = NFC(c3) and c4 = NFC(c4) = NFC(c5). So the keys
// of c1, c2, c3 agree, those of c4 and c5 agree, and where c2 is its own key (nothing to
// fold or trim) the key of c1 and of c3 is exactly c2.
TEST_CASE("text_match: Unicode's NormalizationTest.txt") {
  std::ifstream in(CONTRASCREEN_NORMALIZATION_TEST);
  REQUIRE_MESSAGE(in, "cannot read " CONTRASCREEN_NORMALIZATION_TEST);
  std::size_t lines = 0;
  std::size_t exact = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    std::vector<std::string> columns;
    std::istringstream fields(line);
    for (std::string field; columns.size() < 5 && std::getline(fields, field, ';');) columns.push_back(from_hex(field));
    REQUIRE(columns.size() == 5);
    CAPTURE(line);
    ++lines;
    const std::string key = util::match_key(columns[1]);
    CHECK(util::match_key(columns[0]) == key);
    CHECK(util::match_key(columns[2]) == key);
    CHECK(util::match_key(columns[4]) == util::match_key(columns[3]));
    if (key == columns[1]) {
      ++exact;
      CHECK(util::match_key(columns[0]) == columns[1]);
      CHECK(util::match_key(columns[2]) == columns[1]);
    }
  }
  CHECK(lines > 19000);
  CHECK(exact > 15000);
}

// Random texts of marks, letters of cased scripts, Hangul, white space and ill-formed bytes:
// whatever the mix, a text matches its own key, and the key is its own key.
TEST_CASE("text_match: random texts match their keys") {
  constexpr char32_t pieces[] = {'a',    'K',    ' ',    0xA0,   0x85,  0x3000, 0x200B, 0x300,   0x301,
                                 0x323,  0x345,  0x35C,  0x3A3,  0x3C2, 0x1FBC, 0x1E9E, 0x212A,  0x212B,
                                 0x1100, 0x1161, 0x11AB, 0xD55C, 0x958, 0x93C,  0x915,  0x10414, 0xAB70};
  std::uint64_t state = 20261121;
  const auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::uint32_t length = next() % 8;
    for (std::uint32_t k = 0; k < length; ++k) {
      const std::uint32_t pick = next() % (std::size(pieces) + 2);
      if (pick < std::size(pieces)) {
        text += utf8(pieces[pick]);
      } else {
        text += static_cast<char>(pick == std::size(pieces) ? '\xC3' : '\x80');  // ill-formed bytes
      }
    }
    CAPTURE(text);
    const std::string key = util::match_key(text);
    CHECK(util::match_key(key) == key);
    CHECK(util::texts_match(text, key));
  }
}
