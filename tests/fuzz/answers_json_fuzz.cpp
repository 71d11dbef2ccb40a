// Fuzz target: the answers `contrascreen eval --answers` reads (parse_answers_json): an
// answers object, which is wrapped into an intake, or a whole intake. Every diagnostic must
// point inside the text as given, never into the wrapper; what it reads is screened, and an
// expression over every question type is evaluated on it.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include <contrascreen/evaluate.hpp>
#include <contrascreen/intake_reader.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace contrascreen;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const RuleSet& rules = fuzz::policy();
  const IntakeResult result = parse_answers_json(text, rules.catalogue_ptr(), "answers.json");
  fuzz::check_diagnostics(result.diagnostics, text.size());
  const auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const Diagnostic& d : result.diagnostics)
    fuzz::require(d.where.line <= lines + 1, "a diagnostic below the end of the answers");
  fuzz::require(result.intake.has_value() != has_errors(result.diagnostics), "intake and errors disagree");
  if (!result.intake) return 0;
  fuzz::screen_and_check(*result.intake);
  const EvaluationResult value = evaluate(
      "age >= 18 && !pregnant && any_in(medications, anticoagulants) || days_since(last_microneedling_date) < 28",
      *result.intake, Date::parse_iso("2026-11-21"), &rules);
  fuzz::require(!value.value.empty() || has_errors(value.diagnostics), "neither a value nor an error");
  return 0;
}
