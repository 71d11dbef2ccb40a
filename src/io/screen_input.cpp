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

// Checks the answers of an intake read from `source` (named `name`) together, on the date it
// is screened on: answers that cannot be together are no intake to screen, and `read`
// becomes an error record, which keeps the intake's id.
void check_together(const RuleSet& ruleset, IntakeResult& read, std::string_view source, IntakeFormat format,
                    std::string_view name, const BatchOptions& options) {
  if (!read) return;
  std::vector<ImpossibleAnswer> problems;
  if (check_answers(*read.intake, screening_date_of(*read.intake, options.screen), problems)) return;
  const auto kind = format == IntakeFormat::json ? io::IntakeText::json : io::IntakeText::yaml;
  io::append_positioned(problems, ruleset.catalogue(), source, kind, name, 1, read.diagnostics);
  read.id = read.intake->id();
  read.intake.reset();
}

// Appends the decision to options.log, when there is one; the problem when that fails.
std::optional<Diagnostic> logged(const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                                 const BatchOptions& options) {
  if (options.log == nullptr) return std::nullopt;
  LogEntries entries;
  options.log->render(ruleset, intake, screening, entries);
  return options.log->append(entries);
}

// Screens the records read from one text (a file's or a request's): one intake, or one per
// QuestionnaireResponse of a FHIR Bundle, each checked together first. `write` gets each
// record: the intake (null when it could not be read or its answers cannot be) and its
// result. What every single-intake front end screens; with options.log, each decision is
// appended to the log before `write` gets it.
template <class Write>
BatchSummary screen_records(const RuleSet& ruleset, std::vector<IntakeResult> records, std::string_view source,
                            IntakeFormat format, std::string_view name, const BatchOptions& options, Write write) {
  BatchSummary summary;
  if (records.empty()) {  // a Bundle without entries
    summary.fatal.push_back(make_diagnostic(Severity::error, codes::intake_empty,
                                            "no intakes read: the Bundle has no entry", std::string(name)));
    return summary;
  }
  Screening screening;
  for (IntakeResult& read : records) {
    ++summary.records;
    check_together(ruleset, read, source, format, name, options);
    if (!read) {
      ++summary.errors;
      write(nullptr, read, screening);
      summary.intake_errors.insert(summary.intake_errors.end(), read.diagnostics.begin(), read.diagnostics.end());
      continue;
    }
    ruleset.screen(*read.intake, options.screen, screening);
    // A decision is logged before it is written, and never written when it cannot be logged.
    if (auto error = logged(ruleset, *read.intake, screening, options)) {
      summary.fatal.push_back(std::move(*error));
      return summary;
    }
    write(&*read.intake, read, screening);
    count(summary, screening.verdict());
  }
  return summary;
}

// screen_records, appending each record (or error record) to `text` in options.format.
BatchSummary append_records(const RuleSet& ruleset, std::vector<IntakeResult> records, std::string_view source,
                            IntakeFormat format, std::string_view name, std::string& text,
                            const BatchOptions& options) {
  OutputOptions output;
  output.language = options.screen.language;
  output.color = options.color;
  if (options.format == OutputFormat::csv && options.csv_header) text += csv_header();
  return screen_records(
      ruleset, std::move(records), source, format, name, options,
      [&](const Intake* intake, const IntakeResult& read, const Screening& screening) {
        if (intake == nullptr) {
          append_error_record(text, options.format, read.id, read.diagnostics, output);
          return;
        }
        std::optional<Explanation> explanation;
        if (options.explain) {
          explanation = explain(ruleset, *intake, options.screen);
          output.explanation = &*explanation;
        }
        append_decision(text, options.format, ruleset, *intake, screening, output);
        output.explanation = nullptr;
      });
}

IntakeFormat file_format(const std::filesystem::path& path) {
  return input_format(path.string()) == InputFormat::json ? IntakeFormat::json : IntakeFormat::yaml;
}

BatchSummary screen_single(const RuleSet& ruleset, const std::filesystem::path& path, BatchResults& out,
                           const BatchOptions& options) {
  std::string source;
  std::vector<IntakeResult> records = io::read_intake_records(path, ruleset.catalogue_ptr(), source);
  return screen_records(ruleset, std::move(records), source, file_format(path), path.string(), options,
                        [&](const Intake* intake, const IntakeResult& read, const Screening& screening) {
                          if (intake == nullptr)
                            out.append_error(read.id, read.diagnostics);
                          else
                            out.append_decision(intake->id(), screening);
                        });
}

BatchSummary screen_single(const RuleSet& ruleset, const std::filesystem::path& path, std::ostream& out,
                           const BatchOptions& options) {
  std::string source;
  std::vector<IntakeResult> records = io::read_intake_records(path, ruleset.catalogue_ptr(), source);
  std::string text;
  BatchSummary summary =
      append_records(ruleset, std::move(records), source, file_format(path), path.string(), text, options);
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
  if (extension == "ndjson") return InputFormat::ndjson;
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
    return fatal(
        name, codes::io_unknown_format,
        "cannot tell the intake format from the file name; expected .json, .yaml, .yml, .jsonl, .ndjson or .csv");
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
  const BatchFormat batch = *format == InputFormat::csv      ? BatchFormat::csv
                            : *format == InputFormat::ndjson ? BatchFormat::ndjson
                                                             : BatchFormat::jsonl;
  return screen_batch(ruleset, in, batch, out, named);
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

BatchSummary screen_intake(const RuleSet& ruleset, std::string_view text, IntakeFormat format, std::string& out,
                           const BatchOptions& options, std::optional<std::string>* id) {
  std::vector<IntakeResult> records;
  records.push_back(parse_intake(text, format, ruleset.catalogue_ptr(), options.name));  // one intake only
  if (id != nullptr) *id = records.front() ? records.front().intake->id() : records.front().id;
  return append_records(ruleset, std::move(records), text, format, options.name, out, options);
}

}  // namespace contrascreen
