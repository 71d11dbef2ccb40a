// decision_diff.hpp: two rule sets over one batch. Each record is compared once, an
// unreadable record counts as error -> error and is no change, per-rule counts follow the
// reasons, and rule sets on different catalogues are refused.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;

RuleSet from_yaml(const std::string& yaml) {
  LoadResult loaded = load_ruleset_string(yaml);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

const char* const old_policy = R"(id: test/old
version: "1"
treatment: microneedling
languages: [en]
rules:
  - id: pregnancy
    when: pregnant
    decision: refuse
    message: "Not during pregnancy."
    source: test
  - id: anticoagulants
    when: anticoagulant_therapy
    decision: refer
    message: "Ask the prescriber."
    source: test
)";

const char* const new_policy = R"(id: test/new
version: "2"
treatment: microneedling
languages: [en]
rules:
  - id: pregnancy
    when: pregnant || breastfeeding
    decision: refuse
    message: "Not during pregnancy or breastfeeding."
    source: test
  - id: anticoagulants
    when: anticoagulant_therapy
    decision: refuse
    message: "Not on anticoagulants."
    source: test
)";

const char* const batch =
    R"({"id": "a", "date": "2026-11-21", "answers": {"pregnant": false, "breastfeeding": false, "anticoagulant_therapy": false}}
{"id": "b", "date": "2026-11-21", "answers": {"pregnant": false, "breastfeeding": true, "anticoagulant_therapy": false}}
{"id": "c", "date": "2026-11-21", "answers": {"pregnant": false, "breastfeeding": false, "anticoagulant_therapy": true}}
{"id": "d", "date": "2026-11-21", "answers": {"pregant": true}}
{"id": "e", "date": "2026-11-21", "answers": {}}
)";

struct Run {
  DiffSummary summary;
  std::vector<DecisionChange> changes;
};

Run diff(const RuleSet& before, const RuleSet& after, const std::string& jsonl) {
  Run run;
  std::istringstream in(jsonl);
  diff_input(
      before, after, "-", in, [&](const DecisionChange& c) { return run.changes.push_back(c), true; }, run.summary);
  return run;
}

}  // namespace

TEST_CASE("diff_input reports each changed intake once and counts every record") {
  const Run run = diff(from_yaml(old_policy), from_yaml(new_policy), batch);
  REQUIRE(run.summary.fatal.empty());
  REQUIRE(run.changes.size() == 2);
  CHECK(run.changes[0].id == "b");
  CHECK(run.changes[0].record == 2);
  CHECK(run.changes[0].changed == (diff_decision | diff_reasons));
  CHECK(run.changes[0].before.decision == Verdict::allow);
  CHECK(run.changes[0].after.decision == Verdict::refuse);
  CHECK(run.changes[1].id == "c");
  CHECK(run.changes[1].before.reasons.at(0).decision == Verdict::refer);
  CHECK(run.changes[1].after.reasons.at(0).decision == Verdict::refuse);

  const DiffSummary& s = run.summary;
  CHECK(s.intakes == 5);
  CHECK(s.changed == 2);
  CHECK(s.errors == 1);
  CHECK(s.matrix[0][0] == 1);                                                    // a: allow -> allow
  CHECK(s.matrix[0][2] == 1);                                                    // b: allow -> refuse
  CHECK(s.matrix[1][2] == 1);                                                    // c: refer -> refuse
  CHECK(s.matrix[1][1] == 1);                                                    // e: undecided under both
  CHECK(s.matrix[DiffSummary::error_outcome][DiffSummary::error_outcome] == 1);  // d
  REQUIRE(s.rules.size() == 1);  // anticoagulants contributes under both: neither new nor stopped
  CHECK(s.rules[0].rule == "pregnancy");
  CHECK(s.rules[0].newly == 1);
  CHECK(s.rules[0].stopped == 0);
  REQUIRE(s.intake_errors.size() == 1);
  CHECK(s.intake_errors[0].code == codes::intake_unknown_question);
  CHECK(s.before.id == "test/old");
  CHECK(s.after.id == "test/new");
}

TEST_CASE("a rule set compared with itself changes nothing, and the other way round mirrors") {
  const RuleSet before = from_yaml(old_policy), after = from_yaml(new_policy);
  const Run same = diff(before, before, batch);
  CHECK(same.changes.empty());
  CHECK(same.summary.changed == 0);
  CHECK(same.summary.intakes == 5);
  const Run back = diff(after, before, batch);
  REQUIRE(back.changes.size() == 2);
  CHECK(back.summary.matrix[2][0] == 1);
  CHECK(back.summary.rules.at(0).stopped == 1);
}

TEST_CASE("the JSON of a change and of the summary") {
  const Run run = diff(from_yaml(old_policy), from_yaml(new_policy), batch);
  CHECK(
      to_json(run.changes.at(0)) ==
      R"({"id":"b","input":"-","record":2,"changed":["decision","reasons"],"before":{"decision":"allow","reasons":[],"until":null},)"
      R"("after":{"decision":"refuse","reasons":[{"rule":"pregnancy","decision":"refuse","status":"fired","until":null}],"until":null}})");
  const std::string summary = to_json(run.summary);
  CHECK(summary.find(
            R"("intakes":5,"changed":2,"errors":1,"matrix":{"allow":{"allow":1,"refer":0,"refuse":1,"error":0})") !=
        std::string::npos);
  CHECK(summary.find(R"("rules":[{"rule":"pregnancy","newly":1,"stopped":0}])") != std::string::npos);
}

TEST_CASE("compare_decisions sees a change of until alone") {
  Decision before, after;
  before.decision = after.decision = Verdict::refuse;
  Reason reason;  // set field by field: Reason may gain fields
  reason.rule = "interval";
  reason.decision = Verdict::refuse;
  reason.message = "m";
  reason.until = Date::from_days(20000);
  before.reasons = after.reasons = {reason};
  before.until = Date::from_days(20000);
  CHECK(compare_decisions(before, after).has_value());
  after.until = Date::from_days(20000);
  CHECK(!compare_decisions(before, after).has_value());
  after.reasons[0].message = "another wording";  // messages are not compared
  CHECK(!compare_decisions(before, after).has_value());
  after.until = Date::from_days(20001);
  after.reasons[0].until = Date::from_days(20001);
  const auto change = compare_decisions(before, after);
  REQUIRE(change);
  CHECK(change->changed == (diff_reasons | diff_until));
}

TEST_CASE("rule sets on different catalogues are not compared") {
  LoadResult other = load_ruleset_file(testing::data_dir() / "answers/ruleset.yaml");
  REQUIRE_MESSAGE(other, format_diagnostics(other.diagnostics));
  const RuleSet before = from_yaml(old_policy);
  const auto mismatch = check_comparable(before, *other.ruleset);
  REQUIRE(mismatch);
  CHECK(mismatch->code == codes::diff_catalogue_mismatch);
  const Run run = diff(before, *other.ruleset, batch);
  REQUIRE(run.summary.fatal.size() == 1);
  CHECK(run.summary.fatal[0].code == codes::diff_catalogue_mismatch);
  CHECK(run.summary.intakes == 0);
}

TEST_CASE("an input without intakes, or a missing one, is fatal, never 'nothing changed'") {
  const RuleSet before = from_yaml(old_policy), after = from_yaml(new_policy);
  Run empty = diff(before, after, "\n\n");
  REQUIRE(empty.summary.fatal.size() == 1);
  CHECK(empty.summary.fatal[0].code == codes::intake_empty);
  DiffSummary summary;
  std::istringstream none;
  diff_input(
      before, after, "no/such/file.jsonl", none, [](const DecisionChange&) { return true; }, summary);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal[0].code == codes::io_not_found);
}

TEST_CASE("a sink that cannot take a change stops the comparison with io.write") {
  DiffSummary summary;
  std::istringstream in(batch);
  diff_input(
      from_yaml(old_policy), from_yaml(new_policy), "-", in, [](const DecisionChange&) { return false; }, summary);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal[0].code == codes::io_write);
  CHECK(summary.intakes == 2);
}
