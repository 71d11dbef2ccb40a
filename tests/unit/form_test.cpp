// The form order of a rule set's questions (form.hpp): the order `contrascreen questions`
// prints and Python's RuleSet.questions returns.
#include "contrascreen/form.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
using contrascreen::testing::source_dir;

RuleSet load_file(const std::filesystem::path& path) {
  LoadResult loaded = load_ruleset_file(path);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

RuleSet load_text(const std::string& yaml, std::shared_ptr<const Catalogue> catalogue = nullptr) {
  LoadOptions options;
  options.catalogue = std::move(catalogue);
  LoadResult loaded = load_ruleset_string(yaml, "form.yaml", options);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

// "id" for a top-level question, "  id < parent" for a follow-up (two spaces per level).
std::vector<std::string> outline(const std::vector<FormQuestion>& form) {
  std::vector<std::string> out;
  for (const FormQuestion& q : form) {
    std::string line(q.depth * 2, ' ');
    line += q.question->id;
    if (q.parent != nullptr) line += " < " + q.parent->id;
    out.push_back(line);
  }
  return out;
}

std::string rule_set_reading(const std::vector<std::string>& conditions) {
  std::string yaml = "id: test/form\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\nrules:\n";
  for (std::size_t i = 0; i < conditions.size(); ++i)
    yaml +=
        "  - {id: r" + std::to_string(i) + ", when: '" + conditions[i] + "', decision: refer, message: M, source: S}\n";
  return yaml;
}

}  // namespace

TEST_CASE("form order of a shipped policy: catalogue order, follow-ups under their question") {
  const RuleSet rules = load_file(source_dir() / "rules/clinics/clinic-nl/microneedling.yaml");
  const std::vector<FormQuestion> form = form_questions(rules);
  CHECK(outline(form) == std::vector<std::string>{"age",
                                                  "pregnant",
                                                  "breastfeeding",
                                                  "keloid_history",
                                                  "herpes_active",
                                                  "skin_infection_active",
                                                  "skin_cancer",
                                                  "actinic_keratosis",
                                                  "acne",
                                                  "rosacea",
                                                  "dermatitis",
                                                  "psoriasis_in_area",
                                                  "sensitive_skin",
                                                  "autoimmune_skin_disease",
                                                  "diabetes",
                                                  "bleeding_disorder",
                                                  "oral_retinoids",
                                                  "  oral_retinoids_stopped_on < oral_retinoids",
                                                  "medications",
                                                  "anticoagulant_therapy",
                                                  "corticosteroids_high_dose",
                                                  "chemotherapy_current",
                                                  "radiotherapy_current",
                                                  "previous_microneedling",
                                                  "  last_microneedling_date < previous_microneedling",
                                                  "indication"});
  // The same questions as RuleSet::questions(), each once.
  CHECK(form.size() == rules.questions().size());
  for (const FormQuestion& q : form) CHECK(&rules.catalogue().questions()[q.question->index] == q.question);
}

TEST_CASE("a follow-up declared far below its question moves up to it") {
  // The catalogue declares last_session_on last; catalogue order would ask it last.
  const RuleSet rules = load_file(source_dir() / "tests/cli/data/tree/clinic/own_catalogue.yaml");
  CHECK(outline(form_questions(rules)) ==
        std::vector<std::string>{"had_sessions", "  last_session_on < had_sessions", "age", "pregnant", "skin_type"});
}

TEST_CASE("a follow-up whose question the rule set does not read stays at the top level") {
  const RuleSet rules = load_text(rule_set_reading({"days_since(last_microneedling_date) < 28", "pregnant"}));
  const std::vector<FormQuestion> form = form_questions(rules);
  CHECK(outline(form) == std::vector<std::string>{"pregnant", "last_microneedling_date"});
  CHECK(form[1].question->follows == "previous_microneedling");  // what the catalogue says is kept
}

TEST_CASE("with_parents: the question a read follow-up follows joins the form, marked not read") {
  const RuleSet rules = load_text(rule_set_reading({"days_since(last_microneedling_date) < 28", "pregnant"}));
  const std::vector<FormQuestion> form = form_questions(rules, FormScope::with_parents);
  CHECK(outline(form) ==
        std::vector<std::string>{"pregnant", "previous_microneedling", "  last_microneedling_date < previous_microneedling"});
  CHECK(form[0].read);
  CHECK_FALSE(form[1].read);
  CHECK(form[2].read);
  // Without a follow-up to ask, the two scopes agree.
  const RuleSet flat = load_text(rule_set_reading({"pregnant", "age > 60"}));
  CHECK(outline(form_questions(flat, FormScope::with_parents)) == outline(form_questions(flat)));
}

TEST_CASE("with_parents climbs the whole chain of follows") {
  const auto catalogue = Catalogue::load_string(
      "catalogue: test\nversion: \"1\"\nlanguages: [en]\nquestions:\n"
      "  - {id: a, type: bool, prompt: {en: A}}\n"
      "  - {id: b, type: bool, follows: a, prompt: {en: B}}\n"
      "  - {id: c, type: bool, follows: b, prompt: {en: C}}\n"
      "  - {id: x, type: bool, prompt: {en: X}}\n",
      "questions.yaml");
  REQUIRE_MESSAGE(catalogue.catalogue, format_diagnostics(catalogue.diagnostics));
  const RuleSet rules = load_text(rule_set_reading({"c", "x"}), catalogue.catalogue);
  CHECK(outline(form_questions(rules)) == std::vector<std::string>{"c", "x"});
  const std::vector<FormQuestion> form = form_questions(rules, FormScope::with_parents);
  CHECK(outline(form) == std::vector<std::string>{"a", "  b < a", "    c < b", "x"});
  CHECK(std::vector<bool>{form[0].read, form[1].read, form[2].read, form[3].read} ==
        std::vector<bool>{false, false, true, true});
}

TEST_CASE("follow-ups of follow-ups nest, siblings keep catalogue order") {
  const auto catalogue = Catalogue::load_string(
      "catalogue: test\nversion: \"1\"\nlanguages: [en]\nquestions:\n"
      "  - {id: a, type: bool, prompt: {en: A}}\n"
      "  - {id: x, type: bool, prompt: {en: X}}\n"
      "  - {id: b, type: bool, follows: a, prompt: {en: B}}\n"
      "  - {id: c, type: bool, follows: b, prompt: {en: C}}\n"
      "  - {id: d, type: bool, follows: a, prompt: {en: D}}\n",
      "questions.yaml");
  REQUIRE_MESSAGE(catalogue.catalogue, format_diagnostics(catalogue.diagnostics));
  const RuleSet rules = load_text(rule_set_reading({"d && c", "x", "a && b"}), catalogue.catalogue);
  CHECK(outline(form_questions(rules)) == std::vector<std::string>{"a", "  b < a", "    c < b", "  d < a", "x"});
}

TEST_CASE("form language: the rule set's default, a catalogue language asked for, or the catalogue's first") {
  const RuleSet nl = load_file(source_dir() / "rules/clinics/clinic-nl/microneedling.yaml");
  const FormLanguage by_default = form_language(nl);
  CHECK(by_default.language == "nl");
  CHECK(by_default.fallback == nl.catalogue().languages().front());
  CHECK_FALSE(by_default.substituted);

  const FormLanguage sv = form_language(nl, "sv");
  CHECK(sv.language == "sv");
  CHECK_FALSE(sv.substituted);
  const Question& pregnant = *nl.catalogue().find("pregnant");
  CHECK(sv.text(pregnant.prompt) == pregnant.prompt.in("sv"));

  const FormLanguage unknown = form_language(nl, "de");
  CHECK(unknown.language == unknown.fallback);
  CHECK(unknown.substituted);
  CHECK(unknown.text(pregnant.prompt) == pregnant.prompt.in(unknown.fallback));

  // A rule set whose default language the catalogue lacks is worded in the catalogue's first.
  const RuleSet german = load_text(
      "id: test/de\nversion: \"1\"\ntreatment: microneedling\nlanguages: [de]\nrules:\n"
      "  - {id: r, when: pregnant, decision: refer, message: M, source: S}\n");
  const FormLanguage fallback = form_language(german);
  CHECK(fallback.language == german.catalogue().languages().front());
  CHECK(fallback.substituted);
}
