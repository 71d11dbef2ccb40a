#pragma once
/// \file
/// Rule sets: a clinic's contraindication policy, loaded from YAML, checked against the
/// question catalogue and compiled into an immutable form that screens intakes.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

namespace detail {
struct CompiledRuleSet;
struct RuleSetAccess;
}  // namespace detail

/// A file given as text rather than read from disk: its path, as the loader names it, and
/// its bytes.
struct SourceFile {
  std::string path;
  std::string text;
};

/// Options for loading a rule set.
struct LoadOptions {
  /// The question catalogue to check against. Null: the rule set's `catalogue:` file if it
  /// names one, else the built-in catalogue (rules/questions.yaml).
  std::shared_ptr<const Catalogue> catalogue;
  /// Files held in memory, read instead of the file system. When set, every file a load
  /// reads (the one named to load_ruleset_file, the files it extends, a `catalogue:` file)
  /// is looked up here by its path, compared after lexical normalisation ("a/../b.yaml" is
  /// "b.yaml"; no symbolic link is followed), and the file system is never touched: a path
  /// that is not here is io.not_found (ruleset.extends_not_found for `extends`). For rule sets
  /// rebuilt where their files are not (ruleset_sources.hpp), and for tools that hold policies
  /// in a database rather than in files.
  std::optional<std::vector<SourceFile>> files;
};

/// One rule of a loaded rule set (after extends and overrides).
struct RuleInfo {
  std::string id;
  RuleAction action = RuleAction::refuse;
  std::string when;                    ///< the condition's text
  std::string until;                   ///< the `until` expression's text, or ""
  std::vector<std::string> questions;  ///< question ids the condition reads, sorted
  LocalizedText message;
  std::string source;  ///< the policy sentence it implements
  SourceRegion where;  ///< where the rule (or its last override) is defined
};

/// A compiled rule set: immutable, cheap to copy (copies share the compiled form) and safe
/// to screen with from any number of threads at once.
class RuleSet {
 public:
  const std::string& id() const noexcept;
  const std::string& version() const noexcept;
  const std::string& treatment() const noexcept;
  /// Declared languages, default first.
  const std::vector<std::string>& languages() const noexcept;
  /// sha256 of the canonical content: every file of the rule set (extended ones
  /// included), with line endings normalised; docs/interfaces.md ("Rule-set identity") has the recipe.
  const std::string& sha256() const noexcept;
  RuleSetRef ref() const;
  const Catalogue& catalogue() const noexcept;
  const std::shared_ptr<const Catalogue>& catalogue_ptr() const noexcept;
  /// The active rules (disabled ones excluded), in evaluation and output order.
  const std::vector<RuleInfo>& rules() const noexcept;
  /// Catalogue indices of the questions some rule reads, in catalogue order.
  const std::vector<std::uint32_t>& questions() const noexcept;
  /// Warnings found while loading (the load succeeded).
  const std::vector<Diagnostic>& warnings() const noexcept;
  /// The files it was loaded from, as read: its own file first, then the files it extends,
  /// outwards, each with the path the loader gave it (the bytes of canonical content, before
  /// normalisation). With the catalogue's text, everything needed to rebuild it
  /// (ruleset_sources.hpp).
  std::vector<SourceFile> files() const;

  /// An empty intake for this rule set's catalogue.
  Intake make_intake() const;

  /// Screens `intake` into `out`, reusing its buffers: no allocation once they have grown.
  /// Thread-safe: concurrent calls need distinct `out` objects. Screening reads the answers
  /// as given; whether they can all be true on the screening date is check_answers'
  /// (answer_checks.hpp), which every front end runs first and gives no decision when it fails.
  void screen(const Intake& intake, const ScreenOptions& options, Screening& out) const;
  /// Screens `intake` and renders the complete decision.
  Decision screen(const Intake& intake, const ScreenOptions& options = {}) const;
  /// Renders a complete decision from a compact screening of `intake`.
  Decision decide(const Intake& intake, const Screening& screening, std::string_view language) const;


 private:
  // The library's own components reach the compiled form through detail::RuleSetAccess
  // (src/ruleset/compiled_ruleset.hpp); it is not part of the public API.
  friend struct detail::RuleSetAccess;
  explicit RuleSet(std::shared_ptr<const detail::CompiledRuleSet> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::CompiledRuleSet> impl_;
};

/// The outcome of loading: a rule set, or every diagnostic that prevented it. Warnings
/// may accompany a successful load.
struct LoadResult {
  std::optional<RuleSet> ruleset;
  std::vector<Diagnostic> diagnostics;
  explicit operator bool() const noexcept { return ruleset.has_value(); }
};

/// Loads, checks and compiles the rule set in `path` (and the files it extends).
LoadResult load_ruleset_file(const std::filesystem::path& path, const LoadOptions& options = {});
/// The same from YAML text; `name` is used in diagnostics and relative `extends` paths
/// resolve against the current directory.
LoadResult load_ruleset_string(std::string_view yaml, std::string_view name = "<string>",
                               const LoadOptions& options = {});

}  // namespace contrascreen
