// Checking a decision log (verify_log): every line against its own hash, then its place in
// the chain. The first problem is reported; the rest of the file is still read for the
// sequence numbers, which tell a removed line (its number appears nowhere) from lines
// that were moved (it appears later).
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "contrascreen/decision_log.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "io/log_line.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen {
namespace {

struct Finding {
  std::string_view code;
  std::string message;
  std::uint32_t line = 0;
  std::string text;  // the start of the line, quoted under the message
  // A skip in the sequence, told apart from a move once every number has been read.
  std::uint64_t missing_from = 0, missing_to = 0;
};

// The start of `line`, to quote: log lines run to hundreds of bytes.
std::string excerpt(std::string_view line) {
  constexpr std::size_t shown = 100;
  if (line.size() <= shown) return std::string(line);
  std::size_t end = shown;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return std::string(line.substr(0, end)) + "...";
}

}  // namespace

LogVerification verify_log(const std::filesystem::path& path) {
  LogVerification result;
  const std::string name = path.string();
  const auto report = [&](std::string_view code, std::string message, std::uint32_t line, std::string text = {}) {
    Diagnostic d = make_diagnostic(Severity::error, code, std::move(message), name);
    d.where.line = line;
    d.where.column = line != 0 ? 1 : 0;
    d.source_line = std::move(text);
    result.problems.push_back(std::move(d));
    return result;
  };
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return report(codes::io_not_found, "no such file", 0);
  std::ifstream in(path, std::ios::binary);
  if (ec || !std::filesystem::is_regular_file(status) || !in) return report(codes::io_read, "cannot read the file", 0);

  std::optional<Finding> first;
  std::vector<std::uint64_t> seqs;  // of every line in the shape of a log line, in file order
  std::uint64_t prev_seq = 0;
  std::string prev_hash;
  std::string line, previous_line;
  std::uint32_t number = 0;
  const auto find = [&](std::string_view code, std::string message, std::uint32_t at) {
    if (!first) first = Finding{code, std::move(message), at, excerpt(at == number ? line : previous_line)};
  };
  for (;;) {
    previous_line.swap(line);
    if (!std::getline(in, line)) break;
    ++number;
    if (in.eof()) {  // no line break after the last line: a write was cut short
      find(codes::log_truncated, "the last line is incomplete (a write was cut short, or the tail was cut off)",
           number);
      break;
    }
    const auto parts = io::log_line::parse(line);
    if (number == 1) {
      if (!parts || !parts->header) {
        find(codes::log_not_a_log,
             parts ? "the header line is missing: the first line is a decision" : "not a contrascreen decision log", 1);
        if (!parts) break;
      } else if (!io::log_line::sealed(*parts)) {
        find(codes::log_edited, "the header line does not match its hash: it was edited", 1);
      }
    }
    if (!parts) {
      find(codes::log_edited, "the line is not in the shape of a log line: it was edited", number);
      continue;
    }
    seqs.push_back(parts->seq);
    if (first) continue;
    if (number == 1) {
      prev_seq = parts->seq;
      prev_hash = std::string(parts->hash);
      continue;
    }
    if (parts->header) {
      find(codes::log_reordered, "a header line after the first line", number);
      continue;
    }
    if (!io::log_line::sealed(*parts)) {
      find(codes::log_edited, "the line does not match its hash: it was edited", number);
      continue;
    }
    if (parts->seq == prev_seq + 1 && parts->prev != prev_hash) {
      // The line before matches its own hash but is not the one this line was chained to:
      // it was edited and its hash recomputed.
      find(codes::log_edited, "the next line does not follow this one: it was edited and its hash recomputed",
           number - 1);
    } else if (parts->seq > prev_seq + 1) {
      first = Finding{codes::log_removed, {}, number, excerpt(line), prev_seq + 1, parts->seq - 1};
    } else if (parts->seq <= prev_seq) {
      find(codes::log_reordered,
           "entry " + std::to_string(parts->seq) + " comes after entry " + std::to_string(prev_seq), number);
    } else {
      ++result.entries;
      result.head = std::string(parts->hash);
    }
    prev_seq = parts->seq;
    prev_hash = std::string(parts->hash);
  }
  if (in.bad()) return report(codes::io_read, "the file could not be read to its end", number);
  if (number == 0) return report(codes::log_not_a_log, "the file is empty: not a contrascreen decision log", 0);
  if (!first) {
    result.intact = true;
    if (result.head.empty()) result.head = prev_hash;  // a log of its header alone
    return result;
  }
  if (first->missing_to != 0) {
    const bool moved = std::any_of(seqs.begin(), seqs.end(), [&](std::uint64_t seq) {
      return seq >= first->missing_from && seq <= first->missing_to;
    });
    const std::string range =
        first->missing_from == first->missing_to
            ? "entry " + std::to_string(first->missing_from)
            : "entries " + std::to_string(first->missing_from) + " to " + std::to_string(first->missing_to);
    if (moved)
      first->code = codes::log_reordered,
      first->message = range + " should come before this line and comes later in the log";
    else
      first->code = codes::log_removed,
      first->message =
          range + (first->missing_from == first->missing_to ? " was" : " were") + " removed before this line";
  }
  return report(first->code, first->message, first->line, std::move(first->text));
}

}  // namespace contrascreen
