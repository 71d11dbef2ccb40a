#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expected_diagnostics.hpp"

#include "contrascreen/intake_reader.hpp"

namespace {

using contrascreen::AnswerValue;
using contrascreen::Catalogue;
using contrascreen::CsvIntakeReader;
using contrascreen::Date;
using contrascreen::Diagnostic;
using contrascreen::Intake;
using Strings = std::vector<std::string>;

Date date(std::string_view iso) {
  return *Date::parse_iso(iso);
}

using contrascreen::testing::check_diagnostics;
using contrascreen::testing::describe;
using Expected = contrascreen::testing::ExpectedDiagnostic;

// ---- headers -------------------------------------------------------------------

struct Header {
  std::string_view text;
  std::vector<Expected> expected;  // empty: the header is valid
};

// clang-format off
const std::vector<Header> headers = {
    {"id,date,age", {}},
    {"age", {}},
    {" id , \"pregnant\" ,\"medi\"\"cations\"", {{"intake.unknown_question", 1, 19}}},
    {"\xEF\xBB\xBFid,age", {}},
    {"id,\"age\"\r", {}},
    {"id,date,pregnat", {{"intake.unknown_question", 1, 9}}},
    {"id,age,age", {{"intake.duplicate_column", 1, 8}}},
    {"id,date,id", {{"intake.duplicate_column", 1, 9}}},
    {"id,,age", {{"intake.empty_column", 1, 4}}},
    {"id,age,", {{"intake.empty_column", 1, 8}}},
    {"", {{"intake.empty_column", 1, 1}}},
    {"Id,age", {{"intake.unknown_question", 1, 1}}},
    {"\xEF\xBB\xBFid,agee", {{"intake.unknown_question", 1, 4}}},
    {"id, x\"y", {{"intake.syntax", 1, 6}}},
    {"id,\"age", {{"intake.syntax", 1, 4}}},
    {"id,\"age\nx\",date", {{"intake.unknown_question", 1, 4}, {"intake.syntax", 1, 8}}},
    {"id,a\xFFge", {{"intake.unknown_question", 1, 4}, {"intake.syntax", 1, 5}}},
    {"id,pregnat,,age,age,date,date",
     {{"intake.unknown_question", 1, 4}, {"intake.empty_column", 1, 12}, {"intake.duplicate_column", 1, 17},
      {"intake.duplicate_column", 1, 26}}},
};
// clang-format on

// ---- records -------------------------------------------------------------------

// Every record below is read against this header.
constexpr std::string_view header = "id,date,age,pregnant,breastfeeding,acne,medications,last_microneedling_date";

struct Good {
  std::string_view record;
  std::optional<std::string> id;
  std::optional<Date> date;
  std::vector<std::pair<std::string_view, AnswerValue>> answers;  // every answer the intake has
};

// clang-format off
const std::vector<Good> good_records = {
    {"P-0017,2026-11-21,33.5,yes,no,scars_only,warfarin;aspirin,2025-12-31", "P-0017", date("2026-11-21"),
     {{"age", 33.5}, {"pregnant", true}, {"breastfeeding", false}, {"acne", std::string("scars_only")},
      {"medications", Strings{"warfarin", "aspirin"}}, {"last_microneedling_date", date("2025-12-31")}}},
    {",,,,,,,", std::nullopt, std::nullopt, {}},
    {"", std::nullopt, std::nullopt, {}},
    {"   ", std::nullopt, std::nullopt, {}},
    {",,40,,,,[],", std::nullopt, std::nullopt, {{"age", 40.0}, {"medications", Strings{}}}},
    {",,,,,,none,", std::nullopt, std::nullopt, {{"medications", Strings{}}}},
    {",,,,,,NONE,", std::nullopt, std::nullopt, {{"medications", Strings{}}}},
    {",,,,,, [ ] ,", std::nullopt, std::nullopt, {{"medications", Strings{}}}},
    {",,,,,,\"\",", std::nullopt, std::nullopt, {}},
    {",,, TRUE , False ,, warfarin ; aspirin  ,", std::nullopt, std::nullopt,
     {{"pregnant", true}, {"breastfeeding", false}, {"medications", Strings{"warfarin", "aspirin"}}}},
    {"\"P, 1\",,,,,,\"warfarin 5 mg;Ibuprofen \"\"400\"\"\",", "P, 1", std::nullopt,
     {{"medications", Strings{"warfarin 5 mg", "Ibuprofen \"400\""}}}},
    {" P-2 , 2026-01-01 , +5 ,  \"yes\"  ,0, active_mild ,[warfarin; aspirin],2026-02-28\r", "P-2", date("2026-01-01"),
     {{"age", 5.0}, {"pregnant", true}, {"breastfeeding", false}, {"acne", std::string("active_mild")},
      {"medications", Strings{"warfarin", "aspirin"}}, {"last_microneedling_date", date("2026-02-28")}}},
    {",,1e1,,,,,", std::nullopt, std::nullopt, {{"age", 10.0}}},
    {",,0,,,,,", std::nullopt, std::nullopt, {{"age", 0.0}}},
    {",,130,,,,,", std::nullopt, std::nullopt, {{"age", 130.0}}},
    {",,0e-999,,,,,", std::nullopt, std::nullopt, {{"age", 0.0}}},
    {"\"P-\"\"3\"\"\",,,,,\"none\",\"a\"\"b\"\"c\",", "P-\"3\"", std::nullopt,
     {{"acne", std::string("none")}, {"medications", Strings{"a\"b\"c"}}}},
    {",,,\"yes\",,,,\"2026-01-01\"\r", std::nullopt, std::nullopt,
     {{"pregnant", true}, {"last_microneedling_date", date("2026-01-01")}}},
    {"P-\xC3\xA9,,,,,,\xC3\x85ngstr\xC3\xB6m,", "P-\xC3\xA9", std::nullopt,
     {{"medications", Strings{"\xC3\x85ngstr\xC3\xB6m"}}}},
};

const std::vector<std::pair<std::string_view, bool>> boolean_spellings = {
    {"true", true}, {"True", true}, {"TRUE", true}, {"yes", true}, {"Yes", true}, {"YES", true}, {"1", true},
    {" yEs ", true}, {"\"true\"", true}, {"false", false}, {"False", false}, {"FALSE", false}, {"no", false},
    {"No", false}, {"NO", false}, {"0", false}, {"\tnO\t", false},
};

struct Bad {
  std::string_view record;
  std::vector<Expected> expected;  // the record is read as line 7
};

const std::vector<Bad> bad_records = {
    {",,,maybe,,,,", {{"intake.wrong_type", 7, 4}}},
    {",,,2,,,,", {{"intake.wrong_type", 7, 4}}},
    {",,,y,,,,", {{"intake.wrong_type", 7, 4}}},
    {",,abc,,,,,", {{"intake.wrong_type", 7, 3}}},
    {",,33.5kg,,,,,", {{"intake.wrong_type", 7, 3}}},
    {",,yes,,,,,", {{"intake.wrong_type", 7, 3}}},
    {",,0x10,,,,,", {{"intake.wrong_type", 7, 3}}},
    {",, abc,,,,,", {{"intake.wrong_type", 7, 4}}},
    {",,200,,,,,", {{"intake.out_of_range", 7, 3}}},
    {",,-1,,,,,", {{"intake.out_of_range", 7, 3}}},
    {",,inf,,,,,", {{"intake.out_of_range", 7, 3}}},
    {",,nan,,,,,", {{"intake.out_of_range", 7, 3}}},
    {",,1e999,,,,,", {{"intake.out_of_range", 7, 3}}},
    // Not zero, but it would read as zero (a rule asking `> 0` would say no): as YAML did.
    {",,1e-999,,,,,", {{"intake.out_of_range", 7, 3}}},
    {",,,,,Mild,,", {{"intake.unknown_enum_value", 7, 6}}},
    {",,,,,1,,", {{"intake.unknown_enum_value", 7, 6}}},
    {",2026-02-30,,,,,,", {{"intake.invalid_date", 7, 2}}},
    {",21-11-2026,,,,,,", {{"intake.invalid_date", 7, 2}}},
    {",,,,,,,2026-2-1", {{"intake.invalid_date", 7, 8}}},
    {",,ab\"c,,,,,", {{"intake.syntax", 7, 5}}},
    {",,,\"yes\"x,,,,", {{"intake.syntax", 7, 9}}},
    // A quote left open ends with its line; the cells it swallowed are not counted.
    {"P-1,\"abc", {{"intake.syntax", 7, 5}}},
    {"P-1,\"abc,,,,,,", {{"intake.syntax", 7, 5}}},
    {"P-1,,200,\"yes,,,,", {{"intake.out_of_range", 7, 6}, {"intake.syntax", 7, 10}}},
    {",,,,,,,,x", {{"intake.syntax", 7, 9}}},
    {"P-1,,", {{"intake.syntax", 7, 6}}},
    {"P-1,,1,2,3,4,5,6,7,8", {{"intake.syntax", 7, 18}}},
    {"P-\xFF,,,,,,,", {{"intake.syntax", 7, 3}}},
    // A record is one line: a caller that hands over a line break gets it reported.
    {",,,\"y\nes\",,,,", {{"intake.wrong_type", 7, 4}, {"intake.syntax", 7, 6}}},
    {",,,,,,\"a\nb\",2026-02-30", {{"intake.syntax", 7, 9}, {"intake.invalid_date", 8, 4}}},
    {",,,,,,\"warfarin\naspirin\r\n\",", {{"intake.syntax", 7, 16}}},
    // Lists have one syntax (the list_cells table below has the details).
    {",,,,,,;,", {{"intake.bad_list", 7, 7}}},
    {",,, TRUE , False ,, warfarin ; ;aspirin;  ,", {{"intake.bad_list", 7, 32}}},
    {"\"P, 1\",,,,,,\"warfarin, 5 mg;Ibuprofen \"\"400\"\"\",", {{"intake.bad_list", 7, 13}}},
    {"P-1,2026-13-01,abc,maybe,2,Mild,x,2026-02-30",
     {{"intake.invalid_date", 7, 5}, {"intake.wrong_type", 7, 16}, {"intake.wrong_type", 7, 20},
      {"intake.wrong_type", 7, 26}, {"intake.unknown_enum_value", 7, 28}, {"intake.invalid_date", 7, 35}}},
    {",,a\"b,maybe,,\"Mild\"x,,",
     {{"intake.syntax", 7, 4}, {"intake.wrong_type", 7, 7}, {"intake.syntax", 7, 20}}},
};
// clang-format on

// ---- list cells ----------------------------------------------------------------

// One list syntax: items separated by ';', the whole cell optionally in [ ]; [] and none
// (any ASCII case) are the empty list; anything else is intake.bad_list at the character
// at fault, never a list read in part. Each cell is read as `P,<cell>` under `id,medications`.
struct ListCell {
  std::string_view cell;
  std::optional<Strings> items;  // nullopt: intake.bad_list
  std::uint32_t column = 0;      // of the fault in `P,<cell>`
};

const std::vector<ListCell> list_cells = {
    {"warfarin", Strings{"warfarin"}},
    {"warfarin;aspirin", Strings{"warfarin", "aspirin"}},
    {" warfarin ;\taspirin ", Strings{"warfarin", "aspirin"}},
    {"[warfarin;aspirin]", Strings{"warfarin", "aspirin"}},
    {"[ warfarin ]", Strings{"warfarin"}},
    {" [warfarin] ", Strings{"warfarin"}},
    {"\"warfarin;aspirin\"", Strings{"warfarin", "aspirin"}},
    {"\"Ibuprofen \"\"400\"\";warfarin\"", Strings{"Ibuprofen \"400\"", "warfarin"}},
    {"[]", Strings{}},
    {"[ ]", Strings{}},
    {"\"[]\"", Strings{}},
    {"none", Strings{}},
    {"NONE", Strings{}},
    {"None", Strings{}},
    {" none ", Strings{}},
    {"\"none\"", Strings{}},
    {"nonesuch", Strings{"nonesuch"}},
    {"none of these", Strings{"none of these"}},
    {"", std::nullopt, 0},  // unanswered: see below
    // An empty item: the separator that makes it.
    {";", std::nullopt, 3},
    {"a;;b", std::nullopt, 5},
    {"a; ;b", std::nullopt, 6},
    {"a;", std::nullopt, 4},
    {"a; ", std::nullopt, 4},
    {";a", std::nullopt, 3},
    {"[;]", std::nullopt, 4},
    {"[a;]", std::nullopt, 5},
    // A comma: a sender's other separator, quoted or not.
    {"\"ibuprofen, warfarin\"", std::nullopt, 13},
    {"\"[ibuprofen, warfarin]\"", std::nullopt, 14},
    {"\"a;b,c\"", std::nullopt, 7},
    {"\"a\"\"b, c\"", std::nullopt, 3},  // "" escapes: the cell is copied, so its column
    // A bracket anywhere but around the whole cell.
    {"ibuprofen;[warfarin]", std::nullopt, 13},
    {"[a]b", std::nullopt, 3},
    {"a]", std::nullopt, 4},
    {"[a", std::nullopt, 3},
    {"[", std::nullopt, 3},
    {"]", std::nullopt, 3},
    {"[[a]]", std::nullopt, 4},
    {"[a];[b]", std::nullopt, 5},
    // none stands for the empty list only as the whole cell.
    {"none;warfarin", std::nullopt, 3},
    {"[none]", std::nullopt, 4},
    {"warfarin; NONE", std::nullopt, 13},
};

void check_answers(const Intake& intake, const Good& good) {
  CHECK(intake.id() == good.id);
  CHECK(intake.date() == good.date);
  CHECK(intake.answer_count() == good.answers.size());
  for (const auto& [question, value] : good.answers) {
    CAPTURE(question);
    CHECK(intake.get(question) == value);
  }
}

CsvIntakeReader reader_with_header(std::string_view text = header) {
  CsvIntakeReader reader(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  REQUIRE(reader.parse_header(text, diagnostics));
  REQUIRE(diagnostics.empty());
  return reader;
}

}  // namespace

TEST_CASE("csv intake: headers name questions, once each") {
  for (const auto& h : headers) {
    CAPTURE(h.text);
    CsvIntakeReader reader(Catalogue::builtin());
    std::vector<Diagnostic> diagnostics;
    CHECK(reader.parse_header(h.text, diagnostics, "batch.csv") == h.expected.empty());
    check_diagnostics(diagnostics, h.expected);
    for (const auto& d : diagnostics) CHECK(d.where.file == "batch.csv");
  }
}

TEST_CASE("csv intake: header messages suggest the column meant") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"pregnat", "unknown question 'pregnat' (did you mean 'pregnant'?)"},
      {"Date", "unknown question 'Date' (did you mean 'date'?)"},
      {"shoe_size", "unknown question 'shoe_size'"},
      {"age,age", "'age' is given twice in the header"},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CsvIntakeReader reader(Catalogue::builtin());
    std::vector<Diagnostic> diagnostics;
    CHECK_FALSE(reader.parse_header(text, diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].message == message);
  }
}

TEST_CASE("csv intake: valid records bind every answer") {
  auto reader = reader_with_header();
  Intake intake(Catalogue::builtin());
  for (const auto& good : good_records) {
    CAPTURE(good.record);
    std::vector<Diagnostic> diagnostics;
    CHECK(reader.parse_record(good.record, intake, diagnostics, "batch.csv", 3));
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
    check_answers(intake, good);
  }
}

TEST_CASE("csv intake: lists have one syntax; any other cell is intake.bad_list") {
  auto reader = reader_with_header("id,medications");
  Intake intake(Catalogue::builtin());
  for (const auto& c : list_cells) {
    const std::string record = "P," + std::string(c.cell);
    CAPTURE(record);
    std::vector<Diagnostic> diagnostics;
    const bool ok = reader.parse_record(record, intake, diagnostics, "batch.csv", 4);
    if (c.cell.empty()) {
      CHECK(ok);
      CHECK_FALSE(intake.get("medications"));
    } else if (c.items) {
      CHECK(ok);
      INFO(describe(diagnostics));
      CHECK(diagnostics.empty());
      CHECK(intake.get("medications") == AnswerValue(*c.items));
    } else {
      CHECK_FALSE(ok);
      check_diagnostics(diagnostics, {{"intake.bad_list", 4, c.column}});
    }
  }
}

TEST_CASE("csv intake: booleans in every spelling") {
  auto reader = reader_with_header("pregnant");
  Intake intake(Catalogue::builtin());
  for (const auto& [spelling, value] : boolean_spellings) {
    CAPTURE(spelling);
    std::vector<Diagnostic> diagnostics;
    CHECK(reader.parse_record(spelling, intake, diagnostics));
    CHECK(diagnostics.empty());
    CHECK(intake.get("pregnant") == AnswerValue(value));
  }
}

TEST_CASE("csv intake: every problem of a record is reported where it is") {
  auto reader = reader_with_header();
  Intake intake(Catalogue::builtin());
  for (const auto& bad : bad_records) {
    CAPTURE(bad.record);
    std::vector<Diagnostic> diagnostics;
    CHECK_FALSE(reader.parse_record(bad.record, intake, diagnostics, "batch.csv", 7));
    check_diagnostics(diagnostics, bad.expected);
    for (const auto& d : diagnostics) CHECK(d.where.file == "batch.csv");
  }
}

TEST_CASE("csv intake: messages name the question and say what was found") {
  auto reader = reader_with_header();
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(reader.parse_record("P-1,,yes,maybe,2,scars-only,,", intake, diagnostics));
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0].message == "'age' expects a number, found a boolean");
  CHECK(diagnostics[1].message == "'pregnant' expects true or false, found text");
  CHECK(diagnostics[2].message == "'breastfeeding' expects true or false, found a number");
  CHECK(diagnostics[3].message.find("'acne' has no value 'scars-only' (did you mean 'scars_only'?)") == 0);
  CHECK(diagnostics[1].source_line == "P-1,,yes,maybe,2,scars-only,,");

  diagnostics.clear();
  CHECK_FALSE(reader.parse_record(",,200,,,,,", intake, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message == "'age' must be between 0 and 130 years, found 200");
  CHECK(diagnostics[0].where.length == 3);

  diagnostics.clear();
  CHECK_FALSE(reader.parse_record("P-1,,", intake, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message == "the record has 3 cells but the header has 8 columns");

  diagnostics.clear();
  CHECK_FALSE(reader.parse_record(",2026-02-30,,,,,,2026-02-30", intake, diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "'date' must be a real calendar date written YYYY-MM-DD");
  CHECK(diagnostics[1].message == "'last_microneedling_date' expects a real calendar date written YYYY-MM-DD");

  // A line break handed over inside a record is reported; a cell after it is shown on its own line.
  diagnostics.clear();
  CHECK_FALSE(reader.parse_record(",,,,,,\"a\nb\",2026-02-30", intake, diagnostics, "batch.csv", 4));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "a line break inside a record; a record is one line and a cell never spans lines");
  CHECK(diagnostics[1].where.line == 5);
  CHECK(diagnostics[1].source_line == "b\",2026-02-30");

  diagnostics.clear();
  CHECK_FALSE(reader.parse_record("P-1,\"2026-01-01,,,,,,", intake, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message == "a quoted cell is not closed on its line: a '\"' is missing (a cell never spans lines)");

  diagnostics.clear();
  CHECK_FALSE(reader.parse_record(",,,,,,\"ibuprofen, warfarin\",", intake, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message ==
        "'medications' is a list, found a ',': items are separated by ';', the whole cell optionally in [ ]; "
        "[] or none is no items");
  CHECK(diagnostics[0].where.column == 17);
  CHECK(diagnostics[0].where.length == 1);
}

TEST_CASE("csv intake: last_id names the record, also after a failure") {
  auto reader = reader_with_header("age,id");
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(reader.parse_record("200, P-9 ", intake, diagnostics));
  CHECK(reader.last_id() == "P-9");
  CHECK_FALSE(reader.parse_record("200,\"P, 10\",extra", intake, diagnostics));
  CHECK(reader.last_id() == "P, 10");
  CHECK_FALSE(reader.parse_record("\"unclosed", intake, diagnostics));
  CHECK(reader.last_id().empty());
  CHECK(reader.parse_record("40,", intake, diagnostics));
  CHECK(reader.last_id().empty());
  CHECK_FALSE(intake.id());
  CHECK(reader.parse_record("40,P-11", intake, diagnostics));
  CHECK(reader.last_id() == "P-11");
  CHECK(intake.id() == "P-11");
  CHECK(reader.parse_record("", intake, diagnostics));
  CHECK(reader.last_id().empty());

  auto no_id = reader_with_header("age");
  CHECK_FALSE(no_id.parse_record("200", intake, diagnostics));
  CHECK(no_id.last_id().empty());
}

TEST_CASE("csv intake: after a rejected header, the columns understood are still read") {
  CsvIntakeReader reader(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(reader.parse_header("id,agee,,pregnant,pregnant", diagnostics));
  CHECK(diagnostics.size() == 3);
  Intake intake(Catalogue::builtin());
  diagnostics.clear();
  CHECK(reader.parse_record("P-1,5,x,yes,maybe", intake, diagnostics));
  CHECK(diagnostics.empty());
  CHECK(intake.answer_count() == 1);
  CHECK(intake.get("pregnant") == AnswerValue(true));
  // A new header replaces the old one.
  CHECK(reader.parse_header("age", diagnostics));
  CHECK(reader.parse_record("5", intake, diagnostics));
  CHECK(intake.get("age") == AnswerValue(5.0));
}

TEST_CASE("csv intake: a whole file, line by line") {
  // A quote left open costs its own line: the next line is the next record.
  const std::string_view text =
      "\xEF\xBB\xBFid,pregnant,medications\r\n"
      "P-1,yes,\"[warfarin; aspirin]\"\r\n"
      "\r\n"
      "P-2,maybe,\r\n"
      "P-3,no,\"warfarin\r\n"
      "P-4,no,aspirin\"\r\n"
      "P-5,no,[]";
  CsvIntakeReader reader(Catalogue::builtin());
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  std::vector<std::pair<std::string, bool>> results;  // last_id, ok
  std::uint32_t line = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view record = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (++line == 1) {
      REQUIRE(reader.parse_header(record, diagnostics, "f.csv", line));
    } else if (record != "\r") {
      const bool ok = reader.parse_record(record, intake, diagnostics, "f.csv", line);
      results.emplace_back(std::string(reader.last_id()), ok);
      if (reader.last_id() == "P-1") CHECK(intake.get("medications") == AnswerValue(Strings{"warfarin", "aspirin"}));
    }
  }
  const std::vector<std::pair<std::string, bool>> expected = {
      {"P-1", true}, {"P-2", false}, {"P-3", false}, {"P-4", false}, {"P-5", true}};
  CHECK(results == expected);
  check_diagnostics(diagnostics, {{"intake.wrong_type", 4, 5}, {"intake.syntax", 5, 8}, {"intake.syntax", 6, 15}});
  CHECK(intake.get("medications") == AnswerValue(Strings{}));
}

TEST_CASE("csv intake: one reader reads many records") {
  auto reader = reader_with_header();
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  for (std::size_t round = 0; round < 300; ++round) {
    CAPTURE(round);
    // Alternate the tables so that state left by a failed record cannot leak into the next.
    const auto& good = good_records[round % good_records.size()];
    const auto& bad = bad_records[round % bad_records.size()];
    diagnostics.clear();
    CHECK(reader.parse_record(good.record, intake, diagnostics));
    CHECK(diagnostics.empty());
    check_answers(intake, good);
    diagnostics.clear();
    CHECK_FALSE(reader.parse_record(bad.record, intake, diagnostics, "batch.csv", 7));
    check_diagnostics(diagnostics, bad.expected);
  }
  CsvIntakeReader moved = std::move(reader);
  CHECK(moved.parse_record(",,,yes,,,,", intake, diagnostics));
  CHECK(intake.get("pregnant") == AnswerValue(true));
}
