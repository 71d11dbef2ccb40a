#pragma once
/// \file
/// Screening batches: JSON Lines or CSV in, one output record per input record out, in
/// input order, streaming (memory stays flat whatever the input size), optionally on
/// several threads.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/batch_results.hpp"
#include "contrascreen/intake_reader.hpp"
#include "contrascreen/output.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

class DecisionLog;

/// Batch input formats.
enum class BatchFormat : std::uint8_t {
  jsonl,   ///< one JSON intake per line; blank lines are skipped
  csv,     ///< a header `id,date,<question ids>`, then one intake per record
  ndjson,  ///< one FHIR R4 QuestionnaireResponse per line (fhir_intake.hpp); blank lines are skipped
};

/// Where a batch is; passed to BatchOptions::progress.
struct BatchProgress {
  std::uint64_t records = 0;  ///< records written so far
  std::uint64_t errors = 0;   ///< of which error records
  std::uint64_t bytes = 0;    ///< input bytes read
  double seconds = 0;         ///< since the start
};

/// Options of a batch.
struct BatchOptions {
  ScreenOptions screen{};                    ///< screening date (when an intake has none) and language
  OutputFormat format = OutputFormat::json;  ///< json is JSON Lines
  bool color = false;                        ///< text format only
  bool explain = false;                      ///< add each rule's value and the answers it read
  unsigned jobs = 1;                         ///< screening threads (0: one per core); output order is kept
  std::string name = "-";                    ///< the input's name in error records
  bool csv_header = true;                    ///< csv output: write the header line first
  /// When set, every decision is appended to this log (decision_log.hpp) before it is
  /// written, one locked write per chunk; a log that cannot be appended to stops the batch
  /// with its diagnostic in BatchSummary::fatal (io.write, log.*). Not owned.
  DecisionLog* log = nullptr;
  /// Called from the calling thread about four times a second while the batch runs.
  std::function<void(const BatchProgress&)> progress{};
};

/// Counts of a finished batch.
struct BatchSummary {
  std::uint64_t records = 0;
  std::uint64_t allowed = 0;
  std::uint64_t referred = 0;
  std::uint64_t refused = 0;
  std::uint64_t errors = 0;  ///< records that could not be read (each yielded an error record)
  /// Problems with the input or the output as a whole. Before any record: a file that does
  /// not exist (io.not_found) or cannot be opened (io.read), an unreadable CSV header, an
  /// input without a single intake (intake.empty). During the batch: a read that failed
  /// (io.read) or a write that failed (io.write, the batch stops); the records before it
  /// were screened and written. Never a decision: a front end reports each as an error.
  std::vector<Diagnostic> fatal;
  /// For a single-intake input (.json, .yaml) that could not be read: every problem found
  /// in it, with positions (the error record carries them too); for a FHIR Bundle, those
  /// of each of its QuestionnaireResponses that could not be read.
  std::vector<Diagnostic> intake_errors;

  /// The most severe decision written, when any decision was.
  std::optional<Verdict> worst() const noexcept;
};

/// What a named input holds, from its extension in any case: one intake (.json, .yaml,
/// .yml; a .json FHIR Bundle holds one per QuestionnaireResponse) or a batch (.jsonl,
/// .csv, .ndjson). "-" is standard input, read as JSON Lines.
enum class InputFormat : std::uint8_t { json, yaml, jsonl, csv, ndjson };

/// The format of the input named `name` (see InputFormat), or nullopt for an extension
/// that names none.
std::optional<InputFormat> input_format(std::string_view name) noexcept;

/// Limits on hostile input: a record longer than this becomes an error record.
inline constexpr std::size_t max_record_bytes = 4u << 20;

/// Screens every record of `in` against `ruleset` and writes one output record per input
/// record to `out`, in input order. A record that cannot be read becomes an error record
/// naming its line; the others are still screened. Thread-safe with respect to `ruleset`.
BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, std::ostream& out,
                          const BatchOptions& options = {});

/// Screens the input named `name` (input_format tells what it holds; "-" reads `standard_input`
/// as JSON Lines) and writes one output record per input record to `out`, as screen_batch
/// does; a single intake is a batch of one. options.name is replaced by `name`. A file
/// that does not exist or cannot be read, or whose extension names no format, is a fatal
/// diagnostic (io.not_found, io.read, io.unknown_format) and writes nothing.
BatchSummary screen_input(const RuleSet& ruleset, std::string_view name, std::istream& standard_input,
                          std::ostream& out, const BatchOptions& options = {});

/// Screens one intake given as text, as screen_input screens a .json or .yaml file: the
/// same reader (parse_intake, `format`), the same check of the answers together on the
/// screening date (check_answers), the same record. Appends to `out` one record in
/// options.format (after the CSV header when options.csv_header): the decision, or the
/// error record of an intake that cannot be read or screened, whose problems are also in
/// the summary's intake_errors. options.name names the text in diagnostics; options.jobs
/// and options.progress do not apply. A text over max_record_bytes is intake.too_large.
/// When `id` is given it receives the intake's id, if it has one and it could be read
/// (for a service's log, which keeps a hash of it). Thread-safe with respect to
/// `ruleset`; keeps nothing of `text`.
BatchSummary screen_intake(const RuleSet& ruleset, std::string_view text, IntakeFormat format, std::string& out,
                           const BatchOptions& options = {}, std::optional<std::string>* id = nullptr);

/// The same as screen_batch above, into `out` instead of a stream: one record per input
/// record, in input order, the same decisions and error records the writers would write
/// (options.format, color, explain and csv_header do not apply). The summary is the same,
/// fatal problems included: records before a read that failed are in `out`, so a caller
/// must check summary.fatal before using them. `out` must hold results of `ruleset`
/// (std::invalid_argument otherwise); records are appended to those it holds.
BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, BatchResults& out,
                          const BatchOptions& options = {});

/// The same as screen_input above, into `out` (see the screen_batch overload above).
BatchSummary screen_input(const RuleSet& ruleset, std::string_view name, std::istream& standard_input,
                          BatchResults& out, const BatchOptions& options = {});

}  // namespace contrascreen
