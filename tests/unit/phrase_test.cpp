// Expressions in plain words (src/ruleset/sheet/phrase.hpp).
//  - tests/data/sheet/phrases.cases: `expression | phrase` lines, one per operator and function
//    of the language at least, with the phrase as Phrase::plain() gives it (English, the built-in
//    catalogue's English prompts and labels); "@ruleset path" (from the repository root) makes a
//    rule set's value sets visible to the lines that follow.
//  - Every expression of the test data and the shipped rule sets (each `when` and `until` of
//    tests/data/**/*.yaml and rules/**/*.yaml, and each expression of tests/data/eval/*.cases)
//    that checks is phrased with no part left as raw syntax.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>

#include "contrascreen/contrascreen.hpp"
#include "expr/checker.hpp"
#include "expr/parser.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/sheet/phrase.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
using contrascreen::testing::data_dir;
using contrascreen::testing::files_in;
using contrascreen::testing::read_file;
using contrascreen::testing::source_dir;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The phrase of `text` checked against the built-in catalogue and `value_sets`, or nullopt
// when it does not check (the data holds expressions that are meant to fail).
std::optional<sheet::Phrase> phrase_of(const std::string& text, const std::vector<detail::ValueSetDef>& value_sets,
                                       std::string_view language = "en") {
  auto parsed = expr::parse_expression(text);
  if (!parsed.errors.empty()) return std::nullopt;
  const auto catalogue = Catalogue::builtin();
  expr::Environment env;
  env.catalogue = catalogue.get();
  for (const auto& set : value_sets) env.value_sets.push_back(set.name);
  std::vector<expr::ExprDiagnostic> problems;
  // Any result type: check against bool and accept another (as `eval` does).
  const auto checked = expr::check_expression(std::move(parsed.ast), env, expr::TypeKind::boolean, problems);
  for (const auto& d : problems)
    if (d.code != codes::check_result_type) return std::nullopt;
  sheet::PhraseContext context;
  context.catalogue = catalogue.get();
  context.value_sets = &value_sets;
  context.language = FormLanguage{std::string(language), "en", false};
  return sheet::phrase_expression(checked, text, context);
}

// Every `when` and `until` string of a rule-set YAML file (rules and overrides), and the
// names of the value sets it declares.
void expressions_in(const YAML::Node& root, std::vector<std::string>& out, std::vector<std::string>& sets) {
  if (!root.IsMap()) return;
  auto take = [&](const YAML::Node& rule) {
    if (!rule.IsMap()) return;
    for (const char* key : {"when", "until"})
      if (rule[key] && rule[key].IsScalar() && !rule[key].IsNull()) out.push_back(rule[key].Scalar());
  };
  if (root["rules"] && root["rules"].IsSequence())
    for (const auto& rule : root["rules"]) take(rule);
  if (root["overrides"] && root["overrides"].IsMap())
    for (const auto& entry : root["overrides"]) take(entry.second);
  if (root["value_sets"] && root["value_sets"].IsMap())
    for (const auto& entry : root["value_sets"]) sets.push_back(entry.first.Scalar());
}

}  // namespace

TEST_CASE("phrases: one per operator and function, worded as expected") {
  std::istringstream lines(read_file(data_dir() / "sheet" / "phrases.cases"));
  std::vector<detail::ValueSetDef> value_sets;
  std::optional<RuleSet> ruleset;
  std::size_t cases = 0;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("@ruleset ")) {
      auto loaded = load_ruleset_file(source_dir() / trim(line.substr(9)));
      REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
      ruleset = std::move(loaded.ruleset);
      value_sets = detail::compiled(*ruleset).value_sets;
      continue;
    }
    const auto bar = line.find(" | ");
    REQUIRE_MESSAGE(bar != std::string::npos, "phrases.cases:" << number);
    const std::string expression = trim(line.substr(0, bar));
    const std::string expected = trim(line.substr(bar + 3));
    CAPTURE("phrases.cases:" + std::to_string(number) + ": " + expression);
    const auto phrase = phrase_of(expression, value_sets);
    REQUIRE(phrase);
    CHECK_EQ(phrase->fallbacks, 0U);
    CHECK_EQ(phrase->plain(), expected);
    ++cases;
  }
  CHECK(cases >= 60);
}

TEST_CASE("phrases: a node with no phrasing is copied as written and counted") {
  // Field selection never checks, so a checked expression never holds one; build the tree by hand.
  expr::CheckedExpression checked;
  checked.ast.nodes.push_back({expr::NodeKind::identifier, 0, {0, 8}, {}, false, 0, 0.0, "pregnant", {}});
  checked.ast.nodes.push_back({expr::NodeKind::select, 0, {0, 14}, {9, 14}, false, 0, 0.0, "field", {0}});
  checked.ast.root = 1;
  checked.types.assign(2, expr::Type::of(expr::TypeKind::boolean));
  checked.resolved.assign(2, {});
  sheet::PhraseContext context;
  context.catalogue = Catalogue::builtin().get();
  const auto phrase = sheet::phrase_expression(checked, "pregnant.field", context);
  CHECK_EQ(phrase.fallbacks, 1U);
  CHECK_EQ(phrase.plain(), "`pregnant.field`");
}

TEST_CASE("phrases: every expression of the test data and the shipped rule sets reads as words") {
  std::vector<std::filesystem::path> files = files_in(data_dir(), ".yaml");
  for (const auto& path : files_in(source_dir() / "rules", ".yaml")) files.push_back(path);
  // The shipped value sets, for files that extend them.
  const auto shipped = load_ruleset_file(source_dir() / "rules" / "common" / "value_sets.yaml");
  REQUIRE(shipped);
  std::size_t phrased = 0;
  for (const auto& path : files) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(path.string());
    } catch (const YAML::Exception&) {
      continue;  // the data holds broken YAML on purpose
    }
    std::vector<std::string> expressions, set_names;
    expressions_in(root, expressions, set_names);
    std::vector<detail::ValueSetDef> value_sets = detail::compiled(*shipped.ruleset).value_sets;
    for (const auto& name : set_names) value_sets.push_back({name, {"a", "b"}, {}});
    for (const std::string& expression : expressions) {
      CAPTURE(path.string() + ": " + expression);
      const auto phrase = phrase_of(expression, value_sets);
      if (!phrase) continue;
      CHECK_EQ(phrase->fallbacks, 0U);
      CHECK(!phrase->segments.empty());
      ++phrased;
    }
  }
  for (const auto& path : files_in(data_dir() / "eval", ".cases")) {
    std::istringstream lines(read_file(path));
    for (std::string line; std::getline(lines, line);) {
      line = trim(line);
      if (line.empty() || line[0] == '#' || line[0] == '@') continue;
      const auto bar1 = line.find(" | ");
      const auto bar2 = line.rfind(" | ");
      if (bar1 == std::string::npos || bar2 == bar1) continue;
      const std::string expression = trim(line.substr(bar1 + 3, bar2 - bar1 - 3));
      CAPTURE(path.filename().string() + ": " + expression);
      const auto phrase = phrase_of(expression, detail::compiled(*shipped.ruleset).value_sets);
      if (!phrase) continue;
      CHECK_EQ(phrase->fallbacks, 0U);
      ++phrased;
    }
  }
  CHECK(phrased >= 500);
}
