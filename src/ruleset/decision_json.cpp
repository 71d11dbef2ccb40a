// to_json(Decision): a complete decision as one line of JSON.
#include "ruleset/decision_json.hpp"

namespace contrascreen {

std::string to_json(const Decision& decision) {
  std::string out;
  out.reserve(256);
  json::append_decision_head(out, decision.id, decision.decision);
  for (std::size_t i = 0; i < decision.reasons.size(); ++i) {
    const Reason& r = decision.reasons[i];
    if (i != 0) out.push_back(',');
    json::append_reason(out, {r.rule, r.decision, r.undecided, r.message, r.questions, r.until, r.error});
  }
  out += json::decision_unanswered_open;
  for (std::size_t i = 0; i < decision.unanswered.size(); ++i) {
    if (i != 0) out.push_back(',');
    json::append_string(out, decision.unanswered[i]);
  }
  out += json::decision_advice_open;
  for (std::size_t i = 0; i < decision.advice.size(); ++i) {
    if (i != 0) out.push_back(',');
    json::append_string(out, decision.advice[i].message);
  }
  out += json::decision_ruleset_open;
  json::append_ruleset_identity(out, decision.ruleset.id, decision.ruleset.version, decision.ruleset.sha256);
  json::append_decision_tail(out, decision.date, decision.until, decision.language);
  out.push_back('}');
  return out;
}

}  // namespace contrascreen
