// The batch fuzz targets (JSON Lines, CSV): the first byte picks the output format and
// --explain, the rest is the batch; every record must yield exactly one output record, and
// a record is a line that is not blank (in CSV, after the header): whatever its quotes, no
// record swallows the lines after it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

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

inline void run_batch(const std::uint8_t* data, std::size_t size, BatchFormat format) {
  if (size == 0) return;
  const std::uint8_t control = data[0];
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  BatchOptions options;
  options.screen = screen_options();
  options.format = control % 3 == 0 ? OutputFormat::json : control % 3 == 1 ? OutputFormat::csv : OutputFormat::text;
  options.explain = (control & 4) != 0;
  options.name = "fuzz";
  std::istringstream in(input);
  std::ostringstream out;
  const BatchSummary summary = screen_batch(policy(), in, format, out, options);
  require(summary.records == summary.allowed + summary.referred + summary.refused + summary.errors,
          "summary counts do not add up");
  // A CSV header that cannot be read is fatal: none of its records is screened.
  if (summary.fatal.empty()) require(summary.records == records_in(input, format), "records out != records in");
  for (const Diagnostic& d : summary.fatal) require(!d.code.empty(), "fatal diagnostic without a code");
  if (options.format == OutputFormat::json) {
    // JSON Lines out: one line per record.
    const std::string output = out.str();
    std::uint64_t lines = 0;
    for (char c : output) lines += c == '\n' ? 1 : 0;
    require(lines == summary.records, "not one JSON line per record");
  }
}

}  // namespace contrascreen::fuzz
