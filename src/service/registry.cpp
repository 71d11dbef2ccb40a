#include "service/registry.hpp"

#include <algorithm>

#include "contrascreen/diagnostic_codes.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::service {

std::string route_id(std::string_view ruleset_id) {
  std::string out(ruleset_id);
  std::replace(out.begin(), out.end(), '/', '-');
  return out;
}

const LoadedRuleSet* Registry::find(std::string_view id) const noexcept {
  for (const LoadedRuleSet& entry : entries_)
    if (entry.route_id == id) return &entry;
  return nullptr;
}

std::shared_ptr<const Registry> load_registry(const std::vector<std::string>& paths, const Registry* previous,
                                              std::vector<LoadProblem>& problems) {
  std::vector<LoadedRuleSet> entries;
  for (const std::string& path : paths) {
    const LoadedRuleSet* old = nullptr;
    if (previous != nullptr)
      for (const LoadedRuleSet& entry : previous->entries())
        if (entry.path == path) old = &entry;
    LoadResult loaded = load_ruleset_file(path);
    std::vector<Diagnostic> why;
    if (!loaded) {
      why = std::move(loaded.diagnostics);
    } else {
      LoadedRuleSet next{path, route_id(loaded.ruleset->id()),
                         std::make_shared<const RuleSet>(std::move(*loaded.ruleset))};
      const bool taken = std::any_of(entries.begin(), entries.end(),
                                     [&](const LoadedRuleSet& e) { return e.route_id == next.route_id; });
      if (!taken) {
        entries.push_back(std::move(next));
        continue;
      }
      why.push_back(make_diagnostic(Severity::error, codes::ruleset_duplicate_id,
                                    "another rule set is already served as /v1/screen/" + next.route_id, path));
    }
    problems.push_back({path, std::move(why)});
    if (old != nullptr) entries.push_back(*old);
  }
  return std::make_shared<const Registry>(std::move(entries));
}

}  // namespace contrascreen::service
