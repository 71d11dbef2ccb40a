// The FHIR Questionnaire of a rule set (fhir_questionnaire.hpp): its name, the base URLs it
// takes, and what it writes for a follow-up of an unread question. The shipped policies'
// Questionnaires are checked as data (tests/fhir: examples, validator, codes, round trip).
#include "contrascreen/fhir_questionnaire.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;

RuleSet load_text(const std::string& yaml) {
  LoadResult loaded = load_ruleset_string(yaml, "questionnaire.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

const char* const follow_up_only =
    "id: test/q-1\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\nrules:\n"
    "  - {id: r, when: 'days_since(last_microneedling_date) < 28', decision: refuse, message: M, source: S}\n";

}  // namespace

TEST_CASE("questionnaire name: FHIR's pattern from any rule set id") {
  CHECK(questionnaire_name("clinic-nl/microneedling") == "ClinicNlMicroneedling");
  CHECK(questionnaire_name("a.b_c") == "ABC");
  CHECK(questionnaire_name("2026/x") == "Policy2026X");
  CHECK(questionnaire_name("") == "Policy");
  CHECK(questionnaire_name(std::string(300, 'a')).size() == 255);
}

TEST_CASE("base URL: an absolute URI without spaces, query, fragment or trailing slash") {
  for (const char* good : {"urn:contrascreen", "https://forms.example.org/fhir", "urn:oid:1.2.3", "x:y"})
    CHECK_MESSAGE(questionnaire_base_url_problem(good).empty(), good);
  for (const char* bad : {"", "urn:", "contrascreen", ":x", "1x:y", "urn:contrascreen/", "https://a b",
                          "https://a/?q", "https://a/#f", "https://a/\xC3\xA9", "https://a/\t"})
    CHECK_MESSAGE(!questionnaire_base_url_problem(bad).empty(), bad);
  const RuleSet rules = load_text(follow_up_only);
  QuestionnaireOptions options;
  options.base_url = "urn:x/";
  CHECK_THROWS_AS(to_fhir_questionnaire(rules, options), std::invalid_argument);
}

TEST_CASE("a read follow-up brings its unread parent, and is nested under it with enableWhen") {
  const RuleSet rules = load_text(follow_up_only);
  QuestionnaireOptions options;
  options.base_url = "https://f.example/fhir";
  const std::string q = to_fhir_questionnaire(rules, options);
  const auto parent = q.find("\"linkId\": \"previous_microneedling\"");
  const auto child = q.find("\"linkId\": \"last_microneedling_date\"");
  REQUIRE(parent != std::string::npos);
  REQUIRE(child != std::string::npos);
  CHECK(parent < child);
  CHECK(q.find("\"url\": \"https://f.example/fhir/Questionnaire/test-q-1\"") != std::string::npos);
  CHECK(q.find("\"name\": \"TestQ1\"") != std::string::npos);
  CHECK(q.find("\"question\": \"previous_microneedling\",\n") != std::string::npos);
  CHECK(q.find("\"answerBoolean\": true") != std::string::npos);
  CHECK(q.find("\"value\": \"" + rules.sha256() + "\"") != std::string::npos);
  CHECK(q.back() == '\n');
  // Deterministic: the same bytes every time.
  CHECK(to_fhir_questionnaire(rules, options) == q);
}
