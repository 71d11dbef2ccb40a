// Fuzz target: one expression through the parser, the checker, the compiler and the
// evaluator (contrascreen::evaluate), over an empty and a fully answered intake.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

namespace {

using namespace contrascreen;

const Intake& answered_intake() {
  static const Intake intake = [] {
    Intake i = fuzz::policy().make_intake();
    i.set("age", 34);
    i.set("pregnant", false);
    i.set("breastfeeding", true);
    i.set("acne", "active_mild");
    i.set("medications", {"Warfarin ", "isotretinoin", ""});
    i.set("oral_retinoids", "past");
    i.set("oral_retinoids_stopped_on", "2026-07-01");
    i.set("previous_microneedling", true);
    i.set("last_microneedling_date", "0001-01-01");
    return i;
  }();
  return intake;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const RuleSet& rules = fuzz::policy();
  static const Intake empty = rules.make_intake();
  const Date date = *Date::parse_iso("2026-11-21");
  for (const Intake* intake : {&empty, &answered_intake()}) {
    const EvaluationResult result = evaluate(text, *intake, date, &rules);
    fuzz::check_diagnostics(result.diagnostics, text.size());
    fuzz::require(result.value.empty() != result.diagnostics.empty() || !has_errors(result.diagnostics),
                  "a value and errors at once");
    fuzz::require(!result.value.empty() || has_errors(result.diagnostics), "neither a value nor an error");
  }
  return 0;
}
