// Fault injection through the library's stream API (screen_batch, screen_input): stream
// buffers whose reads fail after N bytes, or whose writes stop after N bytes, at offsets
// across a batch. Whatever the offset: a failed read is io.read after whole records only,
// written exactly as without the fault; a failed write is io.write; never a vacuous
// summary. (The command line meets the same faults through tests/faults/.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;

constexpr std::size_t chunk = 1u << 20;  // the batch reader's chunk (src/io/batch_reader.hpp)

const RuleSet& baseline() {
  static const RuleSet rules = [] {
    LoadResult loaded = load_ruleset_file(testing::source_dir() / "rules/common/microneedling.yaml");
    REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
    return std::move(*loaded.ruleset);
  }();
  return rules;
}

// Serves `text` in pieces of `piece` bytes; once `limit` bytes have been served, the next
// read throws, as a disk does on an I/O error (std::istream turns it into badbit; what
// that read call had gathered is lost with it, as with a real file).
class FailingInput : public std::streambuf {
 public:
  FailingInput(std::string text, std::size_t limit, std::size_t piece)
      : text_(std::move(text)), limit_(std::min(limit, text_.size())), piece_(piece) {}

 protected:
  int_type underflow() override {
    if (next_ >= limit_) throw std::ios_base::failure("read error (injected)");
    const std::size_t size = std::min(piece_, limit_ - next_);
    setg(text_.data() + next_, text_.data() + next_, text_.data() + next_ + size);
    next_ += size;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string text_;
  std::size_t limit_;
  std::size_t piece_;
  std::size_t next_ = 0;
};

// Takes `limit` bytes, then refuses every further byte, as a full disk does.
class FailingOutput : public std::streambuf {
 public:
  explicit FailingOutput(std::size_t limit) : limit_(limit) {}
  const std::string& written() const { return written_; }

 protected:
  std::streamsize xsputn(const char* data, std::streamsize count) override {
    const auto taken = std::min(static_cast<std::size_t>(count), limit_ - written_.size());
    written_.append(data, taken);
    return static_cast<std::streamsize>(taken);
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (written_.size() >= limit_) return traits_type::eof();
    written_.push_back(traits_type::to_char_type(c));
    return c;
  }

 private:
  std::size_t limit_;
  std::string written_;
};

// The examples' batch, over and over with numbered ids, to a little more than `size`
// bytes: every record valid, every kind of decision.
std::string batch(BatchFormat format, std::size_t size) {
  const std::string name = format == BatchFormat::jsonl ? "intakes.jsonl" : "intakes.csv";
  std::istringstream lines(testing::read_file(testing::source_dir() / "examples/batches" / name));
  std::string header;
  if (format == BatchFormat::csv) std::getline(lines, header);
  std::vector<std::string> records;
  for (std::string line; std::getline(lines, line);) records.push_back(line);
  std::string text = header.empty() ? "" : header + "\n";
  for (std::size_t i = 0; text.size() < size; ++i) {
    std::string record = records[i % records.size()];
    const std::size_t id = record.find("B-");  // B-0001 -> B-0001.<i>: ids stay distinct
    record.insert(record.find_first_of("\",", id), "." + std::to_string(i));
    text += record + "\n";
  }
  return text;
}

std::uint64_t lines_in(std::string_view text) {
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

// The first `count` lines of `text`.
std::string_view first_lines(std::string_view text, std::uint64_t count) {
  std::size_t end = 0;
  for (std::uint64_t i = 0; i < count && end < text.size(); ++i) end = text.find('\n', end) + 1;
  return text.substr(0, end);
}

BatchOptions json_lines(unsigned jobs) {
  BatchOptions options;
  options.format = OutputFormat::json;
  options.screen.date = Date::parse_iso("2026-11-21");
  options.jobs = jobs;
  options.name = "batch";
  return options;
}

}  // namespace

TEST_CASE("faults: a read failing anywhere in a batch ends it with io.read after whole records, never a cut one") {
  const RuleSet& rules = baseline();
  for (const BatchFormat format : {BatchFormat::jsonl, BatchFormat::csv}) {
    const std::string text = batch(format, chunk + (200u << 10));
    const std::uint64_t records = lines_in(text) - (format == BatchFormat::csv ? 1 : 0);
    std::istringstream clean_in(text);
    std::ostringstream clean_out;
    const BatchSummary clean = screen_batch(rules, clean_in, format, clean_out, json_lines(1));
    REQUIRE(clean.fatal.empty());
    REQUIRE(clean.errors == 0);
    REQUIRE(clean.records == records);
    const std::string expected = clean_out.str();
    // The offsets that matter: the start, inside the first chunk, the chunk's edge (the
    // record across it is cut), inside the second chunk, where the end of input would be.
    for (const std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{5000}, chunk - 1, chunk, chunk + 1,
                                     chunk + 777, text.size() - 1, text.size()}) {
      for (const std::size_t piece : {std::size_t{4096}, std::size_t{65536}, std::size_t{3} << 20}) {
        for (const unsigned jobs : {1U, 2U}) {
          CAPTURE(format == BatchFormat::csv);
          CAPTURE(offset);
          CAPTURE(piece);
          CAPTURE(jobs);
          FailingInput buffer(text, offset, piece);
          std::istream in(&buffer);
          std::ostringstream out;
          const BatchSummary summary = screen_batch(rules, in, format, out, json_lines(jobs));
          REQUIRE(summary.fatal.size() == 1);
          CHECK(summary.fatal.front().code == "io.read");
          CHECK(summary.fatal.front().message.find("after " + std::to_string(summary.records) + " record") !=
                std::string::npos);
          // Only whole records were screened, each exactly as without the fault.
          CHECK(summary.errors == 0);
          CHECK(out.str() == first_lines(expected, summary.records));
          CHECK(summary.records < records);
          // A read call that fails takes what it had gathered with it; whole chunks before it stay.
          if (offset >= chunk) CHECK(summary.records > 0);
        }
      }
    }
  }
}

TEST_CASE("faults: standard input failing part way through screen_input is io.read after whole records") {
  const RuleSet& rules = baseline();
  const std::string text = batch(BatchFormat::jsonl, chunk + (100u << 10));
  std::istringstream clean_in(text);
  std::ostringstream clean_out;
  REQUIRE(screen_input(rules, "-", clean_in, clean_out, json_lines(1)).fatal.empty());
  FailingInput buffer(text, chunk + 10, 65536);
  std::istream in(&buffer);
  std::ostringstream out;
  const BatchSummary summary = screen_input(rules, "-", in, out, json_lines(1));
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.read");
  CHECK(summary.fatal.front().where.file == "-");
  CHECK(summary.records > 0);
  CHECK(summary.errors == 0);
  CHECK(out.str() == first_lines(clean_out.str(), summary.records));
}

TEST_CASE("faults: a CSV header cut short by a failed read is io.read, never a header with a shorter last column") {
  // A header of more than one chunk (columns can be many), failing in its second chunk:
  // what arrived ends in a cut column name. Only the read failure is reported, not the
  // cut header's problems (a shorter name could even be another question's).
  std::string text = "id,date";
  while (text.size() < chunk + 100) text += ",pregnant";
  text += "\nP,2026-11-21\n";
  FailingInput buffer(text, chunk + 50, 65536);
  std::istream in(&buffer);
  std::ostringstream out;
  const BatchSummary summary = screen_batch(baseline(), in, BatchFormat::csv, out, json_lines(1));
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.read");
  CHECK(summary.records == 0);
  CHECK(out.str().empty());
}

TEST_CASE("faults: output that stops anywhere ends the batch with io.write and is never counted as written") {
  const RuleSet& rules = baseline();
  for (const BatchFormat format : {BatchFormat::jsonl, BatchFormat::csv}) {
    const std::string text = batch(format, 600u << 10);
    std::istringstream clean_in(text);
    std::ostringstream clean_out;
    const BatchSummary clean = screen_batch(rules, clean_in, format, clean_out, json_lines(1));
    REQUIRE(clean.fatal.empty());
    const std::string expected = clean_out.str();
    for (const std::size_t limit :
         {std::size_t{0}, std::size_t{1}, expected.size() / 2, expected.size() - 1, expected.size()}) {
      for (const unsigned jobs : {1U, 2U}) {
        CAPTURE(format == BatchFormat::csv);
        CAPTURE(limit);
        CAPTURE(jobs);
        std::istringstream in(text);
        FailingOutput buffer(limit);
        std::ostream out(&buffer);
        const BatchSummary summary = screen_batch(rules, in, format, out, json_lines(jobs));
        CHECK(expected.starts_with(buffer.written()));
        if (limit == expected.size()) {  // every byte fitted: no fault at all
          CHECK(summary.fatal.empty());
          CHECK(summary.records == clean.records);
          continue;
        }
        REQUIRE(summary.fatal.size() == 1);
        CHECK(summary.fatal.front().code == "io.write");
        // Counted are the records whose output was written whole, no more.
        CHECK(summary.records < clean.records);
        CHECK(first_lines(expected, summary.records).size() <= buffer.written().size());
      }
    }
  }
}

TEST_CASE("faults: a single intake whose output stops anywhere is io.write") {
  const RuleSet& rules = baseline();
  const std::string intake = (testing::source_dir() / "examples/intakes/warfarin.json").string();
  for (const OutputFormat format : {OutputFormat::json, OutputFormat::csv, OutputFormat::text}) {
    BatchOptions options = json_lines(1);
    options.format = format;
    std::istringstream no_input;
    std::ostringstream clean_out;
    REQUIRE(screen_input(rules, intake, no_input, clean_out, options).fatal.empty());
    const std::size_t size = clean_out.str().size();
    for (const std::size_t limit : {std::size_t{0}, size / 2, size - 1}) {
      CAPTURE(static_cast<int>(format));
      CAPTURE(limit);
      FailingOutput buffer(limit);
      std::ostream out(&buffer);
      const BatchSummary summary = screen_input(rules, intake, no_input, out, options);
      REQUIRE(summary.fatal.size() == 1);
      CHECK(summary.fatal.front().code == "io.write");
      CHECK(summary.fatal.front().where.file == intake);
    }
  }
}
