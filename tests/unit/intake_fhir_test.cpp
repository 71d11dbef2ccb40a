// The FHIR R4 QuestionnaireResponse reader: an answer in a QuestionnaireResponse means what
// the same answer in a JSON intake means (the shared answer cases, and every `tests:` case of
// the shipped policies, read both ways); statuses, paths, Bundles and NDJSON.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <contrascreen/contrascreen.hpp>

#include "answer_cases.hpp"
#include "expected_diagnostics.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "test_data.hpp"
#include "util/json_writer.hpp"

namespace {

using namespace contrascreen;
using testing::JsonValue;

std::shared_ptr<const Catalogue> answers_catalogue() {
  static const auto catalogue = Catalogue::load_file(testing::data_dir() / "answers" / "questions.yaml").catalogue;
  REQUIRE(catalogue);
  return catalogue;
}

std::string qr(const std::string& items, const std::string& extra = R"("status": "completed")") {
  return R"({"resourceType": "QuestionnaireResponse", )" + extra + R"(, "item": [)" + items + "]}";
}

// The value[x] a JSON answer becomes, as docs/fhir.md maps it for `question`; "" when FHIR
// cannot write it (null inside a list, objects, NaN).
std::string value_x(const Question& question, const JsonValue& value) {
  std::string out;
  switch (value.kind) {
    case JsonValue::Kind::boolean:
      return std::string(R"({"valueBoolean": )") + (value.boolean ? "true" : "false") + "}";
    case JsonValue::Kind::number:
      if (value.text == "NaN" || value.text == "Infinity" || value.text == "-Infinity") return "";
      return R"({"valueDecimal": )" + value.text + "}";
    case JsonValue::Kind::string:
      out = question.type == QuestionType::enumeration ? R"({"valueCoding": {"code": )"
            : question.type == QuestionType::date      ? R"({"valueDate": )"
                                                       : R"({"valueString": )";
      json::append_string(out, value.text);
      return out + (question.type == QuestionType::enumeration ? "}}" : "}");
    default:
      return "";
  }
}

// The QuestionnaireResponse item that answers `question` as the JSON `value` does; nullopt
// when FHIR cannot say it.
std::optional<std::string> fhir_item(const Question& question, const JsonValue& value) {
  const std::string link = R"({"linkId": ")" + question.id + "\"";
  if (value.kind == JsonValue::Kind::null) return link + "}";
  if (value.kind == JsonValue::Kind::list) {
    // Several answers are a list only for a list question; FHIR has no list for the others.
    if (question.type != QuestionType::list && !value.items.empty()) return std::nullopt;
    if (value.items.empty())
      return link + R"(, "extension": [{"url": ")" + std::string(fhir_empty_list_extension) +
             R"(", "valueBoolean": true}]})";
    std::string answers;
    for (const JsonValue& item : value.items) {
      const std::string answer = value_x(question, item);
      if (answer.empty()) return std::nullopt;
      answers += (answers.empty() ? "" : ", ") + answer;
    }
    return link + R"(, "answer": [)" + answers + "]}";
  }
  // One answer to a list question is a list of one: FHIR has no scalar for it.
  if (question.type == QuestionType::list) return std::nullopt;
  const std::string answer = value_x(question, value);
  if (answer.empty()) return std::nullopt;
  return link + R"(, "answer": [)" + answer + "]}";
}

TEST_CASE("fhir: every shared answer case reads from a QuestionnaireResponse as from JSON") {
  const auto catalogue = answers_catalogue();
  FhirIntakeReader reader(catalogue);
  int compared = 0;
  for (const testing::AnswerCase& c : testing::load_answer_cases()) {
    if (!c.value || !c.applies_to("json") || c.latin1) continue;
    const Question* question = catalogue->find(c.question);
    if (question == nullptr) continue;  // a case about the question itself
    const JsonValue value = testing::parse_json_value(*c.value);
    const std::optional<std::string> item = fhir_item(*question, value);
    if (!item) continue;
    CAPTURE(c.name);
    CAPTURE(*item);
    const IntakeResult native =
        parse_intake("{\"answers\": {\"" + c.question + "\": " + *c.value + "}}", IntakeFormat::json, catalogue);
    Intake intake(catalogue);
    std::vector<Diagnostic> diagnostics;
    const bool ok = reader.parse(qr(*item), intake, diagnostics);
    INFO(testing::describe(diagnostics));
    INFO(testing::describe(native.diagnostics));
    REQUIRE(ok == native.intake.has_value());
    if (ok)
      CHECK(intake == *native.intake);
    else
      CHECK(diagnostics.front().code == native.diagnostics.front().code);
    ++compared;
  }
  MESSAGE(compared << " answer cases compared");
  CHECK(compared >= 60);  // most cases say something FHIR can say
}

// ---- the shipped policies' own tests, as QuestionnaireResponses ----------------------------

std::string qr_of(const Intake& intake, const std::optional<Date>& date) {
  std::string items;
  for (const Question& q : intake.catalogue().questions()) {
    const auto answer = intake.get(q.id);
    if (!answer) continue;
    std::string value;
    if (const bool* b = std::get_if<bool>(&*answer)) value = *b ? "true" : "false";
    if (const double* d = std::get_if<double>(&*answer)) json::append_number(value, *d);
    if (const std::string* s = std::get_if<std::string>(&*answer)) json::append_string(value, *s);
    if (const Date* day = std::get_if<Date>(&*answer)) value = '"' + day->to_iso() + '"';
    JsonValue parsed;
    if (const auto* list = std::get_if<std::vector<std::string>>(&*answer)) {
      parsed.kind = JsonValue::Kind::list;
      for (const std::string& text : *list) parsed.items.push_back({JsonValue::Kind::string, false, 0, text, {}});
    } else {
      parsed = testing::parse_json_value(value);
      if (parsed.kind == JsonValue::Kind::number) parsed.text = value;
    }
    const std::optional<std::string> item = fhir_item(q, parsed);
    REQUIRE(item);
    items += (items.empty() ? "" : ", ") + *item;
  }
  std::string extra = R"("status": "completed")";
  if (date) extra += R"(, "authored": ")" + date->to_iso() + "T10:00:00+01:00\"";
  return qr(items, extra);
}

TEST_CASE("fhir: every test case of the shipped policies decides the same as a QuestionnaireResponse") {
  int cases = 0;
  for (const auto& path : testing::files_in(testing::source_dir() / "rules", ".yaml")) {
    if (is_catalogue_file(path) || path.filename() == "value_sets.yaml") continue;
    LoadResult loaded = load_ruleset_file(path);
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    const RuleSet& rs = *loaded.ruleset;
    FhirIntakeReader reader(rs.catalogue_ptr());
    for (const detail::CompiledTest& test : detail::compiled(rs).tests) {
      CAPTURE(path.string());
      CAPTURE(test.def.name);
      Intake native = *test.intake;
      native.set_date(test.def.date);
      const std::string text = qr_of(native, test.def.date);
      Intake read(rs.catalogue_ptr());
      std::vector<Diagnostic> diagnostics;
      const bool ok = reader.parse(text, read, diagnostics);
      REQUIRE_MESSAGE(ok, (testing::describe(diagnostics) + "\n" + text));
      CHECK(read == native);
      ScreenOptions options;
      options.language = test.def.language;
      CHECK(to_json(rs.screen(read, options)) == to_json(rs.screen(native, options)));
      ++cases;
    }
  }
  MESSAGE(cases << " policy test cases compared");
  CHECK(cases >= 50);
}

// ---- statuses, positions, paths -------------------------------------------------------------

std::vector<Diagnostic> problems(const std::string& text, Intake* out = nullptr) {
  FhirIntakeReader reader(Catalogue::builtin());
  Intake intake(Catalogue::builtin());
  std::vector<Diagnostic> diagnostics;
  const bool ok = reader.parse(text, intake, diagnostics, "qr.json");
  CHECK(ok == diagnostics.empty());
  if (out != nullptr) *out = intake;
  return diagnostics;
}

TEST_CASE("fhir: status") {
  const std::string item = R"({"linkId": "pregnant", "answer": [{"valueBoolean": false}]})";
  for (const char* status : {"completed", "amended", "in-progress"})
    CHECK(problems(qr(item, std::string(R"("status": ")") + status + "\"")).empty());
  const struct {
    const char* status;
    const char* code;
  } refused[] = {{R"("status": "entered-in-error")", "fhir.entered_in_error"},
                 {R"("status": "stopped")", "fhir.stopped"},
                 {R"("status": "final")", "fhir.invalid_status"},
                 {R"("status": 1)", "fhir.invalid_status"},
                 {R"("id": "x")", "fhir.invalid_status"}};
  for (const auto& c : refused) {
    CAPTURE(c.status);
    const auto found = problems(qr(item + R"(, {"linkId": "pregnat"})", c.status));
    REQUIRE(!found.empty());
    CHECK(found.back().code == c.code);
    // A void response is only that: what its items would say does not matter.
    if (std::string(c.code) != "fhir.invalid_status") CHECK(found.size() == 1);
  }
}

TEST_CASE("fhir: id, identifier and authored") {
  Intake intake(Catalogue::builtin());
  CHECK(problems(
            qr("", R"("status": "completed", "identifier": {"value": "I-1"}, "authored": "2026-11-21T23:30:00-05:00")"),
            &intake)
            .empty());
  CHECK(intake.id() == std::optional<std::string>("I-1"));
  CHECK(intake.date() == Date::parse_iso("2026-11-21"));
  CHECK(problems(qr("", R"("id": "R-1", "identifier": {"value": "I-1"}, "status": "completed")"), &intake).empty());
  CHECK(intake.id() == std::optional<std::string>("R-1"));
  const auto partial = problems(qr("", R"("status": "completed", "authored": "2026-11")"));
  REQUIRE(partial.size() == 1);
  CHECK(partial[0].code == "intake.invalid_date");
}

TEST_CASE("fhir: problems name their element's path and position") {
  const std::string text =
      "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"completed\",\n"
      " \"item\": [{\"linkId\": \"g\", \"item\": [\n"
      "   {\"linkId\": \"acne\", \"answer\": [{\"valueCoding\": {\"code\": \"spots\"}}]}]}]}";
  const auto found = problems(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "intake.unknown_enum_value");
  CHECK(found[0].message.rfind("item[0].item[0].answer[0].valueCoding.code: ", 0) == 0);
  CHECK(found[0].where.line == 3);
  CHECK(found[0].where.column == 59);
}

TEST_CASE("fhir: groups, nested answers and lists") {
  Intake intake(Catalogue::builtin());
  const std::string items =
      R"({"linkId": "group", "item": [{"linkId": "previous_microneedling", "answer": [{"valueBoolean": true,
          "item": [{"linkId": "last_microneedling_date", "answer": [{"valueDateTime": "2026-10-01T08:00:00Z"}]}]}]}]},
         {"linkId": "medications", "answer": [{"valueString": "warfarin"}, {"valueCoding": {"code": "metformin"}}]})";
  CHECK(problems(qr(items), &intake).empty());
  CHECK(intake.get("last_microneedling_date") == std::optional<AnswerValue>(*Date::parse_iso("2026-10-01")));
  CHECK(intake.get("medications") == std::optional<AnswerValue>(std::vector<std::string>{"warfarin", "metformin"}));
  // A question answered twice, an unknown question without answers, and a group's answer.
  const auto found = problems(qr(R"({"linkId": "pregnant", "answer": [{"valueBoolean": true}]},
                                    {"linkId": "pregnant", "answer": [{"valueBoolean": true}]},
                                    {"linkId": "pregnent"},
                                    {"linkId": "g", "answer": [{"valueBoolean": true}]})"));
  REQUIRE(found.size() == 3);
  CHECK(found[0].code == "intake.duplicate_answer");
  CHECK(found[1].code == "intake.unknown_question");
  CHECK(found[1].message.find("did you mean 'pregnant'") != std::string::npos);
  CHECK(found[2].code == "intake.unknown_question");
}

TEST_CASE("fhir: what is not FHIR, or not a QuestionnaireResponse") {
  const struct {
    std::string text;
    const char* code;
  } cases[] = {
      {"", "intake.syntax"},
      {"{\"resourceType\": \"QuestionnaireResponse\", ", "intake.syntax"},
      {"[]", "fhir.wrong_resource"},
      {qr("", R"("status": "completed", "text": )" + std::string(300, '[') + std::string(300, ']')), "intake.too_deep"},
      {R"({"status": "completed"})", "fhir.wrong_resource"},
      {R"({"resourceType": "Patient"})", "fhir.wrong_resource"},
      {R"({"resourceType": "Bundle", "entry": []})", "fhir.wrong_resource"},
      {qr("", R"("status": "completed", "note": 1)"), "fhir.unknown_element"},
      {qr(R"({"linkId": "age", "answer": [{"valueInteger": 3.5}]})"), "fhir.invalid_element"},
      {qr(R"({"linkId": "age", "answer": {"valueInteger": 3}})"), "fhir.invalid_element"},
      {qr(R"({"answer": [{"valueInteger": 3}]})"), "fhir.invalid_element"},
      {qr(R"({"linkId": "age", "answer": [{"valueInteger": 3}], "item": []})"), "fhir.invalid_element"},  // qrs-1
      {qr(R"({"linkId": "acne", "answer": [{"valueCoding": {"display": "None"}}]})"), "fhir.invalid_element"},
      {qr(R"({"linkId": "age", "answer": [{"valueInteger": 3, "modifierExtension": []}]})"), "fhir.modifier_extension"},
      {qr("", R"("status": "completed", "modifierExtension": [])"), "fhir.modifier_extension"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto found = problems(c.text);
    REQUIRE(!found.empty());
    CHECK(found[0].code == c.code);
  }
}

TEST_CASE("fhir: a Bundle gives one result per entry; one intake must be one response") {
  const std::string bundle =
      R"({"resourceType": "Bundle", "type": "collection", "entry": [
      {"resource": )" +
      qr(R"({"linkId": "pregnant", "answer": [{"valueBoolean": false}]})", R"("id": "a", "status": "completed")") +
      R"(}, {"fullUrl": "urn:x"}, {"resource": {"resourceType": "Patient", "id": "p"}},
      {"resource": )" +
      qr("", R"("id": "d", "status": "stopped")") + "}]}";
  FhirIntakeReader reader(Catalogue::builtin());
  const std::vector<IntakeResult> results = reader.parse_resource(bundle, "bundle.json");
  REQUIRE(results.size() == 4);
  CHECK(results[0]);
  CHECK(results[0].intake->id() == std::optional<std::string>("a"));
  CHECK(results[1].diagnostics.at(0).code == "fhir.wrong_resource");
  CHECK(results[1].diagnostics.at(0).message.rfind("entry[1]: ", 0) == 0);
  CHECK(results[2].diagnostics.at(0).code == "fhir.wrong_resource");
  CHECK(results[3].diagnostics.at(0).code == "fhir.stopped");
  CHECK(results[3].id == std::optional<std::string>("d"));
  CHECK(reader.parse_resource(R"({"resourceType": "Bundle"})").empty());
  // Through parse_intake (one intake): several responses are one error.
  const IntakeResult one = parse_intake(bundle, IntakeFormat::json, Catalogue::builtin(), "bundle.json");
  REQUIRE(!one);
  CHECK(one.diagnostics.at(0).code == "fhir.several_responses");
  CHECK(is_fhir_resource(bundle));
  CHECK_FALSE(is_fhir_resource(R"({"answers": {}})"));
  CHECK_FALSE(is_fhir_resource("{\"resourceType\": "));
}

TEST_CASE("fhir: NDJSON is one record out per record in") {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / "examples/policies/quickstart.yaml");
  REQUIRE(loaded);
  std::istringstream in(qr(R"({"linkId": "pregnant", "answer": [{"valueBoolean": true}]})") + "\n" + "not json\n\n" +
                        R"({"resourceType": "Bundle"})" + "\n" + qr("", R"("status": "entered-in-error")") + "\n");
  std::ostringstream out;
  BatchOptions options;
  options.screen.date = Date::parse_iso("2026-11-21");
  const BatchSummary summary = screen_batch(*loaded.ruleset, in, BatchFormat::ndjson, out, options);
  CHECK(summary.records == 4);
  CHECK(summary.errors == 3);
  CHECK(summary.refused == 1);
  CHECK(input_format("a/b.NDJSON") == InputFormat::ndjson);
}

// ---- CDS Hooks ------------------------------------------------------------------------------

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST_CASE("cds hooks: a summary fits in fewer than 140 characters, cut at a word") {
  CHECK(cds_hooks_summary("Short.\n  Two  lines.") == "Short. Two lines.");
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "éénmaal ";  // 8 code points, 10 bytes each time
  const std::string summary = cds_hooks_summary(long_text);
  CHECK(code_points(summary) <= cds_hooks_summary_limit);
  CHECK(summary.size() > 100);
  CHECK(summary.substr(summary.size() - 12) == "éénmaal\xE2\x80\xA6");  // a whole word, then the ellipsis
  const std::string word(300, 'x');
  const std::string cut = cds_hooks_summary(word);
  CHECK(code_points(cut) == cds_hooks_summary_limit);
  const std::string exact(cds_hooks_summary_limit, 'y');
  CHECK(cds_hooks_summary(exact) == exact);
}

TEST_CASE("cds hooks: card uuids are version 8, deterministic and distinct") {
  const std::string sha(64, 'a');
  const std::string a = cds_hooks_card_uuid(sha, "pregnancy", std::string("P-1"));
  CHECK(a.size() == 36);
  CHECK(a[14] == '8');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);
  CHECK(a == cds_hooks_card_uuid(sha, "pregnancy", std::string("P-1")));
  CHECK(a != cds_hooks_card_uuid(sha, "pregnancy", std::string("P-2")));
  CHECK(a != cds_hooks_card_uuid(sha, "herpes", std::string("P-1")));
  CHECK(a != cds_hooks_card_uuid(std::string(64, 'b'), "pregnancy", std::string("P-1")));
  CHECK(cds_hooks_card_uuid(sha, "pregnancy", std::nullopt) != cds_hooks_card_uuid(sha, "pregnancy", std::string()));
}

TEST_CASE("cds hooks: cards are the decision's reasons and advice") {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / "examples/policies/quickstart.yaml");
  REQUIRE(loaded);
  const RuleSet& rs = *loaded.ruleset;
  ScreenOptions options;
  options.date = Date::parse_iso("2026-11-21");
  Intake intake = rs.make_intake();
  intake.set("pregnant", true);
  const Decision refused = rs.screen(intake, options);
  const std::string cards = to_cds_hooks(refused, rs);
  CHECK(cards.rfind(R"({"cards":[{"uuid":")", 0) == 0);
  CHECK(cards.find(R"("indicator":"critical")") != std::string::npos);
  CHECK(cards.find(R"("indicator":"warning")") != std::string::npos);  // undecided: the rest is unanswered
  CHECK(cards.find(R"("label":"example/microneedling 2026-11-21")") != std::string::npos);
  for (const Reason& reason : refused.reasons) {
    CHECK(reason.undecided == !reason.missing.empty());
    for (const std::string& q : reason.missing) CHECK(cards.find("(`" + q + "`)") != std::string::npos);
  }
  Decision allowed = refused;
  allowed.reasons.clear();
  allowed.advice.clear();
  CHECK(to_cds_hooks(allowed, rs) == R"({"cards":[]})");
  // The writer writes the same, as a line.
  std::string line;
  Screening screening;
  rs.screen(intake, options, screening);
  append_decision(line, OutputFormat::cds_hooks, rs, intake, screening);
  CHECK(line == cards + "\n");
  CHECK(parse_output_format("cds-hooks") == OutputFormat::cds_hooks);
}

}  // namespace
