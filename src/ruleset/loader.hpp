// Reads a rule-set file and the files it extends into a RuleSetModel.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "ruleset/model.hpp"

namespace contrascreen::detail {

/// Maximum length of an extends chain; deeper chains are rejected.
inline constexpr int max_extends_depth = 16;

/// Reads a whole file; reports io.not_found / io.read.
std::optional<std::string> read_text_file(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics);

/// Where a load reads its files: the file system, or the texts of LoadOptions::files.
class FileSource {
 public:
  /// `files`: null for the file system; else the texts (which must outlive this).
  explicit FileSource(const std::vector<SourceFile>* files) noexcept : files_(files) {}
  bool exists(const std::filesystem::path& path) const;
  /// The whole file; reports io.not_found / io.read / yaml.too_large as read_text_file does.
  std::optional<std::string> read(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) const;
  /// What tells two paths to one file apart, for finding extends cycles: the canonical
  /// path on disk, the lexically normal path in memory.
  std::filesystem::path identity(const std::filesystem::path& path) const;

 private:
  const SourceFile* find(const std::filesystem::path& path) const;
  const std::vector<SourceFile>* files_;
};

/// Reads `text` (named `name`, located in `directory` for relative paths) and everything
/// it extends from `source`. Appends every problem to `diagnostics`; returns nullopt when
/// the model is unusable. A usable model may still carry errors (the caller checks has_errors).
std::optional<RuleSetModel> read_ruleset(std::string text, std::string name, const std::filesystem::path& directory,
                                         const FileSource& source, std::vector<Diagnostic>& diagnostics);

/// Reads, checks and compiles the rule set in `text`, named `name`, whose relative paths
/// resolve against `directory`: load_ruleset_file, load_ruleset_string and
/// load_ruleset_sources are this with the name and directory each gives.
LoadResult load_ruleset_text(std::string text, std::string name, const std::filesystem::path& directory,
                             const LoadOptions& options);

/// The canonical content the rule set's sha256 is taken over (docs/interfaces.md, "Rule-set
/// identity"): the model's files and, unless it is the built-in one, the catalogue's digest.
std::string canonical_content(const RuleSetModel& model, const Catalogue& catalogue);

}  // namespace contrascreen::detail
