// Fuzz target: one JSON intake, read by parse_intake and by a reused JsonIntakeReader (the
// batch path, with its key-order caches), which must agree; then screened. Whatever the
// fast path accepts, the full reader must accept and read to the same intake. A FHIR
// resource (a top-level "resourceType") is read by parse_intake as FHIR, while a JSON Lines
// record is always a contrascreen intake (FHIR lines are .ndjson): for those the two
// readers differ by design, and only parse_intake's result is checked.
#include <cstdint>
#include <string_view>

#include "contrascreen/fhir_intake.hpp"
#include "fuzz_support.hpp"
#include "io/intake_json_flat.hpp"
#include "io/intake_json_full.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace contrascreen;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto catalogue = fuzz::policy().catalogue_ptr();
  const IntakeResult result = parse_intake(text, IntakeFormat::json, catalogue, "fuzz.json");
  fuzz::check_diagnostics(result.diagnostics, text.size());
  fuzz::require(result.intake.has_value() != has_errors(result.diagnostics), "intake and errors disagree");

  if (is_fhir_resource(text)) {
    if (result.intake) fuzz::screen_and_check(*result.intake);
    return 0;
  }

  static JsonIntakeReader reader(catalogue);
  static Intake reused(catalogue);
  std::vector<Diagnostic> diagnostics;
  const bool ok = reader.parse(text, reused, diagnostics, "fuzz.json");
  fuzz::require(ok == result.intake.has_value(), "the reused reader disagrees with parse_intake");
  fuzz::require(diagnostics.size() == result.diagnostics.size(), "the reused reader reports other problems");
  if (ok) {
    fuzz::require(reused.answer_count() == result.intake->answer_count(), "the reused reader read other answers");
    fuzz::screen_and_check(reused);
  }

  static io::FlatJsonReader flat(*catalogue);
  static io::FullJsonReader full(catalogue);
  static Intake fast(catalogue), reference(catalogue);
  fast.clear();
  if (flat.read(text, fast)) {
    diagnostics.clear();
    fuzz::require(full.parse(text, reference, diagnostics, "fuzz.json", 1), "the fast path accepted an invalid intake");
    fuzz::require(fast == reference, "the fast path read another intake than the full reader");
  }
  return 0;
}
