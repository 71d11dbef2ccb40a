// Decision tests as data: every rule set under tests/data/rulesets/ carries its own
// `tests:` (expected decision, fired rules, unanswered questions, until dates), and all
// of them must pass, and so must the example policies under examples/policies/. The same runner backs `contrascreen
// test`.
#include <doctest/doctest.h>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

using namespace contrascreen;
using contrascreen::testing::data_dir;
using contrascreen::testing::files_in;

TEST_CASE("rule sets under tests/data/rulesets pass their own tests") {
  auto files = files_in(data_dir() / "rulesets", ".yaml");
  for (const auto& example : files_in(contrascreen::testing::source_dir() / "examples" / "policies", ".yaml"))
    files.push_back(example);
  REQUIRE(!files.empty());
  std::size_t cases = 0;
  for (const auto& path : files) {
    if (path.stem().string().ends_with("_base")) continue;
    CAPTURE(path.string());
    auto loaded = load_ruleset_file(path);
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    CHECK_MESSAGE(loaded.diagnostics.empty(), format_diagnostics(loaded.diagnostics));
    const TestReport report = run_tests(*loaded.ruleset);
    CHECK_MESSAGE(report.failed == 0, format_test_report(report));
    CHECK_MESSAGE(!report.cases.empty(), "a decision rule set without tests");
    cases += report.cases.size();
  }
  CHECK(cases >= 40);
}
