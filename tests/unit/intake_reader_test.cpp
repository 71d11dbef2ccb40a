#include "contrascreen/intake_reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "expected_diagnostics.hpp"

namespace {

using contrascreen::AnswerValue;
using contrascreen::Catalogue;
using contrascreen::Date;
using contrascreen::Diagnostic;
using contrascreen::Intake;
using contrascreen::IntakeFormat;
using contrascreen::JsonIntakeReader;
using contrascreen::parse_intake;
using Strings = std::vector<std::string>;

constexpr auto json = IntakeFormat::json;
constexpr auto yaml = IntakeFormat::yaml;

Date date(std::string_view iso) {
  return *Date::parse_iso(iso);
}

struct Good {
  IntakeFormat format;
  std::string_view text;
  std::optional<std::string> id;
  std::optional<Date> date;
  std::vector<std::pair<std::string_view, AnswerValue>> answers;  // every answer the intake has
};

// clang-format off
const std::vector<Good> good_intakes = {
    {json, R"({"id": "P-0017", "date": "2026-11-21", "answers": {"pregnant": false, "medications": ["warfarin"]}})",
     "P-0017", date("2026-11-21"), {{"pregnant", false}, {"medications", Strings{"warfarin"}}}},
    {json, R"({"id": 17,
               "answers": {"age": 33.5, "acne": "scars_only", "medications": [], "diabetes": null,
                           "last_microneedling_date": "2025-12-31", "sensitive_skin": true}})",
     "17", std::nullopt,
     {{"age", 33.5}, {"acne", std::string("scars_only")}, {"medications", Strings{}},
      {"last_microneedling_date", date("2025-12-31")}, {"sensitive_skin", true}}},
    {json, R"({"id": null, "date": null, "answers": null})", std::nullopt, std::nullopt, {}},
    {json, R"({"id": "P\u00e9", "answers": {"medications": ["Ibuprofen \"400\"", "å", "a\\b"]}})",
     "P\xC3\xA9", std::nullopt, {{"medications", Strings{"Ibuprofen \"400\"", "\xC3\xA5", "a\\b"}}}},
    {json, "\xEF\xBB\xBF{\"answers\": {\"age\": 0}}", std::nullopt, std::nullopt, {{"age", 0.0}}},
    {yaml, "id: P-0017\ndate: 2026-11-21\nanswers:\n  pregnant: no\n  medications: [warfarin]\n",
     "P-0017", date("2026-11-21"), {{"pregnant", false}, {"medications", Strings{"warfarin"}}}},
    {yaml, "id: 17\nanswers:\n  pregnant: True\n  sensitive_skin: YES\n  breastfeeding: No\n"
           "  age: 40\n  acne: \"none\"\n  last_microneedling_date: '2026-01-01'\n  medications: []\n"
           "  diabetes: ~\n  rosacea:\n  dermatitis: null\n",
     "17", std::nullopt,
     {{"pregnant", true}, {"sensitive_skin", true}, {"breastfeeding", false}, {"age", 40.0},
      {"acne", std::string("none")}, {"last_microneedling_date", date("2026-01-01")}, {"medications", Strings{}}}},
    {yaml, "answers:\n  medications:\n    - \"warfarin\"\n    - Ibuprofen 400 mg\n  oral_retinoids: past\n",
     std::nullopt, std::nullopt,
     {{"medications", Strings{"warfarin", "Ibuprofen 400 mg"}}, {"oral_retinoids", std::string("past")}}},
    {yaml, "answers: {}\n", std::nullopt, std::nullopt, {}},
    // Document markers around the one document.
    {yaml, "%YAML 1.2\n---\nanswers: {pregnant: true}\n...\n# the end\n", std::nullopt, std::nullopt,
     {{"pregnant", true}}},
};

using contrascreen::testing::check_diagnostics;
using contrascreen::testing::describe;
using Expected = contrascreen::testing::ExpectedDiagnostic;

struct Bad {
  IntakeFormat format;
  std::string_view text;
  std::vector<Expected> expected;
};

const std::vector<Bad> bad_intakes = {
    {json, R"({"answers": {"pregnant": "yes"}})", {{"intake.wrong_type", 1, 26}}},
    {json, R"({"answers": {"pregnat": true}})", {{"intake.unknown_question", 1, 14}}},
    {json, R"({"answers": {"age": 200}})", {{"intake.out_of_range", 1, 21}}},
    {json, R"({"answers": {"age": 1e999}})", {{"intake.out_of_range", 1, 21}}},
    {json, R"({"answers": {"age": "40"}})", {{"intake.wrong_type", 1, 21}}},
    {json, R"({"answers": {"acne": "mild"}})", {{"intake.unknown_enum_value", 1, 22}}},
    {json, R"({"answers": {"last_microneedling_date": "2026-02-30"}})", {{"intake.invalid_date", 1, 41}}},
    {json, R"({"answers": {"medications": "warfarin"}})", {{"intake.wrong_type", 1, 29}}},
    {json, R"({"answers": {"medications": ["a", 1, null]}})", {{"intake.wrong_type", 1, 35}, {"intake.wrong_type", 1, 38}}},
    {json, R"({"answers": {"age": 1, "age": 2}})", {{"intake.duplicate_answer", 1, 24}}},
    {json, R"({"id": true, "date": "21-11-2026", "answers": {}})", {{"intake.invalid_id", 1, 8}, {"intake.invalid_date", 1, 22}}},
    {json, R"({"id": "a", "id": "b", "answers": {}})", {{"intake.duplicate_key", 1, 13}}},
    // An intake is id, date and answers: nothing else is ignored, and answers are required.
    {json, R"({"source": {"form": [1]}, "answers": {}})", {{"intake.unknown_key", 1, 2}}},
    {json, R"({"Date": "2026-11-21", "answers": {}})", {{"intake.unknown_key", 1, 2}}},
    {json, R"({"pregnant": true})", {{"intake.unknown_key", 1, 2}, {"intake.missing_answers", 1, 1}}},
    {json, R"({})", {{"intake.missing_answers", 1, 1}}},
    {yaml, "source: {form: [1, 2]}\nanswers: {}\n", {{"intake.unknown_key", 1, 1}}},
    {yaml, "id: P-1\npregnant: true\n", {{"intake.missing_answers", 1, 1}, {"intake.unknown_key", 2, 1}}},
    {json, R"([{"answers": {}}])", {{"intake.not_a_mapping", 1, 1}}},
    {json, R"({"answers": [1]})", {{"intake.not_a_mapping", 1, 13}}},
    {json, "", {{"intake.syntax", 1, 1}}},
    {json, R"({"answers": {"pregnant": true})", {{"intake.syntax", 1, 31}}},
    {json, R"({"answers": {"pregnant": tru}})", {{"intake.syntax", 1, 26}}},
    // A malformed token is no answer of any type: only the syntax error (no wrong_type first).
    {json, R"({"answers": {"age": tru}})", {{"intake.syntax", 1, 21}}},
    {json, R"({"answers": {"acne": 01}})", {{"intake.syntax", 1, 22}}},
    {json, R"({"answers": {"pregnant": true}} {})", {{"intake.syntax", 1, 33}}},
    {json, R"({"x": [1,,2], "answers": {"pregnat": true}})", {{"intake.syntax", 1, 10}}},
    {json, "{\"id\": \"P-1\",\n \"answers\": {\n   \"pregnant\": \"no\",\n   \"agee\": 3,\n   \"acne\": 1,\n"
           "   \"age\": -1\n }}",
     {{"intake.wrong_type", 3, 16}, {"intake.unknown_question", 4, 4}, {"intake.wrong_type", 5, 12},
      {"intake.out_of_range", 6, 11}}},
    {yaml, "answers:\n  pregnant: \"yes\"\n", {{"intake.wrong_type", 2, 13}}},
    {yaml, "answers:\n  age: \"17\"\n", {{"intake.wrong_type", 2, 8}}},
    {yaml, "answers:\n  age: 131\n", {{"intake.out_of_range", 2, 8}}},
    {yaml, "answers:\n  pregnat: true\n", {{"intake.unknown_question", 2, 3}}},
    {yaml, "answers:\n  age: 1\n  age: 2\n", {{"intake.duplicate_answer", 3, 3}}},
    {yaml, "id: 1\nid: 2\nanswers: {}\n", {{"intake.duplicate_key", 2, 1}}},
    {yaml, "- a\n", {{"intake.not_a_mapping", 1, 1}}},
    {yaml, "answers: [1]\n", {{"intake.not_a_mapping", 1, 10}}},
    {yaml, "answers: {pregnant: [}\n", {{"intake.syntax", 1, 22}}},
    // A file holds one document; nothing after it goes unread.
    {yaml, "answers: {}\n---\nanswers: {pregnant: true}\n", {{"intake.multiple_documents", 2, 1}}},
    {yaml, "answers: {}\n...\n# more\nanswers: {pregnant: true}\n", {{"intake.multiple_documents", 4, 1}}},
    {yaml, "answers: {}\n--- [\n", {{"intake.multiple_documents", 2, 1}}},
    {yaml, "answers: {}\n---\n", {{"intake.multiple_documents", 2, 1}}},
    {yaml, "answers:\n  pregnant: false\n ,acne: none\n", {{"intake.syntax", 3, 2}}},
    {yaml, "answers:\n  medications: [a, 1, ~]\n", {{"intake.wrong_type", 2, 20}, {"intake.wrong_type", 2, 23}}},
    {yaml, "answers:\n  acne: Mild\n", {{"intake.unknown_enum_value", 2, 9}}},
    {yaml, "answers:\n  oral_retinoids_stopped_on: 2026-02-30\n", {{"intake.invalid_date", 2, 30}}},
    {yaml, "date: 2026-2-1\nid: [x]\nanswers: {}\n", {{"intake.invalid_date", 1, 7}, {"intake.invalid_id", 2, 5}}},
    {yaml, "answers:\n  pregnant: \"no\"\n  agee: 3\n  acne: 1\n  medications: warfarin\n  keloid_history: maybe\n",
     {{"intake.wrong_type", 2, 13}, {"intake.unknown_question", 3, 3}, {"intake.wrong_type", 4, 9},
      {"intake.wrong_type", 5, 16}, {"intake.wrong_type", 6, 19}}},
};
// clang-format on

void check_answers(const Intake& intake, const Good& good) {
  CHECK(intake.id() == good.id);
  CHECK(intake.date() == good.date);
  CHECK(intake.answer_count() == good.answers.size());
  for (const auto& [question, value] : good.answers) {
    CAPTURE(question);
    CHECK(intake.get(question) == value);
  }
}

}  // namespace

TEST_CASE("intake reader: valid intakes bind every answer") {
  for (const auto& good : good_intakes) {
    CAPTURE(good.text);
    const auto result = parse_intake(good.text, good.format, Catalogue::builtin());
    INFO(describe(result.diagnostics));
    REQUIRE(result);
    CHECK(result.diagnostics.empty());
    check_answers(*result.intake, good);
  }
}

TEST_CASE("intake reader: every problem of a malformed intake is reported where it is") {
  for (const auto& bad : bad_intakes) {
    CAPTURE(bad.text);
    const auto result = parse_intake(bad.text, bad.format, Catalogue::builtin(), "intake.x");
    CHECK_FALSE(result);
    check_diagnostics(result.diagnostics, bad.expected);
    for (const auto& d : result.diagnostics) CHECK(d.where.file == "intake.x");
  }
}

TEST_CASE("intake reader: messages name the question and say what was found") {
  const auto result =
      parse_intake(R"({"answers": {"pregnant": "yes", "pregnat": 1, "acne": "Mild"}})", json, Catalogue::builtin());
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].message == "'pregnant' expects true or false, found a string");
  CHECK(result.diagnostics[1].message == "unknown question 'pregnat' (did you mean 'pregnant'?)");
  CHECK(result.diagnostics[2].message.find("'acne' has no value 'Mild'") == 0);
}

TEST_CASE("intake reader: one JsonIntakeReader reads many intakes") {
  JsonIntakeReader reader(Catalogue::builtin());
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  for (int round = 0; round < 200; ++round) {
    CAPTURE(round);
    // Alternate the tables so that state left by a failed intake cannot leak into the next.
    const auto& good = good_intakes[static_cast<std::size_t>(round) % good_intakes.size()];
    const auto& bad = bad_intakes[static_cast<std::size_t>(round) % bad_intakes.size()];
    if (good.format == json) {
      diagnostics.clear();
      CHECK(reader.parse(good.text, intake, diagnostics));
      CHECK(diagnostics.empty());
      check_answers(intake, good);
    }
    if (bad.format == json) {
      diagnostics.clear();
      CHECK_FALSE(reader.parse(bad.text, intake, diagnostics, "batch.jsonl", 100));
      check_diagnostics(diagnostics, bad.expected, 99);
    }
  }
  // A duplicate-answer check must not remember the previous intake's answers.
  for (int round = 0; round < 3; ++round) {
    diagnostics.clear();
    CHECK(reader.parse(R"({"answers": {"age": 1}})", intake, diagnostics));
  }
  JsonIntakeReader moved = std::move(reader);
  CHECK(moved.parse(R"({"answers": {"pregnant": true}})", intake, diagnostics));
  CHECK(intake.get("pregnant") == AnswerValue(true));
}

TEST_CASE("intake reader: first_line shifts lines, not columns") {
  JsonIntakeReader reader(Catalogue::builtin());
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(reader.parse("{\"answers\":\n {\"agee\": 1}}", intake, diagnostics, "batch.jsonl", 42));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].where.file == "batch.jsonl");
  CHECK(diagnostics[0].where.line == 43);
  CHECK(diagnostics[0].where.column == 3);
  CHECK(diagnostics[0].source_line == " {\"agee\": 1}}");
}

TEST_CASE("intake reader: files by extension") {
  const auto dir = std::filesystem::temp_directory_path() / "contrascreen_intake_reader_test";
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, std::string_view text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  };
  const auto catalogue = Catalogue::builtin();
  auto r = contrascreen::read_intake_file(write("a.json", R"({"answers": {"age": 3}})"), catalogue);
  REQUIRE(r);
  CHECK(r.intake->get("age") == AnswerValue(3.0));
  r = contrascreen::read_intake_file(write("b.YML", "answers:\n  pregnant: yes\n"), catalogue);
  REQUIRE(r);
  CHECK(r.intake->get("pregnant") == AnswerValue(true));
  r = contrascreen::read_intake_file(write("c.yaml", "answers:\n  pregnant: maybe\n"), catalogue);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].where.file == (dir / "c.yaml").string());
  CHECK(r.diagnostics[0].where.line == 2);

  const std::pair<std::filesystem::path, std::string_view> failures[] = {
      {write("d.txt", "{}"), "io.unknown_format"},
      {dir / "missing.json", "io.not_found"},
      {dir, "io.unknown_format"},
  };
  for (const auto& [path, code] : failures) {
    CAPTURE(path);
    r = contrascreen::read_intake_file(path, catalogue);
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == code);
    CHECK(r.diagnostics[0].where.line == 0);
  }
  std::filesystem::create_directories(dir / "e.json");
  r = contrascreen::read_intake_file(dir / "e.json", catalogue);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "io.read");
  std::filesystem::remove_all(dir);
}
