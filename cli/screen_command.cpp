// contrascreen screen: screens single intakes (.json, .yaml) and batches (.jsonl, .csv,
// '-' for JSON Lines on standard input) against one rule set.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "contrascreen/diagnostic_codes.hpp"
#include "command.hpp"
#include "contrascreen/batch.hpp"
#include "contrascreen/contrascreen.hpp"
#include "contrascreen/decision_log.hpp"
#include "options.hpp"
#include "util/printable.hpp"

namespace contrascreen::cli {
namespace {

// More screening threads than this gain nothing on any machine the tool runs on, and a
// mistyped --jobs (-1 read as 4294967295) must not allocate until memory runs out.
constexpr unsigned max_jobs = 256;

CommandSpec screen_spec() {
  CommandSpec spec;
  spec.name = "screen";
  spec.synopsis =
      "screen --rules RULESET [--format text|json|jsonl|csv|cds-hooks] [--lang L] [--date D] [--explain] [--jobs N]\n"
      "                           [--log FILE [--log-key-file KEY] [--log-answers]] INTAKE...";
  spec.summary =
      "Screens intakes against a rule set. INTAKE is a .json or .yaml intake, a .jsonl or .csv batch, a FHIR R4\n"
      "QuestionnaireResponse (.json; a Bundle of them, or .ndjson with one a line), or '-' for JSON Lines on\n"
      "standard input. Every input record yields one output record, in input order. Exit status:\n"
      "0 all allowed, 1 the most severe decision is refer, 2 refuse, 65 an intake or the rule set is invalid\n"
      "(the valid records are still screened), an input cannot be read or holds no intake, 66 a named file does\n"
      "not exist, 64 usage error, 74 the output or the decision log could not be written.\n"
      "With --log, every decision is first appended to a hash-chained decision log (docs/audit.md); its answers\n"
      "are kept as an HMAC-SHA256 under the key in KEY (or in the file $CONTRASCREEN_LOG_KEY_FILE names).";
  spec.example =
      "  contrascreen screen --rules rules/clinics/clinic-sv/microneedling.yaml --lang sv examples/intakes/warfarin.json\n"
      "  contrascreen screen --rules policy.yaml --format jsonl --jobs 2 archive.jsonl > decisions.jsonl\n"
      "  cat new.jsonl | contrascreen screen --rules policy.yaml --format csv -\n"
      "  contrascreen screen --rules rules/clinics/clinic-nl/microneedling.yaml --format cds-hooks response.json";
  spec.options.add_options()                                                                   //
      ("rules,r", po::value<std::string>()->required()->value_name("RULESET"), "the rule set (YAML)")  //
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       "text, json (one object per intake; JSON Lines for batches), jsonl (same as json), csv, or cds-hooks\n"
       "(a CDS Hooks response {\"cards\": [...]} per intake)")  //
      ("lang,l", po::value<std::string>()->default_value("")->value_name("L"),
       "message language (default: the rule set's first)")  //
      ("date,d", po::value<std::string>()->value_name("D"),
       "screening date YYYY-MM-DD for intakes without one (default: today)")  //
      ("explain,e", po::bool_switch(), "add, for each rule, the value of its condition and the answers it read")  //
      ("jobs,j", po::value<long>()->default_value(1)->value_name("N"),
       "screening threads for batches (0: one per core); output order is kept")  //
      ("log", po::value<std::string>()->value_name("FILE"), "append every decision to this decision log")  //
      ("log-key-file", po::value<std::string>()->value_name("KEY"),
       "the file holding the log's HMAC key (default: $CONTRASCREEN_LOG_KEY_FILE)")  //
      ("log-answers", po::bool_switch(), "also write the answers in clear in the log");
  spec.hidden.add_options()("intake", po::value<std::vector<std::string>>(), "intake files");
  spec.positional.add("intake", -1);
  return spec;
}

// Progress on a terminal: records, rate and errors, rewritten in place; nothing when
// stderr is not a terminal, and nothing for batches shorter than two seconds.
class ProgressLine {
 public:
  explicit ProgressLine(Io& io) : io_(io) {}
  ~ProgressLine() { clear(); }
  void update(const BatchProgress& p) {
    if (!io_.err_is_terminal || p.seconds < 2.0) return;
    char line[160];
    std::snprintf(line, sizeof line, "\r  %llu records  %.0f/s  %llu errors ", static_cast<unsigned long long>(p.records),
                  static_cast<double>(p.records) / p.seconds, static_cast<unsigned long long>(p.errors));
    io_.err << line << std::flush;
    shown_ = true;
  }
  void clear() {
    if (shown_) io_.err << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  Io& io_;
  bool shown_ = false;
};

struct Outcome {
  Verdict worst = Verdict::allow;
  bool invalid = false;   // an intake or a whole input could not be read, or held none: 65
  bool missing = false;   // a named file does not exist: 66
  bool unwritten = false;  // the output could not be written: 74, and nothing more is screened
  bool log_failed = false;  // the decision log could not be appended to: nothing more is screened
  int status() const {
    if (unwritten) return exit_output;
    if (missing) return exit_no_input;
    if (invalid) return exit_data;
    return static_cast<int>(worst);
  }
};

// Screens one named input through the library and reports on stderr what it could not read.
void screen_one(const RuleSet& rules, const std::string& name, const BatchOptions& options, Io& io, Outcome& outcome) {
  ProgressLine progress(io);
  BatchOptions with_progress = options;
  with_progress.progress = [&progress](const BatchProgress& p) { progress.update(p); };
  const BatchSummary summary = screen_input(rules, name, io.in, io.out, with_progress);
  progress.clear();
  if (!summary.fatal.empty()) {
    io.err << format_diagnostics(summary.fatal);
    for (const Diagnostic& d : summary.fatal) {
      if (d.code == codes::io_write)
        outcome.unwritten = true;
      else if (d.code.starts_with("log."))
        outcome.log_failed = outcome.invalid = true;
      else if (d.code == codes::io_not_found)
        outcome.missing = true;
      else
        outcome.invalid = true;
    }
    if (summary.records == 0 || outcome.unwritten || outcome.log_failed) return;
  }
  if (!summary.intake_errors.empty()) {
    io.err << format_diagnostics(summary.intake_errors);
    outcome.invalid = true;
  } else if (summary.errors > 0) {
    io.err << "contrascreen screen: " << util::printable(name) << ": " << summary.errors << " of " << summary.records
           << " records could not be read; each has an error record in the output\n";
    outcome.invalid = true;
  }
  if (const auto worst = summary.worst()) outcome.worst = std::max(outcome.worst, *worst);
}

}  // namespace

int run_screen(const Args& args, Io& io) {
  const CommandSpec spec = screen_spec();
  int status = 0;
  auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;

  BatchOptions options;
  const auto format = parse_output_format((*vars)["format"].as<std::string>());
  if (!format) return usage_error(spec, "unknown --format '" + (*vars)["format"].as<std::string>() + "' (text, json, jsonl, csv, cds-hooks)", io);
  options.format = *format;
  options.screen.language = (*vars)["lang"].as<std::string>();
  if (vars->count("date") != 0U) {
    options.screen.date = parse_date_option((*vars)["date"].as<std::string>());
    if (!options.screen.date) return usage_error(spec, "--date must be YYYY-MM-DD or 'today'", io);
  }
  options.explain = (*vars)["explain"].as<bool>();
  const long jobs = (*vars)["jobs"].as<long>();
  if (jobs < 0 || jobs > static_cast<long>(max_jobs))
    return usage_error(spec, "--jobs must be 0 (one per core) to " + std::to_string(max_jobs), io);
  options.jobs = static_cast<unsigned>(jobs);
  options.color = options.format == OutputFormat::text && io.out_is_terminal;
  options.csv_header = false;  // written once below, whatever the number of inputs
  if (vars->count("intake") == 0U) return usage_error(spec, "no INTAKE given (use '-' for standard input)", io);
  const auto intakes = (*vars)["intake"].as<std::vector<std::string>>();

  const std::string rules_path = (*vars)["rules"].as<std::string>();
  LoadResult loaded = load_ruleset_file(rules_path);
  if (!loaded) {
    io.err << format_diagnostics(loaded.diagnostics);
    const bool missing = !loaded.diagnostics.empty() && loaded.diagnostics.front().code == codes::io_not_found;
    return missing ? exit_no_input : exit_data;
  }
  const RuleSet& rules = *loaded.ruleset;
  const auto& languages = rules.languages();
  if (!options.screen.language.empty() &&
      std::find(languages.begin(), languages.end(), options.screen.language) == languages.end()) {
    std::string declared;
    for (const std::string& language : languages) declared += (declared.empty() ? "" : ", ") + language;
    return usage_error(spec, "--lang '" + options.screen.language + "' is not a language of " + rules.id() + " (" +
                                 declared + ")",
                       io);
  }

  for (const std::string& name : intakes)
    if (!input_format(name))
      return usage_error(spec, "'" + name + "': unknown intake format (use .json, .yaml, .yml, .jsonl, .ndjson, .csv or -)", io);

  std::unique_ptr<DecisionLog> log;
  if (vars->count("log") != 0U) {
    std::string key_file;
    if (vars->count("log-key-file") != 0U)
      key_file = (*vars)["log-key-file"].as<std::string>();
    else if (const char* named = std::getenv(log_key_file_variable))
      key_file = named;
    if (key_file.empty())
      return usage_error(spec, std::string("--log needs a key: --log-key-file KEY, or ") + log_key_file_variable +
                                   " naming the key file",
                         io);
    Diagnostic error;
    DecisionLogOptions log_options;
    auto key = read_log_key(key_file, error);
    if (!key) {
      io.err << format_diagnostic(error);
      return exit_data;
    }
    log_options.key = std::move(*key);
    log_options.answers = (*vars)["log-answers"].as<bool>();
    std::vector<Diagnostic> errors;
    log = DecisionLog::open((*vars)["log"].as<std::string>(), std::move(log_options), errors);
    if (!log) {
      io.err << format_diagnostics(errors);
      return !errors.empty() && errors.front().code == codes::io_write ? exit_output : exit_data;
    }
    options.log = log.get();
  } else if (vars->count("log-key-file") != 0U || (*vars)["log-answers"].as<bool>()) {
    return usage_error(spec, "--log-key-file and --log-answers go with --log FILE", io);
  }

  if (options.format == OutputFormat::csv) io.out << csv_header();
  Outcome outcome;
  for (const std::string& name : intakes) {
    screen_one(rules, name, options, io, outcome);
    if (outcome.unwritten || outcome.log_failed) break;
  }
  io.out.flush();
  return outcome.status();
}

}  // namespace contrascreen::cli
