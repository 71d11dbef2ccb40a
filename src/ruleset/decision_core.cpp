// What a screening means (see decision_core.hpp): the one place where verdict words,
// reason verdicts, the language fallback, the decision-level until, unanswered questions
// and the complete Decision are derived from a Screening.
#include "ruleset/decision_core.hpp"

#include <algorithm>

namespace contrascreen {

const char* to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::allow:
      return "allow";
    case Verdict::refer:
      return "refer";
    case Verdict::refuse:
      return "refuse";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(std::string_view text) noexcept {
  if (text == "allow") return Verdict::allow;
  if (text == "refer") return Verdict::refer;
  if (text == "refuse") return Verdict::refuse;
  return std::nullopt;
}

const char* to_string(RuleAction action) noexcept {
  switch (action) {
    case RuleAction::inform:
      return "inform";
    case RuleAction::refer:
      return "refer";
    case RuleAction::refuse:
      return "refuse";
  }
  return "?";
}

namespace detail {
namespace {

void sort_by_id(std::vector<const std::string*>& ids) {
  std::sort(ids.begin(), ids.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
}

}  // namespace

std::size_t language_index(const CompiledRuleSet& rs, std::string_view requested) noexcept {
  const auto found = std::find(rs.languages.begin(), rs.languages.end(), requested);
  return found == rs.languages.end() ? 0 : static_cast<std::size_t>(found - rs.languages.begin());
}

std::string_view rule_message(const CompiledRuleSet& rs, std::uint32_t rule, std::size_t language) noexcept {
  return rs.infos[rule].message.in(rs.languages[language], rs.languages.front());
}

std::optional<Date> decision_until(const CompiledRuleSet& rs, const Screening& screening) noexcept {
  if (screening.verdict() != Verdict::refuse) return std::nullopt;
  std::optional<Date> latest;
  for (const RuleHit& hit : screening.hits()) {
    if (reason_verdict(rs, hit) != Verdict::refuse) continue;
    if (!hit.until) return std::nullopt;  // a permanent refusal: no end
    if (!latest || *hit.until > *latest) latest = hit.until;
  }
  return latest;
}

void unanswered_ids(const CompiledRuleSet& rs, const Screening& screening, std::vector<const std::string*>& out) {
  out.clear();
  for (const std::uint32_t q : screening.unanswered()) out.push_back(&rs.catalogue->questions()[q].id);
  sort_by_id(out);
}

void missing_ids(const CompiledRuleSet& rs, const RuleHit& hit, std::vector<const std::string*>& out) {
  out.clear();
  const std::vector<std::uint32_t>& reads = rs.rules[hit.rule].reads;
  for (std::uint32_t bit = 0; bit < reads.size(); ++bit)
    if ((hit.missing >> bit) & 1U) out.push_back(&rs.catalogue->questions()[reads[bit]].id);
  sort_by_id(out);
}

Decision decide(const CompiledRuleSet& rs, const std::optional<std::string>& id, const Screening& screening,
                std::string_view language) {
  const std::size_t lang = language_index(rs, language);
  Decision d;
  d.id = id;
  d.decision = screening.verdict();
  d.ruleset = {rs.id, rs.version, rs.sha256};
  d.date = screening.date();
  d.until = decision_until(rs, screening);
  d.language = rs.languages[lang];
  std::vector<const std::string*> ids;
  for (const RuleHit& hit : screening.hits()) {
    const RuleInfo& info = rs.infos[hit.rule];
    Reason reason;
    missing_ids(rs, hit, ids);
    for (const std::string* q : ids) reason.missing.push_back(*q);
    reason.rule = info.id;
    reason.decision = reason_verdict(rs, hit);
    reason.undecided = hit.undecided;
    reason.message = std::string(rule_message(rs, hit.rule, lang));
    reason.questions = info.questions;
    reason.until = hit.until;
    reason.error = std::string(screening.failure_message(hit));
    d.reasons.push_back(std::move(reason));
  }
  for (const std::uint32_t r : screening.advice())
    d.advice.push_back({rs.infos[r].id, std::string(rule_message(rs, r, lang))});
  std::vector<const std::string*> unanswered;
  unanswered_ids(rs, screening, unanswered);
  for (const std::string* q : unanswered) d.unanswered.push_back(*q);
  return d;
}

}  // namespace detail
}  // namespace contrascreen
