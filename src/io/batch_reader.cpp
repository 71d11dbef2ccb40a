#include "io/batch_reader.hpp"

#include <algorithm>
#include <cstring>

namespace contrascreen::io {

bool ChunkReader::fill(std::string& buffer) {
  if (at_end_) return false;
  const std::size_t old_size = buffer.size();
  buffer.resize(old_size + chunk_bytes);
  in_.read(buffer.data() + old_size, static_cast<std::streamsize>(chunk_bytes));
  const auto got = static_cast<std::size_t>(in_.gcount());
  buffer.resize(old_size + got);
  bytes_read_ += got;
  if (got < chunk_bytes) at_end_ = true;
  // A short read is the end of the input only when the stream says so: an I/O error
  // (badbit) ends it too, but is reported, never taken as the end of the patients.
  if (in_.bad()) failed_ = at_end_ = true;
  return got > 0;
}

namespace {

// A line of blanks only (' ', '\t', a '\r' left of a line ending) is no record, in the header's
// place or a record's, in JSON Lines and CSV alike.
bool is_blank_line(std::string_view line) noexcept {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

// A record is one line in both formats: a CSV cell never spans lines, so that a quote left
// open costs its own line only (intake_csv.cpp) and records out = records in.
std::size_t ChunkReader::record_length(std::string_view data, bool& complete) noexcept {
  const void* newline = std::memchr(data.data(), '\n', data.size());
  complete = newline != nullptr;
  std::size_t length = complete ? static_cast<std::size_t>(static_cast<const char*>(newline) - data.data()) : data.size();
  if (length > 0 && data[length - 1] == '\r') --length;
  return length;
}

bool ChunkReader::read_header(std::string& header, std::uint32_t& line) {
  while (true) {
    bool complete = false;
    const std::size_t length = record_length(pending_, complete);
    if (complete || (at_end_ && !pending_.empty())) {
      header.assign(pending_, 0, length);
      line = next_line_++;
      std::size_t consumed = length;
      if (consumed < pending_.size() && pending_[consumed] == '\r') ++consumed;
      if (consumed < pending_.size() && pending_[consumed] == '\n') ++consumed;
      pending_.erase(0, consumed);
      if (is_blank_line(header)) continue;
      return true;
    }
    if (pending_.size() > max_record_bytes) {  // not read further: memory stays bounded
      header_too_large_ = true;
      line = next_line_;
      return false;
    }
    if (!fill(pending_)) return false;
  }
}

bool ChunkReader::next(Chunk& chunk) {
  chunk.reset();
  chunk.text.swap(pending_);
  std::string& text = chunk.text;
  std::size_t position = 0;
  while (true) {
    // Take every complete record from `position` on, up to about chunk_bytes.
    while (position < text.size() && position < chunk_bytes) {
      bool complete = false;
      const std::string_view rest(text.data() + position, text.size() - position);
      const std::size_t length = record_length(rest, complete);
      if (skipping_) {
        // Inside a record too long to hold: drop it as it streams by; report it once.
        if (!complete && !at_end_) {
          text.resize(position);
          break;
        }
        chunk.records.push_back({0, 0, skipped_line_, true});
        skipping_ = false;
      } else if (!complete && failed_) {
        // The read failed inside this record: what arrived of it is not a record (a list
        // cut short can lose the one drug that matters). io.read reports the end.
        text.resize(position);
        break;
      } else if (!complete && !at_end_) {
        if (rest.size() > max_record_bytes) {
          skipping_ = true;
          skipped_line_ = next_line_;
          text.resize(position);
        }
        break;  // the record continues in data not read yet
      } else {
        const std::string_view record = rest.substr(0, length);
        if (!is_blank_line(record)) {
          chunk.records.push_back({static_cast<std::uint32_t>(position), static_cast<std::uint32_t>(length),
                                   next_line_, length > max_record_bytes});
        }
      }
      next_line_ += 1;
      std::size_t end = position + length;
      if (end < text.size() && text[end] == '\r') ++end;
      if (end < text.size() && text[end] == '\n') ++end;
      position = end;
    }
    const bool full = position >= chunk_bytes;
    if (full || !chunk.records.empty() || (at_end_ && position >= text.size())) {
      pending_.assign(text, std::min(position, text.size()), std::string::npos);
      text.resize(std::min(position, text.size()));
      return !chunk.records.empty();
    }
    if (!fill(text) && position >= text.size()) {
      if (skipping_) {
        // The input ended inside an oversized record (no line break after it): it still
        // yields its error record.
        chunk.records.push_back({0, 0, skipped_line_, true});
        skipping_ = false;
      }
      pending_.clear();
      return !chunk.records.empty();
    }
  }
}

}  // namespace contrascreen::io
