// screen_input: the one entry point for a named input. The format follows the extension in
// any case; a single intake and the same intake as a one-line batch write the same record;
// missing, unreadable and unknown inputs are fatal diagnostics that write nothing.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>
#include <algorithm>
#include <sstream>
#include <streambuf>
#include <utility>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;

RuleSet baseline() {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / "rules/common/microneedling.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("contrascreen-screen-input-" +
                                                                          std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

BatchSummary screen(const RuleSet& rules, const std::string& name, std::string& output, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  BatchOptions options;
  options.format = OutputFormat::json;
  const BatchSummary summary = screen_input(rules, name, in, out, options);
  output = out.str();
  return summary;
}

TEST_CASE("input_format: the extension in any case, and '-' for standard input") {
  CHECK(input_format("a.json") == InputFormat::json);
  CHECK(input_format("dir.d/A.JSON") == InputFormat::json);
  CHECK(input_format("x.Yaml") == InputFormat::yaml);
  CHECK(input_format("x.YML") == InputFormat::yaml);
  CHECK(input_format("x.JsonL") == InputFormat::jsonl);
  CHECK(input_format("x.CSV") == InputFormat::csv);
  CHECK(input_format("-") == InputFormat::jsonl);
  CHECK_FALSE(input_format("x.txt"));
  CHECK_FALSE(input_format("json"));
  CHECK_FALSE(input_format("dir.json/file"));
  CHECK_FALSE(input_format("x."));
}

TEST_CASE("screen_input: a single intake, the same as a batch of one, and from standard input") {
  const RuleSet rules = baseline();
  const std::string intake =
      R"({"id": "P-1", "date": "2026-11-21", "answers": {"pregnant": true}})";
  TempDir dir;
  std::string single, batch, piped;
  const BatchSummary one = screen(rules, dir.write("p.JSON", intake).string(), single);
  const BatchSummary lines = screen(rules, dir.write("p.Jsonl", intake + "\n").string(), batch);
  const BatchSummary from_stdin = screen(rules, "-", piped, intake + "\n");
  CHECK(one.records == 1);
  CHECK(one.refused == 1);
  CHECK(one.worst() == Verdict::refuse);
  CHECK(single == batch);
  CHECK(single == piped);
  CHECK(lines.refused == 1);
  CHECK(from_stdin.refused == 1);
}

TEST_CASE("screen_intake: an intake given as text gives what screen_input gives for the same file") {
  // The C ABI's cs_screen_json screens text through screen_intake; the command line
  // screens files through screen_input. Every example intake, JSON and YAML, and intakes that
  // cannot be read or whose answers cannot all be true, in every output format.
  const RuleSet rules = baseline();
  const std::filesystem::path root = testing::source_dir();
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(root / "examples/intakes")) files.push_back(entry.path());
  for (const char* extra : {"tests/cli/data/screen/bad_intake.json", "tests/cli/data/screen/no_date.json",
                            "tests/cli/data/screen/impossible.yaml", "tests/c_api/data/impossible.json"})
    files.push_back(root / extra);
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  std::size_t invalid = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const IntakeFormat format = input_format(file.string()) == InputFormat::json ? IntakeFormat::json : IntakeFormat::yaml;
    for (const OutputFormat output : {OutputFormat::json, OutputFormat::csv, OutputFormat::text}) {
      for (const bool explain : {false, true}) {
        BatchOptions options;
        options.format = output;
        options.explain = explain;
        options.screen.date = Date::parse_iso("2026-11-21");
        options.screen.language = "sv";
        std::istringstream no_input;
        std::ostringstream from_file;
        const BatchSummary read = screen_input(rules, file.string(), no_input, from_file, options);
        options.name = file.string();
        std::string from_text;
        const BatchSummary given = screen_intake(rules, text, format, from_text, options);
        CAPTURE(file);
        CHECK(from_text == from_file.str());
        CHECK(given.records == 1);
        CHECK(given.errors == read.errors);
        CHECK(given.worst() == read.worst());
        CHECK(given.intake_errors.size() == read.intake_errors.size());
        CHECK(given.fatal.empty());
        invalid += given.errors;
      }
    }
  }
  CHECK(invalid == 3 * 6);  // bad_intake.json and the two impossible ones, in 6 ways each
}

TEST_CASE("screen_intake: no text at all is an error record, never a decision") {
  const RuleSet rules = baseline();
  for (const IntakeFormat format : {IntakeFormat::json, IntakeFormat::yaml}) {
    std::string out;
    const BatchSummary summary = screen_intake(rules, std::string_view(), format, out);  // a null view
    CHECK(summary.records == 1);
    CHECK(summary.errors == 1);
    CHECK_FALSE(summary.worst());
    CHECK(out.find("\"decision\":null") != std::string::npos);
  }
}

TEST_CASE("screen_input: a single intake that cannot be read is an error record with its diagnostics") {
  const RuleSet rules = baseline();
  TempDir dir;
  std::string output;
  const BatchSummary summary =
      screen(rules, dir.write("bad.yaml", "answers: {pregnant: maybe}\n").string(), output);
  CHECK(summary.records == 1);
  CHECK(summary.errors == 1);
  REQUIRE_FALSE(summary.intake_errors.empty());
  CHECK(summary.intake_errors.front().code == "intake.wrong_type");
  CHECK(output.find("\"decision\":null") != std::string::npos);
  CHECK_FALSE(summary.worst());
}

TEST_CASE("screen_input: missing, unreadable and unknown inputs are fatal and write nothing") {
  const RuleSet rules = baseline();
  TempDir dir;
  std::string output;
  BatchSummary summary = screen(rules, (dir.path / "absent.json").string(), output);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.not_found");
  CHECK(output.empty());

  std::filesystem::create_directories(dir.path / "folder.jsonl");
  summary = screen(rules, (dir.path / "folder.jsonl").string(), output);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.read");
  CHECK(output.empty());

  summary = screen(rules, dir.write("notes.txt", "{}").string(), output);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.unknown_format");
  CHECK(output.empty());
}

}  // namespace

namespace {

// A stream buffer that yields `text` in pieces and then fails, as a disk or a pipe does on
// an I/O error: std::istream turns the exception into badbit. (What the failing read call
// had gathered is lost with it, as it is with a real file.)
class FailingAfter : public std::streambuf {
 public:
  explicit FailingAfter(std::string text) : text_(std::move(text)) {}

 protected:
  int_type underflow() override {
    if (next_ == text_.size()) throw std::ios_base::failure("read error (simulated)");
    const std::size_t piece = std::min<std::size_t>(64 * 1024, text_.size() - next_);
    setg(text_.data() + next_, text_.data() + next_, text_.data() + next_ + piece);
    next_ += piece;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string text_;
  std::size_t next_ = 0;
};

TEST_CASE("screen_batch: a read that fails part way is io.read after the records before it, never the end") {
  const RuleSet rules = baseline();
  for (const BatchFormat format : {BatchFormat::jsonl, BatchFormat::csv}) {
    // About 3 MiB: the reader takes 1 MiB at a time, so whole chunks arrive before the failure.
    std::string text = format == BatchFormat::jsonl ? "" : "id,date,pregnant\n";
    while (text.size() < (3u << 20))
      text += format == BatchFormat::jsonl ? R"({"id": "P", "date": "2026-11-21", "answers": {"pregnant": false}})" "\n"
                                           : "P,2026-11-21,no\n";
    FailingAfter buffer(text);
    std::istream in(&buffer);
    std::ostringstream out;
    BatchOptions options;
    options.name = "batch";
    const BatchSummary summary = screen_batch(rules, in, format, out, options);
    CHECK(summary.records > 0);
    REQUIRE(summary.fatal.size() == 1);
    CHECK(summary.fatal.front().code == "io.read");
    CHECK(summary.fatal.front().message.find("after " + std::to_string(summary.records) + " records") !=
          std::string::npos);
    const std::string written = out.str();
    CHECK(static_cast<std::uint64_t>(std::count(written.begin(), written.end(), '\n')) == summary.records);
  }
}

TEST_CASE("screen_batch: output that cannot be written stops the batch with io.write") {
  const RuleSet rules = baseline();
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += R"({"answers": {"pregnant": false}})" "\n";
  for (const unsigned jobs : {1U, 2U}) {
    std::istringstream in(lines);
    std::ostringstream out;
    out.setstate(std::ios::badbit);  // a full disk from the first byte
    BatchOptions options;
    options.jobs = jobs;
    const BatchSummary summary = screen_batch(rules, in, BatchFormat::jsonl, out, options);
    REQUIRE_FALSE(summary.fatal.empty());
    CHECK(summary.fatal.back().code == "io.write");
    CHECK(summary.records < 20000);  // it stopped rather than screening everything
  }
}

TEST_CASE("screen_batch: an input without a single intake is intake.empty, never a vacuous 'all allowed'") {
  const RuleSet rules = baseline();
  for (const auto& [format, text] : {std::pair{BatchFormat::jsonl, std::string()}, std::pair{BatchFormat::jsonl, std::string("\n\n")},
                                     std::pair{BatchFormat::csv, std::string()}, std::pair{BatchFormat::csv, std::string("id,pregnant\n")}}) {
    std::istringstream in(text);
    std::ostringstream out;
    const BatchSummary summary = screen_batch(rules, in, format, out);
    REQUIRE(summary.fatal.size() == 1);
    CHECK(summary.fatal.front().code == "intake.empty");
    CHECK_FALSE(summary.worst());
  }
}

}  // namespace
