// What the decision writers derive from a compact Screening, computed exactly as
// RuleSet::decide does (language fallback, a reason's verdict, the decision-level until,
// unanswered ids sorted by name) but without building a Decision, so that the batch
// writers agree with to_json(decide(...)) while allocating nothing per record.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/output.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"
#include "expr/evaluator.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/screening_context.hpp"

namespace contrascreen::io {

/// The language decide() uses: the requested one if declared, else the default (first).
inline std::string_view resolve_language(const detail::CompiledRuleSet& rs, std::string_view requested) noexcept {
  const bool declared = std::find(rs.languages.begin(), rs.languages.end(), requested) != rs.languages.end();
  return declared ? requested : std::string_view(rs.languages.front());
}

/// What a hit contributes: refuse only when a refuse rule definitely fired.
inline Verdict reason_verdict(const detail::CompiledRuleSet& rs, const RuleHit& hit) noexcept {
  return hit.undecided || rs.infos[hit.rule].action == RuleAction::refer ? Verdict::refer : Verdict::refuse;
}

/// The decision-level until: when refusing and every refusing reason is temporary, the
/// latest of their ends.
inline std::optional<Date> decision_until(const detail::CompiledRuleSet& rs, const Screening& screening) noexcept {
  if (screening.verdict() != Verdict::refuse) return std::nullopt;
  std::optional<Date> latest;
  for (const RuleHit& hit : screening.hits()) {
    if (reason_verdict(rs, hit) != Verdict::refuse) continue;
    if (!hit.until) return std::nullopt;
    if (!latest || *hit.until > *latest) latest = hit.until;
  }
  return latest;
}

/// Why a failed hit's evaluation failed (see detail::failure_message).
inline std::string failure_message(const detail::CompiledRuleSet& rs, const Intake& intake, const Screening& screening,
                                   std::uint32_t rule) {
  return detail::failure_message(rs, intake, screening.date(), rule);
}

/// The ids of the catalogue questions `indices`, sorted by id, into `out` (cleared
/// first). Callers keep `out` per thread so that it stops allocating once grown.
template <class Indices>
void sorted_question_ids(const Catalogue& catalogue, const Indices& indices, std::vector<const std::string*>& out) {
  out.clear();
  for (const auto q : indices) out.push_back(&catalogue.questions()[q].id);
  std::sort(out.begin(), out.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
}

/// The text format (decision_text.cpp); append_decision and append_error_record dispatch
/// to these.
void append_text_decision(std::string& out, const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                          const OutputOptions& options);
void append_text_error(std::string& out, const std::optional<std::string>& id, const std::vector<Diagnostic>& errors,
                       const OutputOptions& options);

}  // namespace contrascreen::io
