// contrascreen diff: what a policy change changes. Screens every intake with the old and the
// new rule set (the library's diff_input) and prints each intake decided differently, then
// the transition matrix and the rules that newly fire or stop firing.
#include <cstdio>
#include <string>

#include "command.hpp"
#include "contrascreen/batch.hpp"
#include "contrascreen/decision_diff.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

constexpr unsigned max_jobs = 256;
constexpr const char* outcome_names[] = {"allow", "refer", "refuse", "error"};

enum class DiffFormat { text, jsonl, csv };

CommandSpec diff_spec() {
  CommandSpec spec;
  spec.name = "diff";
  spec.synopsis = "diff --old RULESET --new RULESET [--format text|jsonl|csv] [--date D] [--jobs N] INTAKE...";
  spec.summary =
      "Screens every intake with both rule sets and prints each intake whose decision, reasons or until changed,\n"
      "then the transition matrix (before x after: allow, refer, refuse, error) and, per rule, the intakes it newly\n"
      "fires or stops firing for. The rule sets must use the same question catalogue. Exit status: 0 nothing\n"
      "changed, 1 something did, 65 a rule set or intake is invalid (the valid records are still compared),\n"
      "66 a named file does not exist, 64 usage error, 74 the output could not be written.";
  spec.example =
      "  contrascreen diff --old rules/common/microneedling.yaml --new rules/clinics/clinic-nl/microneedling.yaml \\\n"
      "      examples/batches/intakes.jsonl\n"
      "  contrascreen diff --old v1.yaml --new v2.yaml --format csv archive.jsonl > changes.csv";
  spec.options.add_options()                                                                         //
      ("old", po::value<std::string>()->required()->value_name("RULESET"), "the rule set in force")  //
      ("new", po::value<std::string>()->required()->value_name("RULESET"), "the proposed rule set")  //
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       "text, jsonl (one JSON object per change, then the summary; json is the same) or csv")  //
      ("date,d", po::value<std::string>()->value_name("D"),
       "screening date YYYY-MM-DD for intakes without one (default: today)")  //
      ("jobs,j", po::value<long>()->default_value(1)->value_name("N"), "screening threads (0: one per core)");
  spec.hidden.add_options()("intake", po::value<std::vector<std::string>>(), "intake files");
  spec.positional.add("intake", -1);
  return spec;
}

std::string date_text(const std::optional<Date>& date) {
  return date ? date->to_iso() : std::string();
}

std::string rules_text(const DiffSide& side, const char* separator) {
  std::string out;
  for (const DiffReason& reason : side.reasons) {
    if (!out.empty()) out += separator;
    out += reason.rule;
    if (reason.undecided) out += "?";
  }
  return out;
}

std::string outcome_text(const DiffSide& side) {
  return outcome_names[DiffSummary::outcome_index(side)];
}

std::string changed_text(unsigned changed, const char* separator) {
  std::string out;
  for (const auto& [bit, name] :
       {std::pair{diff_decision, "decision"}, std::pair{diff_reasons, "reasons"}, std::pair{diff_until, "until"}})
    if ((changed & bit) != 0) out += (out.empty() ? "" : separator) + std::string(name);
  return out;
}

// RFC 4180 quoting of a field written from the program's own text or printable input.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void render_change(std::string& out, const DecisionChange& change, DiffFormat format) {
  const std::string id = change.id ? util::printable(*change.id) : std::string();
  switch (format) {
    case DiffFormat::jsonl:
      out += to_json(change) + "\n";
      break;
    case DiffFormat::csv:
      out += csv_field(id) + "," + csv_field(util::printable(change.input)) + "," + std::to_string(change.record) +
             "," + changed_text(change.changed, ";") + "," + outcome_text(change.before) + "," +
             outcome_text(change.after) + "," + csv_field(rules_text(change.before, ";")) + "," +
             csv_field(rules_text(change.after, ";")) + "," + date_text(change.before.until) + "," +
             date_text(change.after.until) + "\n";
      break;
    case DiffFormat::text: {
      out += (change.id ? id : std::string("(no id)")) + ": " + outcome_text(change.before) + " -> " +
             outcome_text(change.after) + " (" + changed_text(change.changed, ", ") + "; " +
             util::printable(change.input) + " record " + std::to_string(change.record) + ")\n";
      for (const auto& [label, side] : {std::pair{"before", &change.before}, std::pair{"after ", &change.after}}) {
        const std::string rules = side->decision ? rules_text(*side, ", ") : "unreadable";
        out += std::string("  ") + label + ": " + (rules.empty() ? std::string("no reason") : rules);
        if (side->until) out += " until " + side->until->to_iso();
        out += "\n";
      }
      break;
    }
  }
}

void render_summary(std::string& out, const DiffSummary& summary, DiffFormat format) {
  if (format == DiffFormat::jsonl) {
    out += to_json(summary) + "\n";
    return;
  }
  char cell[64];
  if (format == DiffFormat::csv) {
    out += "\nbefore\\after,allow,refer,refuse,error\n";
    for (std::size_t b = 0; b < 4; ++b) {
      out += outcome_names[b];
      for (std::size_t a = 0; a < 4; ++a) out += "," + std::to_string(summary.matrix[b][a]);
      out += "\n";
    }
    out += "\nrule,newly,stopped\n";
    for (const auto& rule : summary.rules)
      out += csv_field(rule.rule) + "," + std::to_string(rule.newly) + "," + std::to_string(rule.stopped) + "\n";
    return;
  }
  out += std::to_string(summary.intakes) + " intakes compared: " + std::to_string(summary.changed) + " changed, " +
         std::to_string(summary.errors) + " unreadable\n";
  out += "old: " + summary.before.id + " " + summary.before.version + " (sha256 " +
         summary.before.sha256.substr(0, 12) + ")\nnew: " + summary.after.id + " " + summary.after.version +
         " (sha256 " + summary.after.sha256.substr(0, 12) + ")\n\n";
  std::snprintf(cell, sizeof cell, "%-16s%8s%8s%8s%8s\n", "before \\ after", "allow", "refer", "refuse", "error");
  out += cell;
  for (std::size_t b = 0; b < 4; ++b) {
    std::snprintf(cell, sizeof cell, "%-16s", outcome_names[b]);
    out += cell;
    for (std::size_t a = 0; a < 4; ++a) {
      std::snprintf(cell, sizeof cell, "%8llu", static_cast<unsigned long long>(summary.matrix[b][a]));
      out += cell;
    }
    out += "\n";
  }
  if (summary.rules.empty()) return;
  out += "\nrule                              newly  stopped\n";
  for (const auto& rule : summary.rules) {
    std::snprintf(cell, sizeof cell, " %7llu  %7llu\n", static_cast<unsigned long long>(rule.newly),
                  static_cast<unsigned long long>(rule.stopped));
    std::string name = rule.rule;
    if (name.size() < 32) name.resize(32, ' ');
    out += name + cell;
  }
}

struct Outcome {
  bool changed = false, invalid = false, missing = false, unwritten = false;
  int status() const {
    if (unwritten) return exit_output;
    if (missing) return exit_no_input;
    if (invalid) return exit_data;
    return changed ? 1 : 0;
  }
};

}  // namespace

int run_diff(const Args& args, Io& io) {
  const CommandSpec spec = diff_spec();
  int status = 0;
  auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  const std::string format_name = (*vars)["format"].as<std::string>();
  DiffFormat format = DiffFormat::text;
  if (format_name == "jsonl" || format_name == "json")
    format = DiffFormat::jsonl;
  else if (format_name == "csv")
    format = DiffFormat::csv;
  else if (format_name != "text")
    return usage_error(spec, "unknown --format '" + format_name + "' (text, jsonl, json, csv)", io);
  DiffOptions options;
  if (vars->count("date") != 0U) {
    options.screen.date = parse_date_option((*vars)["date"].as<std::string>());
    if (!options.screen.date) return usage_error(spec, "--date must be YYYY-MM-DD or 'today'", io);
  }
  const long jobs = (*vars)["jobs"].as<long>();
  if (jobs < 0 || jobs > static_cast<long>(max_jobs))
    return usage_error(spec, "--jobs must be 0 (one per core) to " + std::to_string(max_jobs), io);
  options.jobs = static_cast<unsigned>(jobs);
  if (vars->count("intake") == 0U) return usage_error(spec, "no INTAKE given (use '-' for standard input)", io);
  const auto intakes = (*vars)["intake"].as<std::vector<std::string>>();
  for (const std::string& name : intakes)
    if (!input_format(name))
      return usage_error(spec, "'" + name + "': unknown intake format (use .json, .yaml, .yml, .jsonl, .csv or -)", io);

  const auto before = load_rules_option((*vars)["old"].as<std::string>(), "diff", io, status);
  if (!before) return status;
  const auto after = load_rules_option((*vars)["new"].as<std::string>(), "diff", io, status);
  if (!after) return status;
  if (const auto mismatch = check_comparable(*before, *after)) {
    io.err << "contrascreen diff: error[" << mismatch->code << "]: " << util::printable(mismatch->message) << "\n";
    return exit_data;
  }

  Outcome outcome;
  DiffSummary summary;
  std::string text;
  if (format == DiffFormat::csv)
    text = "id,input,record,changed,before,after,rules_before,rules_after,until_before,until_after\n";
  const auto sink = [&](const DecisionChange& change) {
    render_change(text, change, format);
    if (text.size() < (1u << 16)) return true;
    const bool written = static_cast<bool>(io.out.write(text.data(), static_cast<std::streamsize>(text.size())));
    text.clear();
    return written;
  };
  for (const std::string& name : intakes) {
    const std::size_t fatal_before = summary.fatal.size(), errors_before = summary.intake_errors.size();
    diff_input(*before, *after, name, io.in, sink, summary, options);
    const std::vector<Diagnostic> fatal(summary.fatal.begin() + static_cast<std::ptrdiff_t>(fatal_before),
                                        summary.fatal.end());
    io.err << format_diagnostics(fatal);
    for (const Diagnostic& d : fatal) {
      if (d.code == codes::io_write)
        outcome.unwritten = true;
      else if (d.code == codes::io_not_found)
        outcome.missing = true;
      else
        outcome.invalid = true;
    }
    if (outcome.unwritten) break;
    if (summary.intake_errors.size() > errors_before) {
      io.err << format_diagnostics(std::vector<Diagnostic>(
          summary.intake_errors.begin() + static_cast<std::ptrdiff_t>(errors_before), summary.intake_errors.end()));
      outcome.invalid = true;
    }
  }
  outcome.changed = summary.changed > 0;
  // A summary of nothing (every input missing or empty) would read as "nothing changed".
  if (!outcome.unwritten && (summary.intakes > 0 || summary.fatal.empty())) {
    if (format == DiffFormat::text && summary.changed > 0) text += "\n";
    render_summary(text, summary, format);
    if (!io.out.write(text.data(), static_cast<std::streamsize>(text.size())).flush()) {
      io.err << "contrascreen diff: error[io.write]: the output could not be written\n";
      outcome.unwritten = true;
    }
  }
  return outcome.status();
}

}  // namespace contrascreen::cli
