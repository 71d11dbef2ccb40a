// The fixed text of the policy sheet (headings, field names, the reading guide, the sign-off,
// the names of decisions and standings): one template per key and language, in the shape of
// word_table.hpp. A template is text with numbered places {0}, {1}, ... that the sheet walker
// (sheet_walker.cpp) fills, so each language keeps its own word order and agreement ("24
// inherited unchanged", "ärvd oförändrad: 24"). The words of conditions are phrase_words.hpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace contrascreen::sheet {

enum class SheetWords : std::uint8_t {
  // header
  title,       // {0} the rule set's id
  id_version,  // {0} an id, {1} its version: the document's title, the catalogue
  rule_set,    // field names of the identity table
  version,
  treatment,
  not_given,  // a treatment the rule set does not name
  sha256,
  loaded_from,
  extends,  // {0} a file the one before it extends
  languages,
  default_language,  // {0} a language tag
  catalogue,
  compared_with,
  base_version,           // {0} the base's id, {1} its version
  base_version_extended,  // the same, when the rule set extends the base
  generated,
  // how to read this sheet
  how_to_read,
  guide,           // {0} guide_language or nothing
  guide_language,  // {0} the language of prompts and labels
  guide_fallback,  // {0} a language with no column in the tables: the words are English
  rules_one,       // {0} a number
  rules_other,
  rules_by_decision,  // {0} rules_one/other, {1} refuse, {2} refer, {3} inform
  against_base,       // {0} the base's id, {1} the counts by standing
  standing_count,     // {0} a number, {1} a standing
  tests_one,          // {0} a number
  tests_other,
  tests_passing,  // {0} tests_one/other, {1} how many pass
  tests_failing,  // {0} how many fail
  untested_one,   // {0} how many rules no test makes fire
  untested_other,
  failing_tests,
  fallback_one,  // {0} how many parts of conditions are shown as written
  fallback_other,
  // sign-off
  signoff,
  signoff_statement,  // {0} id, {1} version, {2} sha256, {3} treatment
  the_treatment,      // a treatment the rule set does not name
  name,
  role,
  date,
  signature,
  // rules
  group,  // {0} a decision's group title, {1} rules_one/other
  group_refuse,
  group_refer,
  group_inform,
  decision_refuse,  // the decision as a badge or in a table
  decision_refer,
  decision_inform,
  lead_refuse,  // before a rule's condition
  lead_refer,
  lead_inform,
  until,              // before a rule's end date, at the start of a line
  until_lower,        // the same within a line
  until_tail_refuse,  // after a rule's end date
  until_tail_refer,
  until_tail_inform,
  same_extended,  // standings against a base the rule set extends
  changed_extended,
  added_extended,
  removed_extended,
  same_other,  // against a base it does not extend
  changed_other,
  added_other,
  removed_other,
  changed_from_base,  // {0} the parts changed
  part_decision,
  part_condition,
  part_until,
  part_message,
  part_source,
  message,  // {0} a language tag
  source,
  no_test_fires,
  fires_in,
  undecided_in,
  none,
  as_written,        // {0} the condition as written, {1} file:line
  as_written_until,  // {0} the condition, {1} the end date, {2} file:line
  removed_title_extended,
  removed_title_other,
  removed_rule,  // {0} the base's id, {1} the decision and condition
  // questions, value sets, coverage
  questions_title,
  questions_intro,
  follow_up,        // {0} the parent's prompt, {1} its answers: at the start of a line
  follow_up_lower,  // within a line
  read_by,          // {0} rule ids: at the start of a line
  read_by_lower,    // within a line
  read_by_until,    // a question only the end date of a rule reads
  type_bool,        // the question types, in the order of QuestionType
  type_number,
  type_enum,
  type_list,
  type_date,
  unit_years,  // the unit "years" of a number question
  value_sets_title,
  not_used,
  used_by,  // {0} rule ids
  column_value_set,
  column_value_set_lower,
  column_members,
  column_members_lower,
  coverage_title,
  column_rule,
  column_rule_lower,
  column_decision,
  column_decision_lower,
  column_fires,
  column_fires_lower,
  column_undecided,
  column_undecided_lower,
  coverage_none,
  count_,  // must stay last
};

/// True when `second` is the key right after `first`: a singular and its plural, a capitalised
/// word and its lowercase form are read as such pairs (sheet_text.cpp, sheet_walker.cpp).
constexpr bool pair(SheetWords first, SheetWords second) {
  return static_cast<int>(second) == static_cast<int>(first) + 1;
}
static_assert(pair(SheetWords::rules_one, SheetWords::rules_other) &&
              pair(SheetWords::tests_one, SheetWords::tests_other) &&
              pair(SheetWords::untested_one, SheetWords::untested_other) &&
              pair(SheetWords::fallback_one, SheetWords::fallback_other));
static_assert(pair(SheetWords::column_value_set, SheetWords::column_value_set_lower) &&
              pair(SheetWords::column_members, SheetWords::column_members_lower) &&
              pair(SheetWords::column_rule, SheetWords::column_rule_lower) &&
              pair(SheetWords::column_decision, SheetWords::column_decision_lower) &&
              pair(SheetWords::column_fires, SheetWords::column_fires_lower) &&
              pair(SheetWords::column_undecided, SheetWords::column_undecided_lower));

/// The template for `key` in `language`, or in English when the tables have no column for it.
std::string_view words(SheetWords key, std::string_view language) noexcept;

/// `text` with each {n} replaced by parts[n]. Pure.
std::string fill(std::string_view text, std::initializer_list<std::string_view> parts);

}  // namespace contrascreen::sheet
