// Reads a rule-set file and the files it extends into a RuleSetModel.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "ruleset/model.hpp"

namespace contrascreen::detail {

/// Maximum length of an extends chain; deeper chains are rejected.
inline constexpr int max_extends_depth = 16;

/// Reads `text` (named `name`, located in `directory` for relative paths) and everything
/// it extends. Appends every problem to `diagnostics`; returns nullopt when the model is
/// unusable. A usable model may still carry errors (the caller checks has_errors).
std::optional<RuleSetModel> read_ruleset(std::string text, std::string name, const std::filesystem::path& directory,
                                         std::vector<Diagnostic>& diagnostics);

/// Reads a whole file; reports io.not_found / io.read.
std::optional<std::string> read_text_file(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics);

/// The canonical content the rule set's sha256 is taken over (docs/interfaces.md, "Rule-set
/// identity"): the model's files and, unless it is the built-in one, the catalogue's digest.
std::string canonical_content(const RuleSetModel& model, const Catalogue& catalogue);

}  // namespace contrascreen::detail
