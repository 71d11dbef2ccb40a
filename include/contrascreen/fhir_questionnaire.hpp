#pragma once
/// \file
/// A rule set's intake form as a FHIR R4 Questionnaire (docs/fhir.md has the mapping): one
/// item per question of the form (form_questions with FormScope::with_parents, so in form
/// order), follow-ups nested under the question they follow with `enableWhen`, prompts,
/// help and answer labels in one language with the catalogue's others as translation
/// extensions, and the rule set's sha256 in `identifier`. A QuestionnaireResponse to it is
/// read back as an intake by the FHIR intake readers (fhir_intake.hpp).

#include <optional>
#include <string>
#include <string_view>

#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// The base of the canonical URLs a Questionnaire names when none is given.
inline constexpr std::string_view fhir_default_base_url = "urn:contrascreen";
/// The `identifier.system` whose value is the rule set's sha256.
inline constexpr std::string_view fhir_ruleset_sha256_system = "urn:contrascreen:ruleset-sha256";

/// What to write, beyond the rule set.
struct QuestionnaireOptions {
  /// The language of `text` and answer `display`; the catalogue's other languages go into
  /// translation extensions. nullopt: the rule set's default language; one the catalogue
  /// lacks falls back to its first, as for every form (form_language, form.hpp).
  std::optional<std::string> language;
  /// The base of `url` (BASE/Questionnaire/ID) and of each enum question's code system
  /// (BASE/CodeSystem/CATALOGUE/QUESTION). Must pass questionnaire_base_url_problem.
  std::string base_url = std::string(fhir_default_base_url);
};

/// Why `base_url` cannot be the base of a Questionnaire's URLs, or "" when it can: it must be
/// an absolute URI (a scheme, `:`, then at least one character) of printable ASCII without
/// spaces, `?` or `#` (a query or fragment would swallow the path appended to it), and must
/// not end in `/` (the path is appended with one). Pure; thread-safe.
std::string questionnaire_base_url_problem(std::string_view base_url);

/// The FHIR name of a rule set id: its runs of letters and digits, each capitalised, joined
/// ("clinic-nl/microneedling" is "ClinicNlMicroneedling"); "Policy" in front when that would
/// not start with a letter. Matches FHIR's name pattern [A-Z][A-Za-z0-9_]{0,254}.
std::string questionnaire_name(std::string_view ruleset_id);

/// The canonical `url` of the Questionnaire of the rule set `ruleset_id` under `base_url`:
/// BASE/Questionnaire/ID with each `/` of the id as `-` (`urn:contrascreen/Questionnaire/
/// clinic-nl-microneedling`). The one definition, for the Questionnaire itself and for
/// whatever names it (the service's CDS Hooks prefetch). Pure; thread-safe.
std::string questionnaire_url(std::string_view ruleset_id, std::string_view base_url = fhir_default_base_url);

/// The Questionnaire of `rules` as JSON text, indented by two spaces, ending in a newline.
/// Deterministic: the same rule set and options always give the same bytes (no timestamp).
/// Throws std::invalid_argument when options.base_url has a problem
/// (questionnaire_base_url_problem). Pure; thread-safe.
std::string to_fhir_questionnaire(const RuleSet& rules, const QuestionnaireOptions& options = {});

}  // namespace contrascreen
