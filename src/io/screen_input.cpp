// screen_input: the one entry point that screens a named input, whatever it holds. The
// format follows the extension (in any case); single intakes are written through the same
// writers as batch records, so a front end (the CLI, a service) only names its inputs.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <ostream>
#include <system_error>

#include "contrascreen/answer_checks.hpp"
#include "contrascreen/batch.hpp"
#include "contrascreen/decision_log.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/explain.hpp"
#include "contrascreen/intake_reader.hpp"
#include "io/answer_positions.hpp"
#include "io/intake_formats.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {
namespace {

BatchSummary fatal(std::string_view name, std::string_view code, std::string message) {
  BatchSummary summary;
  summary.fatal.push_back(make_diagnostic(Severity::error, code, std::move(message), std::string(name)));
  return summary;
}

// Counts a decision in `summary`.
void count(BatchSummary& summary, Verdict verdict) {
  switch (verdict) {
    case Verdict::allow: ++summary.allowed; break;
    case Verdict::refer: ++summary.referred; break;
    case Verdict::refuse: ++summary.refused; break;
  }
}

// A single intake file as read, with its answers checked on the date it is screened on
// (answers that cannot be together are no intake to screen), and its id for an error
// record: what both single-intake front ends below screen.
struct SingleIntake {
  IntakeResult read;
  std::optional<std::string> id;
};

SingleIntake read_single(const RuleSet& ruleset, const std::filesystem::path& path, const BatchOptions& options) {
  SingleIntake single;
  std::string source;
  single.read = io::read_intake_file(path, ruleset.catalogue_ptr(), source);
  if (!single.read) return single;
  single.id = single.read.intake->id();
  std::vector<ImpossibleAnswer> problems;
  if (!check_answers(*single.read.intake, screening_date_of(*single.read.intake, options.screen), problems)) {
    const auto kind = input_format(path.string()) == InputFormat::json ? io::IntakeText::json : io::IntakeText::yaml;
    io::append_positioned(problems, ruleset.catalogue(), source, kind, path.string(), 1, single.read.diagnostics);
    single.read.intake.reset();
  }
  return single;
}

// Appends the decision to options.log, when there is one; the problem when that fails.
std::optional<Diagnostic> logged(const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                                 const BatchOptions& options) {
  if (options.log == nullptr) return std::nullopt;
  LogEntries entries;
  options.log->render(ruleset, intake, screening, entries);
  return options.log->append(entries);
}

BatchSummary screen_single(const RuleSet& ruleset, const std::filesystem::path& path, BatchResults& out,
                           const BatchOptions& options) {
  BatchSummary summary;
  SingleIntake single = read_single(ruleset, path, options);
  summary.records = 1;
  if (!single.read) {
    out.append_error(single.id, single.read.diagnostics);
    summary.errors = 1;
    summary.intake_errors = std::move(single.read.diagnostics);
    return summary;
  }
  Screening screening;
  ruleset.screen(*single.read.intake, options.screen, screening);
  if (auto error = logged(ruleset, *single.read.intake, screening, options)) {
    summary.fatal.push_back(std::move(*error));
    return summary;
  }
  out.append_decision(single.id, screening);
  count(summary, screening.verdict());
  return summary;
}

BatchSummary screen_single(const RuleSet& ruleset, const std::filesystem::path& path, std::ostream& out,
                           const BatchOptions& options) {
  BatchSummary summary;
  auto [read, id] = read_single(ruleset, path, options);
  OutputOptions output;
  output.language = options.screen.language;
  output.color = options.color;
  std::string text;
  if (options.format == OutputFormat::csv && options.csv_header) text += csv_header();
  summary.records = 1;
  if (!read) {
    append_error_record(text, options.format, id, read.diagnostics, output);
    summary.errors = 1;
    summary.intake_errors = std::move(read.diagnostics);
  } else {
    Screening screening;
    ruleset.screen(*read.intake, options.screen, screening);
    if (auto error = logged(ruleset, *read.intake, screening, options)) {
      summary.fatal.push_back(std::move(*error));
      return summary;
    }
    std::optional<Explanation> explanation;
    if (options.explain) {
      explanation = explain(ruleset, *read.intake, options.screen);
      output.explanation = &*explanation;
    }
    append_decision(text, options.format, ruleset, *read.intake, screening, output);
    count(summary, screening.verdict());
  }
  if (!out.write(text.data(), static_cast<std::streamsize>(text.size())).flush())
    summary.fatal.push_back(make_diagnostic(Severity::error, codes::io_write, "the output could not be written",
                                            path.string()));
  return summary;
}

}  // namespace

std::optional<Verdict> BatchSummary::worst() const noexcept {
  if (refused > 0) return Verdict::refuse;
  if (referred > 0) return Verdict::refer;
  if (allowed > 0) return Verdict::allow;
  return std::nullopt;
}

std::optional<InputFormat> input_format(std::string_view name) noexcept {
  if (name == "-") return InputFormat::jsonl;
  const std::size_t dot = name.find_last_of("./");
  if (dot == std::string_view::npos || name[dot] != '.') return std::nullopt;
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == "json") return InputFormat::json;
  if (extension == "yaml" || extension == "yml") return InputFormat::yaml;
  if (extension == "jsonl") return InputFormat::jsonl;
  if (extension == "csv") return InputFormat::csv;
  return std::nullopt;
}

namespace {

// What screen_input does for both kinds of output (an ostream or BatchResults).
template <class Out>
BatchSummary screen_named(const RuleSet& ruleset, std::string_view name, std::istream& standard_input, Out& out,
                          const BatchOptions& options) {
  BatchOptions named = options;
  named.name = std::string(name);
  if (name == "-") return screen_batch(ruleset, standard_input, BatchFormat::jsonl, out, named);
  const std::optional<InputFormat> format = input_format(name);
  if (!format)
    return fatal(name, codes::io_unknown_format,
                 "cannot tell the intake format from the file name; expected .json, .yaml, .yml, .jsonl or .csv");
  // The system takes a path up to its first NUL: "a\0b.csv" would read "a".
  if (name.find('\0') != std::string_view::npos) return fatal(name, codes::io_not_found, "no such file");
  const std::filesystem::path path(name);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return fatal(name, codes::io_not_found, "no such file");
  if (ec || !std::filesystem::is_regular_file(status))
    return fatal(name, codes::io_read, "cannot read the file" + (ec ? ": " + ec.message() : std::string(": not a file")));
  if (*format == InputFormat::json || *format == InputFormat::yaml) return screen_single(ruleset, path, out, named);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fatal(name, codes::io_read, "cannot open the file");
  return screen_batch(ruleset, in, *format == InputFormat::csv ? BatchFormat::csv : BatchFormat::jsonl, out, named);
}

}  // namespace

BatchSummary screen_input(const RuleSet& ruleset, std::string_view name, std::istream& standard_input,
                          std::ostream& out, const BatchOptions& options) {
  return screen_named(ruleset, name, standard_input, out, options);
}

BatchSummary screen_input(const RuleSet& ruleset, std::string_view name, std::istream& standard_input,
                          BatchResults& out, const BatchOptions& options) {
  if (!out.of(ruleset)) throw std::invalid_argument("screen_input: the results are of another rule set");
  return screen_named(ruleset, name, standard_input, out, options);
}

}  // namespace contrascreen
