// The batch fuzz targets (JSON Lines, CSV): the first byte picks the output format and
// --explain, the rest is the batch; every record must yield exactly one output record, and
// a record is a line that is not blank (in CSV, after the header): whatever its quotes, no
// record swallows the lines after it.
//
// With bit 8 of the first byte set, the next two bytes (little-endian) pick a byte of the
// batch, and the batch is read again from a stream that fails there: that must end in
// io.read (unless a CSV header was rejected before it), after output that is, byte for
// byte, the start of what the same input gives without the fault. (The reader takes 1 MiB
// at a time, and a failed read loses what it gathered, so with fuzzer-sized inputs nothing
// is screened: a record cut short by a failure, which needs a whole chunk before it, is
// tested by tests/unit/fault_stream_test.cpp and tests/faults/, where inputs are larger.)
#pragma once

#include <algorithm>
#include <cstdint>
#include <ios>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>

#include <contrascreen/diagnostic_codes.hpp>
#include "fuzz_support.hpp"

namespace contrascreen::fuzz {

// The records of `input`: its lines that are not blank (' ', '\t', '\r' only), less the
// header line in CSV. Inputs here are far below max_record_bytes, so no line is too large.
inline std::uint64_t records_in(std::string_view input, BatchFormat format) {
  std::uint64_t records = 0;
  while (!input.empty()) {
    const std::size_t end = std::min(input.find('\n'), input.size());
    if (input.substr(0, end).find_first_not_of(" \t\r") != std::string_view::npos) ++records;
    input.remove_prefix(std::min(end + 1, input.size()));
  }
  return format == BatchFormat::csv && records > 0 ? records - 1 : records;
}

/// Serves `text`; the read that would go past `limit` bytes throws, as a disk does on an
/// I/O error (std::istream turns it into badbit).
class FailingInput : public std::streambuf {
 public:
  FailingInput(std::string_view text, std::size_t limit) : text_(text), limit_(std::min(limit, text.size())) {}

 protected:
  int_type underflow() override {
    if (next_ >= limit_) throw std::ios_base::failure("read error (injected)");
    const std::size_t size = std::min<std::size_t>(64 * 1024, limit_ - next_);
    char* start = const_cast<char*>(text_.data()) + next_;
    setg(start, start, start + size);
    next_ += size;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string_view text_;
  std::size_t limit_;
  std::size_t next_ = 0;
};

struct BatchRun {
  BatchSummary summary;
  std::string output;
};

inline BatchRun screen(std::istream& in, BatchFormat format, const BatchOptions& options) {
  std::ostringstream out;
  BatchRun run{screen_batch(policy(), in, format, out, options), {}};
  run.output = out.str();
  require(run.summary.records == run.summary.allowed + run.summary.referred + run.summary.refused + run.summary.errors,
          "summary counts do not add up");
  for (const Diagnostic& d : run.summary.fatal) require(!d.code.empty(), "fatal diagnostic without a code");
  if (options.format == OutputFormat::json) {
    // JSON Lines out: one line per record.
    require(static_cast<std::uint64_t>(std::count(run.output.begin(), run.output.end(), '\n')) == run.summary.records,
            "not one JSON line per record");
  }
  return run;
}

inline void run_batch(const std::uint8_t* data, std::size_t size, BatchFormat format) {
  if (size == 0) return;
  const std::uint8_t control = data[0];
  const bool failing = (control & 8) != 0 && size >= 3;
  const std::size_t skip = failing ? 3 : 1;
  const std::string_view input(reinterpret_cast<const char*>(data) + skip, size - skip);
  BatchOptions options;
  options.screen = screen_options();
  options.format = control % 3 == 0 ? OutputFormat::json : control % 3 == 1 ? OutputFormat::csv : OutputFormat::text;
  options.explain = (control & 4) != 0;
  options.name = "fuzz";
  std::istringstream clean_in{std::string(input)};
  const BatchRun clean = screen(clean_in, format, options);
  // A CSV header that cannot be read is fatal: none of its records is screened.
  if (clean.summary.fatal.empty())
    require(clean.summary.records == records_in(input, format), "records out != records in");
  if (!failing) return;
  const std::size_t cut = data[1] | (static_cast<std::size_t>(data[2]) << 8);
  FailingInput buffer(input, cut % (input.size() + 1));
  std::istream in(&buffer);
  const BatchRun failed = screen(in, format, options);
  const auto& fatal = failed.summary.fatal;
  const bool read_error =
      std::any_of(fatal.begin(), fatal.end(), [](const Diagnostic& d) { return d.code == codes::io_read; });
  require(read_error || fatal.size() == clean.summary.fatal.size(), "a failed read is not io.read");
  require(failed.summary.records <= clean.summary.records, "more records than the input holds");
  require(clean.output.starts_with(failed.output), "a failed read changed the records before it");
}

}  // namespace contrascreen::fuzz
