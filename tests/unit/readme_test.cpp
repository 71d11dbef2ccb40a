// The README's example must stay true: its policy and intake blocks are the files under
// examples/, screening them gives exactly the output block, and the C++ snippet's calls
// behave as the README says.
#include <doctest/doctest.h>

#include <algorithm>

#include "contrascreen/contrascreen.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
using contrascreen::testing::read_file;
using contrascreen::testing::source_dir;

// The fenced block that follows `<!-- readme-example: NAME -->`.
std::string readme_block(const std::string& readme, const std::string& name) {
  const auto marker = readme.find("<!-- readme-example: " + name + " -->");
  REQUIRE(marker != std::string::npos);
  const auto open = readme.find("```", marker);
  const auto body = readme.find('\n', open) + 1;
  const auto close = readme.find("\n```", body);
  return readme.substr(body, close - body + 1);
}

// JSON without the white space outside strings, so that layout does not matter.
std::string compact_json(const std::string& json) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size())
        out += json[++i];
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the README's example policy screens its example intake to the output shown") {
  const std::string readme = read_file(source_dir() / "README.md");
  const std::string policy = readme_block(readme, "policy");
  const std::string intake_text = readme_block(readme, "intake");
  CHECK(policy == read_file(source_dir() / "examples/policies/quickstart.yaml"));
  CHECK(intake_text == read_file(source_dir() / "examples/intakes/incomplete.json"));

  auto loaded = load_ruleset_string(policy, "quickstart.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  auto intake = parse_intake(intake_text, IntakeFormat::json, loaded.ruleset->catalogue_ptr());
  REQUIRE_MESSAGE(intake, format_diagnostics(intake.diagnostics));
  const Decision decision = loaded.ruleset->screen(*intake.intake);
  CHECK(to_json(decision) == compact_json(readme_block(readme, "output")));
}

TEST_CASE("the README's C++ snippet") {
  auto loaded = load_ruleset_file(source_dir() / "examples/policies/quickstart.yaml");
  REQUIRE(loaded);
  const RuleSet& rules = *loaded.ruleset;
  Intake intake = rules.make_intake();
  intake.set("pregnant", false);
  intake.set("medications", {"Warfarin "});
  intake.set("last_microneedling_date", "2026-10-31");
  const Decision decision = rules.screen(intake, {.date = Date::parse_iso("2026-11-21")});
  CHECK(decision.decision == Verdict::refuse);
  const auto fired = std::find_if(decision.reasons.begin(), decision.reasons.end(),
                                  [](const Reason& r) { return r.rule == "anticoagulants" && !r.undecided; });
  CHECK(fired != decision.reasons.end());
}
