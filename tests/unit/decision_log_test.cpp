// decision_log.hpp: the log a batch appends to verifies intact; one edited byte, a removed
// line, two lines swapped and a cut tail are each found at their line; two writers on one
// file keep one chain; keys that are short or readable by others are refused.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"
#include "util/hmac_sha256.hpp"
#include "util/sha256.hpp"

namespace {

using namespace contrascreen;

const std::string key = "0123456789abcdef0123456789abcdef-test-key";

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("contrascreen-decision-log-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

RuleSet baseline() {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / "rules/common/microneedling.yaml");
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

std::unique_ptr<DecisionLog> open_log(const std::filesystem::path& path, bool answers = false) {
  std::vector<Diagnostic> errors;
  auto log = DecisionLog::open(path, DecisionLogOptions{key, answers}, errors);
  REQUIRE_MESSAGE(log, format_diagnostics(errors));
  return log;
}

// Screens the example batch with `log` and returns the summary.
BatchSummary screen_logged(DecisionLog& log, unsigned jobs = 1) {
  std::istringstream in;
  std::ostringstream out;
  BatchOptions options;
  options.log = &log;
  options.jobs = jobs;
  return screen_input(baseline(), (testing::source_dir() / "examples/batches/intakes.jsonl").string(), in, out,
                      options);
}

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const std::filesystem::path& path, const std::vector<std::string>& lines, bool last_break = true) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (std::size_t i = 0; i < lines.size(); ++i) out << lines[i] << (i + 1 < lines.size() || last_break ? "\n" : "");
}

void check_problem(const std::filesystem::path& path, std::string_view code, std::uint32_t line) {
  const LogVerification v = verify_log(path);
  CHECK_FALSE(v.intact);
  REQUIRE(v.problems.size() == 1);
  CHECK(v.problems[0].code == code);
  CHECK(v.problems[0].where.line == line);
}

}  // namespace

TEST_CASE("a batch's decisions are logged, one line each after the header, and verify intact") {
  TempDir dir;
  const auto path = dir.path / "decisions.log";
  auto log = open_log(path);
  const BatchSummary summary = screen_logged(*log, 2);
  REQUIRE(summary.fatal.empty());
  const auto lines = lines_of(path);
  REQUIRE(lines.size() == 1 + summary.records);
  CHECK(lines[0].starts_with(R"({"seq":0,"log":"contrascreen-decision-log","format":1,"created":")"));
  CHECK(lines[1].starts_with(R"({"seq":1,"time":")"));
  CHECK(lines[1].find(R"("id":"B-0001","answers_hmac":")") != std::string::npos);
  CHECK(lines[1].find(R"("ruleset":{"id":"common/microneedling")") != std::string::npos);
  CHECK(lines[1].find(R"("answers":)") == std::string::npos);  // not in clear unless asked
  const LogVerification v = verify_log(path);
  CHECK(v.intact);
  CHECK(v.problems.empty());
  CHECK(v.entries == summary.records);
  CHECK(v.head == lines.back().substr(lines.back().size() - 66, 64));

  // A second batch continues the chain rather than starting one.
  auto again = open_log(path);
  REQUIRE(screen_logged(*again).fatal.empty());
  CHECK(verify_log(path).entries == 2 * summary.records);
  CHECK(lines_of(path).size() == 1 + 2 * summary.records);
}

TEST_CASE("the answers' HMAC is that of their canonical JSON under the key") {
  TempDir dir;
  const auto path = dir.path / "decisions.log";
  auto log = open_log(path, true);
  REQUIRE(screen_logged(*log).fatal.empty());
  const std::string line = lines_of(path).at(1);
  const std::size_t at = line.find(R"("answers":)") + 10;
  const std::string answers = line.substr(at, line.find('}', at) + 1 - at);
  CHECK(answers.starts_with(R"({"age":29,"pregnant":false,)"));
  const std::string hmac = util::HmacSha256(key).mac_hex(answers);
  CHECK(line.find(R"("answers_hmac":")" + hmac + "\"") != std::string::npos);
  CHECK(line.find(R"("key":")" + log->key_id() + "\"") != std::string::npos);
}

TEST_CASE("verify_log finds an edited byte, a removed line, swapped lines and a cut tail at their line") {
  TempDir dir;
  const auto path = dir.path / "decisions.log";
  {
    auto log = open_log(path);
    REQUIRE(screen_logged(*log).fatal.empty());
  }
  const auto lines = lines_of(path);
  REQUIRE(lines.size() > 6);

  auto edited = lines;
  edited[4][edited[4].find("\"decision\":\"") + 12] = 'X';  // one byte of the 4th decision
  write_lines(path, edited);
  check_problem(path, codes::log_edited, 5);

  auto resealed = lines;  // line 3 edited and its own hash recomputed: line 4 no longer follows it
  resealed[2].replace(resealed[2].find("B-0002"), 6, "B-0009");
  const std::string body = resealed[2].substr(0, resealed[2].size() - 75);
  resealed[2] = body + ",\"hash\":\"" + util::sha256_hex(body) + "\"}";
  write_lines(path, resealed);
  check_problem(path, codes::log_edited, 3);

  auto removed = lines;
  removed.erase(removed.begin() + 3);
  write_lines(path, removed);
  check_problem(path, codes::log_removed, 4);

  auto swapped = lines;
  std::swap(swapped[3], swapped[4]);
  write_lines(path, swapped);
  check_problem(path, codes::log_reordered, 4);

  auto cut = lines;
  cut.back().resize(cut.back().size() / 2);
  write_lines(path, cut, false);
  check_problem(path, codes::log_truncated, static_cast<std::uint32_t>(cut.size()));
  // Nothing is appended after a cut tail: the chain would continue from a broken line.
  std::vector<Diagnostic> errors;
  auto log = DecisionLog::open(path, DecisionLogOptions{key, false}, errors);
  REQUIRE(log);
  const BatchSummary summary = screen_logged(*log);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal[0].code == codes::log_truncated);

  auto headless = lines;
  headless.erase(headless.begin());
  write_lines(path, headless);
  check_problem(path, codes::log_not_a_log, 1);

  write_lines(path, lines);
  CHECK(verify_log(path).intact);
}

TEST_CASE("a file that is not a log is never appended to") {
  TempDir dir;
  const auto path = dir.path / "notes.txt";
  std::ofstream(path) << "some notes\n";
  std::vector<Diagnostic> errors;
  CHECK_FALSE(DecisionLog::open(path, DecisionLogOptions{key, false}, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == codes::log_not_a_log);
  CHECK(testing::read_file(path) == "some notes\n");
  CHECK(verify_log(dir.path / "missing.log").problems.at(0).code == codes::io_not_found);
}

TEST_CASE("two writers appending to one log at once keep one chain") {
  TempDir dir;
  const auto path = dir.path / "decisions.log";
  auto first = open_log(path);
  auto second = open_log(path);
  std::thread a([&] {
    for (int i = 0; i < 5; ++i) CHECK(screen_logged(*first).fatal.empty());
  });
  std::thread b([&] {
    for (int i = 0; i < 5; ++i) CHECK(screen_logged(*second).fatal.empty());
  });
  a.join();
  b.join();
  const LogVerification v = verify_log(path);
  CHECK(v.intact);
  CHECK(v.entries == 10 * 20);
}

TEST_CASE("log keys: short ones and ones others may read are refused") {
  TempDir dir;
  Diagnostic error;
  const auto write_key = [&](const std::string& name, const std::string& text, mode_t mode) {
    const auto path = dir.path / name;
    std::ofstream(path, std::ios::binary) << text;
    ::chmod(path.c_str(), mode);
    return path;
  };
  const auto good = read_log_key(write_key("good", key + "\n", 0600), error);
  REQUIRE(good);
  CHECK(*good == key);  // the trailing line break is not part of it
  CHECK_FALSE(read_log_key(write_key("short", "too short\n", 0600), error));
  CHECK(error.code == codes::log_key);
  CHECK_FALSE(read_log_key(write_key("shared", key, 0644), error));
  CHECK(error.code == codes::log_key);
  CHECK_FALSE(read_log_key(dir.path / "missing", error));
  CHECK(error.code == codes::log_key);
}
