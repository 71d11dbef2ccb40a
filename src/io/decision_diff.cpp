// Comparing two rule sets' decisions: each input goes through the batch engine once per rule
// set into compact BatchResults (screen_input), and the two are compared record by record.
// Nothing here reads intakes: records out = records in, so record i of one reading is
// record i of the other.
#include "contrascreen/decision_diff.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>

#include "contrascreen/batch.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {
namespace {

Verdict contribution(RuleAction action, bool undecided) {
  return undecided || action != RuleAction::refuse ? Verdict::refer : Verdict::refuse;
}

// Rules whose ids are among the reasons of `side`, sorted.
std::vector<std::string_view> rule_ids(const DiffSide& side) {
  std::vector<std::string_view> ids;
  ids.reserve(side.reasons.size());
  for (const DiffReason& reason : side.reasons) ids.emplace_back(reason.rule);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void count_rule(std::vector<DiffSummary::RuleCounts>& rules, std::string_view rule, bool newly) {
  auto it = std::lower_bound(rules.begin(), rules.end(), rule,
                             [](const DiffSummary::RuleCounts& r, std::string_view id) { return r.rule < id; });
  if (it == rules.end() || it->rule != rule) it = rules.insert(it, DiffSummary::RuleCounts{std::string(rule), 0, 0});
  ++(newly ? it->newly : it->stopped);
}

}  // namespace

DiffSide DiffSide::of(const Decision& decision) {
  DiffSide side;
  side.decision = decision.decision;
  side.until = decision.until;
  side.reasons.reserve(decision.reasons.size());
  for (const Reason& reason : decision.reasons)
    side.reasons.push_back(DiffReason{reason.rule, reason.decision, reason.undecided, reason.until});
  return side;
}

DiffSide DiffSide::of(const BatchResults& results, std::size_t i) {
  DiffSide side;
  if (results.is_error(i)) {
    for (const Diagnostic& d : results.errors(i)) side.error_codes.push_back(d.code);
    return side;
  }
  side.decision = results.verdict(i);
  side.until = results.until(i);
  const auto& rules = results.ruleset().rules();
  for (const RuleHit& hit : results.hits(i)) {
    const RuleInfo& rule = rules[hit.rule];
    side.reasons.push_back(DiffReason{rule.id, contribution(rule.action, hit.undecided), hit.undecided, hit.until});
  }
  return side;
}

unsigned compare_sides(const DiffSide& before, const DiffSide& after) {
  unsigned changed = 0;
  if (before.decision != after.decision) changed |= diff_decision;
  if (before.reasons != after.reasons) changed |= diff_reasons;
  if (before.until != after.until) changed |= diff_until;
  return changed;
}

std::optional<DecisionChange> compare_decisions(const Decision& before, const Decision& after) {
  DecisionChange change;
  change.id = after.id ? after.id : before.id;
  change.before = DiffSide::of(before);
  change.after = DiffSide::of(after);
  change.changed = compare_sides(change.before, change.after);
  if (change.changed == 0) return std::nullopt;
  return change;
}

std::size_t DiffSummary::outcome_index(const DiffSide& side) noexcept {
  return side.decision ? static_cast<std::size_t>(*side.decision) : error_outcome;
}

void DiffSummary::add(const DiffSide& before_side, const DiffSide& after_side, const DecisionChange* change) {
  ++intakes;
  ++matrix[outcome_index(before_side)][outcome_index(after_side)];
  if (!before_side.decision && !after_side.decision) ++errors;
  if (change == nullptr) return;
  ++changed;
  const auto old_rules = rule_ids(before_side);
  const auto new_rules = rule_ids(after_side);
  std::vector<std::string_view> only;
  std::set_difference(new_rules.begin(), new_rules.end(), old_rules.begin(), old_rules.end(), std::back_inserter(only));
  for (std::string_view rule : only) count_rule(rules, rule, true);
  only.clear();
  std::set_difference(old_rules.begin(), old_rules.end(), new_rules.begin(), new_rules.end(), std::back_inserter(only));
  for (std::string_view rule : only) count_rule(rules, rule, false);
}

std::optional<Diagnostic> check_comparable(const RuleSet& before, const RuleSet& after) {
  if (before.catalogue().sha256() == after.catalogue().sha256()) return std::nullopt;
  return make_diagnostic(Severity::error, codes::diff_catalogue_mismatch,
                         "'" + before.id() + "' and '" + after.id() + "' use different question catalogues (sha256 " +
                             before.catalogue().sha256().substr(0, 12) + "... and " +
                             after.catalogue().sha256().substr(0, 12) +
                             "...): their intakes do not mean the same, so their decisions cannot be compared",
                         std::string());
}

void diff_input(const RuleSet& before, const RuleSet& after, std::string_view name, std::istream& standard_input,
                const ChangeSink& sink, DiffSummary& summary, const DiffOptions& options) {
  summary.before = before.ref();
  summary.after = after.ref();
  if (auto mismatch = check_comparable(before, after)) {
    summary.fatal.push_back(std::move(*mismatch));
    return;
  }
  BatchOptions batch;
  batch.screen = options.screen;
  batch.jobs = options.jobs;
  // Standard input can be read once only: it is kept, and both readings read the copy.
  std::istringstream kept;
  if (name == "-") {
    // Read with istream::read, as the batch reader does: an I/O error sets badbit, and is
    // never taken for the end of the input.
    std::string copy;
    char buffer[1 << 16];
    while (standard_input.read(buffer, sizeof buffer) || standard_input.gcount() > 0)
      copy.append(buffer, static_cast<std::size_t>(standard_input.gcount()));
    if (standard_input.bad()) {
      summary.fatal.push_back(
          make_diagnostic(Severity::error, codes::io_read, "standard input could not be read", "-"));
      return;
    }
    kept.str(std::move(copy));
  }
  std::istream& in = name == "-" ? static_cast<std::istream&>(kept) : standard_input;

  BatchResults old_results(before);
  BatchSummary old_summary = screen_input(before, name, in, old_results, batch);
  if (!old_summary.fatal.empty()) {
    summary.fatal.insert(summary.fatal.end(), old_summary.fatal.begin(), old_summary.fatal.end());
    if (old_results.empty()) return;
  }
  kept.clear();
  kept.seekg(0);
  BatchResults new_results(after);
  const BatchSummary new_summary = screen_input(after, name, in, new_results, batch);
  const bool same_records = new_results.size() == old_results.size() && [&] {
    for (std::size_t i = 0; i < old_results.size(); ++i)
      if (old_results.id(i) != new_results.id(i)) return false;
    return true;
  }();
  if (!same_records || new_summary.fatal.size() != old_summary.fatal.size()) {
    summary.fatal.push_back(make_diagnostic(Severity::error, codes::io_read,
                                            "the input did not hold the same records when read for the second rule "
                                            "set (it changed meanwhile); nothing of it was compared",
                                            std::string(name)));
    return;
  }
  // Every problem of the unreadable records, once: they are the same under both rule sets
  // as long as the catalogues are (check_comparable).
  for (std::size_t i = 0; i < old_results.size(); ++i)
    for (const Diagnostic& d : old_results.errors(i)) summary.intake_errors.push_back(d);

  for (std::size_t i = 0; i < old_results.size(); ++i) {
    DecisionChange change;
    change.before = DiffSide::of(old_results, i);
    change.after = DiffSide::of(new_results, i);
    change.changed = compare_sides(change.before, change.after);
    if (change.changed == 0) {
      summary.add(change.before, change.after, nullptr);
      continue;
    }
    if (const auto id = old_results.id(i)) change.id = std::string(*id);
    change.input = std::string(name);
    change.record = i + 1;
    summary.add(change.before, change.after, &change);
    if (!sink(change)) {
      summary.fatal.push_back(make_diagnostic(
          Severity::error, codes::io_write,
          "the output could not be written; stopped after " + std::to_string(summary.intakes) + " records",
          std::string(name)));
      return;
    }
  }
}

}  // namespace contrascreen
