// Comparing rule sets rule by rule (ruleset_compare.hpp).
#include "contrascreen/ruleset_compare.hpp"

#include <algorithm>
#include <utility>

namespace contrascreen {
namespace {

// Messages with the same text per language are the same message, in whatever order the
// languages were written.
bool same_message(const LocalizedText& a, const LocalizedText& b) {
  if (a.entries.size() != b.entries.size()) return false;
  auto sorted = [](const LocalizedText& text) {
    auto entries = text.entries;
    std::sort(entries.begin(), entries.end());
    return entries;
  };
  return sorted(a) == sorted(b);
}

RuleStatus status_of(const RuleVersion& base, const RuleVersion& version) {
  if (base.rule == nullptr) return version.rule == nullptr ? RuleStatus::absent : RuleStatus::added;
  if (version.rule == nullptr) return RuleStatus::removed;
  return version.differences.any() ? RuleStatus::changed : RuleStatus::same;
}

}  // namespace

const char* to_string(RuleStatus status) noexcept {
  switch (status) {
    case RuleStatus::absent:
      return "absent";
    case RuleStatus::same:
      return "same";
    case RuleStatus::changed:
      return "changed";
    case RuleStatus::added:
      return "added";
    case RuleStatus::removed:
      return "removed";
  }
  return "absent";
}

std::string collapse_whitespace(std::string_view expression) {
  std::string out;
  bool space = false;
  for (const char c : expression) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

RuleDifferences rule_differences(const RuleInfo& base, const RuleInfo& other) {
  RuleDifferences d;
  d.decision = base.action != other.action;
  d.condition = collapse_whitespace(base.when) != collapse_whitespace(other.when);
  d.until = collapse_whitespace(base.until) != collapse_whitespace(other.until);
  d.message = !same_message(base.message, other.message);
  d.source = base.source != other.source;
  return d;
}

RuleSetComparison compare_rulesets(std::vector<RuleSet> rulesets) {
  RuleSetComparison out;
  out.rulesets = std::move(rulesets);
  const std::size_t n = out.rulesets.size();
  // The RuleInfo pointers point into the rule sets' shared compiled form, so moving
  // `out` (and its vector of RuleSet handles) leaves them valid.
  for (std::size_t c = 0; c < n; ++c) {
    for (const RuleInfo& info : out.rulesets[c].rules()) {
      auto row =
          std::find_if(out.rules.begin(), out.rules.end(), [&](const ComparedRule& r) { return r.id == info.id; });
      if (row == out.rules.end()) {
        out.rules.push_back(ComparedRule{info.id, std::vector<RuleVersion>(n), {}});
        row = out.rules.end() - 1;
      }
      row->in[c].rule = &info;
    }
  }
  for (ComparedRule& row : out.rules) {
    for (std::size_t c = 0; c < n; ++c) {
      RuleVersion& version = row.in[c];
      if (version.rule != nullptr) {
        std::string when = collapse_whitespace(version.rule->when);
        std::string until = collapse_whitespace(version.rule->until);
        auto same = [&](const RuleCondition& x) { return x.when == when && x.until == until; };
        auto condition = std::find_if(row.conditions.begin(), row.conditions.end(), same);
        if (condition == row.conditions.end()) {
          row.conditions.push_back(RuleCondition{std::move(when), std::move(until), {}});
          condition = row.conditions.end() - 1;
        }
        condition->rulesets.push_back(c);
        version.condition = static_cast<std::size_t>(condition - row.conditions.begin());
        if (c > 0 && row.in[0].rule != nullptr) version.differences = rule_differences(*row.in[0].rule, *version.rule);
      }
      version.status = status_of(row.in[0], version);
    }
  }
  return out;
}

}  // namespace contrascreen
