#include "ruleset/sheet/sheet_text.hpp"

#include <algorithm>

namespace contrascreen::sheet {
namespace {

SheetWords next(SheetWords key) {
  return static_cast<SheetWords>(static_cast<std::size_t>(key) + 1);
}

SheetWords by_action(RuleAction action, SheetWords refuse, SheetWords refer, SheetWords inform) {
  return action == RuleAction::refuse ? refuse : action == RuleAction::refer ? refer : inform;
}

}  // namespace

std::string join(const std::vector<std::string>& items, Words last, std::string_view language) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += words(i + 1 == items.size() ? last : Words::separator, language);
    out += items[i];
  }
  return out;
}

std::string count(std::size_t n, SheetWords one, std::string_view language) {
  return fill(words(n == 1 ? one : next(one), language), {std::to_string(n)});
}

std::string reading_guide(const SheetModel& sheet) {
  const std::string_view language = sheet.words_language;
  const std::string& quoted_in = sheet.language.language;
  std::string out =
      fill(words(SheetWords::guide, language),
           {quoted_in.empty() ? std::string() : fill(words(SheetWords::guide_language, language), {quoted_in})});
  if (sheet.words_language != quoted_in && !quoted_in.empty())
    out += fill(words(SheetWords::guide_fallback, language), {quoted_in});
  return out;
}

std::string_view group_title(RuleAction action, std::string_view language) noexcept {
  return words(by_action(action, SheetWords::group_refuse, SheetWords::group_refer, SheetWords::group_inform),
               language);
}

std::string_view decision_word(RuleAction action, std::string_view language) noexcept {
  return words(by_action(action, SheetWords::decision_refuse, SheetWords::decision_refer, SheetWords::decision_inform),
               language);
}

std::string_view condition_lead(RuleAction action, std::string_view language) noexcept {
  return words(by_action(action, SheetWords::lead_refuse, SheetWords::lead_refer, SheetWords::lead_inform), language);
}

std::string_view until_tail(RuleAction action, std::string_view language) noexcept {
  return words(
      by_action(action, SheetWords::until_tail_refuse, SheetWords::until_tail_refer, SheetWords::until_tail_inform),
      language);
}

std::string_view standing(RuleStatus status, bool extended, std::string_view language) noexcept {
  switch (status) {
    case RuleStatus::same:
      return words(extended ? SheetWords::same_extended : SheetWords::same_other, language);
    case RuleStatus::changed:
      return words(extended ? SheetWords::changed_extended : SheetWords::changed_other, language);
    case RuleStatus::added:
      return words(extended ? SheetWords::added_extended : SheetWords::added_other, language);
    case RuleStatus::removed:
      return words(extended ? SheetWords::removed_extended : SheetWords::removed_other, language);
    case RuleStatus::absent:
      break;
  }
  return "";
}

std::string changed_parts(const RuleDifferences& d, std::string_view language) {
  std::vector<std::string> parts;
  const auto add = [&](bool changed, SheetWords key) {
    if (changed) parts.emplace_back(words(key, language));
  };
  add(d.decision, SheetWords::part_decision);
  add(d.condition, SheetWords::part_condition);
  add(d.until, SheetWords::part_until);
  add(d.message, SheetWords::part_message);
  add(d.source, SheetWords::part_source);
  return join(parts, Words::and_last, language);
}

std::string summary(const SheetModel& sheet) {
  const std::string_view language = sheet.words_language;
  std::size_t by_decision[3] = {0, 0, 0};
  for (const SheetRule& rule : sheet.rules) ++by_decision[static_cast<int>(rule.action)];
  std::string out = fill(words(SheetWords::rules_by_decision, language),
                         {count(sheet.rules.size(), SheetWords::rules_one, language),
                          std::to_string(by_decision[static_cast<int>(RuleAction::refuse)]),
                          std::to_string(by_decision[static_cast<int>(RuleAction::refer)]),
                          std::to_string(by_decision[static_cast<int>(RuleAction::inform)])});
  if (sheet.base) {
    std::size_t by_status[5] = {0, 0, 0, 0, 0};
    for (const auto& entry : sheet.against_base)
      if (entry) ++by_status[static_cast<int>(entry->status)];
    by_status[static_cast<int>(RuleStatus::removed)] = sheet.removed.size();
    std::string counts;
    for (const RuleStatus status : {RuleStatus::same, RuleStatus::changed, RuleStatus::added, RuleStatus::removed}) {
      counts += counts.empty() ? "" : ", ";
      counts += fill(words(SheetWords::standing_count, language), {std::to_string(by_status[static_cast<int>(status)]),
                                                                   standing(status, sheet.base->extended, language)});
    }
    out += " " + fill(words(SheetWords::against_base, language), {sheet.base->id, counts});
  }
  const std::size_t without = static_cast<std::size_t>(
      std::count_if(sheet.rules.begin(), sheet.rules.end(), [](const SheetRule& r) { return r.fires.empty(); }));
  out += " " + fill(words(SheetWords::tests_passing, language),
                    {count(sheet.tests, SheetWords::tests_one, language), std::to_string(sheet.passed)});
  if (!sheet.failing.empty())
    out += fill(words(SheetWords::tests_failing, language), {std::to_string(sheet.failing.size())});
  out += "; " + count(without, SheetWords::untested_one, language);
  return out;
}

std::string fallback_warning(const SheetModel& sheet) {
  if (sheet.fallbacks == 0) return "";
  return count(sheet.fallbacks, SheetWords::fallback_one, sheet.words_language);
}

std::string signoff_statement(const SheetModel& sheet) {
  const std::string_view language = sheet.words_language;
  return fill(words(SheetWords::signoff_statement, language),
              {sheet.id, sheet.version, sheet.sha256,
               sheet.treatment.empty() ? words(SheetWords::the_treatment, language) : sheet.treatment});
}

}  // namespace contrascreen::sheet
