// explain(): every active rule with the value of its condition (three-valued, or
// "error" with what failed) and each answer it read, displayed as the evaluator does.
#include <doctest/doctest.h>

#include "contrascreen/contrascreen.hpp"
#include "contrascreen/explain.hpp"
#include "test_data.hpp"

using namespace contrascreen;

namespace {

constexpr std::string_view explain_yaml = R"(
id: test/explain
version: "1"
treatment: microneedling
languages: [en]
rules:
  - id: pregnancy
    when: pregnant || breastfeeding
    decision: refuse
    message: "Not during pregnancy."
    source: test
  - id: washout
    when: oral_retinoids == "past" && months_since(oral_retinoids_stopped_on) < 6
    decision: refuse
    message: "Six months after isotretinoin."
    source: test
  - id: first_medication
    when: medications[0] == "warfarin"
    decision: refer
    message: "Fails on an empty list."
    source: test
  - id: minor
    when: age < 18 || acne == "active_inflammatory"
    decision: refer
    message: "Under 18."
    source: test
  - id: aftercare
    when: "true"
    decision: inform
    message: "Use sun protection."
    source: test
)";

RuleSet explain_ruleset() {
  auto loaded = load_ruleset_string(explain_yaml, "explain.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return *loaded.ruleset;
}

const RuleExplanation& rule(const Explanation& e, std::string_view id) {
  for (const auto& r : e.rules)
    if (r.rule == id) return r;
  FAIL("no explanation for " << id);
  return e.rules.front();
}

std::string answers(const RuleExplanation& r) {
  std::string s;
  for (const auto& a : r.answers) s += a.question + "=" + a.value + ";";
  return s;
}

}  // namespace

TEST_CASE("explain: values, errors and the answers each rule read") {
  const RuleSet rs = explain_ruleset();
  Intake intake = rs.make_intake();
  intake.set("pregnant", false);
  intake.set("oral_retinoids", "past");
  intake.set("oral_retinoids_stopped_on", "2026-08-01");
  intake.set("medications", std::vector<std::string>{});
  intake.set("age", 16.5);
  const Explanation e = explain(rs, intake, {*Date::parse_iso("2026-11-21"), ""});

  REQUIRE(e.rules.size() == 5);
  CHECK(e.rules[0].rule == "pregnancy");  // rule order
  CHECK(e.rules[4].rule == "aftercare");

  const auto& pregnancy = rule(e, "pregnancy");  // a missing answer leaves it unknown
  CHECK(pregnancy.action == RuleAction::refuse);
  CHECK(pregnancy.condition == "pregnant || breastfeeding");
  CHECK(pregnancy.value == "unknown");
  CHECK(pregnancy.error.empty());
  CHECK(answers(pregnancy) == "breastfeeding=unanswered;pregnant=false;");  // sorted by id

  const auto& washout = rule(e, "washout");
  CHECK(washout.value == "true");
  CHECK(answers(washout) == "oral_retinoids=\"past\";oral_retinoids_stopped_on=2026-08-01;");

  const auto& first = rule(e, "first_medication");  // a runtime error
  CHECK(first.value == "error");
  CHECK(first.error == "list index out of range");
  CHECK(answers(first) == "medications=[];");

  const auto& minor = rule(e, "minor");  // true || unknown is true
  CHECK(minor.value == "true");
  CHECK(answers(minor) == "acne=unanswered;age=16.5;");

  CHECK(rule(e, "aftercare").value == "true");
  CHECK(rule(e, "aftercare").answers.empty());
}

TEST_CASE("explain: the intake's date wins over the options' date; lists and numbers display as written") {
  const RuleSet rs = explain_ruleset();
  Intake intake = rs.make_intake();
  intake.set("oral_retinoids", "past");
  intake.set("oral_retinoids_stopped_on", "2026-08-01");
  intake.set("medications", {"warfarin", "say \"hi\""});
  intake.set("age", 40);
  intake.set("acne", "none");
  intake.set_date(*Date::parse_iso("2027-06-01"));  // ten months on: the washout is over
  const Explanation e = explain(rs, intake, {*Date::parse_iso("2026-11-21"), ""});
  CHECK(rule(e, "washout").value == "false");
  CHECK(rule(e, "first_medication").value == "true");
  CHECK(answers(rule(e, "first_medication")) == R"(medications=["warfarin", "say \"hi\""];)");
  CHECK(answers(rule(e, "minor")) == "acne=\"none\";age=40;");
}

TEST_CASE("explain: disabled rules are not explained") {
  auto loaded = load_ruleset_file(contrascreen::testing::data_dir() / "rulesets" / "overrides.yaml");
  REQUIRE(loaded);
  const Explanation e = explain(*loaded.ruleset, loaded.ruleset->make_intake(), {*Date::parse_iso("2026-11-21"), ""});
  CHECK(e.rules.size() == loaded.ruleset->rules().size());
  for (const auto& r : e.rules) CHECK(r.rule != "sensitive");
}
