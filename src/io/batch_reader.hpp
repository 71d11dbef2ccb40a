// Splits a batch input stream into chunks of whole records (lines of JSON Lines or CSV), reading
// about a mebibyte at a time, so that memory stays flat whatever the input size.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "contrascreen/batch.hpp"

namespace contrascreen::io {

/// One input record: a line of JSON Lines or CSV (without its line break).
struct BatchRecord {
  std::uint32_t offset = 0;  // in Chunk::text
  std::uint32_t length = 0;
  std::uint32_t line = 0;    // 1-based line of the record
  bool oversized = false;    // longer than max_record_bytes: skipped, reported as an error
};

/// A run of consecutive records and, once processed, their output.
struct Chunk {
  std::string text;
  std::vector<BatchRecord> records;
  std::string output;
  std::uint64_t allowed = 0, referred = 0, refused = 0, errors = 0;

  void reset() {
    text.clear();
    records.clear();
    output.clear();
    allowed = referred = refused = errors = 0;
  }
};

class ChunkReader {
 public:
  /// Chunks hold about this much input.
  static constexpr std::size_t chunk_bytes = 1u << 20;

  explicit ChunkReader(std::istream& in) : in_(in) {}

  /// Reads the CSV header: the first line that is not blank. Returns false at end of input,
  /// or when the header is longer than max_record_bytes (then header_too_large() is true and
  /// `line` is the header's line).
  bool read_header(std::string& header, std::uint32_t& line);
  bool header_too_large() const noexcept { return header_too_large_; }

  /// Fills `chunk` (reset first) with the next records. Returns false when the input is
  /// exhausted and the chunk is empty. After a failed read, a record cut short by it is
  /// dropped: only whole records are ever screened.
  bool next(Chunk& chunk);

  /// Input bytes read so far.
  std::uint64_t bytes_read() const noexcept { return bytes_read_; }
  /// True when reading failed (an I/O error, a directory): the input ended there, and the
  /// records before it are all that was read. A failed read is never the end of the input.
  bool failed() const noexcept { return failed_; }

 private:
  bool fill(std::string& buffer);  // appends up to chunk_bytes from the stream; false at end
  // The length of the line at data[0], without its line break ("\n" or "\r\n"); `complete`
  // is false when `data` ends before the line does.
  static std::size_t record_length(std::string_view data, bool& complete) noexcept;

  std::istream& in_;
  std::string pending_;      // the start of an incomplete record, carried to the next chunk
  std::uint32_t next_line_ = 1;
  bool at_end_ = false;
  bool skipping_ = false;    // inside an oversized record, dropping bytes up to its end
  bool header_too_large_ = false;
  bool failed_ = false;
  std::uint32_t skipped_line_ = 0;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace contrascreen::io
