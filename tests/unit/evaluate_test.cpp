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

namespace {

// "line:column code" of each diagnostic, in order.
std::vector<std::string> positions(const IntakeResult& read) {
  std::vector<std::string> out;
  for (const Diagnostic& d : read.diagnostics)
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " + d.code);
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("answers in JSON: an answers object or a whole intake") {
  const auto catalogue = Catalogue::builtin();
  const IntakeResult answers = parse_answers_json(R"({"pregnant": true, "age": 30})", catalogue);
  REQUIRE_MESSAGE(answers, format_diagnostics(answers.diagnostics));
  CHECK(answers.intake->get("pregnant") == AnswerValue(true));
  CHECK(answers.intake->get("age") == AnswerValue(30.0));
  CHECK_FALSE(answers.intake->date());

  // A top-level "answers" key makes it a whole intake; one nested deeper does not.
  const IntakeResult whole = parse_answers_json(
      "{\"id\": \"P-1\", \"date\": \"2026-11-21\",\n \"answers\" : {\"pregnant\": false}}", catalogue);
  REQUIRE_MESSAGE(whole, format_diagnostics(whole.diagnostics));
  CHECK(whole.intake->id() == "P-1");
  CHECK(whole.intake->date() == Date::parse_iso("2026-11-21"));
  CHECK(whole.intake->get("pregnant") == AnswerValue(false));
  CHECK(positions(parse_answers_json(R"({"a": {"answers": {}}})", catalogue)) == Lines{"1:2 intake.unknown_question"});

  CHECK(parse_answers_json("null", catalogue));  // no answers at all
}

TEST_CASE("answers in JSON: diagnostics point into the text given") {
  const auto catalogue = Catalogue::builtin();
  const IntakeResult wrong = parse_answers_json("{\"pregnant\": \"yes\",\n \"acne\": \"activ\"}", catalogue, "x.json");
  CHECK(positions(wrong) == Lines{"1:14 intake.wrong_type", "2:10 intake.unknown_enum_value"});
  REQUIRE(!wrong.diagnostics.empty());
  CHECK(wrong.diagnostics[0].where.file == "x.json");
  CHECK(wrong.diagnostics[0].where.offset == 13);
  CHECK(wrong.diagnostics[1].source_line == R"( "acne": "activ"})");
  CHECK(positions(parse_answers_json("[1]", catalogue)) == Lines{"1:1 intake.not_a_mapping"});
  CHECK(positions(parse_answers_json(R"({"pregnant": tru})", catalogue)) == Lines{"1:14 intake.syntax"});

  // Text that is not one balanced value: the error is in it, not in a wrapper around it
  // (these once pointed at a line 2 holding only "}"), and text after the object is not
  // taken for members of an intake.
  CHECK(positions(parse_answers_json(R"({"pregnant": true)", catalogue)) == Lines{"1:18 intake.syntax"});
  CHECK(positions(parse_answers_json(R"({"pregnant": true}})", catalogue)) == Lines{"1:19 intake.syntax"});
  CHECK(positions(parse_answers_json(R"({"pregnant": true}, "date": "2026-01-01")", catalogue)) ==
        Lines{"1:19 intake.syntax"});
  CHECK(positions(parse_answers_json("", catalogue)) == Lines{"1:1 intake.syntax"});
}

TEST_CASE("evaluation date: the one given, else the intake's, else today") {
  const auto catalogue = Catalogue::builtin();
  const IntakeResult read = parse_answers_json(R"({"date": "2026-11-21", "answers": {}})", catalogue);
  REQUIRE(read);
  CHECK(evaluate("today()", *read.intake, std::nullopt).value == "2026-11-21");
  CHECK(evaluate("today()", *read.intake, Date::parse_iso("2026-01-02")).value == "2026-01-02");
  const Intake undated(catalogue);
  const std::string before = Date::today_utc().to_iso();
  const std::string value = evaluate("today()", undated, std::nullopt).value;
  CHECK((value == before || value == Date::today_utc().to_iso()));  // midnight may pass in between
}
