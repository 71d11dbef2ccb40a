// Loading rule sets: the public entry points over loader.cpp and compile.cpp.
#include "contrascreen/ruleset.hpp"

#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/loader.hpp"

namespace contrascreen {
namespace detail {

LoadResult load_ruleset_text(std::string text, std::string name, const std::filesystem::path& directory,
                             const LoadOptions& options) {
  LoadResult result;
  const FileSource source(options.files ? &*options.files : nullptr);
  auto model = read_ruleset(std::move(text), std::move(name), directory, source, result.diagnostics);
  // Compile even after loader errors, so that one run reports the expression problems
  // too; a rule set with any error is never returned.
  if (!model) return result;
  const bool loader_errors = has_errors(result.diagnostics);
  std::shared_ptr<const Catalogue> catalogue = options.catalogue;
  if (!catalogue && !model->catalogue_path.empty()) {
    auto catalogue_text = source.read(model->catalogue_path, result.diagnostics);
    if (!catalogue_text) return result;
    auto loaded = Catalogue::load_string(*catalogue_text, model->catalogue_path);
    result.diagnostics.insert(result.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
    if (!loaded.catalogue) return result;
    catalogue = loaded.catalogue;
  }
  if (!catalogue) catalogue = Catalogue::builtin();
  auto compiled = detail::compile_ruleset(std::move(*model), std::move(catalogue), result.diagnostics);
  if (compiled && !loader_errors) result.ruleset = detail::RuleSetAccess::make(std::move(compiled));
  return result;
}

}  // namespace detail

LoadResult load_ruleset_file(const std::filesystem::path& path, const LoadOptions& options) {
  LoadResult result;
  auto text = detail::FileSource(options.files ? &*options.files : nullptr).read(path, result.diagnostics);
  if (!text) return result;
  return detail::load_ruleset_text(std::move(*text), path.string(), path.parent_path(), options);
}

LoadResult load_ruleset_string(std::string_view yaml, std::string_view name, const LoadOptions& options) {
  return detail::load_ruleset_text(std::string(yaml), std::string(name), std::filesystem::current_path(), options);
}

const std::string& RuleSet::id() const noexcept {
  return impl_->id;
}
const std::string& RuleSet::version() const noexcept {
  return impl_->version;
}
const std::string& RuleSet::treatment() const noexcept {
  return impl_->treatment;
}
const std::vector<std::string>& RuleSet::languages() const noexcept {
  return impl_->languages;
}
const std::string& RuleSet::sha256() const noexcept {
  return impl_->sha256;
}
RuleSetRef RuleSet::ref() const {
  return {impl_->id, impl_->version, impl_->sha256};
}
const Catalogue& RuleSet::catalogue() const noexcept {
  return *impl_->catalogue;
}
const std::shared_ptr<const Catalogue>& RuleSet::catalogue_ptr() const noexcept {
  return impl_->catalogue;
}
const std::vector<RuleInfo>& RuleSet::rules() const noexcept {
  return impl_->infos;
}
const std::vector<std::uint32_t>& RuleSet::questions() const noexcept {
  return impl_->questions;
}
const std::vector<Diagnostic>& RuleSet::warnings() const noexcept {
  return impl_->warnings;
}
std::vector<SourceFile> RuleSet::files() const {
  std::vector<SourceFile> out;
  for (const auto& file : impl_->files) out.push_back({file.name, file.text});
  return out;
}
Intake RuleSet::make_intake() const {
  return Intake(impl_->catalogue);
}

}  // namespace contrascreen
