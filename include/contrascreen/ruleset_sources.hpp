#pragma once
/// \file
/// A rule set as the texts it was built from: what a process sends to another (a worker
/// of a cluster, a pickle) so that the other rebuilds the same policy without its files,
/// and proves that it did (the sha256 is checked).

#include <optional>
#include <string>
#include <vector>

#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// Everything that decides what a rule set is, as text: enough to rebuild it on a machine
/// that has none of its files. A value type.
struct RuleSetSources {
  /// The rule set's own file, then the files it extends, outwards (RuleSet::files()).
  std::vector<SourceFile> files;
  /// The directory relative `extends` and `catalogue:` paths of the own file resolved
  /// against when it was loaded: the file's directory, or the current directory of a rule
  /// set loaded from text. Paths are only compared, never opened, when it is rebuilt.
  std::string directory;
  /// The text of its question catalogue when that is not the built-in one (a `catalogue:`
  /// file, or a catalogue given in LoadOptions); nullopt for the built-in catalogue.
  std::optional<SourceFile> catalogue;
  /// RuleSet::sha256(): the rebuilt rule set must have it.
  std::string sha256;
};

/// The sources of `ruleset`. Thread-safe.
RuleSetSources ruleset_sources(const RuleSet& ruleset);

/// Rebuilds a rule set from `sources` alone, never reading the file system: loads the
/// catalogue from its text (or takes the built-in one), then the rule set from the texts of
/// its files (LoadOptions::files), and checks that the result has `sources.sha256`. A
/// different digest is the error ruleset.digest_mismatch and gives no rule set: the texts
/// are not the policy that was sent. Any other problem is reported as loading reports it.
LoadResult load_ruleset_sources(const RuleSetSources& sources);

}  // namespace contrascreen
