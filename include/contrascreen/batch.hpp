#pragma once
/// \file
/// Screening batches: JSON Lines or CSV in, one output record per input record out, in
/// input order, streaming (memory stays flat whatever the input size), optionally on
/// several threads.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "contrascreen/output.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// Batch input formats.
enum class BatchFormat : std::uint8_t {
  jsonl,  ///< one JSON intake per line; blank lines are skipped
  csv,    ///< a header `id,date,<question ids>`, then one intake per record
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
  unsigned jobs = 1;                         ///< screening threads; output order is kept
  std::string name = "-";                    ///< the input's name in error records
  bool csv_header = true;                    ///< csv output: write the header line first
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
  /// Problems with the input as a whole (an unreadable CSV header): nothing was screened.
  std::vector<Diagnostic> fatal;
};

/// Limits on hostile input: a record longer than this becomes an error record.
inline constexpr std::size_t max_record_bytes = 4u << 20;

/// Screens every record of `in` against `ruleset` and writes one output record per input
/// record to `out`, in input order. A record that cannot be read becomes an error record
/// naming its line; the others are still screened. Thread-safe with respect to `ruleset`.
BatchSummary screen_batch(const RuleSet& ruleset, std::istream& in, BatchFormat format, std::ostream& out,
                          const BatchOptions& options = {});

}  // namespace contrascreen
