// A rule set as the texts it was built from, and its rebuilding from them alone.
#include "contrascreen/ruleset_sources.hpp"

#include "contrascreen/diagnostic_codes.hpp"
#include "core/catalogue_access.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/loader.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {

RuleSetSources ruleset_sources(const RuleSet& ruleset) {
  const detail::CompiledRuleSet& compiled = detail::compiled(ruleset);
  RuleSetSources out;
  out.files = ruleset.files();
  out.directory = compiled.directory;
  // A catalogue with the built-in one's digest is the built-in one: it adds nothing to the
  // digest, so it need not travel (docs/interfaces.md, "Rule-set identity").
  const Catalogue& catalogue = ruleset.catalogue();
  if (catalogue.sha256() != Catalogue::builtin()->sha256())
    out.catalogue =
        SourceFile{detail::CatalogueAccess::source_name(catalogue), detail::CatalogueAccess::source_text(catalogue)};
  out.sha256 = ruleset.sha256();
  return out;
}

LoadResult load_ruleset_sources(const RuleSetSources& sources) {
  LoadResult result;
  if (sources.files.empty()) {
    result.diagnostics.push_back(
        make_diagnostic(Severity::error, codes::io_not_found, "the sources name no rule-set file", "<sources>"));
    return result;
  }
  LoadOptions options;
  options.files = sources.files;
  if (sources.catalogue) {
    CatalogueLoadResult catalogue = Catalogue::load_string(sources.catalogue->text, sources.catalogue->path);
    result.diagnostics = std::move(catalogue.diagnostics);
    if (!catalogue.catalogue) return result;
    options.catalogue = std::move(catalogue.catalogue);
  } else {
    // The built-in catalogue, even when the own file names a `catalogue:` file, which would
    // be looked for among the sources and is not there: its content was the built-in one's.
    options.catalogue = Catalogue::builtin();
  }
  const SourceFile& own = sources.files.front();
  LoadResult loaded = detail::load_ruleset_text(own.text, own.path, sources.directory, options);
  result.diagnostics.insert(result.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  if (!loaded) return result;
  if (loaded.ruleset->sha256() != sources.sha256) {
    result.diagnostics.push_back(make_diagnostic(Severity::error, codes::ruleset_digest_mismatch,
                                                 "the rule set rebuilt from its sources has sha256 " +
                                                     loaded.ruleset->sha256() + ", not " + sources.sha256 +
                                                     ": the texts are not the policy they claim to be",
                                                 own.path));
    return result;
  }
  result.ruleset = std::move(loaded.ruleset);
  return result;
}

}  // namespace contrascreen
