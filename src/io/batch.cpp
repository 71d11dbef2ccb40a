// Batch screening: a reader splits the input into chunks of whole records, workers parse
// and screen each chunk into its own output buffer, and the calling thread writes the
// buffers in input order. At most a few chunks are in flight, so memory stays flat.
#include "contrascreen/batch.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

#include "contrascreen/explain.hpp"
#include "contrascreen/intake_reader.hpp"
#include "core/diagnostic_builder.hpp"
#include "io/batch_reader.hpp"

namespace contrascreen {
namespace {

using Clock = std::chrono::steady_clock;

// Everything one thread needs to process chunks, reused from chunk to chunk.
class ChunkProcessor {
 public:
  ChunkProcessor(const RuleSet& ruleset, const BatchOptions& options, BatchFormat format, const CsvIntakeReader* csv)
      : ruleset_(ruleset),
        options_(options),
        format_(format),
        json_(ruleset.catalogue_ptr()),
        csv_(csv != nullptr ? *csv : CsvIntakeReader(ruleset.catalogue_ptr())),
        intake_(ruleset.catalogue_ptr()) {
    output_options_.language = options.screen.language;
    output_options_.color = options.color;
  }

  void process(io::Chunk& chunk) {
    for (const io::BatchRecord& record : chunk.records) {
      diagnostics_.clear();
      if (record.oversized) {
        diagnostics_.push_back(make_too_large(record.line));
        append_error_record(chunk.output, options_.format, std::nullopt, diagnostics_, output_options_);
        ++chunk.errors;
        continue;
      }
      const std::string_view text(chunk.text.data() + record.offset, record.length);
      const bool ok = format_ == BatchFormat::jsonl
                          ? json_.parse(text, intake_, diagnostics_, options_.name, record.line)
                          : csv_.parse_record(text, intake_, diagnostics_, options_.name, record.line);
      if (!ok) {
        std::optional<std::string> id = intake_.id();
        if (format_ == BatchFormat::csv && !csv_.last_id().empty()) id = std::string(csv_.last_id());
        append_error_record(chunk.output, options_.format, id, diagnostics_, output_options_);
        ++chunk.errors;
        continue;
      }
      ruleset_.screen(intake_, options_.screen, screening_);
      if (options_.explain) {
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
  Diagnostic make_too_large(std::uint32_t line) const {
    Diagnostic d = make_diagnostic(Severity::error, "intake.too_large",
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
  CsvIntakeReader csv_;
  Intake intake_;
  Screening screening_;
  std::vector<Diagnostic> diagnostics_;
  OutputOptions output_options_;
};

// Writes finished chunks, counts, and reports progress at most four times a second.
class Writer {
 public:
  Writer(std::ostream& out, const BatchOptions& options, BatchSummary& summary, const io::ChunkReader& reader)
      : out_(out), options_(options), summary_(summary), reader_(reader), start_(Clock::now()), last_(start_) {}

  void write(const io::Chunk& chunk) {
    out_.write(chunk.output.data(), static_cast<std::streamsize>(chunk.output.size()));
    summary_.allowed += chunk.allowed;
    summary_.referred += chunk.referred;
    summary_.refused += chunk.refused;
    summary_.errors += chunk.errors;
    summary_.records += chunk.records.size();
    if (!options_.progress) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    options_.progress(BatchProgress{summary_.records, summary_.errors, reader_.bytes_read(),
                                    std::chrono::duration<double>(now - start_).count()});
  }

 private:
  std::ostream& out_;
  const BatchOptions& options_;
  BatchSummary& summary_;
  const io::ChunkReader& reader_;
  Clock::time_point start_;
  Clock::time_point last_;
};

void run_sequential(io::ChunkReader& reader, ChunkProcessor& processor, Writer& writer) {
  io::Chunk chunk;
  while (reader.next(chunk)) {
    processor.process(chunk);
    writer.write(chunk);
  }
}

// Worker threads take chunks from a queue; the calling thread reads ahead a bounded
// number of chunks and writes each as soon as it and all before it are done.
void run_parallel(io::ChunkReader& reader, std::vector<std::unique_ptr<ChunkProcessor>>& processors, Writer& writer) {
  struct Slot {
    io::Chunk chunk;
    bool done = false;
  };
  std::mutex mutex;
  std::condition_variable work_ready, chunk_done;
  std::deque<Slot*> todo;
  std::deque<std::unique_ptr<Slot>> in_flight, spare;
  bool stopping = false;

  std::vector<std::thread> threads;
  for (auto& processor : processors) {
    threads.emplace_back([&, p = processor.get()] {
      std::unique_lock lock(mutex);
      while (true) {
        work_ready.wait(lock, [&] { return stopping || !todo.empty(); });
        if (todo.empty()) return;
        Slot* slot = todo.front();
        todo.pop_front();
        lock.unlock();
        p->process(slot->chunk);
        lock.lock();
        slot->done = true;
        chunk_done.notify_all();
      }
    });
  }
  const std::size_t max_in_flight = 2 * processors.size() + 1;
  bool input_left = true;
  while (true) {
    while (input_left && in_flight.size() < max_in_flight) {
      std::unique_ptr<Slot> slot;
      if (!spare.empty()) {
        slot = std::move(spare.back());
        spare.pop_back();
      } else {
        slot = std::make_unique<Slot>();
      }
      slot->done = false;
      if (!reader.next(slot->chunk)) {
        input_left = false;
        spare.push_back(std::move(slot));
        break;
      }
      std::lock_guard lock(mutex);
      todo.push_back(slot.get());
      in_flight.push_back(std::move(slot));
      work_ready.notify_one();
    }
    if (in_flight.empty()) break;
    {
      std::unique_lock lock(mutex);
      chunk_done.wait(lock, [&] { return in_flight.front()->done; });
    }
    writer.write(in_flight.front()->chunk);
    spare.push_back(std::move(in_flight.front()));
    in_flight.pop_front();
  }
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  work_ready.notify_all();
  for (auto& t : threads) t.join();
}

}  // namespace

BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, std::ostream& out,
                          const BatchOptions& options) {
  BatchSummary summary;
  io::ChunkReader reader(in, format);
  std::optional<CsvIntakeReader> csv;
  if (format == BatchFormat::csv) {
    csv.emplace(ruleset.catalogue_ptr());
    std::string header;
    std::uint32_t line = 1;
    if (!reader.read_header(header, line)) {  // an empty file: no records
      if (reader.header_too_large()) {
        Diagnostic d = make_diagnostic(Severity::error, "intake.too_large",
                                       "the CSV header is longer than " + std::to_string(max_record_bytes >> 20) +
                                           " MiB",
                                       options.name);
        d.where.line = line;
        d.where.column = 1;
        summary.fatal.push_back(std::move(d));
      }
      return summary;
    }
    if (!csv->parse_header(header, summary.fatal, options.name, line)) return summary;
  }
  if (options.format == OutputFormat::csv && options.csv_header) {
    const std::string_view header = csv_header();
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
  }
  Writer writer(out, options, summary, reader);
  const unsigned jobs = std::max(1U, options.jobs);
  std::vector<std::unique_ptr<ChunkProcessor>> processors;
  for (unsigned i = 0; i < jobs; ++i)
    processors.push_back(std::make_unique<ChunkProcessor>(ruleset, options, format, csv ? &*csv : nullptr));
  if (jobs == 1) {
    run_sequential(reader, *processors.front(), writer);
  } else {
    run_parallel(reader, processors, writer);
  }
  out.flush();
  return summary;
}

}  // namespace contrascreen
