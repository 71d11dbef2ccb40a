// The immutable, compiled form of a rule set that RuleSet shares across threads.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "expr/program.hpp"
#include "ruleset/model.hpp"

namespace contrascreen::detail {

struct CompiledRule {
  expr::Pc when = expr::no_pc;
  expr::Pc until = expr::no_pc;
  RuleAction action = RuleAction::refuse;
  std::vector<std::uint32_t> reads;  // catalogue indices, ascending; position = missing-mask bit
};

/// A test case with its answers bound to the catalogue.
struct CompiledTest {
  TestDef def;
  std::shared_ptr<const Intake> intake;
  SourceRegion where;
};

struct CompiledRuleSet {
  std::string id;
  std::string version;
  std::string treatment;
  std::string description;
  std::vector<std::string> languages;
  std::string sha256;
  std::shared_ptr<const Catalogue> catalogue;
  expr::Program program;
  std::vector<CompiledRule> rules;  // parallel to infos
  /// program.code[rules[r].when], copied in rule order: the screening loop reads the root
  /// instruction of every rule, and most roots are leaves decided from this copy alone, so
  /// the loop streams through one array instead of following each rule's pc into `code`.
  std::vector<expr::Instr> roots;
  std::vector<RuleInfo> infos;
  std::vector<std::uint32_t> questions;  // read by some rule, ascending
  std::vector<Diagnostic> warnings;
  std::vector<CompiledTest> tests;
  std::vector<ValueSetDef> value_sets;  // as declared (value-set id = index)
  std::deque<SourceText> files;
  std::string directory;  // what relative paths in files[0] resolved against (RuleSetSources::directory)

  // JSON output, rendered once: reason heads (see json::append_reason_head) indexed by
  // json_index(rule, language, undecided), and each rule's message as an escaped JSON
  // string by rule * languages + language (for advice), and the decision's "ruleset"
  // member value (json::append_ruleset_identity).
  std::vector<std::string> reason_heads;
  std::vector<std::string> message_json;
  std::string ruleset_json;
  std::size_t json_index(std::size_t rule, std::size_t language, bool undecided) const {
    return (rule * languages.size() + language) * 2 + (undecided ? 1 : 0);
  }
};

/// How the library's own components reach a RuleSet's compiled form, and make a RuleSet.
struct RuleSetAccess {
  static const CompiledRuleSet& compiled(const RuleSet& ruleset) noexcept { return *ruleset.impl_; }
  static RuleSet make(std::shared_ptr<const CompiledRuleSet> compiled) { return RuleSet(std::move(compiled)); }
};

/// The compiled form of `ruleset`.
inline const CompiledRuleSet& compiled(const RuleSet& ruleset) noexcept {
  return RuleSetAccess::compiled(ruleset);
}

/// Renders CompiledRuleSet::reason_heads, message_json and ruleset_json (after sha256 is set).
void render_json_fragments(CompiledRuleSet& rs);

/// Compiles a model read without errors. Appends diagnostics (errors and warnings);
/// returns null when any error was found.
std::shared_ptr<const CompiledRuleSet> compile_ruleset(RuleSetModel model, std::shared_ptr<const Catalogue> catalogue,
                                                       std::vector<Diagnostic>& diagnostics);

}  // namespace contrascreen::detail
