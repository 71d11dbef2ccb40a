// Shared by the fuzz targets: a policy loaded once, a fixed screening date, and a check
// that turns a broken invariant into a crash the fuzzer reports.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>
#include <contrascreen/explain.hpp>
#include <contrascreen/output.hpp>

namespace contrascreen::fuzz {

/// Aborts (a finding for libFuzzer and a failure for the seed run) when `ok` is false.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

/// The shipped baseline policy: every question type, value sets, dates, `until`.
inline const RuleSet& policy() {
  static const RuleSet ruleset = [] {
    LoadResult loaded = load_ruleset_file(CONTRASCREEN_SOURCE_DIR "/rules/common/microneedling.yaml");
    require(loaded.ruleset.has_value(), "the shipped policy loads");
    return *loaded.ruleset;
  }();
  return ruleset;
}

/// Fixed, so that a finding replays the same way on any day.
inline ScreenOptions screen_options() {
  return {.date = Date::parse_iso("2026-11-21"), .language = ""};
}

/// Every diagnostic has a code and a position inside the text it was given.
inline void check_diagnostics(const std::vector<Diagnostic>& diagnostics, std::size_t text_size) {
  for (const Diagnostic& d : diagnostics) {
    require(!d.code.empty(), "diagnostic without a code");
    require(d.where.offset <= text_size, "diagnostic offset past the end of the text");
    (void)format_diagnostic(d);
  }
}

/// Screens an intake that was read successfully and checks the decision's invariants.
inline void screen_and_check(const Intake& intake) {
  const RuleSet& rules = policy();
  const Decision decision = rules.screen(intake, screen_options());
  require(decision.decision != Verdict::allow || decision.unanswered.empty(), "allow with unanswered questions");
  require(decision.decision != Verdict::allow || decision.reasons.empty(), "allow with reasons");
  (void)to_json(decision);
}

}  // namespace contrascreen::fuzz
