// Limits on hostile input (docs/reliability.md): each case gives a clear error with a
// stable code, never a crash, and stays bounded in time and memory. The inputs are large
// enough that a quadratic algorithm or an unbounded read would make the test time out.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>

#include "expr/parser.hpp"
#include "ruleset/loader.hpp"
#include "test_data.hpp"
#include "yaml/yaml_reader.hpp"

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

const Date screening_date = *Date::parse_iso("2026-11-21");

bool has_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) {
  for (const auto& d : diagnostics)
    if (d.code == code) return true;
  return false;
}

// A scratch directory of its own per test case (CTest runs cases in parallel processes).
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(std::string_view name)
      : path(fs::temp_directory_path() / ("contrascreen-limits-" + std::string(name) + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, std::string_view content) const {
    const fs::path file = path / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
};

std::string policy_with(std::string_view when) {
  return "id: limits\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\nrules:\n  - id: r\n    when: '" +
         std::string(when) + "'\n    decision: refuse\n    message: m\n    source: s\n";
}

EvaluationResult eval(std::string_view expression) {
  static const Intake intake(Catalogue::builtin());
  return evaluate(expression, intake, screening_date);
}

const RuleSet& quickstart() {
  static const RuleSet rules = [] {
    auto loaded = load_ruleset_file(testing::source_dir() / "examples/policies/quickstart.yaml");
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    return *loaded.ruleset;
  }();
  return rules;
}

// Screens a JSON Lines or CSV batch and returns its JSON Lines output.
std::string batch(const std::string& input, BatchFormat format, BatchSummary* summary = nullptr) {
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.screen.date = screening_date;
  options.name = "batch";
  BatchSummary s = screen_batch(quickstart(), in, format, out, options);
  if (summary != nullptr) *summary = s;
  return out.str();
}

}  // namespace

// ---- expressions ----------------------------------------------------------------------

TEST_CASE("limits: an expression longer than 16 KiB is parse.too_long") {
  std::string longest = "age < 1";
  longest += std::string(expr::max_expression_length - longest.size(), ' ');
  CHECK(eval(longest).diagnostics.empty());
  CHECK(has_code(eval(longest + " ").diagnostics, "parse.too_long"));
  // A megabyte is rejected as fast, before any parsing.
  CHECK(has_code(eval(std::string(1u << 20, '(')).diagnostics, "parse.too_long"));
}

TEST_CASE("limits: more than 64 nested brackets is parse.too_deep") {
  auto nested = [](int depth) { return std::string(depth, '(') + "pregnant" + std::string(depth, ')'); };
  CHECK(eval(nested(expr::max_nesting_depth)).diagnostics.empty());
  CHECK(has_code(eval(nested(expr::max_nesting_depth + 1)).diagnostics, "parse.too_deep"));
  CHECK(has_code(eval(std::string(16000, '[')).diagnostics, "parse.too_deep"));
  CHECK(has_code(eval(std::string(16000, '(')).diagnostics, "parse.too_deep"));
}

TEST_CASE("limits: long operator chains and prefix runs are parse.too_deep, not a stack overflow") {
  std::string chain = "pregnant";
  while (chain.size() < 15000) chain += " || pregnant";
  CHECK(has_code(eval(chain).diagnostics, "parse.too_deep"));
  CHECK(has_code(eval(std::string(15000, '!') + "pregnant").diagnostics, "parse.too_deep"));
  CHECK(has_code(eval(std::string(15000, '-') + "1 < age").diagnostics, "parse.too_deep"));
  std::string ternary = "true";
  while (ternary.size() < 15000) ternary = "pregnant ? " + ternary + " : false";
  CHECK(has_code(eval(ternary).diagnostics, "parse.too_deep"));
  // Inside a rule set, the same limit with a position in the file.
  const LoadResult loaded = load_ruleset_string(policy_with(std::string(2000, '!') + "pregnant"), "deep.yaml");
  CHECK_FALSE(loaded);
  CHECK(has_code(loaded.diagnostics, "parse.too_deep"));
}

TEST_CASE("limits: numbers in expressions that do not fit are errors, not infinities") {
  CHECK(has_code(eval("age < 1e999").diagnostics, "parse.invalid_number"));
  CHECK(has_code(eval("age < 99999999999999999999999").diagnostics, "parse.invalid_number"));
  // Arithmetic that overflows at run time leaves the condition undecided with an error.
  Intake intake(Catalogue::builtin());
  intake.set("age", 130);
  const EvaluationResult overflow = evaluate("age * 1e300 * 1e300 > 0", intake, screening_date);
  CHECK(overflow.diagnostics.empty());
  CHECK(overflow.value == "error");
  CHECK_FALSE(overflow.error.empty());
}

TEST_CASE("limits: more than 63 questions in one expression is ruleset.too_many_questions, in a rule or in eval") {
  // `eval` used to report check.too_many_questions for the condition a rule set reports
  // as ruleset.too_many_questions: one condition, one code.
  std::string catalogue = "catalogue: many\nversion: \"1\"\nlanguages: [en]\nquestions:\n";
  std::string read_all = "q0";
  for (int i = 0; i <= 63; ++i) {
    catalogue += "  - {id: q" + std::to_string(i) + ", type: bool, prompt: {en: \"?\"}}\n";
    if (i > 0) read_all += " || q" + std::to_string(i);
  }
  const ScratchDir dir("too-many-questions");
  dir.write("many.questions.yml", catalogue);
  std::string policy = policy_with(read_all);
  policy.insert(policy.find("rules:"), "catalogue: many.questions.yml\n");
  CHECK(has_code(load_ruleset_file(dir.write("many.yaml", policy)).diagnostics, codes::ruleset_too_many_questions));
  const auto loaded = Catalogue::load_string(catalogue);
  REQUIRE_MESSAGE(loaded.catalogue, format_diagnostics(loaded.diagnostics));
  const Intake intake(loaded.catalogue);
  CHECK(has_code(evaluate(read_all, intake, screening_date).diagnostics, codes::ruleset_too_many_questions));
  CHECK(evaluate(read_all.substr(0, read_all.rfind(" ||")), intake, screening_date).diagnostics.empty());
}

// ---- YAML -----------------------------------------------------------------------------

TEST_CASE("limits: YAML nested deeper than 64 levels is yaml.too_deep, flow or block") {
  std::string flow = "id: x\nversion: '1'\nfoo: " + std::string(100000, '[') + "\n";
  CHECK(has_code(load_ruleset_string(flow).diagnostics, "yaml.too_deep"));
  // Block nesting (indentation) deeper than the walker's limit but within yaml-cpp's.
  std::string block = "id: x\nversion: '1'\nfoo:\n";
  for (int i = 1; i <= 100; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(has_code(load_ruleset_string(block).diagnostics, "yaml.too_deep"));
  // Deeper than yaml-cpp's own recursion guard: reported the same way (it was yaml.syntax
  // "bad file" before).
  std::string deeper = "id: x\nversion: '1'\nfoo:\n";
  for (int i = 1; i <= 1200; ++i) deeper += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  const LoadResult loaded = load_ruleset_string(deeper);
  CHECK_MESSAGE(has_code(loaded.diagnostics, "yaml.too_deep"), format_diagnostics(loaded.diagnostics));
  const IntakeResult intake = parse_intake("answers:\n" + deeper.substr(deeper.find("foo:")), IntakeFormat::yaml,
                                           Catalogue::builtin());
  CHECK(has_code(intake.diagnostics, "intake.too_deep"));
}

TEST_CASE("limits: billion-laughs aliases are yaml.too_large in rule sets, catalogues and intakes") {
  std::string laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) laughs += (j ? ", *a" : "*a") + std::to_string(i - 1);
    laughs += "]\n";
  }
  CHECK(has_code(load_ruleset_string("id: x\nversion: '1'\n" + laughs).diagnostics, "yaml.too_large"));
  CHECK(has_code(Catalogue::load_string("catalogue: x\n" + laughs).diagnostics, "yaml.too_large"));
  const IntakeResult intake = parse_intake("answers: {}\n" + laughs, IntakeFormat::yaml, Catalogue::builtin());
  CHECK(has_code(intake.diagnostics, "intake.too_large"));
}

TEST_CASE("limits: YAML documents over 1 MiB or with too many entries are yaml.too_large") {
  // 2 MB of flow list took yaml-cpp 9 s and 470 MB before this limit.
  std::string big = "id: x\nversion: '1'\nfoo: [";
  while (big.size() <= yaml::max_document_bytes) big += "0,";
  big += "0]\n";
  CHECK(has_code(load_ruleset_string(big).diagnostics, "yaml.too_large"));
  // Under the byte limit but with more entries than the parser may build.
  std::string many = "id: x\nversion: '1'\nfoo:\n";
  for (std::size_t i = 0; i < yaml::max_parsed_nodes; ++i) many += "- 0\n";
  REQUIRE(many.size() < yaml::max_document_bytes);
  CHECK(has_code(load_ruleset_string(many).diagnostics, "yaml.too_large"));
  const IntakeResult intake = parse_intake("answers: {}\nx:\n" + many.substr(many.find("- 0")), IntakeFormat::yaml,
                                           Catalogue::builtin());
  CHECK(has_code(intake.diagnostics, "intake.too_large"));
  // The shipped rule sets are far from either limit.
  for (const auto& file : testing::files_in(testing::source_dir() / "rules", ".yaml")) {
    CAPTURE(file);
    if (file.filename() == "questions.yaml") {
      CHECK(Catalogue::load_file(file).catalogue != nullptr);
    } else {
      const LoadResult shipped = load_ruleset_file(file);
      CHECK_MESSAGE(shipped, format_diagnostics(shipped.diagnostics));
    }
  }
}

TEST_CASE("limits: the YAML limits bound the look for a second document too") {
  // The second document is looked for after the first is read, with yaml-cpp's parser and
  // a handler that builds nothing, asking for at most two documents. The limits checked on
  // the whole text before any parsing cover it; what they let through is still bounded.
  const std::string first = "id: x\nversion: '1'\ntreatment: t\nlanguages: [en]\n---\n";
  CHECK(has_code(load_ruleset_string(first + "foo: " + std::string(100000, '[') + "\n").diagnostics, "yaml.too_deep"));
  std::string many = first;
  for (std::size_t i = 0; i < yaml::max_parsed_nodes; ++i) many += "- 0\n";
  CHECK(has_code(load_ruleset_string(many).diagnostics, "yaml.too_large"));
  std::string big = first + "[";
  while (big.size() <= yaml::max_document_bytes) big += "0,";
  CHECK(has_code(load_ruleset_string(big + "0]\n").diagnostics, "yaml.too_large"));
  // Block nesting beyond yaml-cpp's recursion guard, and aliases that would expand to a
  // billion nodes: nothing is built, so the second document is simply reported.
  std::string deeper = first + "foo:\n";
  for (int i = 1; i <= 1200; ++i) deeper += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(has_code(load_ruleset_string(deeper).diagnostics, "yaml.multiple_documents"));
  std::string laughs = first + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) laughs += (j ? ", *a" : "*a") + std::to_string(i - 1);
    laughs += "]\n";
  }
  CHECK(has_code(load_ruleset_string(laughs).diagnostics, "yaml.multiple_documents"));
  // Many documents: only the second is looked at.
  std::string documents = first;
  for (int i = 0; i < 10000; ++i) documents += "a: 1\n---\n";
  CHECK(has_code(load_ruleset_string(documents).diagnostics, "yaml.multiple_documents"));
  CHECK(has_code(Catalogue::load_string("catalogue: x\n---\ncatalogue: y\n").diagnostics, "yaml.multiple_documents"));
}

// ---- extends --------------------------------------------------------------------------

TEST_CASE("limits: extends cycles and chains longer than 16 are errors") {
  const ScratchDir dir("extends");
  const std::string body = "version: '1'\ntreatment: t\nlanguages: [en]\n";
  dir.write("a.yaml", "id: a\nextends: b.yaml\n" + body);
  dir.write("b.yaml", "id: b\nextends: c.yaml\n" + body);
  dir.write("c.yaml", "id: c\nextends: a.yaml\n" + body);
  CHECK(has_code(load_ruleset_file(dir.path / "a.yaml").diagnostics, "ruleset.extends_cycle"));
  dir.write("self.yaml", "id: self\nextends: ./self.yaml\n" + body);
  CHECK(has_code(load_ruleset_file(dir.path / "self.yaml").diagnostics, "ruleset.extends_cycle"));
  // A chain of 17 files: level i extends level i+1.
  const int levels = detail::max_extends_depth + 1;
  for (int i = 0; i < levels; ++i) {
    std::string text = "id: l" + std::to_string(i) + "\n" + body;
    if (i + 1 < levels) text += "extends: l" + std::to_string(i + 1) + ".yaml\n";
    dir.write("l" + std::to_string(i) + ".yaml", text);
  }
  CHECK(has_code(load_ruleset_file(dir.path / "l0.yaml").diagnostics, "ruleset.extends_too_deep"));
  const LoadResult sixteen = load_ruleset_file(dir.path / "l1.yaml");
  CHECK_MESSAGE(sixteen, format_diagnostics(sixteen.diagnostics));
}

// ---- huge files -----------------------------------------------------------------------

TEST_CASE("limits: huge or endless files are not read past the limit") {
  const ScratchDir dir("files");
  // An intake file over 4 MiB, in either format.
  std::string padding(max_record_bytes, ' ');
  const fs::path json = dir.write("big.json", "{\"answers\": {}}" + padding);
  const fs::path yaml = dir.write("big.yaml", "answers: {}\n" + padding);
  CHECK(has_code(read_intake_file(json, Catalogue::builtin()).diagnostics, "intake.too_large"));
  CHECK(has_code(read_intake_file(yaml, Catalogue::builtin()).diagnostics, "intake.too_large"));
  CHECK(has_code(parse_intake("{\"answers\": {}}" + padding, IntakeFormat::json, Catalogue::builtin()).diagnostics,
                 "intake.too_large"));
  // A rule set or catalogue over 1 MiB.
  const fs::path rules = dir.write("big.yaml", "id: x\n" + std::string(yaml::max_document_bytes, '#'));
  CHECK(has_code(load_ruleset_file(rules).diagnostics, "yaml.too_large"));
  CHECK(has_code(Catalogue::load_file(rules).diagnostics, "yaml.too_large"));
  // Devices that never end: read up to the limit, then rejected (this ran out of memory).
  if (fs::exists("/dev/zero")) {
    CHECK(has_code(load_ruleset_file("/dev/zero").diagnostics, "yaml.too_large"));
    CHECK(has_code(Catalogue::load_file("/dev/zero").diagnostics, "yaml.too_large"));
    fs::create_symlink("/dev/zero", dir.path / "zero.json");
    CHECK(has_code(read_intake_file(dir.path / "zero.json", Catalogue::builtin()).diagnostics, "intake.too_large"));
    dir.write("extends_zero.yaml", "id: x\nversion: '1'\nextends: /dev/zero\n");
    CHECK(has_code(load_ruleset_file(dir.path / "extends_zero.yaml").diagnostics, "yaml.too_large"));
  }
}

TEST_CASE("limits: a batch record of many megabytes is an error record; the others are screened") {
  const std::string good = R"({"id": "ok", "answers": {"pregnant": true}})";
  const std::string huge = R"({"id": "huge", "answers": {"medications": [")" + std::string(6u << 20, 'x') + "\"]}}";
  BatchSummary summary;
  const std::string out = batch(good + "\n" + huge + "\n" + good + "\n", BatchFormat::jsonl, &summary);
  CHECK(summary.records == 3);
  CHECK(summary.errors == 1);
  CHECK(summary.refused == 2);
  CHECK(out.find(R"("code":"intake.too_large")") != std::string::npos);
  CHECK(out.find(R"("line":2)") != std::string::npos);
  // A line with no end at all (the whole input).
  CHECK(batch(std::string(6u << 20, '{'), BatchFormat::jsonl).find("intake.too_large") != std::string::npos);
  // CSV: a quoted cell of many megabytes. A cell never spans lines, so two lines of 3 MiB
  // each are two records (each with a quote that does not close on its line), and a line of
  // 6 MiB is one too large.
  const std::string csv = "id,pregnant,medications\na,true,\nb,false,\"" + std::string(3u << 20, 'x') + "\n" +
                          std::string(3u << 20, 'y') + "\"\nc,true,\"" + std::string(6u << 20, 'z') + "\"\nd,true,\n";
  const std::string csv_out = batch(csv, BatchFormat::csv, &summary);
  CHECK(summary.records == 5);
  CHECK(summary.errors == 3);
  CHECK(summary.refused == 2);
  CHECK(csv_out.find("intake.too_large") != std::string::npos);
}

TEST_CASE("limits: a CSV header of many megabytes is a fatal error, not read whole") {
  BatchSummary summary;
  batch("id," + std::string(6u << 20, 'x') + "\na,b\n", BatchFormat::csv, &summary);
  CHECK(summary.records == 0);
  CHECK(has_code(summary.fatal, "intake.too_large"));
}

// ---- encodings and numbers ---------------------------------------------------------------

TEST_CASE("limits: bytes that are not UTF-8 are rejected in every input") {
  // Before, YAML passed them through into decisions and JSON output.
  const std::string bad = "\xff\xfe";
  const std::string policy = policy_with("pregnant");
  std::string bad_policy = policy;
  bad_policy.replace(bad_policy.find("message: m"), 10, "message: m" + bad);
  const LoadResult loaded = load_ruleset_string(bad_policy, "bad.yaml");
  CHECK_FALSE(loaded);
  CHECK(has_code(loaded.diagnostics, "yaml.syntax"));
  CHECK(load_ruleset_string(policy));
  CHECK(has_code(Catalogue::load_string("catalogue: x" + bad + "\n").diagnostics, "yaml.syntax"));
  const auto catalogue = Catalogue::builtin();
  for (const auto format : {IntakeFormat::yaml, IntakeFormat::json}) {
    const std::string text = format == IntakeFormat::yaml ? "id: P" + bad + "\nanswers: {}\n"
                                                          : "{\"id\": \"P" + bad + "\", \"answers\": {}}";
    const IntakeResult intake = parse_intake(text, format, catalogue);
    CHECK_FALSE(intake);
    CHECK(has_code(intake.diagnostics, "intake.syntax"));
  }
  const std::string list = "answers: {medications: [war" + bad + "farin]}\n";
  CHECK(has_code(parse_intake(list, IntakeFormat::yaml, catalogue).diagnostics, "intake.syntax"));
  CHECK(batch("{\"id\": \"" + bad + "\"}\n", BatchFormat::jsonl).find("intake.syntax") != std::string::npos);
  CHECK(batch("id,pregnant\nP" + bad + ",true\n", BatchFormat::csv).find("intake.syntax") != std::string::npos);
}

TEST_CASE("limits: NaN and infinities are never answers") {
  const auto catalogue = Catalogue::builtin();
  for (const char* age : {".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e999", "-1e999"}) {
    CAPTURE(age);
    const IntakeResult intake = parse_intake(std::string("answers: {age: ") + age + "}", IntakeFormat::yaml, catalogue);
    CHECK(has_code(intake.diagnostics, "intake.out_of_range"));
  }
  for (const char* age : {"NaN", "Infinity", "-Infinity", "nan", "inf"}) {
    CAPTURE(age);
    const IntakeResult intake = parse_intake(std::string("{\"answers\": {\"age\": ") + age + "}}", IntakeFormat::json,
                                             catalogue);
    CHECK(has_code(intake.diagnostics, "intake.syntax"));
  }
  CHECK(has_code(parse_intake("{\"answers\": {\"age\": 1e999}}", IntakeFormat::json, catalogue).diagnostics,
                 "intake.out_of_range"));
  BatchSummary summary;
  batch("id,age\na,nan\nb,inf\nc,-inf\nd,1e999\ne,NaN\nf,infinity\n", BatchFormat::csv, &summary);
  CHECK(summary.errors == 6);
  Intake intake(catalogue);
  for (const double value : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity()}) {
    try {
      intake.set("age", value);
      FAIL("accepted a non-finite age");
    } catch (const IntakeError& e) {
      CHECK(e.diagnostic().code == "intake.out_of_range");
    }
  }
  CHECK_FALSE(intake.answered("age"));
}

TEST_CASE("limits: JSON nested deeper than 256 levels is intake.too_deep, as YAML nesting is") {
  const auto catalogue = Catalogue::builtin();
  for (const std::size_t depth : {std::size_t{300}, std::size_t{100000}}) {
    const std::string deep =
        "{\"x\": " + std::string(depth, '[') + std::string(depth, ']') + ", \"answers\": {}}";
    CHECK(has_code(parse_intake(deep, IntakeFormat::json, catalogue).diagnostics, "intake.too_deep"));
    CHECK(batch(deep + "\n", BatchFormat::jsonl).find("intake.too_deep") != std::string::npos);
  }
  const std::string shallow = "{\"x\": " + std::string(200, '[') + std::string(200, ']') + ", \"answers\": {}}";
  CHECK_FALSE(has_code(parse_intake(shallow, IntakeFormat::json, catalogue).diagnostics, "intake.too_deep"));
}

#ifdef CONTRASCREEN_CLI
TEST_CASE("limits: the command line does not read an endless file whole") {
  // `contrascreen check /dev/zero` looked for a catalogue key line by line and never
  // found the end of the first line.
  if (!fs::exists("/dev/zero")) return;
  const ScratchDir dir("cli");
  const std::string command = std::string("timeout 120 \"") + CONTRASCREEN_CLI + "\" check /dev/zero > \"" +
                              (dir.path / "out").string() + "\" 2>&1";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 65);
  CHECK(testing::read_file(dir.path / "out").find("yaml.too_large") != std::string::npos);
}
#endif
