// `contrascreen rules RULESET...`: compares rule sets side by side. One row per rule id, in
// order of first appearance; one column per rule set; each cell the rule's decision
// (refuse, refer, inform), marked "(until)" when the refusal is temporary, or "-" when the
// rule set does not have the rule (or has disabled it). Rules whose condition differs
// between the rule sets (a 28- against a 42-day interval) are listed below the table.
// The comparison is the library's (compare_rulesets, ruleset_compare.hpp); this file renders it.
// Exit 0, 64 usage error, 65 a rule set does not load, 66 a named file does not exist.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/ruleset_compare.hpp"
#include "json_text.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec rules_spec() {
  CommandSpec spec;
  spec.name = "rules";
  spec.synopsis = "rules [--format text|markdown|json] RULESET...";
  spec.summary =
      "Compares rule sets: one row per rule, one column per rule set, each cell the rule's decision\n"
      "(refuse, refer or inform; \"(until)\" when a refusal ends on a date) or \"-\" when the rule set\n"
      "does not have that rule. Rules whose condition differs between the rule sets are listed below.\n"
      "A directory stands for every rule set (.yaml) under it. Exit status: 0, 65 a rule set does not\n"
      "load, 66 a named file does not exist.";
  spec.example =
      "  contrascreen rules rules/common/microneedling.yaml rules/clinics/clinic-nl/microneedling.yaml\n"
      "  contrascreen rules --format markdown rules/clinics/    # a table to paste into a document\n";
  spec.options.add_options()  //
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"), "text, markdown or json");
  spec.hidden.add_options()("rulesets", po::value<std::vector<std::string>>(), "rule-set files or directories");
  spec.positional.add("rulesets", -1);
  return spec;
}

std::string cell_text(const RuleVersion& version) {
  if (version.rule == nullptr) return "-";
  std::string text = to_string(version.rule->action);
  if (!version.rule->until.empty()) text += " (until)";
  return text;
}

std::string ruleset_names(const RuleCondition& condition, const RuleSetComparison& comparison) {
  std::string out;
  for (const std::size_t c : condition.rulesets) out += (out.empty() ? "" : ", ") + comparison.rulesets[c].id();
  return out;
}

std::string pad(const std::string& text, std::size_t width) {
  // Widths count bytes; rule ids and rule-set ids are ASCII.
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

using Table = std::vector<std::vector<std::string>>;

// The header line, then one line per rule: its id (`quote`d) and a cell per rule set.
Table table(const RuleSetComparison& comparison, const std::string& quote) {
  std::vector<std::string> header{"rule"};
  for (const RuleSet& rs : comparison.rulesets) header.push_back(rs.id());
  Table lines{header};
  for (const ComparedRule& rule : comparison.rules) {
    std::string id = quote;
    id.append(rule.id).append(quote);
    std::vector<std::string> line{std::move(id)};
    for (const RuleVersion& version : rule.in) line.push_back(cell_text(version));
    lines.push_back(std::move(line));
  }
  return lines;
}

void print_text(const RuleSetComparison& comparison, std::ostream& out) {
  const Table lines = table(comparison, "");
  std::vector<std::size_t> widths(lines.front().size(), 0);
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) text += i + 1 == line.size() ? line[i] : pad(line[i], widths[i] + 2);
    out << text << "\n";
  }
  bool any = false;
  for (const ComparedRule& rule : comparison.rules) {
    if (!rule.conditions_differ()) continue;
    if (!any) out << "\nConditions that differ:\n";
    any = true;
    out << "  " << rule.id << "\n";
    for (const RuleCondition& condition : rule.conditions) {
      out << "    " << util::printable(condition.when) << "\n";
      if (!condition.until.empty()) out << "      until " << util::printable(condition.until) << "\n";
      out << "      in " << ruleset_names(condition, comparison) << "\n";
    }
  }
}

void print_markdown(const RuleSetComparison& comparison, std::ostream& out) {
  const Table lines = table(comparison, "`");
  std::vector<std::size_t> widths(lines.front().size(), 3);
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  auto print_line = [&](const std::vector<std::string>& line) {
    out << "|";
    for (std::size_t i = 0; i < line.size(); ++i) out << " " << pad(line[i], widths[i]) << " |";
    out << "\n";
  };
  print_line(lines.front());
  out << "|";
  for (const std::size_t w : widths) out << std::string(w + 2, '-') << "|";
  out << "\n";
  for (std::size_t i = 1; i < lines.size(); ++i) print_line(lines[i]);
  bool any = false;
  for (const ComparedRule& rule : comparison.rules) {
    if (!rule.conditions_differ()) continue;
    if (!any) out << "\nConditions that differ between these rule sets:\n\n";
    any = true;
    out << "- `" << rule.id << "`:\n";
    for (const RuleCondition& condition : rule.conditions) {
      out << "  - `" << util::printable(condition.when) << "`";
      if (!condition.until.empty()) out << ", until `" << util::printable(condition.until) << "`";
      out << ": " << ruleset_names(condition, comparison) << "\n";
    }
  }
}

// {"rulesets": [{"id", "version", "file", "sha256"}...],
//  "rules": [{"rule": id, "in": [{"decision", "when", "until", "questions"} or null per rule set]}...]}
void print_json(const RuleSetComparison& comparison, const std::vector<std::filesystem::path>& files,
                std::ostream& out) {
  out << "{\"rulesets\": [";
  for (std::size_t c = 0; c < comparison.rulesets.size(); ++c) {
    const RuleSet& rs = comparison.rulesets[c];
    out << (c == 0 ? "\n  " : ",\n  ") << "{\"id\": " << json_string(rs.id())
        << ", \"version\": " << json_string(rs.version()) << ", \"file\": " << json_string(files[c].string())
        << ", \"sha256\": " << json_string(rs.sha256()) << "}";
  }
  out << "],\n \"rules\": [";
  for (std::size_t r = 0; r < comparison.rules.size(); ++r) {
    const ComparedRule& compared = comparison.rules[r];
    out << (r == 0 ? "\n  " : ",\n  ") << "{\"rule\": " << json_string(compared.id) << ", \"in\": [";
    for (std::size_t c = 0; c < compared.in.size(); ++c) {
      const RuleInfo* rule = compared.in[c].rule;
      out << (c == 0 ? "" : ", ");
      if (rule == nullptr) {
        out << "null";
        continue;
      }
      const RuleCondition& condition = compared.conditions[compared.in[c].condition];
      out << "{\"decision\": \"" << to_string(rule->action) << "\", \"when\": " << json_string(condition.when)
          << ", \"until\": " << (condition.until.empty() ? "null" : json_string(condition.until))
          << ", \"questions\": [";
      for (std::size_t q = 0; q < rule->questions.size(); ++q)
        out << (q == 0 ? "" : ", ") << json_string(rule->questions[q]);
      out << "]}";
    }
    out << "]}";
  }
  out << "]}\n";
}

}  // namespace

int run_rules(const Args& args, Io& io) {
  const CommandSpec spec = rules_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  const std::string format = (*vars)["format"].as<std::string>();
  if (format != "text" && format != "markdown" && format != "json")
    return usage_error(spec, "unknown --format '" + format + "': use text, markdown or json", io);
  if (vars->count("rulesets") == 0) return usage_error(spec, "name at least one rule-set file or directory", io);

  const RuleSetFiles named = expand_ruleset_arguments((*vars)["rulesets"].as<std::vector<std::string>>());
  if (report_unusable_arguments(named, spec.name, io) != exit_allow) return exit_no_input;
  std::vector<RuleSet> rulesets;
  bool load_failed = false;
  for (const auto& path : named.files) {
    LoadResult loaded = load_ruleset_file(path);
    if (!loaded) {
      io.err << format_diagnostics(loaded.diagnostics);
      load_failed = true;
      continue;
    }
    rulesets.push_back(std::move(*loaded.ruleset));
  }
  // A comparison with a rule set missing would mislead: no table at all.
  if (load_failed) return exit_data;

  const RuleSetComparison comparison = compare_rulesets(std::move(rulesets));
  if (format == "markdown")
    print_markdown(comparison, io.out);
  else if (format == "json")
    print_json(comparison, named.files, io.out);
  else
    print_text(comparison, io.out);
  return exit_allow;
}

}  // namespace contrascreen::cli
