#include "contrascreen/catalogue.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "expected_diagnostics.hpp"
#include "test_data.hpp"

namespace {

using contrascreen::Catalogue;
using contrascreen::Diagnostic;
using contrascreen::Question;
using contrascreen::QuestionType;

// Three header lines and "questions:" on line 4, so question text starts on line 5.
constexpr std::string_view header = "catalogue: test\nversion: \"1\"\nlanguages: [en, sv]\nquestions:\n";

using contrascreen::testing::check_diagnostics;
using contrascreen::testing::describe;
using Expected = contrascreen::testing::ExpectedDiagnostic;

struct BadCatalogue {
  std::string_view name;
  bool with_header;  // prepend `header`
  std::string_view yaml;
  std::vector<Expected> expected;
};

// clang-format off
const std::vector<BadCatalogue> bad_catalogues = {
    {"unknown question key, with the required key missing", true,
     "  - id: a\n    type: bool\n    promt: {en: A, sv: A}\n",
     {{"catalogue.unknown_key", 7, 5}, {"catalogue.missing_key", 5, 5}}},
    {"unknown top-level key", false,
     "catalogue: test\nversion: \"1\"\nlanguages: [en]\nquestions: []\nlanguage: [sv]\n",
     {{"catalogue.unknown_key", 5, 1}}},
    {"missing top-level keys", false, "catalogue: test\n",
     {{"catalogue.missing_key", 1, 1}, {"catalogue.missing_key", 1, 1}, {"catalogue.missing_key", 1, 1}}},
    {"wrong type name", true,
     "  - id: a\n    type: boolean\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.unknown_type", 6, 11}}},
    {"duplicate ids", true,
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A}\n"
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.duplicate_id", 8, 9}}},
    {"invalid id syntax", true,
     "  - id: Pregnant\n    type: bool\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.invalid_id", 5, 9}}},
    {"enum without values", true,
     "  - id: a\n    type: enum\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.missing_values", 5, 5}}},
    {"enum with an empty list of values", true,
     "  - id: a\n    type: enum\n    prompt: {en: A, sv: A}\n    values: []\n",
     {{"catalogue.missing_values", 8, 13}}},
    {"duplicate enum values", true,
     "  - id: a\n    type: enum\n    prompt: {en: A, sv: A}\n    values:\n"
     "      - {value: x, label: {en: X, sv: X}}\n      - {value: x, label: {en: X, sv: X}}\n",
     {{"catalogue.duplicate_value", 10, 17}}},
    {"values on a non-enum", true,
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A}\n    values: []\n",
     {{"catalogue.not_applicable", 8, 5}}},
    {"min and unit on a non-number", true,
     "  - id: a\n    type: bool\n    min: 0\n    unit: years\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.not_applicable", 7, 5}, {"catalogue.not_applicable", 8, 5}}},
    {"min greater than max", true,
     "  - id: a\n    type: number\n    min: 10\n    max: 1\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.invalid_range", 7, 10}}},
    {"min that is not a number", true,
     "  - id: a\n    type: number\n    min: ten\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.invalid_number", 7, 10}}},
    {"prompt missing a declared language", true,
     "  - id: a\n    type: bool\n    prompt: {en: A}\n",
     {{"catalogue.missing_language", 7, 13}}},
    {"label missing a declared language", true,
     "  - id: a\n    type: enum\n    prompt: {en: A, sv: A}\n    values:\n      - value: x\n        label: {sv: X}\n",
     {{"catalogue.missing_language", 10, 16}}},
    {"help missing a declared language", true,
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A}\n    help:\n      sv: H\n",
     {{"catalogue.missing_language", 9, 7}}},
    {"prompt in an undeclared language", true,
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A, de: A}\n",
     {{"catalogue.unknown_language", 7, 28}}},
    {"follows a later question", true,
     "  - id: a\n    type: date\n    follows: b\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: bool\n    prompt: {en: B, sv: B}\n",
     {{"catalogue.invalid_follows", 7, 14}}},
    {"follows an unknown question", true,
     "  - id: a\n    type: date\n    follows: pregnant\n    prompt: {en: A, sv: A}\n",
     {{"catalogue.invalid_follows", 7, 14}}},
    {"follows an enum question without naming the values that make it relevant", true,
     "  - id: a\n    type: enum\n    values: [{value: x, label: {en: X, sv: X}}]\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    follows: a\n    prompt: {en: B, sv: B}\n",
     {{"catalogue.invalid_follows", 11, 14}}},
    {"follows an enum question with the mapping but no values", true,
     "  - id: a\n    type: enum\n    values: [{value: x, label: {en: X, sv: X}}]\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    follows: {question: a}\n    prompt: {en: B, sv: B}\n",
     {{"catalogue.invalid_follows", 11, 25}}},
    {"follows values the question does not have, twice, or none", true,
     "  - id: a\n    type: enum\n    values: [{value: past, label: {en: X, sv: X}}]\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    follows: {question: a, values: [pats, past, past]}\n    prompt: {en: B, sv: B}\n"
     "  - id: c\n    type: bool\n    prompt: {en: C, sv: C}\n"
     "  - id: d\n    type: date\n    follows: {question: c, values: [yes]}\n    prompt: {en: D, sv: D}\n"
     "  - id: e\n    type: date\n    follows: {question: c, values: []}\n    prompt: {en: E, sv: E}\n",
     // The empty list is found while reading; values are checked once every question is read.
     {{"catalogue.invalid_follows", 22, 36}, {"catalogue.invalid_follows", 11, 37},
      {"catalogue.invalid_follows", 11, 49}, {"catalogue.invalid_follows", 18, 37}}},
    {"follows a question that is neither bool nor enum", true,
     "  - id: a\n    type: number\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    follows: a\n    prompt: {en: B, sv: B}\n",
     {{"catalogue.invalid_follows", 10, 14}}},
    {"follows with an unknown key, or as a list", true,
     "  - id: a\n    type: bool\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    follows: {question: a, value: [true]}\n    prompt: {en: B, sv: B}\n"
     "  - id: c\n    type: date\n    follows: [a]\n    prompt: {en: C, sv: C}\n",
     {{"catalogue.unknown_key", 10, 28}, {"catalogue.wrong_kind", 14, 14}}},
    {"past on a question that is not a date, or not true or false", true,
     "  - id: a\n    type: bool\n    past: true\n    prompt: {en: A, sv: A}\n"
     "  - id: b\n    type: date\n    past: \"yes\"\n    prompt: {en: B, sv: B}\n",
     {{"catalogue.not_applicable", 7, 5}, {"catalogue.invalid_value", 11, 11}}},
    {"questions is not a list", true, "  a: 1\n", {{"catalogue.wrong_kind", 5, 3}}},
    {"duplicate YAML key", true,
     "  - id: a\n    type: bool\n    type: bool\n    prompt: {en: A, sv: A}\n",
     {{"yaml.duplicate_key", 7, 5}}},
    {"YAML syntax error", true, "  - id: [a\n", {{"yaml.syntax", 6, 1}}},
};
// clang-format on

}  // namespace

TEST_CASE("catalogue: the shipped rules/questions.yaml loads without diagnostics") {
  const auto result = Catalogue::load_file(std::string(CONTRASCREEN_SOURCE_DIR) + "/rules/questions.yaml");
  INFO(describe(result.diagnostics));
  REQUIRE(result.catalogue);
  CHECK(result.diagnostics.empty());
  const Catalogue& c = *result.catalogue;
  CHECK(c.languages() == std::vector<std::string>{"en", "sv", "nl"});
  CHECK(c.sha256().size() == 64);
  // The builtin catalogue is the same text, embedded at build time.
  CHECK(Catalogue::builtin()->sha256() == c.sha256());
  CHECK(Catalogue::builtin() == Catalogue::builtin());

  // The contract ids and types of docs/interfaces.md.
  const std::vector<std::pair<std::string_view, QuestionType>> contract = {
      {"age", QuestionType::number},
      {"pregnant", QuestionType::boolean},
      {"bleeding_disorder", QuestionType::boolean},
      {"diabetes", QuestionType::enumeration},
      {"acne", QuestionType::enumeration},
      {"indication", QuestionType::enumeration},
      {"medications", QuestionType::list},
      {"oral_retinoids_stopped_on", QuestionType::date},
      {"last_microneedling_date", QuestionType::date},
  };
  for (const auto& [id, type] : contract) {
    CAPTURE(id);
    const auto* q = c.find(id);
    REQUIRE(q != nullptr);
    CHECK(q->type == type);
    CHECK(c.questions()[q->index].id == id);
    CHECK(q->prompt.has("en"));
    CHECK(q->prompt.has("sv"));
    CHECK(q->prompt.has("nl"));
  }
  const auto* diabetes = c.find("diabetes");
  CHECK(diabetes->enum_index("poorly_controlled") == 2u);
  CHECK_FALSE(diabetes->enum_index("Controlled"));
  CHECK(c.find("age")->min == 0.0);
  CHECK(c.find("oral_retinoids_stopped_on")->follows == "oral_retinoids");
  // Which answers make a follow-up relevant (FHIR enableWhen), and which dates are past.
  CHECK(c.find("oral_retinoids_stopped_on")->follows_when == std::vector<std::string>{"past", "current"});
  CHECK(c.find("last_microneedling_date")->follows_when == std::vector<std::string>{"true"});
  CHECK(c.find("pregnant")->follows_when.empty());
  for (const Question& q : c.questions()) {
    CAPTURE(q.id);
    CHECK(q.past == (q.type == QuestionType::date));  // every date question asks about the past
  }
  CHECK(c.find("pregnat") == nullptr);
  CHECK(c.suggest("pregnat") == "pregnant");
  CHECK(c.suggest("zzzzzzzz").empty());
}

TEST_CASE("catalogue: malformed catalogues report every problem with its position") {
  for (const auto& bad : bad_catalogues) {
    CAPTURE(bad.name);
    const std::string yaml = (bad.with_header ? std::string(header) : std::string()) + std::string(bad.yaml);
    const auto result = Catalogue::load_string(yaml, "bad.yaml");
    CHECK_FALSE(result.catalogue);
    check_diagnostics(result.diagnostics, bad.expected);
    for (const Diagnostic& d : result.diagnostics) CHECK(d.where.file == "bad.yaml");
  }
}

TEST_CASE("catalogue: follows values are kept in the followed question's order") {
  const std::string yaml = std::string(header) +
                           "  - id: a\n    type: enum\n    values: [{value: x, label: {en: X, sv: X}},"
                           " {value: y, label: {en: Y, sv: Y}}, {value: z, label: {en: Z, sv: Z}}]\n"
                           "    prompt: {en: A, sv: A}\n"
                           "  - id: b\n    type: date\n    past: false\n    follows: {question: a, values: [z, x]}\n"
                           "    prompt: {en: B, sv: B}\n"
                           "  - id: c\n    type: bool\n    prompt: {en: C, sv: C}\n"
                           "  - id: d\n    type: list\n    follows: {question: c, values: [false]}\n"
                           "    prompt: {en: D, sv: D}\n";
  const auto result = Catalogue::load_string(yaml, "order.yaml");
  INFO(describe(result.diagnostics));
  REQUIRE(result.catalogue);
  CHECK(result.catalogue->find("b")->follows_when == std::vector<std::string>{"x", "z"});
  CHECK_FALSE(result.catalogue->find("b")->past);
  CHECK(result.catalogue->find("b")->enabled_by("z"));
  CHECK_FALSE(result.catalogue->find("b")->enabled_by("y"));
  CHECK(result.catalogue->find("d")->follows_when == std::vector<std::string>{"false"});
}

TEST_CASE("catalogue: suggestions name the closest key or type") {
  const auto result =
      Catalogue::load_string(std::string(header) + "  - id: a\n    type: boool\n    promt: {en: A, sv: A}\n");
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].message.find("did you mean 'prompt'?") != std::string::npos);
  CHECK(result.diagnostics[1].message.find("did you mean 'bool'?") != std::string::npos);
}

TEST_CASE("catalogue: a minimal catalogue and its index") {
  const std::string yaml =
      std::string(header) +
      "  - id: zeta\n    type: bool\n    prompt: {en: Z, sv: Zs}\n"
      "  - id: alpha\n    type: number\n    min: -1.5\n    unit: kg\n    prompt: {en: A, sv: As}\n";
  const auto result = Catalogue::load_string(yaml);
  INFO(describe(result.diagnostics));
  REQUIRE(result.catalogue);
  const Catalogue& c = *result.catalogue;
  CHECK(c.id() == "test");
  CHECK(c.version() == "1");
  REQUIRE(c.size() == 2);
  CHECK(c.find("alpha")->index == 1);
  CHECK(c.find("zeta")->index == 0);
  CHECK(c.find("alpha")->min == -1.5);
  CHECK_FALSE(c.find("alpha")->max);
  CHECK(c.find("alpha")->unit == "kg");
  CHECK(c.find("beta") == nullptr);

  const auto& prompt = c.find("zeta")->prompt;
  CHECK(prompt.in("sv") == "Zs");
  CHECK(prompt.in("nl", "en") == "Z");
  CHECK(prompt.in("nl") == "Z");  // first entry
  CHECK(contrascreen::LocalizedText{}.in("en").empty());
  CHECK(std::string_view(contrascreen::to_string(QuestionType::enumeration)) == "enum");

  // The digest ignores line endings.
  std::string crlf;
  for (const char ch : yaml) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  const auto windows = Catalogue::load_string(crlf);
  REQUIRE(windows.catalogue);
  CHECK(windows.catalogue->sha256() == c.sha256());
}

TEST_CASE("catalogue: a missing file is io.not_found") {
  const auto result = Catalogue::load_file("/nonexistent/questions.yaml");
  CHECK_FALSE(result.catalogue);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "io.not_found");
}

TEST_CASE("catalogue or rule set: a top-level questions key, or the name questions.yaml") {
  using contrascreen::is_catalogue_file;
  using contrascreen::is_catalogue_text;
  CHECK(is_catalogue_text("questions:\n  - id: a\n"));
  CHECK(is_catalogue_text("catalogue: x\r\nversion: \"1\"\r\nquestions: []\r\n"));
  CHECK_FALSE(is_catalogue_text("id: x\nrules:\n  - id: r\n    questions: [a]\n"));  // not top-level
  CHECK_FALSE(is_catalogue_text("# questions: in a comment\nid: x\n"));
  CHECK_FALSE(is_catalogue_text("id: x\ndescription: \"questions: in a string\"\n"));
  CHECK_FALSE(is_catalogue_text(""));

  namespace fs = std::filesystem;
  const fs::path source = contrascreen::testing::source_dir();
  CHECK(is_catalogue_file(source / "rules/questions.yaml"));
  CHECK(is_catalogue_file(source / "tests/cli/data/tree/questions.yaml"));
  CHECK_FALSE(is_catalogue_file(source / "tests/cli/data/tree/clinic/own_catalogue.yaml"));
  CHECK_FALSE(is_catalogue_file(source / "rules/clinics/clinic-nl/microneedling.yaml"));
  CHECK(is_catalogue_file("/nonexistent/questions.yaml"));  // by its name alone
  CHECK_FALSE(is_catalogue_file("/nonexistent/policy.yaml"));
  CHECK_FALSE(is_catalogue_file(source / "rules"));  // a directory cannot be read

  // A catalogue under another name is told by its content.
  const fs::path renamed =
      fs::temp_directory_path() / ("contrascreen_catalogue_test_" + std::to_string(::getpid()) + ".yml");
  fs::copy_file(source / "rules/questions.yaml", renamed, fs::copy_options::overwrite_existing);
  CHECK(is_catalogue_file(renamed));
  fs::remove(renamed);
}
