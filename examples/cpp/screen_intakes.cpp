// Screens intake files against a rule set with the installed contrascreen library and
// prints one JSON decision per intake. Exit status: 0 all allowed, 1 refer, 2 refuse,
// 65 invalid rule set or intake, 66 a file is missing.
//
//   screen_intakes RULESET INTAKE...
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <contrascreen/contrascreen.hpp>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: screen_intakes RULESET INTAKE...\n";
    return 64;
  }
  // Load, check and compile the policy once; it can then screen from any thread.
  contrascreen::LoadResult loaded = contrascreen::load_ruleset_file(argv[1]);
  std::cerr << contrascreen::format_diagnostics(loaded.diagnostics);
  if (!loaded) return loaded.diagnostics.front().code == "io.not_found" ? 66 : 65;
  const contrascreen::RuleSet& rules = *loaded.ruleset;

  int status = 0;
  for (int i = 2; i < argc; ++i) {
    contrascreen::IntakeResult intake = contrascreen::read_intake_file(argv[i], rules.catalogue_ptr());
    if (!intake) {
      std::cerr << contrascreen::format_diagnostics(intake.diagnostics);
      status = std::max(status, intake.diagnostics.front().code == "io.not_found" ? 66 : 65);
      continue;
    }
    const contrascreen::Decision decision = rules.screen(*intake.intake);
    std::cout << contrascreen::to_json(decision) << '\n';
    if (status < 64) status = std::max(status, static_cast<int>(decision.decision));
  }
  return status;
}
