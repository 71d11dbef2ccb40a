// Expression truth tables: tests/data/eval/*.cases hold lines
//   <answers as a YAML flow mapping> | <expression> | <expected>
// where <expected> is the displayed value, "unknown [q1, q2]" (the questions whose
// absence left it unknown) or "error". "@date YYYY-MM-DD" sets the screening date of
// the lines that follow; "@ruleset path" makes a rule set's value sets visible.
#include <doctest/doctest.h>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
using contrascreen::testing::data_dir;
using contrascreen::testing::files_in;
using contrascreen::testing::read_file;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string render(const EvaluationResult& r) {
  if (!r.diagnostics.empty()) return r.diagnostics.front().code;
  if (r.value != "unknown") return r.value;
  std::string out = "unknown [";
  for (std::size_t i = 0; i < r.unanswered.size(); ++i) out += (i ? ", " : "") + r.unanswered[i];
  return out + "]";
}

}  // namespace

TEST_CASE("expression truth tables") {
  const auto files = files_in(data_dir() / "eval", ".cases");
  REQUIRE(!files.empty());
  std::size_t cases = 0;
  for (const auto& path : files) {
    std::istringstream lines(read_file(path));
    Date date = *Date::parse_iso("2026-11-21");
    std::optional<RuleSet> ruleset;
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
      ++number;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      if (line.starts_with("@date ")) {
        date = *Date::parse_iso(trim(line.substr(6)));
        continue;
      }
      if (line.starts_with("@ruleset ")) {
        auto loaded = load_ruleset_file(data_dir() / trim(line.substr(9)));
        REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
        ruleset = std::move(loaded.ruleset);
        continue;
      }
      const auto bar1 = line.find(" | ");
      const auto bar2 = line.rfind(" | ");
      REQUIRE_MESSAGE((bar1 != std::string::npos && bar2 != bar1), path.filename().string() << ":" << number);
      const std::string answers = trim(line.substr(0, bar1));
      const std::string expression = trim(line.substr(bar1 + 3, bar2 - bar1 - 3));
      const std::string expected = trim(line.substr(bar2 + 3));
      CAPTURE(path.filename().string() + ":" + std::to_string(number) + ": " + expression);
      auto intake = parse_intake("{answers: " + answers + "}", IntakeFormat::yaml, Catalogue::builtin());
      REQUIRE_MESSAGE(intake, format_diagnostics(intake.diagnostics));
      const auto result = evaluate(expression, *intake.intake, date, ruleset ? &*ruleset : nullptr);
      CHECK_EQ(render(result), expected);
      ++cases;
    }
  }
  CHECK(cases >= 100);
}
