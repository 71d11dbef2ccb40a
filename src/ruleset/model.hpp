// The rule set as read from YAML, before its expressions are compiled: what the loader
// produces after following `extends` and applying `overrides`.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "ruleset/test_answers.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::detail {

/// A place in one of the rule set's files.
struct FileSpot {
  std::uint32_t file = 0;    // index into RuleSetModel::files
  std::uint32_t offset = 0;  // byte offset
  std::uint32_t length = 0;
};

/// An expression as written in a YAML scalar, with where that scalar starts.
struct ExprText {
  std::string text;
  FileSpot at;  // the scalar (quote included when quoted)
};

struct RuleDef {
  std::string id;
  FileSpot at;  // the rule's id
  RuleAction action = RuleAction::refuse;
  FileSpot action_at;
  ExprText when;
  std::optional<ExprText> until;
  LocalizedText message;
  FileSpot message_at;                      // the `message` key
  std::vector<FileSpot> message_languages;  // each language key, parallel to message.entries
  FileSpot until_at;                        // the `until` key
  std::string source;
  bool disabled = false;
};

struct ValueSetDef {
  std::string name;
  std::vector<std::string> members;
  FileSpot at;
};

/// A test case under `tests:`; its answers stay as parsed until the catalogue binds them.
struct TestDef {
  std::string name;
  FileSpot at;
  std::optional<Date> date;
  std::string language;
  TestAnswers answers;
  std::optional<Verdict> decision;
  std::optional<std::vector<std::string>> rules;
  std::optional<std::vector<std::string>> unanswered;
  std::optional<std::vector<std::string>> advice;
  std::vector<FileSpot> rules_at, unanswered_at, advice_at;  // each listed item
  bool until_given = false;
  std::optional<Date> until;  // until_given with no value: expects none
};

struct RuleSetModel {
  std::deque<SourceText> files;  // files[0] is the rule set's own file; deque: stable addresses
  std::string id;
  std::string version;
  std::string treatment;
  std::string description;
  std::vector<std::string> languages;
  FileSpot languages_at;
  std::string catalogue_path;  // resolved path of a `catalogue:` file, or ""
  std::string directory;       // what relative paths in files[0] resolve against (RuleSetSources::directory)
  std::vector<ValueSetDef> value_sets;
  std::vector<RuleDef> rules;  // disabled ones included (marked)
  std::vector<TestDef> tests;  // the own file's only
};

}  // namespace contrascreen::detail
