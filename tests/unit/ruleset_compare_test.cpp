// Comparing rule sets rule by rule (ruleset_compare.hpp), the comparison behind
// `contrascreen rules`.
#include "contrascreen/ruleset_compare.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
using contrascreen::testing::source_dir;

RuleSet load_file(const std::string& relative) {
  LoadResult loaded = load_ruleset_file(source_dir() / relative);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

RuleSet load_text(const std::string& id, const std::string& rules) {
  LoadResult loaded = load_ruleset_string(
      "id: " + id + "\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en, sv]\nrules:\n" + rules, id + ".yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

const ComparedRule& rule(const RuleSetComparison& comparison, const std::string& id) {
  const auto found =
      std::find_if(comparison.rules.begin(), comparison.rules.end(), [&](const ComparedRule& r) { return r.id == id; });
  REQUIRE_MESSAGE(found != comparison.rules.end(), "no rule " << id);
  return *found;
}

std::vector<std::string> statuses(const ComparedRule& r) {
  std::vector<std::string> out;
  for (const RuleVersion& v : r.in) out.emplace_back(to_string(v.status));
  return out;
}

}  // namespace

TEST_CASE("the baseline against a clinic that extends it and one that does not") {
  const RuleSetComparison comparison = compare_rulesets({load_file("rules/common/microneedling.yaml"),
                                                         load_file("rules/clinics/clinic-nl/microneedling.yaml"),
                                                         load_file("rules/clinics/clinic-en-a/microneedling.yaml")});
  REQUIRE(comparison.rulesets.size() == 3);
  CHECK(comparison.rulesets[1].id() == "clinic-nl/microneedling");
  // Rows in order of first appearance: the baseline's rules, then the clinics' new ones.
  REQUIRE(comparison.rules.size() == 26);
  CHECK(comparison.rules.front().id == "pregnancy");
  CHECK(comparison.rules.back().id == "insurance");

  const ComparedRule& pregnancy = rule(comparison, "pregnancy");  // everywhere; inherited by clinic-nl
  CHECK(statuses(pregnancy) == std::vector<std::string>{"same", "same", "changed"});
  CHECK(pregnancy.in[1].rule == &comparison.rulesets[1].rules()[0]);
  CHECK_FALSE(pregnancy.in[2].differences.decision);

  const ComparedRule& interval = rule(comparison, "interval");  // overridden by clinic-nl: 42 days, not 28
  CHECK(statuses(interval) == std::vector<std::string>{"same", "changed", "removed"});
  CHECK(interval.in[1].differences ==
        RuleDifferences{.decision = false, .condition = true, .until = true, .message = true, .source = true});
  CHECK(interval.in[2].rule == nullptr);
  REQUIRE(interval.conditions_differ());
  REQUIRE(interval.conditions.size() == 2);
  CHECK(interval.conditions[0].when == "previous_microneedling && days_since(last_microneedling_date) < 28");
  CHECK(interval.conditions[0].until == "add_days(last_microneedling_date, 28)");
  CHECK(interval.conditions[0].rulesets == std::vector<std::size_t>{0});
  CHECK(interval.conditions[1].rulesets == std::vector<std::size_t>{1});
  CHECK(interval.in[1].condition == 1);

  const ComparedRule& insurance = rule(comparison, "insurance");  // clinic-nl's own
  CHECK(statuses(insurance) == std::vector<std::string>{"absent", "added", "absent"});
  CHECK_FALSE(insurance.conditions_differ());

  const ComparedRule& rosacea = rule(comparison, "rosacea_active");  // refers at clinic-en-a
  CHECK(rosacea.in[2].status == RuleStatus::changed);
  CHECK(rosacea.in[2].differences.decision);
  CHECK(rule(comparison, "breastfeeding").in[2].status == RuleStatus::removed);
}

TEST_CASE("expressions compare with their white space collapsed; messages whatever their language order") {
  const RuleSet plain = load_text("test/plain",
                                  "  - id: r\n    when: pregnant || breastfeeding\n    decision: refuse\n"
                                  "    message: {en: No., sv: Nej.}\n    source: S\n");
  const RuleSet folded = load_text("test/folded",
                                   "  - id: r\n    when: >-\n      pregnant\n        ||  breastfeeding\n"
                                   "    decision: refuse\n    message: {sv: Nej., en: No.}\n    source: S\n");
  const RuleSetComparison comparison = compare_rulesets({plain, folded});
  REQUIRE(comparison.rules.size() == 1);
  CHECK(statuses(comparison.rules[0]) == std::vector<std::string>{"same", "same"});
  CHECK(comparison.rules[0].conditions.size() == 1);
  CHECK(comparison.rules[0].conditions[0].rulesets == std::vector<std::size_t>{0, 1});

  const RuleSet reworded = load_text("test/reworded",
                                     "  - id: r\n    when: pregnant || breastfeeding\n    decision: refuse\n"
                                     "    message: {en: Not now., sv: Nej.}\n    source: S\n");
  const RuleDifferences d = rule_differences(plain.rules()[0], reworded.rules()[0]);
  CHECK(d == RuleDifferences{.message = true});
  CHECK(d.any());
}

TEST_CASE("collapse_whitespace") {
  CHECK(collapse_whitespace("  a &&\n\t b\r\n") == "a && b");
  CHECK(collapse_whitespace("") == "");
  CHECK(collapse_whitespace(" \n ") == "");
  CHECK(collapse_whitespace("\"two  spaces\"") == "\"two spaces\"");  // inside strings too, as the CLI always did
}

TEST_CASE("a comparison owns what it points into") {
  RuleSetComparison moved;
  {
    RuleSetComparison comparison = compare_rulesets({load_file("rules/clinics/clinic-sv/microneedling.yaml")});
    moved = std::move(comparison);
  }
  const RuleSetComparison copy = moved;
  REQUIRE(!copy.rules.empty());
  CHECK(copy.rules[0].in[0].rule->id == copy.rules[0].id);
  CHECK(copy.rules[0].in[0].status == RuleStatus::same);
  CHECK(compare_rulesets({}).rules.empty());
}
