// Fuzz target: FHIR R4 QuestionnaireResponses. The text is read as a .json resource (one
// response or a Bundle: every result is an intake or has diagnostics inside the text), and as
// an NDJSON batch written as CDS Hooks responses (one line per record).
#include <sstream>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace contrascreen;
  const std::string text(reinterpret_cast<const char*>(data), size);
  static FhirIntakeReader reader(fuzz::policy().catalogue_ptr());
  for (const IntakeResult& result : reader.parse_resource(text, "fuzz.json")) {
    fuzz::require(result.intake.has_value() == result.diagnostics.empty(), "a result is an intake or has problems");
    fuzz::check_diagnostics(result.diagnostics, text.size());
    if (!result.intake) continue;
    fuzz::screen_and_check(*result.intake);
    const std::string cards =
        to_cds_hooks(fuzz::policy().screen(*result.intake, fuzz::screen_options()), fuzz::policy());
    fuzz::require(cards.rfind("{\"cards\":[", 0) == 0, "a CDS Hooks response");
  }
  BatchOptions options;
  options.screen = fuzz::screen_options();
  options.format = OutputFormat::cds_hooks;
  options.name = "fuzz.ndjson";
  std::istringstream in(text);
  std::ostringstream out;
  const BatchSummary summary = screen_batch(fuzz::policy(), in, BatchFormat::ndjson, out, options);
  fuzz::require(summary.records == summary.allowed + summary.referred + summary.refused + summary.errors,
                "summary counts do not add up");
  std::uint64_t lines = 0;
  for (const char c : out.str()) lines += c == '\n' ? 1 : 0;
  fuzz::require(lines == summary.records, "not one line per record");
  return 0;
}
