// The records of a batch: a record is one line, in CSV as in JSON Lines, so a broken record
// costs only itself. Records out = records in, checked over generated batches with the
// broken records of tests/data/batches/broken_records.yaml mixed in, through screen_batch
// and the command line (docs/reliability.md).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>
#include <contrascreen/output.hpp>

#include "generated_intakes.hpp"
#include "io/batch_reader.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

// ---- how lines become records ------------------------------------------------------

struct Split {
  std::string_view input;
  std::vector<std::pair<std::uint32_t, std::string>> records;  // line, text
};

// clang-format off
const std::vector<Split> splits = {
    {"a\nb\n", {{1, "a"}, {2, "b"}}},
    {"a\r\nb", {{1, "a"}, {2, "b"}}},
    {"", {}},
    {"\n\n", {}},
    {" \n\t\r\n\r\n\r\r\nc", {{5, "c"}}},
    {"a\rb\n", {{1, "a\rb"}}},  // a lone '\r' is no line break
    // A quote never holds a line break: the next line is the next record.
    {"\"a\nb\"\n", {{1, "\"a"}, {2, "b\""}}},
    {"x,\"open\ny\nz\n", {{1, "x,\"open"}, {2, "y"}, {3, "z"}}},
    {"x,\"a\r\nb\"\r\n\"\"\"\n", {{1, "x,\"a"}, {2, "b\""}, {3, "\"\"\""}}},
    {"{\"id\": \"a\n\"}\n", {{1, "{\"id\": \"a"}, {2, "\"}"}}},
};
// clang-format on

std::vector<std::pair<std::uint32_t, std::string>> records_of(io::ChunkReader& reader) {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  io::Chunk chunk;
  while (reader.next(chunk))
    for (const io::BatchRecord& r : chunk.records) out.emplace_back(r.line, chunk.text.substr(r.offset, r.length));
  return out;
}

// ---- records out = records in ----------------------------------------------------------

struct Broken {
  std::string line;                          // a whole line, or
  std::map<std::string, std::string> cells;  // cells replacing a generated record's
  std::string code;                          // the first error of its error record
};

std::vector<Broken> broken_records(const char* format) {
  std::vector<Broken> out;
  const YAML::Node root = YAML::LoadFile((testing::data_dir() / "batches" / "broken_records.yaml").string());
  for (const YAML::Node& node : root[format]) {
    Broken broken;
    if (node["line"]) broken.line = node["line"].as<std::string>();
    if (node["cell"])
      for (const auto& cell : node["cell"]) broken.cells[cell.first.as<std::string>()] = cell.second.as<std::string>();
    broken.code = node["code"].as<std::string>();
    out.push_back(std::move(broken));
  }
  REQUIRE(out.size() >= 10);
  return out;
}

const RuleSet& policy(const std::string& name) {
  static std::map<std::string, RuleSet> loaded;
  auto it = loaded.find(name);
  if (it == loaded.end()) {
    LoadResult result = load_ruleset_file(testing::source_dir() / name);
    REQUIRE_MESSAGE(result, format_diagnostics(result.diagnostics));
    it = loaded.emplace(name, std::move(*result.ruleset)).first;
  }
  return it->second;
}

const std::vector<std::string> policies = {"examples/policies/quickstart.yaml",
                                           "rules/clinics/clinic-en-c/microneedling.yaml"};

// A generated batch with broken records and blank lines mixed in.
struct MixedBatch {
  std::string text;   // the whole input
  std::string clean;  // the same input with only the good records
  std::vector<std::uint32_t> broken_lines;
  std::vector<std::string> broken_codes;
  std::vector<bool> is_broken;  // per record, in order
};

class BatchMaker {
 public:
  BatchMaker(const Catalogue& catalogue, BatchFormat format, std::uint64_t seed)
      : format_(format),
        generator_(catalogue, seed),
        rng_(seed),
        broken_(broken_records(format == BatchFormat::csv ? "csv" : "jsonl")) {
    std::size_t column = 0;
    for (const Question& q : catalogue.questions()) columns_[q.id] = 2 + column++;  // after id and date
  }

  MixedBatch make(std::size_t records) {
    MixedBatch batch;
    const std::string ending = pick(2) == 0 ? "\n" : "\r\n";
    std::uint32_t line = 0;
    auto add = [&](const std::string& text, bool clean) {
      batch.text += text + ending;
      ++line;
      if (clean) batch.clean += text + "\n";
    };
    if (format_ == BatchFormat::csv) add(generator_.csv_header(), true);
    for (std::size_t i = 0; i < records; ++i) {
      if (pick(4) == 0) add(blank_lines[pick(std::size(blank_lines))], false);
      const auto generated = generator_.next();
      const std::string& good = format_ == BatchFormat::csv ? generated.csv : generated.json;
      if (pick(3) != 0) {
        add(good, true);
        batch.is_broken.push_back(false);
        continue;
      }
      const Broken& broken = broken_[pick(broken_.size())];
      add(broken.line.empty() ? with_cells(good, broken.cells) : broken.line, false);
      batch.broken_lines.push_back(line);
      batch.broken_codes.push_back(broken.code);
      batch.is_broken.push_back(true);
    }
    if (pick(2) == 0) batch.text.resize(batch.text.size() - ending.size());  // no line break after the last
    return batch;
  }

 private:
  static constexpr const char* blank_lines[] = {"", " ", "\t", "\r", " \t "};

  // The generated CSV record with some cells replaced (generated cells hold no comma).
  std::string with_cells(const std::string& record, const std::map<std::string, std::string>& cells) {
    std::vector<std::string> split(1);
    for (const char c : record) {
      if (c == ',')
        split.emplace_back();
      else
        split.back() += c;
    }
    for (const auto& [question, text] : cells) split.at(columns_.at(question)) = text;
    std::string out;
    for (std::size_t i = 0; i < split.size(); ++i) out += (i ? "," : "") + split[i];
    return out;
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  BatchFormat format_;
  testing::IntakeGenerator generator_;
  std::mt19937_64 rng_;
  std::vector<Broken> broken_;
  std::map<std::string, std::size_t> columns_;
};

std::string screen(const RuleSet& rules, const std::string& input, BatchFormat format, const std::string& name,
                   unsigned jobs, BatchSummary& summary) {
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.format = OutputFormat::json;
  options.jobs = jobs;
  options.name = name;
  summary = screen_batch(rules, in, format, out, options);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string field(const std::string& record, const std::string& key) {
  const std::size_t at = record.find("\"" + key + "\":");
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size() + 3;
  return record.substr(start, record.find_first_of(",}", start) - start);
}

// Checks `output` record for record against `batch`; returns the records checked.
std::size_t check_records(const MixedBatch& batch, const std::string& output, const std::string& clean_output,
                          const BatchSummary& summary) {
  const std::vector<std::string> out = lines_of(output);
  const std::vector<std::string> clean = lines_of(clean_output);
  CHECK(summary.fatal.empty());
  REQUIRE(out.size() == batch.is_broken.size());
  CHECK(summary.records == batch.is_broken.size());
  CHECK(summary.errors == batch.broken_lines.size());
  std::size_t next_clean = 0, next_broken = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    CAPTURE(i);
    CAPTURE(out[i]);
    if (batch.is_broken[i]) {
      CHECK(field(out[i], "decision") == "null");
      CHECK(field(out[i], "code") == "\"" + batch.broken_codes[next_broken] + "\"");
      CHECK(field(out[i], "line") == std::to_string(batch.broken_lines[next_broken]));
      ++next_broken;
    } else {
      // Screened as it is in a batch without the broken records.
      REQUIRE(next_clean < clean.size());
      CHECK(out[i] == clean[next_clean++]);
    }
  }
  CHECK(next_clean == clean.size());
  return out.size();
}

}  // namespace

TEST_CASE("batch records: a record is one line, whatever its quotes") {
  for (const Split& split : splits) {
    CAPTURE(split.input);
    std::istringstream in{std::string(split.input)};
    io::ChunkReader reader(in);
    CHECK(records_of(reader) == split.records);
  }
  // The CSV header is the first line that is not blank, and one line too.
  std::istringstream in("\n \r\nid,\"x\ny\"\nz");
  io::ChunkReader reader(in);
  std::string header;
  std::uint32_t line = 0;
  REQUIRE(reader.read_header(header, line));
  CHECK(header == "id,\"x");
  CHECK(line == 3);
  const std::vector<std::pair<std::uint32_t, std::string>> rest = {{4, "y\""}, {5, "z"}};
  CHECK(records_of(reader) == rest);
}

TEST_CASE("properties: records out = records in, broken records cost only themselves") {
  std::size_t records = 0;
  for (const BatchFormat format : {BatchFormat::csv, BatchFormat::jsonl}) {
    for (const std::string& name : policies) {
      CAPTURE(name);
      const RuleSet& rules = policy(name);
      BatchMaker maker(rules.catalogue(), format, 20261121 + records);
      for (std::size_t round = 0; round < 60; ++round) {
        CAPTURE(round);
        const MixedBatch batch = maker.make(1 + round % 40);
        CAPTURE(batch.text);
        BatchSummary clean_summary;
        const std::string clean = screen(rules, batch.clean, format, "batch", 1, clean_summary);
        CHECK(clean_summary.errors == 0);
        for (const unsigned jobs : {1u, 2u}) {
          BatchSummary summary;
          const std::string output = screen(rules, batch.text, format, "batch", jobs, summary);
          records += check_records(batch, output, clean, summary);
        }
      }
    }
  }
  MESSAGE("records-out property: " << records << " records");
}

#ifdef CONTRASCREEN_CLI
TEST_CASE("properties: the command line gives one record per record, broken ones too") {
  const fs::path dir = fs::temp_directory_path() / ("contrascreen-records-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const BatchFormat format : {BatchFormat::csv, BatchFormat::jsonl}) {
    const std::string& name = policies.back();
    const RuleSet& rules = policy(name);
    BatchMaker maker(rules.catalogue(), format, 11);
    for (std::size_t round = 0; round < 4; ++round) {
      CAPTURE(round);
      const MixedBatch batch = maker.make(50);
      const fs::path input = dir / (format == BatchFormat::csv ? "batch.csv" : "batch.jsonl");
      std::ofstream(input, std::ios::binary) << batch.text;
      BatchSummary summary, clean_summary;
      const std::string expected = screen(rules, batch.text, format, input.string(), 1, summary);
      const std::string clean = screen(rules, batch.clean, format, input.string(), 1, clean_summary);
      check_records(batch, expected, clean, summary);
      const std::string command = std::string("\"") + CONTRASCREEN_CLI + "\" screen --rules \"" +
                                  (testing::source_dir() / name).string() + "\" --format jsonl \"" + input.string() +
                                  "\" > \"" + (dir / "out.jsonl").string() + "\" 2> \"" + (dir / "err").string() + "\"";
      const int status = std::system(command.c_str());
      REQUIRE(WIFEXITED(status));
      REQUIRE_FALSE(batch.broken_lines.empty());
      CHECK(WEXITSTATUS(status) == 65);
      CHECK(testing::read_file(dir / "out.jsonl") == expected);
    }
  }
  fs::remove_all(dir);
}
#endif
