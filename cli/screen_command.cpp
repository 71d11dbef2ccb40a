// contrascreen screen: screens single intakes (.json, .yaml) and batches (.jsonl, .csv,
// '-' for JSON Lines on standard input) against one rule set.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "command.hpp"
#include "contrascreen/batch.hpp"
#include "contrascreen/contrascreen.hpp"
#include "options.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec screen_spec() {
  CommandSpec spec;
  spec.name = "screen";
  spec.synopsis = "screen --rules RULESET [--format text|json|jsonl|csv] [--lang L] [--date D] [--explain] [--jobs N] INTAKE...";
  spec.summary =
      "Screens intakes against a rule set. INTAKE is a .json or .yaml intake, a .jsonl or .csv batch, or '-' for\n"
      "JSON Lines on standard input. Every input record yields one output record, in input order. Exit status:\n"
      "0 all allowed, 1 the most severe decision is refer, 2 refuse, 65 an intake or the rule set is invalid\n"
      "(the valid records are still screened), 66 a named file does not exist, 64 usage error.";
  spec.example =
      "  contrascreen screen --rules rules/clinics/clinic-sv/microneedling.yaml --lang sv examples/intakes/warfarin.json\n"
      "  contrascreen screen --rules policy.yaml --format jsonl --jobs 2 archive.jsonl > decisions.jsonl\n"
      "  cat new.jsonl | contrascreen screen --rules policy.yaml --format csv -";
  spec.options.add_options()                                                                   //
      ("rules,r", po::value<std::string>()->required()->value_name("RULESET"), "the rule set (YAML)")  //
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       "text, json (one object per intake; JSON Lines for batches), jsonl (same as json) or csv")  //
      ("lang,l", po::value<std::string>()->default_value("")->value_name("L"),
       "message language (default: the rule set's first)")  //
      ("date,d", po::value<std::string>()->value_name("D"),
       "screening date YYYY-MM-DD for intakes without one (default: today)")  //
      ("explain,e", po::bool_switch(), "add, for each rule, the value of its condition and the answers it read")  //
      ("jobs,j", po::value<unsigned>()->default_value(1)->value_name("N"),
       "screening threads for batches (0: one per core); output order is kept");
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
  bool any_decision = false;
  bool invalid = false;   // an intake could not be read: 65
  bool missing = false;   // a named file does not exist: 66
  void add(Verdict v) {
    worst = std::max(worst, v);
    any_decision = true;
  }
  int status() const {
    if (missing) return exit_no_input;
    if (invalid) return exit_data;
    return static_cast<int>(worst);
  }
};

void screen_single(const RuleSet& rules, const std::filesystem::path& path, const BatchOptions& options, Io& io,
                   Outcome& outcome) {
  IntakeResult read = read_intake_file(path, rules.catalogue_ptr());
  OutputOptions output;
  output.language = options.screen.language;
  output.color = options.color;
  std::string text;
  if (!read) {
    io.err << format_diagnostics(read.diagnostics);
    append_error_record(text, options.format, std::nullopt, read.diagnostics, output);
    outcome.invalid = true;
  } else {
    Screening screening;
    rules.screen(*read.intake, options.screen, screening);
    std::optional<Explanation> explanation;
    if (options.explain) {
      explanation = explain(rules, *read.intake, options.screen);
      output.explanation = &*explanation;
    }
    append_decision(text, options.format, rules, *read.intake, screening, output);
    outcome.add(screening.verdict());
  }
  io.out << text;
}

void screen_stream(const RuleSet& rules, std::istream& in, BatchFormat format, BatchOptions options, Io& io,
                   Outcome& outcome) {
  ProgressLine progress(io);
  options.progress = [&progress](const BatchProgress& p) { progress.update(p); };
  const BatchSummary summary = screen_batch(rules, in, format, io.out, options);
  progress.clear();
  if (!summary.fatal.empty()) {
    io.err << format_diagnostics(summary.fatal);
    outcome.invalid = true;
    return;
  }
  if (summary.errors > 0) {
    io.err << "contrascreen screen: " << options.name << ": " << summary.errors << " of " << summary.records
           << " records could not be read; each has an error record in the output\n";
    outcome.invalid = true;
  }
  if (summary.refused > 0) outcome.add(Verdict::refuse);
  else if (summary.referred > 0) outcome.add(Verdict::refer);
  else if (summary.allowed > 0) outcome.add(Verdict::allow);
}

}  // namespace

int run_screen(const Args& args, Io& io) {
  const CommandSpec spec = screen_spec();
  int status = 0;
  auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;

  BatchOptions options;
  const auto format = parse_output_format((*vars)["format"].as<std::string>());
  if (!format) return usage_error(spec, "unknown --format '" + (*vars)["format"].as<std::string>() + "' (text, json, jsonl, csv)", io);
  options.format = *format;
  options.screen.language = (*vars)["lang"].as<std::string>();
  if (vars->count("date") != 0U) {
    options.screen.date = parse_date_option((*vars)["date"].as<std::string>());
    if (!options.screen.date) return usage_error(spec, "--date must be YYYY-MM-DD or 'today'", io);
  }
  options.explain = (*vars)["explain"].as<bool>();
  options.jobs = (*vars)["jobs"].as<unsigned>();
  if (options.jobs == 0) options.jobs = std::max(1U, std::thread::hardware_concurrency());
  options.color = options.format == OutputFormat::text && io.out_is_terminal;
  options.csv_header = false;  // written once below, whatever the number of inputs
  if (vars->count("intake") == 0U) return usage_error(spec, "no INTAKE given (use '-' for standard input)", io);
  const auto intakes = (*vars)["intake"].as<std::vector<std::string>>();

  const std::string rules_path = (*vars)["rules"].as<std::string>();
  LoadResult loaded = load_ruleset_file(rules_path);
  if (!loaded) {
    io.err << format_diagnostics(loaded.diagnostics);
    const bool missing = !loaded.diagnostics.empty() && loaded.diagnostics.front().code == "io.not_found";
    return missing ? exit_no_input : exit_data;
  }
  const RuleSet& rules = *loaded.ruleset;

  if (options.format == OutputFormat::csv) io.out << csv_header();
  Outcome outcome;
  for (const std::string& name : intakes) {
    options.name = name;
    if (name == "-") {
      screen_stream(rules, io.in, BatchFormat::jsonl, options, io, outcome);
      continue;
    }
    const std::filesystem::path path(name);
    const std::string extension = path.extension().string();
    if (extension != ".json" && extension != ".yaml" && extension != ".yml" && extension != ".jsonl" &&
        extension != ".csv") {
      return usage_error(spec, "'" + name + "': unknown intake format (use .json, .yaml, .yml, .jsonl, .csv or -)", io);
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      io.err << name << ": error[io.not_found]: no such file\n";
      outcome.missing = true;
      continue;
    }
    if (extension == ".jsonl" || extension == ".csv") {
      std::ifstream in(path, std::ios::binary);
      screen_stream(rules, in, extension == ".csv" ? BatchFormat::csv : BatchFormat::jsonl, options, io, outcome);
    } else {
      screen_single(rules, path, options, io, outcome);
    }
  }
  io.out.flush();
  return outcome.status();
}

}  // namespace contrascreen::cli
