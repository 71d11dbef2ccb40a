// The batch fuzz targets (JSON Lines, CSV): the first byte picks the output format and
// --explain, the rest is the batch; every record must yield exactly one output record.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"

namespace contrascreen::fuzz {

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
