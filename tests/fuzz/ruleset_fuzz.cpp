// Fuzz target: YAML text through the rule-set loader (YAML, extends, expressions, checks,
// compilation, lint); a rule set that loads is then tested, screened and rendered.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace contrascreen;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const LoadResult loaded = load_ruleset_string(text, "fuzz.yaml");
  for (const Diagnostic& d : loaded.diagnostics) {
    fuzz::require(!d.code.empty(), "diagnostic without a code");
    (void)format_diagnostic(d);
  }
  if (!loaded) {
    fuzz::require(has_errors(loaded.diagnostics), "a failed load without an error");
    return 0;
  }
  const RuleSet& rules = *loaded.ruleset;
  (void)format_test_report(run_tests(rules));
  Intake intake = rules.make_intake();
  const Decision empty = rules.screen(intake, fuzz::screen_options());
  fuzz::require(empty.decision != Verdict::allow || empty.unanswered.empty(), "allow with unanswered questions");
  (void)to_json(empty);
  (void)explain(rules, intake, fuzz::screen_options());
  return 0;
}
