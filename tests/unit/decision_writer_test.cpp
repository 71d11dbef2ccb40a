// The batch writers: JSON written straight from a Screening must equal to_json(decide())
// byte for byte (a property over generated intakes, every test rule set, several
// languages); CSV and text rows and error records are pinned by goldens.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "contrascreen/contrascreen.hpp"
#include "contrascreen/explain.hpp"
#include "contrascreen/output.hpp"
#include "test_data.hpp"

using namespace contrascreen;
using contrascreen::testing::data_dir;
using contrascreen::testing::files_in;
using contrascreen::testing::source_dir;

namespace {

// splitmix64: deterministic, so a failure names an intake that can be regenerated.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::size_t n) { return static_cast<std::uint32_t>(next() % n); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }
};

const Date today = *Date::parse_iso("2026-11-21");

// Any catalogue question may be missing or take any value of its type; numbers and dates
// cluster where rules have edges (16 divides by zero in runtime_errors.yaml; 28 days).
void random_intake(Intake& intake, Random& r, std::uint64_t n) {
  static const double numbers[] = {10, 14, 15, 16, 16.5, 17, 18, 30, 45, 70, 90};
  static const std::string_view drugs[] = {"warfarin",  "Apixaban", " rivaroxaban ",  "HEPARIN", "heparin",
                                           "ibuprofen", "aspirin",  "quote\"d, item", "åäö"};
  static const std::string_view odd_ids[] = {"tab\there", "quote\" and \\ backslash", "comma, semicolon;", "ünï ✓"};
  intake.clear();
  if (r.chance(10))
    intake.set_id(std::string(odd_ids[r.below(std::size(odd_ids))]));
  else if (r.chance(90))
    intake.set_id("G-" + std::to_string(n));
  if (r.chance(20)) intake.set_date(*today.add_days(r.below(60)));
  const std::uint32_t missing_percent = r.chance(50) ? 3 : 25;
  for (const Question& q : intake.catalogue().questions()) {
    if (r.chance(missing_percent)) continue;
    switch (q.type) {
      case QuestionType::boolean:
        intake.set(q.id, r.chance(15));
        break;
      case QuestionType::number:
        intake.set(q.id, numbers[r.below(std::size(numbers))]);
        break;
      case QuestionType::enumeration:
        intake.set(q.id, std::string_view(q.values[r.below(q.values.size())].value));
        break;
      case QuestionType::list: {
        std::vector<std::string> items;
        for (std::uint32_t k = r.below(4); k > 0; --k) items.emplace_back(drugs[r.below(std::size(drugs))]);
        intake.set(q.id, items);
        break;
      }
      case QuestionType::date:
        intake.set(q.id, *today.add_days(static_cast<std::int64_t>(r.below(800)) - 700));
        break;
    }
  }
}

std::vector<RuleSet> property_rulesets() {
  auto files = files_in(data_dir() / "rulesets", ".yaml");
  files.push_back(source_dir() / "examples" / "policies" / "quickstart.yaml");
  files.push_back(source_dir() / "bench" / "policy20.yaml");
  std::vector<RuleSet> out;
  for (const auto& path : files) {
    auto loaded = load_ruleset_file(path);
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    out.push_back(*loaded.ruleset);
  }
  return out;
}

std::string write(OutputFormat format, const RuleSet& rs, const Intake& intake, const OutputOptions& options = {}) {
  ScreenOptions screen_options;
  screen_options.date = today;
  Screening screening;
  rs.screen(intake, screen_options, screening);
  std::string out;
  append_decision(out, format, rs, intake, screening, options);
  return out;
}

// Rules chosen so that one set of answers shows every shape of reason: a permanent and a
// temporary refusal, an undecided refer, a failed one and advice.
constexpr std::string_view writers_yaml = R"(
id: test/writers
version: "7"
treatment: microneedling
languages: [en, sv]
rules:
  - id: anticoagulants
    when: anticoagulant_therapy
    decision: refuse
    message: {en: "Blood thinners, \"no\" microneedling.", sv: "Blodförtunnande: ingen microneedling."}
    source: test
  - id: interval
    when: previous_microneedling && days_since(last_microneedling_date) < 28
    until: add_days(last_microneedling_date, 28)
    decision: refuse
    message: {en: "Sessions at least four weeks apart.", sv: "Minst fyra veckor mellan behandlingar."}
    source: test
  - id: pregnancy
    when: pregnant || breastfeeding
    decision: refer
    message: {en: "Pregnancy needs a clinician.", sv: "Graviditet: en behandlare avgör."}
    source: test
  - id: minor_formula
    when: age < 18 && 100 / (int(age) - 16) > 10
    decision: refer
    message: {en: "Divides by zero at 16.", sv: "Delar med noll vid 16."}
    source: test
  - id: aftercare
    when: "true"
    decision: inform
    message: {en: "Use sun protection.", sv: "Använd solskydd."}
    source: test
)";

RuleSet writers_ruleset() {
  auto loaded = load_ruleset_string(writers_yaml, "writers.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return *loaded.ruleset;
}

// P-1: refused twice (once until 2026-12-01), pregnancy undecided, 16 fails.
Intake busy_intake(const RuleSet& rs) {
  Intake intake = rs.make_intake();
  intake.set_id("P-1");
  intake.set("anticoagulant_therapy", true);
  intake.set("previous_microneedling", true);
  intake.set("last_microneedling_date", "2026-11-03");
  intake.set("pregnant", false);
  intake.set("age", 16);
  return intake;
}

Intake clean_intake(const RuleSet& rs) {
  Intake intake = rs.make_intake();
  intake.set_id("P-2, \"x\"");
  intake.set("anticoagulant_therapy", false);
  intake.set("previous_microneedling", false);
  intake.set("pregnant", false);
  intake.set("breastfeeding", false);
  intake.set("age", 40);
  return intake;
}

Diagnostic intake_error(std::uint32_t line) {
  Diagnostic d;
  d.code = "intake.wrong_type";
  d.message = "answer to 'age' must be a number, not \"forty\", sorry";
  d.where.file = "batch.jsonl";
  d.where.line = line;
  d.where.column = 28;
  d.source_line = R"({"id":"P-9","answers":{"age":"forty"}})";
  return d;
}

}  // namespace

TEST_CASE("decision writer: json equals to_json(decide()) on generated intakes") {
  const std::vector<RuleSet> rulesets = property_rulesets();
  const std::string_view languages[] = {"", "en", "sv", "nl", "de"};
  Random r{2026};
  Screening screening;  // reused, as a batch does
  std::string out;
  std::size_t compared = 0;
  std::size_t failed_rules = 0;
  for (std::uint64_t n = 0; n < 3000; ++n) {
    Intake intake = rulesets.front().make_intake();
    random_intake(intake, r, n);
    for (const RuleSet& rs : rulesets) {
      ScreenOptions options;
      options.date = today;
      rs.screen(intake, options, screening);
      const std::string_view language = languages[(n + compared) % std::size(languages)];
      OutputOptions output;
      output.language = std::string(language);
      out.clear();
      append_decision(out, OutputFormat::json, rs, intake, screening, output);
      const std::string expected = to_json(rs.decide(intake, screening, language)) + "\n";
      if (out != expected) {
        CAPTURE(rs.id());
        CAPTURE(n);
        REQUIRE(out == expected);
      }
      for (const RuleHit& hit : screening.hits()) failed_rules += hit.failed ? 1 : 0;
      ++compared;
    }
  }
  CHECK(compared == 3000 * rulesets.size());
  CHECK(failed_rules > 0);  // the generator reaches the runtime-error rules
}

TEST_CASE("decision writer: threads sharing one rule set write what one thread writes") {
  auto loaded = load_ruleset_file(source_dir() / "bench" / "policy20.yaml");
  REQUIRE(loaded);
  const RuleSet& rs = *loaded.ruleset;
  std::vector<Intake> intakes;
  Random r{7};
  for (std::uint64_t n = 0; n < 800; ++n) random_intake(intakes.emplace_back(rs.make_intake()), r, n);
  const auto write_all = [&](std::size_t first, std::size_t step, std::string& out) {
    Screening screening;
    ScreenOptions options;
    options.date = today;
    for (std::size_t i = first; i < intakes.size(); i += step) {
      rs.screen(intakes[i], options, screening);
      append_decision(out, OutputFormat::json, rs, intakes[i], screening);
      append_decision(out, OutputFormat::csv, rs, intakes[i], screening);
    }
  };
  constexpr std::size_t thread_count = 4;
  std::string expected[thread_count];
  std::string actual[thread_count];
  for (std::size_t t = 0; t < thread_count; ++t) write_all(t, thread_count, expected[t]);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t) threads.emplace_back(write_all, t, thread_count, std::ref(actual[t]));
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < thread_count; ++t) CHECK(actual[t] == expected[t]);
}

TEST_CASE("decision writer: an explanation only adds the explain member") {
  const RuleSet rs = writers_ruleset();
  const Intake intake = busy_intake(rs);
  const std::string plain = write(OutputFormat::json, rs, intake);
  const Explanation explanation = explain(rs, intake, {today, ""});
  OutputOptions options;
  options.explanation = &explanation;
  const std::string explained = write(OutputFormat::json, rs, intake, options);
  REQUIRE(explained.size() > plain.size());
  CHECK(explained.substr(0, plain.size() - 2) == plain.substr(0, plain.size() - 2));
  CHECK(explained.substr(plain.size() - 2) ==
        R"(,"explain":[)"
        R"({"rule":"anticoagulants","decision":"refuse","condition":"anticoagulant_therapy","value":"true",)"
        R"("answers":{"anticoagulant_therapy":"true"}},)"
        R"({"rule":"interval","decision":"refuse",)"
        R"("condition":"previous_microneedling && days_since(last_microneedling_date) < 28","value":"true",)"
        R"("answers":{"last_microneedling_date":"2026-11-03","previous_microneedling":"true"}},)"
        R"({"rule":"pregnancy","decision":"refer","condition":"pregnant || breastfeeding","value":"unknown",)"
        R"("answers":{"breastfeeding":null,"pregnant":"false"}},)"
        R"({"rule":"minor_formula","decision":"refer","condition":"age < 18 && 100 / (int(age) - 16) > 10",)"
        R"("value":"error","error":"division by zero","answers":{"age":"16"}},)"
        R"({"rule":"aftercare","decision":"inform","condition":"true","value":"true","answers":{}}]})"
        "\n");
}

TEST_CASE("decision writer: csv rows") {
  const RuleSet rs = writers_ruleset();
  CHECK(csv_header() == "id,decision,rules,unanswered,until,date,ruleset_sha256,error\n");
  CHECK(write(OutputFormat::csv, rs, busy_intake(rs)) ==
        "P-1,refuse,anticoagulants;interval;pregnancy;minor_formula,breastfeeding,,2026-11-21," + rs.sha256() + ",\n");
  CHECK(write(OutputFormat::csv, rs, clean_intake(rs)) == R"("P-2, ""x""",allow,,,,2026-11-21,)" + rs.sha256() + ",\n");

  Intake temporary = clean_intake(rs);
  temporary.set_id(std::nullopt);
  temporary.set_date(*Date::parse_iso("2026-11-10"));
  temporary.set("previous_microneedling", true);
  temporary.set("last_microneedling_date", "2026-11-03");
  temporary.unset("pregnant");
  CHECK(write(OutputFormat::csv, rs, temporary) ==
        ",refuse,interval;pregnancy,pregnant,2026-12-01,2026-11-10," + rs.sha256() + ",\n");
}

TEST_CASE("decision writer: text blocks") {
  const RuleSet rs = writers_ruleset();
  CHECK(write(OutputFormat::text, rs, busy_intake(rs)) ==
        "P-1: REFUSE\n"
        "  refuse  anticoagulants: Blood thinners, \"no\" microneedling.\n"
        "  refuse  interval: Sessions at least four weeks apart. (until 2026-12-01)\n"
        "  refer   pregnancy (undecided: breastfeeding unanswered): Pregnancy needs a clinician.\n"
        "  refer   minor_formula (undecided: division by zero): Divides by zero at 16.\n"
        "  unanswered: breastfeeding\n"
        "  advice: Use sun protection.\n"
        "  ruleset test/writers 7, date 2026-11-21\n");

  OutputOptions swedish;
  swedish.language = "sv";
  swedish.color = true;
  CHECK(write(OutputFormat::text, rs, clean_intake(rs), swedish) ==
        "P-2, \"x\": \x1b[1;32mALLOW\x1b[0m\n"
        "  advice: Använd solskydd.\n"
        "  \x1b[2mruleset test/writers 7, date 2026-11-21\x1b[0m\n");

  Intake temporary = clean_intake(rs);
  temporary.set_id("line\nbreak\x1b[31m");
  temporary.set("previous_microneedling", true);
  temporary.set("last_microneedling_date", "2026-11-03");
  const Explanation explanation = explain(rs, temporary, {today, ""});
  OutputOptions explained;
  explained.explanation = &explanation;
  CHECK(write(OutputFormat::text, rs, temporary, explained) ==
        "line\\x0abreak\\x1b[31m: REFUSE until 2026-12-01\n"
        "  refuse  interval: Sessions at least four weeks apart. (until 2026-12-01)\n"
        "  advice: Use sun protection.\n"
        "  ruleset test/writers 7, date 2026-11-21\n"
        "  explanation:\n"
        "    false    refuse  anticoagulants: anticoagulant_therapy\n"
        "      anticoagulant_therapy = false\n"
        "    true     refuse  interval: previous_microneedling && days_since(last_microneedling_date) < 28\n"
        "      last_microneedling_date = 2026-11-03, previous_microneedling = true\n"
        "    false    refer   pregnancy: pregnant || breastfeeding\n"
        "      breastfeeding = false, pregnant = false\n"
        "    false    refer   minor_formula: age < 18 && 100 / (int(age) - 16) > 10\n"
        "      age = 40\n"
        "    true     inform  aftercare: true\n");
}

TEST_CASE("decision writer: error records") {
  const std::vector<Diagnostic> errors = {intake_error(9), intake_error(0)};
  std::string out;
  append_error_record(out, OutputFormat::json, std::string("P-9"), errors);
  CHECK(out == R"({"id":"P-9","decision":null,"errors":[)"
               R"({"code":"intake.wrong_type","message":"answer to 'age' must be a number, not \"forty\", sorry",)"
               R"("file":"batch.jsonl","line":9,"column":28},)"
               R"({"code":"intake.wrong_type","message":"answer to 'age' must be a number, not \"forty\", sorry",)"
               R"("file":"batch.jsonl","line":null,"column":null}]})"
               "\n");

  out.clear();
  append_error_record(out, OutputFormat::json, std::nullopt, {});
  CHECK(out == "{\"id\":null,\"decision\":null,\"errors\":[]}\n");

  out.clear();
  append_error_record(out, OutputFormat::csv, std::string("P-9"), errors);
  CHECK(out ==
        "P-9,error,,,,,,\"intake.wrong_type: answer to 'age' must be a number, not \"\"forty\"\", sorry (line 9)\"\n");
  out.clear();
  append_error_record(out, OutputFormat::csv, std::nullopt, {intake_error(0)});
  CHECK(out == ",error,,,,,,\"intake.wrong_type: answer to 'age' must be a number, not \"\"forty\"\", sorry\"\n");

  out.clear();
  append_error_record(out, OutputFormat::text, std::string("P-9"), errors);
  CHECK(out ==
        "P-9: ERROR\n"
        "  batch.jsonl:9:28: error[intake.wrong_type]: answer to 'age' must be a number, not \"forty\", sorry\n"
        "  batch.jsonl: error[intake.wrong_type]: answer to 'age' must be a number, not \"forty\", sorry\n");
}

TEST_CASE("decision writer: output format names") {
  CHECK(parse_output_format("text") == OutputFormat::text);
  CHECK(parse_output_format("json") == OutputFormat::json);
  CHECK(parse_output_format("jsonl") == OutputFormat::json);
  CHECK(parse_output_format("csv") == OutputFormat::csv);
  CHECK_FALSE(parse_output_format("JSON").has_value());
  CHECK_FALSE(parse_output_format("").has_value());
}
