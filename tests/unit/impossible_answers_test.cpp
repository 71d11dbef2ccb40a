// Impossible answers through every C++ front end: each case of
// tests/data/answers/impossible.yaml is screened as a JSON Lines record (fast path and full
// reader), a CSV record, a JSON file, a YAML file and a rule-set test case, and each must give
// the same error codes in the same order, positioned at the answer where the format has
// positions, or screen it. bindings/python/tests/test_impossible_answers.py runs the same cases
// through Python.
#include <doctest/doctest.h>

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;

struct ImpossibleCase {
  std::string name;
  std::string intake;  // JSON text on one line
  std::optional<Date> screen_date;
  std::vector<std::string> errors;
  std::vector<std::string> questions;
  std::optional<std::string> message;
};

std::vector<ImpossibleCase> load_cases() {
  const YAML::Node root = YAML::LoadFile((testing::data_dir() / "answers" / "impossible.yaml").string());
  std::vector<ImpossibleCase> cases;
  for (const auto& node : root["cases"]) {
    ImpossibleCase c;
    c.name = node["name"].as<std::string>();
    c.intake = node["intake"].as<std::string>();
    if (node["screen_date"]) c.screen_date = Date::parse_iso(node["screen_date"].as<std::string>());
    c.errors = node["errors"].as<std::vector<std::string>>();
    if (node["questions"]) c.questions = node["questions"].as<std::vector<std::string>>();
    if (node["message"]) c.message = node["message"].as<std::string>();
    cases.push_back(std::move(c));
  }
  return cases;
}

const RuleSet& baseline() {
  static const RuleSet rules = [] {
    LoadResult loaded = load_ruleset_file(testing::source_dir() / "rules/common/microneedling.yaml");
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    return std::move(*loaded.ruleset);
  }();
  return rules;
}

BatchOptions options_of(const ImpossibleCase& c) {
  BatchOptions options;
  options.screen.date = c.screen_date;
  options.format = OutputFormat::json;
  return options;
}

// What one error record said: its codes, and the column of each error.
struct Record {
  std::vector<std::string> codes;
  std::vector<std::uint32_t> lines, columns;
  std::string first_message;
};

Record parse_error_record(const std::string& json) {
  Record r;
  static const std::regex error(
      R"re(\{"code":"([^"]+)","message":"((?:[^"\\]|\\.)*)","file":"(?:[^"\\]|\\.)*","line":(\d+),"column":(\d+)\})re");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), error); it != std::sregex_iterator(); ++it) {
    r.codes.push_back((*it)[1]);
    if (r.first_message.empty()) r.first_message = (*it)[2];
    r.lines.push_back(static_cast<std::uint32_t>(std::stoul((*it)[3])));
    r.columns.push_back(static_cast<std::uint32_t>(std::stoul((*it)[4])));
  }
  return r;
}

// The 1-based column of the answer to `question` in a one-line JSON text.
std::uint32_t answer_column(const std::string& text, const std::string& question) {
  std::size_t at = text.find("\"" + question + "\"");
  REQUIRE(at != std::string::npos);
  at = text.find(':', at) + 1;
  while (text[at] == ' ') ++at;
  return static_cast<std::uint32_t>(at + 1);
}

void check_record(const ImpossibleCase& c, const std::string& text, const BatchSummary& summary,
                  const std::string& output, bool positioned, std::uint32_t line) {
  CHECK(summary.fatal.empty());
  CHECK(summary.records == 1);
  CHECK(summary.errors == (c.errors.empty() ? 0U : 1U));
  const Record record = parse_error_record(output);
  CHECK(record.codes == c.errors);
  if (c.errors.empty()) {
    CHECK(output.find("\"decision\":null") == std::string::npos);
    return;
  }
  CHECK(output.find("\"decision\":null") != std::string::npos);
  if (c.message) CHECK(record.first_message.find(*c.message) != std::string::npos);
  REQUIRE(record.columns.size() == c.questions.size());
  for (std::size_t i = 0; i < c.questions.size(); ++i) {
    CHECK(record.lines[i] == line);
    CHECK(record.columns[i] == (positioned ? answer_column(text, c.questions[i]) : 1U));
  }
}

BatchSummary screen_text(const std::string& text, BatchFormat format, const BatchOptions& options,
                         std::string& output) {
  std::istringstream in(text);
  std::ostringstream out;
  const BatchSummary summary = screen_batch(baseline(), in, format, out, options);
  output = out.str();
  return summary;
}

// The case's intake as a CSV header and record.
std::string csv_of(const std::string& json) {
  const YAML::Node intake = YAML::Load(json);  // JSON is YAML
  std::string header = "id,date", record = "C-1,";
  if (intake["date"]) record += intake["date"].as<std::string>();
  for (const auto& entry : intake["answers"]) {
    header += "," + entry.first.as<std::string>();
    record += "," + (entry.second.IsNull() ? std::string() : entry.second.as<std::string>());
  }
  return header + "\n" + record + "\n";
}

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("contrascreen-impossible-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("impossible answers: every case through every C++ front end") {
  const std::vector<ImpossibleCase> cases = load_cases();
  REQUIRE(cases.size() >= 15);
  TempDir dir;
  for (const ImpossibleCase& c : cases) {
    INFO("case: " << c.name);
    std::string output;
    {
      INFO("front end: JSON Lines (the fast path reads these records)");
      const BatchSummary summary = screen_text(c.intake + "\n", BatchFormat::jsonl, options_of(c), output);
      INFO(output);
      check_record(c, c.intake, summary, output, true, 1);
    }
    {
      INFO("front end: JSON Lines through the full reader (an escape in the id)");
      const std::string text = "{\"id\": \"x\\u0041\", " + c.intake.substr(1);
      const BatchSummary summary = screen_text("\n" + text + "\n", BatchFormat::jsonl, options_of(c), output);
      INFO(output);
      check_record(c, text, summary, output, true, 2);
    }
    {
      INFO("front end: CSV (positions: the record's line)");
      const BatchSummary summary = screen_text(csv_of(c.intake), BatchFormat::csv, options_of(c), output);
      INFO(output);
      check_record(c, c.intake, summary, output, false, 2);
    }
    for (const char* extension : {".json", ".yaml"}) {
      INFO("front end: an intake file " << extension);
      const std::filesystem::path file = dir.path / (std::string("intake") + extension);
      std::ofstream(file, std::ios::binary) << c.intake << "\n";
      std::istringstream no_input;
      std::ostringstream out;
      const BatchSummary summary = screen_input(baseline(), file.string(), no_input, out, options_of(c));
      output = out.str();
      INFO(output);
      check_record(c, c.intake, summary, output, true, 1);
      std::vector<std::string> codes;
      for (const Diagnostic& d : summary.intake_errors) codes.push_back(d.code);
      CHECK(codes == c.errors);
    }
  }
}

TEST_CASE("impossible answers: a rule-set test case with such answers fails without a decision") {
  std::string yaml =
      "id: test/impossible\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\n"
      "rules:\n  - {id: note, when: \"true\", decision: inform, message: \"Noted.\", source: test}\ntests:\n";
  const std::vector<ImpossibleCase> cases = load_cases();
  std::vector<const ImpossibleCase*> used;
  for (const ImpossibleCase& c : cases) {
    const YAML::Node intake = YAML::Load(c.intake);
    // A test case needs a date of its own; the intake's is its screening date here.
    const std::string date =
        intake["date"] ? intake["date"].as<std::string>() : (c.screen_date ? c.screen_date->to_iso() : std::string());
    if (date.empty()) continue;
    const std::size_t answers = c.intake.find("\"answers\": ") + 11;
    yaml += "  - name: \"" + c.name + "\"\n    date: " + date +
            "\n    answers: " + c.intake.substr(answers, c.intake.size() - answers - 1) + "\n    decision: allow\n";
    used.push_back(&c);
  }
  REQUIRE(used.size() >= 10);
  LoadResult loaded = load_ruleset_string(yaml, "impossible.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  const TestReport report = run_tests(*loaded.ruleset);
  REQUIRE(report.cases.size() == used.size());
  for (std::size_t i = 0; i < used.size(); ++i) {
    const ImpossibleCase& c = *used[i];
    INFO("case: " << c.name);
    std::vector<std::string> codes;
    for (const Diagnostic& d : report.cases[i].errors) codes.push_back(d.code);
    CHECK(codes == c.errors);
    CHECK(report.cases[i].passed == c.errors.empty());
    if (!c.errors.empty()) {
      REQUIRE(report.cases[i].mismatches.size() == c.errors.size());
      CHECK(report.cases[i].mismatches[0].find("answers: " + c.errors[0]) == 0);
    }
  }
}

TEST_CASE("impossible answers: check_answers itself") {
  const RuleSet& rules = baseline();
  Intake intake = rules.make_intake();
  std::vector<ImpossibleAnswer> found;
  const Date day = *Date::parse_iso("2026-11-21");
  SUBCASE("no answers, no problem, nothing appended") {
    CHECK(check_answers(intake, day, found));
    CHECK(found.empty());
  }
  SUBCASE("the problem names the question at fault by its catalogue index") {
    intake.set("previous_microneedling", false);
    intake.set("last_microneedling_date", "2026-12-01");
    CHECK_FALSE(check_answers(intake, day, found));
    REQUIRE(found.size() == 2);
    CHECK(found[0].question == rules.catalogue().find("last_microneedling_date")->index);
    CHECK(found[0].diagnostic.code == codes::intake_contradiction);
    CHECK(found[1].diagnostic.code == codes::intake_date_in_future);
    CHECK(found[0].diagnostic.where.line == 0);  // positions are the front end's to give
  }
  SUBCASE("appends after what is there") {
    found.resize(1);
    intake.set("oral_retinoids", "never");
    intake.set("oral_retinoids_stopped_on", "2026-01-01");
    CHECK_FALSE(check_answers(intake, day, found));
    CHECK(found.size() == 2);
  }
  SUBCASE("screening_date_of: the intake's date, else the option, else today") {
    ScreenOptions options;
    CHECK(screening_date_of(intake, options) == Date::today_utc());
    options.date = day;
    CHECK(screening_date_of(intake, options) == day);
    intake.set_date(*Date::parse_iso("2020-02-29"));
    CHECK(screening_date_of(intake, options) == *Date::parse_iso("2020-02-29"));
  }
}
