// Expressions in plain words (src/ruleset/sheet/phrase.hpp).
//  - tests/data/sheet/phrases.cases: `expression | phrase` lines, one per operator and function
//    of the language at least, with the phrase as Phrase::plain() gives it (the built-in
//    catalogue's prompts and labels); "@ruleset path" (from the repository root) makes a rule
//    set's value sets visible to the lines that follow, "@lang sv" words them in Swedish.
//  - Every expression of the test data and the shipped rule sets (each `when` and `until` of
//    tests/data/**/*.yaml and rules/**/*.yaml, and each expression of tests/data/eval/*.cases)
//    that checks is phrased, in English, Swedish and Dutch, with no part left as raw syntax and,
//    in Swedish and Dutch, no word of the English table that the language's own table lacks.
//  - Every template of both word tables (phrase_words.hpp, sheet_words.hpp) has, in every
//    language, the places {n} of its English template: a translation cannot drop an operand.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "contrascreen/contrascreen.hpp"
#include "expr/checker.hpp"
#include "expr/parser.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/sheet/phrase.hpp"
#include "ruleset/sheet/phrase_words.hpp"
#include "ruleset/sheet/sheet_words.hpp"
#include "ruleset/sheet/word_table.hpp"
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

// The lowercase words (runs of ASCII letters) of `text`, without the places {n}.
std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  for (const char c : std::string(text) + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (!word.empty()) out.insert(word);
      word.clear();
    }
  }
  return out;
}

// The places {n} of a template, as written.
std::multiset<std::string> places_of(std::string_view text) {
  std::multiset<std::string> out;
  for (std::size_t i = 0; i + 2 < text.size(); ++i)
    if (text[i] == '{' && text[i + 2] == '}') out.insert(std::string(text.substr(i, 3)));
  return out;
}

// The words of the English phrasings, but those Swedish or Dutch spell the same: in a Swedish
// or Dutch phrase, each would be English left in the sentence. "s" is the end of "month's"
// and of Swedish "så" cut at its non-ASCII letter.
std::set<std::string> english_only(std::string_view language) {
  const std::set<std::string> same = language == "sv"   ? std::set<std::string>{"plus", "minus", "s"}
                                     : language == "nl" ? std::set<std::string>{"plus", "is", "in", "of", "week"}
                                                        : std::set<std::string>{};
  std::set<std::string> out;
  for (std::size_t k = 0; k < static_cast<std::size_t>(sheet::Words::count_); ++k)
    for (const auto& w : words_of(sheet::words(static_cast<sheet::Words>(k), "en")))
      if (same.count(w) == 0) out.insert(w);
  return out;
}

// The English words in the words segments of `phrase` (not in its prompts, labels or texts).
std::string english_left(const sheet::Phrase& phrase, const std::set<std::string>& english) {
  std::string out;
  for (const auto& segment : phrase.segments) {
    if (segment.kind != sheet::Segment::Kind::words) continue;
    for (const auto& w : words_of(segment.text))
      if (english.count(w) != 0) out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

}  // namespace

TEST_CASE("phrases: one per operator and function, worded as expected") {
  std::istringstream lines(read_file(data_dir() / "sheet" / "phrases.cases"));
  std::vector<detail::ValueSetDef> value_sets;
  std::optional<RuleSet> ruleset;
  std::size_t cases = 0;
  int number = 0;
  std::string language = "en";
  std::set<std::string> languages;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("@lang ")) {
      language = trim(line.substr(6));
      REQUIRE_MESSAGE(sheet::has_words(language), "phrases.cases:" << number);
      continue;
    }
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
    const auto phrase = phrase_of(expression, value_sets, language);
    REQUIRE(phrase);
    CHECK_EQ(phrase->fallbacks, 0U);
    CHECK_EQ(phrase->plain(), expected);
    languages.insert(language);
    ++cases;
  }
  CHECK(cases >= 60);
  CHECK_EQ(languages.size(), sheet::word_languages.size());
}

TEST_CASE("phrases: every template has, in every language, the places of its English one") {
  for (const std::string_view language : sheet::word_languages) {
    CAPTURE(language);
    for (std::size_t k = 0; k < static_cast<std::size_t>(sheet::Words::count_); ++k) {
      const auto key = static_cast<sheet::Words>(k);
      CAPTURE(k);
      CHECK(!sheet::words(key, language).empty());
      CHECK(places_of(sheet::words(key, language)) == places_of(sheet::words(key, "en")));
    }
    for (std::size_t k = 0; k < static_cast<std::size_t>(sheet::SheetWords::count_); ++k) {
      const auto key = static_cast<sheet::SheetWords>(k);
      CAPTURE(k);
      CHECK(!sheet::words(key, language).empty());
      CHECK(places_of(sheet::words(key, language)) == places_of(sheet::words(key, "en")));
    }
  }
  // A language with no column is worded in English.
  CHECK_EQ(sheet::words(sheet::Words::is_yes, "de"), sheet::words(sheet::Words::is_yes, "en"));
  CHECK_EQ(sheet::words(sheet::SheetWords::title, "de"), sheet::words(sheet::SheetWords::title, "en"));
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
  std::map<std::string_view, std::set<std::string>> english;
  for (const std::string_view language : sheet::word_languages) english[language] = english_only(language);
  CHECK(english["sv"].count("answer") == 1);  // the check has words to look for
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
      for (const std::string_view language : sheet::word_languages) {
        CAPTURE(language);
        const auto phrase = phrase_of(expression, value_sets, language);
        if (!phrase) continue;
        CHECK_EQ(phrase->fallbacks, 0U);
        CHECK(!phrase->segments.empty());
        if (language != "en") CHECK_EQ(english_left(*phrase, english[language]), "");
        ++phrased;
      }
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
      for (const std::string_view language : sheet::word_languages) {
        CAPTURE(language);
        const auto phrase = phrase_of(expression, detail::compiled(*shipped.ruleset).value_sets, language);
        if (!phrase) continue;
        CHECK_EQ(phrase->fallbacks, 0U);
        if (language != "en") CHECK_EQ(english_left(*phrase, english[language]), "");
        ++phrased;
      }
    }
  }
  CHECK(phrased >= 3 * 500);
}
