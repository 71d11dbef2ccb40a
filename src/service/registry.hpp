// The rule sets a service screens against, and their reload: an immutable Registry is
// swapped whole, so a request keeps the snapshot it started with (its shared_ptr) while a
// reload installs the next one.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen::service {

/// A rule set's id as one path segment: '/' written '-' ("clinic-sv/microneedling" is
/// "clinic-sv-microneedling"), the mapping FHIR Questionnaire URLs and CDS Hooks service ids use.
std::string route_id(std::string_view ruleset_id);

/// One loaded rule-set file.
struct LoadedRuleSet {
  std::string path;      ///< as given with --rules
  std::string route_id;  ///< route_id(ruleset->id())
  std::shared_ptr<const RuleSet> ruleset;
};

/// The rule sets being served. Immutable once built; share it by shared_ptr<const Registry>.
class Registry {
 public:
  explicit Registry(std::vector<LoadedRuleSet> entries) : entries_(std::move(entries)) {}
  /// The rule set served at /v1/screen/<route_id>, or nullptr.
  const LoadedRuleSet* find(std::string_view route_id) const noexcept;
  /// In the order of --rules.
  const std::vector<LoadedRuleSet>& entries() const noexcept { return entries_; }

 private:
  std::vector<LoadedRuleSet> entries_;
};

/// One problem found while loading: the file, and its diagnostics (or a message).
struct LoadProblem {
  std::string path;
  std::vector<Diagnostic> diagnostics;
};

/// Loads every file of `paths`. A file that fails, or whose route id another file already
/// has, is a problem; when `previous` serves that path, its old version is kept, otherwise
/// the file is left out. The result always holds every path `previous` held.
std::shared_ptr<const Registry> load_registry(const std::vector<std::string>& paths, const Registry* previous,
                                              std::vector<LoadProblem>& problems);

/// The registry in force: read by every request, replaced by a reload. Thread-safe.
class RegistryHolder {
 public:
  explicit RegistryHolder(std::shared_ptr<const Registry> initial) : current_(std::move(initial)) {}
  /// The snapshot in force now; it stays valid for as long as the caller keeps it.
  std::shared_ptr<const Registry> current() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  /// Installs `next`: requests that start from now on see it.
  void replace(std::shared_ptr<const Registry> next) {
    {
      std::lock_guard lock(mutex_);
      current_.swap(next);
    }
    // `next` holds the old snapshot now: released outside the lock, where its last owner
    // (this call, when no request holds it) frees the rule sets.
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Registry> current_;
};

}  // namespace contrascreen::service
