// Fuzz target: one YAML intake through parse_intake, then screened.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace contrascreen;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const IntakeResult result = parse_intake(text, IntakeFormat::yaml, fuzz::policy().catalogue_ptr(), "fuzz.yaml");
  fuzz::check_diagnostics(result.diagnostics, text.size());
  fuzz::require(result.intake.has_value() != has_errors(result.diagnostics), "intake and errors disagree");
  if (result.intake) fuzz::screen_and_check(*result.intake);
  return 0;
}
