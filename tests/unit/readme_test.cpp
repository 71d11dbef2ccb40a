// The documented examples must stay true: the README's policy and intake blocks are the
// files under examples/ and screening them gives exactly its output block, and the calls of
// the C++ example in docs/cpp-api.md behave as that page says.
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

TEST_CASE("the C++ example of docs/cpp-api.md") {
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
  const auto undecided = std::find_if(decision.reasons.begin(), decision.reasons.end(),
                                      [](const Reason& r) { return r.rule == "pregnancy" && r.undecided; });
  CHECK(undecided != decision.reasons.end());  // breastfeeding is not answered

  // The page shows these very calls and says what they give.
  const std::string page = read_file(source_dir() / "docs/cpp-api.md");
  const auto section = page.find("\n## Example\n");
  REQUIRE(section != std::string::npos);
  const auto open = page.find("```cpp\n", section);
  REQUIRE(open != std::string::npos);
  const std::string example = page.substr(open, page.find("\n```", open + 1) - open);
  for (const char* shown : {"load_ruleset_file(\"examples/policies/quickstart.yaml\")", "rules.make_intake()",
                            "intake.set(\"pregnant\", false);", "intake.set(\"medications\", {\"Warfarin \"});",
                            "intake.set(\"last_microneedling_date\", \"2026-10-31\");",
                            "rules.screen(intake, {.date = contrascreen::Date::parse_iso(\"2026-11-21\")})",
                            "refuse: rule \"anticoagulants\" fired"})
    CHECK_MESSAGE(example.find(shown) != std::string::npos, shown);
}
