#include "ruleset/sheet/sheet_text.hpp"

#include <algorithm>
#include <vector>

namespace contrascreen::sheet {

std::string reading_guide(const SheetModel& sheet) {
  std::string out =
      "Each rule below is shown with its condition in plain words, generated from the rule set's own "
      "expressions: a question is quoted as the patient reads it";
  out += sheet.language.language.empty() ? "" : " (in '" + sheet.language.language + "')";
  out +=
      ", an answer by its label. A refuse rule that applies refuses the treatment; a refer rule sends the "
      "patient to a clinician first; an inform rule adds its message as advice and never changes the decision. "
      "An unanswered question makes a rule undecided, which refers the patient: a missing answer is never read "
      "as \"no\" (the one exception is a condition that says \"when answered\", which does not apply until the "
      "question is answered). A patient's answer matches a name in a list when the two are equal after "
      "trimming spaces and ignoring case. Every rule that applies is reported, not only the first.";
  if (sheet.words_language != sheet.language.language && !sheet.language.language.empty())
    out += " The conditions are worded in English, with the questions and answers quoted in '" +
           sheet.language.language + "'.";
  return out;
}

std::string_view group_title(RuleAction action) noexcept {
  switch (action) {
    case RuleAction::refuse:
      return "Refuse";
    case RuleAction::refer:
      return "Refer";
    case RuleAction::inform:
      return "Inform";
  }
  return "";
}

std::string_view condition_lead(RuleAction action) noexcept {
  switch (action) {
    case RuleAction::refuse:
      return "Refuses when";
    case RuleAction::refer:
      return "Refers when";
    case RuleAction::inform:
      return "Informs when";
  }
  return "";
}

std::string_view until_tail(RuleAction action) noexcept {
  switch (action) {
    case RuleAction::refuse:
      return ": from that day on this rule no longer refuses.";
    case RuleAction::refer:
      return ": from that day on this rule no longer refers.";
    case RuleAction::inform:
      return ": from that day on this rule no longer informs.";
  }
  return ".";
}

std::string_view standing(RuleStatus status, bool extended) noexcept {
  switch (status) {
    case RuleStatus::same:
      return extended ? "inherited unchanged" : "same as the base";
    case RuleStatus::changed:
      return extended ? "overridden" : "differs from the base";
    case RuleStatus::added:
      return extended ? "new" : "not in the base";
    case RuleStatus::removed:
      return extended ? "disabled" : "only in the base";
    case RuleStatus::absent:
      break;
  }
  return "";
}

std::string changed_parts(const RuleDifferences& d) {
  std::vector<std::string_view> parts;
  if (d.decision) parts.push_back("decision");
  if (d.condition) parts.push_back("condition");
  if (d.until) parts.push_back("end date (until)");
  if (d.message) parts.push_back("message");
  if (d.source) parts.push_back("source");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

namespace {

std::string count(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string summary(const SheetModel& sheet) {
  std::size_t by_action[3] = {0, 0, 0};
  for (const SheetRule& rule : sheet.rules) ++by_action[static_cast<int>(rule.action)];
  std::string out = count(sheet.rules.size(), "rule", "rules") + ": " + std::to_string(by_action[2]) + " refuse, " +
                    std::to_string(by_action[1]) + " refer, " + std::to_string(by_action[0]) + " inform.";
  if (sheet.base) {
    std::size_t by_status[5] = {0, 0, 0, 0, 0};
    for (const auto& entry : sheet.against_base)
      if (entry) ++by_status[static_cast<int>(entry->status)];
    by_status[static_cast<int>(RuleStatus::removed)] = sheet.removed.size();
    out += " Against " + sheet.base->id + ": ";
    const RuleStatus order[] = {RuleStatus::same, RuleStatus::changed, RuleStatus::added, RuleStatus::removed};
    for (std::size_t i = 0; i < 4; ++i) {
      out += (i == 0 ? "" : ", ") + std::to_string(by_status[static_cast<int>(order[i])]) + " " +
             std::string(standing(order[i], sheet.base->extended));
    }
    out += ".";
  }
  const std::size_t without = static_cast<std::size_t>(
      std::count_if(sheet.rules.begin(), sheet.rules.end(), [](const SheetRule& r) { return r.fires.empty(); }));
  out += " " + count(sheet.tests, "test", "tests") + ", " + std::to_string(sheet.passed) + " passing";
  out += sheet.failing.empty() ? "" : ", " + std::to_string(sheet.failing.size()) + " FAILING";
  out += "; " + count(without, "rule has", "rules have") +
         (without == 1 ? " no test that makes it fire." : " no test that makes them fire.");
  return out;
}

std::string fallback_warning(const SheetModel& sheet) {
  if (sheet.fallbacks == 0) return "";
  return std::to_string(sheet.fallbacks) +
         (sheet.fallbacks == 1 ? " part of a condition has" : " parts of conditions have") +
         " no phrasing and are shown as written; read them with docs/expressions.md.";
}

std::string signoff_statement(const SheetModel& sheet) {
  return "I have reviewed the rules of " + sheet.id + " version " + sheet.version + " (sha256 " + sheet.sha256 +
         ") as set out in this sheet, and approve them for screening patients for " +
         (sheet.treatment.empty() ? std::string("the treatment") : sheet.treatment) + ".";
}

}  // namespace contrascreen::sheet
