// Naming rule sets on the command line: expanding directories (check, test) and loading
// one rule set with its failures mapped to exit codes (questions, eval).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "options.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen::cli {

/// The rule-set files named by RULESET arguments.
struct RuleSetFiles {
  std::vector<std::filesystem::path> files;  ///< argument order; a directory's files sorted by path
  std::vector<std::string> missing;          ///< arguments that do not exist
  std::vector<std::string> empty;            ///< directories that hold no rule set
};

/// A file argument is taken as given (so a catalogue among `files` was named explicitly);
/// a directory stands for every .yaml/.yml file under it, recursively (hidden folders
/// skipped), except question catalogues (is_catalogue_file, catalogue.hpp).
RuleSetFiles expand_ruleset_arguments(const std::vector<std::string>& arguments);

/// Reports the missing arguments and empty directories of `files` on io.err as
/// "contrascreen <command>: ..."; returns exit_no_input when there was any, else exit_allow.
int report_unusable_arguments(const RuleSetFiles& files, const std::string& command, Io& io);

/// `diagnostics` in the order people read them: each file's in position order, files in
/// the order they first occur (the library reports them phase by phase).
std::vector<Diagnostic> in_reading_order(std::vector<Diagnostic> diagnostics);

/// Loads the rule set named by --rules. On failure prints why on io.err and sets `status`
/// to exit_no_input (no such file) or exit_data (its diagnostics); warnings are not shown.
std::optional<RuleSet> load_rules_option(const std::string& path, const std::string& command, Io& io, int& status);

/// The language --lang asks a form or document of `rules` to be worded in, or nullopt when
/// --lang is not given. One the catalogue has no wording in is returned as asked, after a
/// warning on io.err naming `command` and the language form_language (form.hpp) uses instead.
std::optional<std::string> form_language_option(const po::variables_map& vars, const RuleSet& rules,
                                                const std::string& command, Io& io);

}  // namespace contrascreen::cli
