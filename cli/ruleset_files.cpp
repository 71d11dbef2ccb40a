#include "ruleset_files.hpp"

#include <algorithm>
#include <ostream>
#include <system_error>
#include <utility>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/form.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace fs = std::filesystem;

namespace {

bool is_yaml(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

RuleSetFiles expand_ruleset_arguments(const std::vector<std::string>& arguments) {
  RuleSetFiles out;
  for (const std::string& argument : arguments) {
    std::error_code ec;
    const fs::path path(argument);
    if (!fs::exists(path, ec)) {
      out.missing.push_back(argument);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      out.files.push_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const fs::path& entry = it->path();
      if (entry.filename().string().starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_yaml(entry) && !is_catalogue_file(entry)) found.push_back(entry);
    }
    if (found.empty()) out.empty.push_back(argument);
    // Sorted, so that output is the same on every file system.
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  return out;
}

int report_unusable_arguments(const RuleSetFiles& files, const std::string& command, Io& io) {
  for (const auto& name : files.missing)
    io.err << "contrascreen " << command << ": " << util::printable(name) << ": no such file\n";
  for (const auto& name : files.empty)
    io.err << "contrascreen " << command << ": " << util::printable(name)
           << ": no rule-set files (.yaml) in this directory\n";
  return files.missing.empty() && files.empty.empty() ? exit_allow : exit_no_input;
}

std::vector<Diagnostic> in_reading_order(std::vector<Diagnostic> diagnostics) {
  std::vector<std::string> files;
  for (const Diagnostic& d : diagnostics)
    if (std::find(files.begin(), files.end(), d.where.file) == files.end()) files.push_back(d.where.file);
  auto rank = [&](const Diagnostic& d) {
    return std::pair(std::find(files.begin(), files.end(), d.where.file) - files.begin(), d.where.offset);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  return diagnostics;
}

std::optional<RuleSet> load_rules_option(const std::string& path, const std::string& command, Io& io, int& status) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    io.err << "contrascreen " << command << ": " << util::printable(path) << ": no such file\n";
    status = exit_no_input;
    return std::nullopt;
  }
  LoadResult loaded = load_ruleset_file(path);
  if (!loaded) {
    io.err << format_diagnostics(in_reading_order(std::move(loaded.diagnostics)));
    status = exit_data;
    return std::nullopt;
  }
  return std::move(loaded.ruleset);
}

std::optional<std::string> form_language_option(const po::variables_map& vars, const RuleSet& rules,
                                                const std::string& command, Io& io) {
  if (vars.count("lang") == 0) return std::nullopt;
  std::string requested = vars["lang"].as<std::string>();
  const FormLanguage words = form_language(rules, requested);
  if (words.substituted)
    io.err << "contrascreen " << command << ": the catalogue has no '" << util::printable(requested)
           << "' wording; using '" << words.fallback << "'\n";
  return requested;
}

}  // namespace contrascreen::cli
