// Golden diagnostics: every file under tests/data/diagnostics/ is a malformed rule set
// whose header lists, by hand, the diagnostics it must produce:
//   # expect: <code> <line>:<col>            (in this file)
//   # expect: <code> <file>:<line>:<col>     (in another file, by base name)
// The loader must report exactly these, no more and no fewer.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using contrascreen::testing::data_dir;
using contrascreen::testing::files_in;
using contrascreen::testing::read_file;

std::multiset<std::string> expected_of(const std::filesystem::path& path) {
  static const std::regex expect(R"(^# expect: (\S+) (?:(\S+):)?(\d+):(\d+)\s*$)");
  std::multiset<std::string> out;
  std::istringstream lines(read_file(path));
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, expect)) continue;
    const std::string file = m[2].matched ? m[2].str() : path.filename().string();
    out.insert(file + ":" + m[3].str() + ":" + m[4].str() + " " + m[1].str());
  }
  return out;
}

}  // namespace

TEST_CASE("golden diagnostics of malformed rule sets and expressions") {
  const auto files = files_in(data_dir() / "diagnostics", ".yaml");
  REQUIRE(files.size() >= 16);
  std::size_t expectations = 0;
  for (const auto& path : files) {
    // Files named *_base.yaml are only extended by others.
    if (path.stem().string().ends_with("_base")) continue;
    CAPTURE(path.string());
    const auto expected = expected_of(path);
    REQUIRE_MESSAGE(!expected.empty(), "no '# expect:' lines in " << path);
    expectations += expected.size();
    const auto result = contrascreen::load_ruleset_file(path);
    std::multiset<std::string> actual;
    for (const auto& d : result.diagnostics) {
      actual.insert(std::filesystem::path(d.where.file).filename().string() + ":" + std::to_string(d.where.line) + ":" +
                    std::to_string(d.where.column) + " " + d.code);
    }
    std::string difference;
    for (const auto& e : expected)
      if (actual.count(e) < expected.count(e)) difference += "  missing:    " + e + "\n";
    for (const auto& a : actual)
      if (expected.count(a) < actual.count(a)) difference += "  unexpected: " + a + "\n";
    INFO(difference << contrascreen::format_diagnostics(result.diagnostics));
    CHECK(actual == expected);
    CHECK_EQ(result.ruleset.has_value(), !contrascreen::has_errors(result.diagnostics));
  }
  CHECK(expectations >= 45);
}
