// What a policy sheet says, gathered once from the rule set (and its base) and then written
// out by the walker (sheet_walker.cpp) through an emitter (sheet_emitter.hpp): HTML and
// Markdown only lay out and escape, so they say the same thing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/ruleset_compare.hpp"
#include "contrascreen/sheet.hpp"
#include "ruleset/sheet/phrase.hpp"

namespace contrascreen::sheet {

/// One rule as the sheet shows it.
struct SheetRule {
  std::string id;
  RuleAction action = RuleAction::refuse;
  Phrase when;
  std::optional<Phrase> until;
  std::string when_text;   ///< the expression as written, white space collapsed
  std::string until_text;  ///< "" when there is none
  LocalizedText message;
  std::string source;
  std::string defined_at;              ///< file:line of the rule or its last override
  std::vector<std::string> questions;  ///< question ids the condition reads
  std::vector<std::string> fires;      ///< names of the tests in which it fires
  std::vector<std::string> undecided;  ///< names of the tests in which it stays undecided
};

/// A rule against the base rule set.
struct BaseComparison {
  RuleStatus status = RuleStatus::same;  ///< same, changed, added or removed
  RuleDifferences differences;           ///< with changed
  std::optional<SheetRule> base;         ///< the base's version (same, changed, removed)
};

/// A question the form asks.
struct SheetQuestion {
  const Question* question = nullptr;
  const Question* parent = nullptr;  ///< the question it follows up, when the form asks that too
  std::uint32_t depth = 0;
  std::vector<std::string> enabled_by;  ///< labels (or "yes"/"no") of the parent's answers that enable it
  std::vector<std::string> read_by;     ///< ids of the rules that read it
};

struct SheetValueSet {
  std::string name;
  std::vector<std::string> members;
  std::vector<std::string> used_by;  ///< rule ids
};

struct SheetModel {
  std::string id, version, treatment, description, sha256;
  std::vector<std::string> languages;
  std::vector<std::string> files;  ///< the rule set's file, then each file it extends, in order
  std::string catalogue_id, catalogue_version;
  std::string generated;       ///< YYYY-MM-DD
  FormLanguage language;       ///< of prompts and labels
  std::string words_language;  ///< of the words (word_table.hpp): the language's own, or "en"

  struct Base {
    std::string id, version, sha256, file;
    bool extended = false;  ///< the rule set extends the base (directly or further down)
  };
  std::optional<Base> base;

  std::vector<SheetRule> rules;                             ///< active rules, in rule order
  std::vector<std::optional<BaseComparison>> against_base;  ///< parallel to rules, with a base
  std::vector<BaseComparison> removed;                      ///< the base's rules this rule set does not have

  std::vector<SheetQuestion> questions;  ///< form order
  std::vector<SheetValueSet> value_sets;

  std::size_t tests = 0, passed = 0;
  std::vector<std::string> failing;  ///< names of failing tests
  std::size_t fallbacks = 0;         ///< phrase parts left as raw syntax, over the whole sheet
};

/// Gathers the sheet of `rules` (tests run here). Thread-safe.
SheetModel build_sheet(const RuleSet& rules, const SheetOptions& options);

}  // namespace contrascreen::sheet
