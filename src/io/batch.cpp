// Batch screening on the batch engine (screening_pool.hpp): a reader splits the input into
// chunks of whole records, the pool's threads parse and screen each chunk into its own
// output buffer (or its own BatchResults), and the calling thread writes the buffers (or
// appends the results) in input order. Two groups of a few chunks each are in flight at
// most, so memory stays flat when writing.
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/batch.hpp"

#include <chrono>
#include <stdexcept>
#include <string>
#include <memory>
#include <ostream>

#include "contrascreen/answer_checks.hpp"
#include "contrascreen/decision_log.hpp"
#include "contrascreen/explain.hpp"
#include "contrascreen/fhir_intake.hpp"
#include "contrascreen/intake_reader.hpp"
#include "contrascreen/screening_pool.hpp"
#include "io/answer_positions.hpp"
#include "io/batch_reader.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {
namespace {

using Clock = std::chrono::steady_clock;

// Where a batch's records go: written to a stream, or kept as BatchResults.
struct Target {
  std::ostream* out = nullptr;
  BatchResults* results = nullptr;
};

// Everything one thread needs to process chunks, reused from chunk to chunk.
class ChunkProcessor {
 public:
  ChunkProcessor(const RuleSet& ruleset, const BatchOptions& options, BatchFormat format, const CsvIntakeReader* csv)
      : ruleset_(ruleset),
        options_(options),
        format_(format),
        json_(ruleset.catalogue_ptr()),
        fhir_(ruleset.catalogue_ptr()),
        csv_(csv != nullptr ? *csv : CsvIntakeReader(ruleset.catalogue_ptr())),
        intake_(ruleset.catalogue_ptr()) {
    output_options_.language = options.screen.language;
    output_options_.color = options.color;
  }

  // Parses and screens `chunk`, writing its records into chunk.output, or into `results`
  // when given, and rendering the log entry of each decision into `log` when given.
  void process(io::Chunk& chunk, BatchResults* results, LogEntries* log) {
    for (const io::BatchRecord& record : chunk.records) {
      diagnostics_.clear();
      if (record.oversized) {
        diagnostics_.push_back(make_too_large(record.line));
        if (results != nullptr)
          results->append_error(std::nullopt, diagnostics_);
        else
          append_error_record(chunk.output, options_.format, std::nullopt, diagnostics_, output_options_);
        ++chunk.errors;
        continue;
      }
      const std::string_view text(chunk.text.data() + record.offset, record.length);
      bool ok = false;
      switch (format_) {
        case BatchFormat::jsonl:
          ok = json_.parse(text, intake_, diagnostics_, options_.name, record.line);
          break;
        case BatchFormat::ndjson:
          ok = fhir_.parse(text, intake_, diagnostics_, options_.name, record.line);
          break;
        case BatchFormat::csv:
          ok = csv_.parse_record(text, intake_, diagnostics_, options_.name, record.line);
          break;
      }
      if (!ok || !possible(text, record.line)) {
        std::optional<std::string> id = intake_.id();
        if (format_ == BatchFormat::csv && !csv_.last_id().empty()) id = std::string(csv_.last_id());
        if (results != nullptr)
          results->append_error(id, diagnostics_);
        else
          append_error_record(chunk.output, options_.format, id, diagnostics_, output_options_);
        ++chunk.errors;
        continue;
      }
      ruleset_.screen(intake_, options_.screen, screening_);
      if (log != nullptr) options_.log->render(ruleset_, intake_, screening_, *log);
      if (results != nullptr) {
        results->append_decision(intake_.id(), screening_);
      } else if (options_.explain) {
        const Explanation explanation = explain(ruleset_, intake_, options_.screen);
        output_options_.explanation = &explanation;
        append_decision(chunk.output, options_.format, ruleset_, intake_, screening_, output_options_);
        output_options_.explanation = nullptr;
      } else {
        append_decision(chunk.output, options_.format, ruleset_, intake_, screening_, output_options_);
      }
      switch (screening_.verdict()) {
        case Verdict::allow: ++chunk.allowed; break;
        case Verdict::refer: ++chunk.referred; break;
        case Verdict::refuse: ++chunk.refused; break;
      }
    }
  }

 private:
  // Answers that cannot be on the date the intake is screened on make an error record, as
  // an unreadable intake does.
  bool possible(std::string_view text, std::uint32_t line) {
    problems_.clear();
    if (check_answers(intake_, screening_date_of(intake_, options_.screen), problems_)) return true;
    io::append_positioned(problems_, ruleset_.catalogue(), text,
                          format_ == BatchFormat::csv ? io::IntakeText::csv_record : io::IntakeText::json,
                          options_.name, line, diagnostics_);
    return false;
  }

  Diagnostic make_too_large(std::uint32_t line) const {
    Diagnostic d = make_diagnostic(Severity::error, codes::intake_too_large,
                                   "record longer than " + std::to_string(max_record_bytes >> 20) + " MiB; skipped",
                                   options_.name);
    d.where.line = line;
    d.where.column = 1;
    return d;
  }

  const RuleSet& ruleset_;
  const BatchOptions& options_;
  BatchFormat format_;
  JsonIntakeReader json_;
  FhirIntakeReader fhir_;
  CsvIntakeReader csv_;
  Intake intake_;
  Screening screening_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<ImpossibleAnswer> problems_;
  OutputOptions output_options_;
};

// Writes finished chunks, counts, and reports progress at most four times a second.
class Writer {
 public:
  Writer(Target target, const BatchOptions& options, BatchSummary& summary, const io::ChunkReader& reader)
      : target_(target), options_(options), summary_(summary), reader_(reader), start_(Clock::now()), last_(start_) {}

  // False when the output, or the decision log, can no longer be written: the batch stops
  // there. A chunk's decisions are logged before they are written, so that no decision
  // reaches the output without its log entry.
  bool write(const io::Chunk& chunk, const BatchResults* results, const LogEntries* log) {
    if (log != nullptr)
      if (auto error = options_.log->append(*log)) {
        summary_.fatal.push_back(std::move(*error));
        return false;
      }
    if (target_.results != nullptr)
      target_.results->append(*results);
    else if (!target_.out->write(chunk.output.data(), static_cast<std::streamsize>(chunk.output.size())))
      return false;
    summary_.allowed += chunk.allowed;
    summary_.referred += chunk.referred;
    summary_.refused += chunk.refused;
    summary_.errors += chunk.errors;
    summary_.records += chunk.records.size();
    if (!options_.progress) return true;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return true;
    last_ = now;
    options_.progress(BatchProgress{summary_.records, summary_.errors, reader_.bytes_read(),
                                    std::chrono::duration<double>(now - start_).count()});
    return true;
  }

 private:
  Target target_;
  const BatchOptions& options_;
  BatchSummary& summary_;
  const io::ChunkReader& reader_;
  Clock::time_point start_;
  Clock::time_point last_;
};

// A group of chunks: the unit the pipeline double-buffers. Each chunk is one task. When
// the records are kept, each chunk's go into its own BatchResults first (same index).
struct ChunkGroup {
  std::vector<io::Chunk> chunks;
  std::vector<BatchResults> results;
  std::vector<LogEntries> logs;  // when the decisions are logged
  std::size_t count = 0;         // chunks in use
};

// Reads the input into groups on the calling thread, parses and screens each chunk on the
// batch engine's threads, and writes the groups in input order.
void run(io::ChunkReader& reader, std::vector<std::unique_ptr<ChunkProcessor>>& processors, Writer& writer,
         ScreeningPool& pool, const RuleSet& ruleset, bool keep_results, bool log) {
  // A group holds two chunks per thread, so that the caller, which reads and writes while
  // the workers screen, still finds chunks left to screen when it joins in.
  const std::size_t group_chunks = 2 * static_cast<std::size_t>(pool.jobs());
  ChunkGroup groups[2];
  for (ChunkGroup& group : groups) {
    group.chunks.resize(group_chunks);
    if (keep_results) group.results.resize(group_chunks, BatchResults(ruleset));
    if (log) group.logs.resize(group_chunks);
  }
  BatchPipeline pipeline(pool, {[&](unsigned slot) {
                                  ChunkGroup& group = groups[slot];
                                  group.count = 0;
                                  while (group.count < group_chunks && reader.next(group.chunks[group.count])) {
                                    if (keep_results) group.results[group.count].clear();
                                    if (log) group.logs[group.count].clear();
                                    ++group.count;
                                  }
                                  return group.count;
                                },
                                [&](unsigned slot, std::size_t task, unsigned thread) {
                                  ChunkGroup& group = groups[slot];
                                  processors[thread]->process(group.chunks[task],
                                                              keep_results ? &group.results[task] : nullptr,
                                                              log ? &group.logs[task] : nullptr);
                                }});
  while (const auto slot = pipeline.next()) {
    const ChunkGroup& group = groups[*slot];
    for (std::size_t i = 0; i < group.count; ++i)  // on a failed write, the pipeline waits for the group in flight
      if (!writer.write(group.chunks[i], keep_results ? &group.results[i] : nullptr, log ? &group.logs[i] : nullptr))
        return;
  }
}

Diagnostic whole_input(std::string_view code, std::string message, const BatchOptions& options) {
  return make_diagnostic(Severity::error, code, std::move(message), options.name);
}

// What ended a batch early, or made it vacuous, after the records before it were written:
// a failed read is never the end of the input, a failed write never a decision, and an
// input without a single intake never "all allowed".
void report_ending(const io::ChunkReader& reader, Target target, const BatchOptions& options,
                   BatchSummary& summary) {
  const std::string read = std::to_string(summary.records) + (summary.records == 1 ? " record" : " records");
  if (reader.failed())
    summary.fatal.push_back(whole_input(codes::io_read, "the input could not be read after " + read +
                                                            " (those were screened and written)",
                                        options));
  if (target.out != nullptr && !target.out->flush())
    summary.fatal.push_back(whole_input(codes::io_write, "the output could not be written; stopped after " + read,
                                        options));
  if (summary.records == 0 && summary.fatal.empty())
    summary.fatal.push_back(whole_input(codes::intake_empty, "no intakes read", options));
}

BatchSummary screen_into(const RuleSet& ruleset, std::istream& in, BatchFormat format, Target target,
                         const BatchOptions& options) {
  BatchSummary summary;
  io::ChunkReader reader(in);
  std::optional<CsvIntakeReader> csv;
  if (format == BatchFormat::csv) {
    csv.emplace(ruleset.catalogue_ptr());
    std::string header;
    std::uint32_t line = 1;
    if (!reader.read_header(header, line)) {  // no header: an empty (or unreadable) input
      if (!reader.header_too_large()) {
        report_ending(reader, target, options, summary);
        return summary;
      }
      Diagnostic d = make_diagnostic(Severity::error, codes::intake_too_large,
                                     "the CSV header is longer than " + std::to_string(max_record_bytes >> 20) + " MiB",
                                     options.name);
      d.where.line = line;
      d.where.column = 1;
      summary.fatal.push_back(std::move(d));
      return summary;
    }
    if (!csv->parse_header(header, summary.fatal, options.name, line)) return summary;
  }
  if (target.out != nullptr && options.format == OutputFormat::csv && options.csv_header) {
    const std::string_view header = csv_header();
    target.out->write(header.data(), static_cast<std::streamsize>(header.size()));
  }
  Writer writer(target, options, summary, reader);
  ScreeningPool pool(options.jobs);
  std::vector<std::unique_ptr<ChunkProcessor>> processors;
  for (unsigned i = 0; i < pool.jobs(); ++i)
    processors.push_back(std::make_unique<ChunkProcessor>(ruleset, options, format, csv ? &*csv : nullptr));
  run(reader, processors, writer, pool, ruleset, target.results != nullptr, options.log != nullptr);
  report_ending(reader, target, options, summary);
  return summary;
}

}  // namespace

BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, std::ostream& out,
                          const BatchOptions& options) {
  return screen_into(ruleset, in, format, Target{&out, nullptr}, options);
}

BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, BatchResults& out,
                          const BatchOptions& options) {
  if (!out.of(ruleset)) throw std::invalid_argument("screen_batch: the results are of another rule set");
  return screen_into(ruleset, in, format, Target{nullptr, &out}, options);
}

}  // namespace contrascreen
