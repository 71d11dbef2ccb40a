// BatchResults: screen_batch and screen_input into memory keep the same records, in the
// same order, as they write; a decision rendered from the compact record is byte for byte
// the JSON Lines record; whole-input problems are the same fatal diagnostics.
#include <doctest/doctest.h>

#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;

RuleSet load(const char* relative) {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / relative);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The same batch written as JSON Lines and kept as BatchResults.
struct Both {
  BatchSummary written_summary, kept_summary;
  std::vector<std::string> written;
  BatchResults kept;
};

Both screen_both(const RuleSet& rules, const std::string& text, BatchFormat format, unsigned jobs) {
  BatchOptions options;
  options.jobs = jobs;
  options.screen.date = Date::parse_iso("2026-11-21");
  options.name = "batch";
  Both both{{}, {}, {}, BatchResults(rules)};
  std::istringstream in(text);
  std::ostringstream out;
  both.written_summary = screen_batch(rules, in, format, out, options);
  both.written = lines_of(out.str());
  std::istringstream again(text);
  both.kept_summary = screen_batch(rules, again, format, both.kept, options);
  return both;
}

std::string error_record(const BatchResults& results, std::size_t i) {
  std::string out;
  const auto errors = results.errors(i);
  const auto id = results.id(i);
  append_error_record(out, OutputFormat::json, id ? std::optional<std::string>(*id) : std::nullopt,
                      std::vector<Diagnostic>(errors.begin(), errors.end()));
  out.pop_back();
  return out;
}

TEST_CASE("BatchResults: every record, decision or error, is the record screen_batch writes, at any jobs") {
  const RuleSet rules = load("rules/clinics/clinic-sv/microneedling.yaml");
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    if (i % 97 == 5)
      text += "{\"id\": \"bad-" + std::to_string(i) + "\", \"answers\": {\"pregnant\": \"yes\"}}\n";
    else if (i % 211 == 7)
      text += "not json\n";
    else
      text += "{\"id\": \"P-" + std::to_string(i) + "\", \"answers\": {\"pregnant\": " + (i % 3 ? "false" : "true") +
              (i % 5 ? ", \"breastfeeding\": false" : "") + (i % 7 ? "" : ", \"oral_retinoids\": \"past\"") + "}}\n";
  }
  for (const unsigned jobs : {1U, 2U}) {
    const Both both = screen_both(rules, text, BatchFormat::jsonl, jobs);
    REQUIRE(both.kept.size() == both.written.size());
    CHECK(both.kept_summary.records == both.written_summary.records);
    CHECK(both.kept_summary.errors == both.written_summary.errors);
    CHECK(both.kept.error_count() == both.kept_summary.errors);
    CHECK(both.kept_summary.fatal.empty());
    for (std::size_t i = 0; i < both.kept.size(); ++i) {
      const std::string kept = both.kept.is_error(i) ? error_record(both.kept, i) : to_json(both.kept.decision(i, ""));
      REQUIRE_MESSAGE(kept == both.written[i], "record " << i);
    }
  }
}

TEST_CASE("BatchResults: CSV input, languages, and the decision-level until") {
  const RuleSet rules = load("rules/clinics/clinic-sv/microneedling.yaml");
  const std::string text =
      "id,date,previous_microneedling,last_microneedling_date,pregnant\n"
      "A,2026-11-21,true,2026-11-10,false\n"
      "B,2026-11-21,false,,true\n"
      "C,2026-11-21,maybe,,false\n";
  const Both both = screen_both(rules, text, BatchFormat::csv, 1);
  REQUIRE(both.kept.size() == 3);
  CHECK(both.kept.until(0) == Date::parse_iso("2026-12-08"));
  CHECK_FALSE(both.kept.until(1));
  CHECK(both.kept.is_error(2));
  CHECK(both.kept.id(2) == std::optional<std::string_view>("C"));
  for (const std::string& language : rules.languages())
    CHECK(to_json(both.kept.decision(1, language)).find("\"language\":\"" + language + "\"") != std::string::npos);
}

// Yields `text` and then fails, as a disk does on an I/O error.
class FailingAfter : public std::streambuf {
 public:
  explicit FailingAfter(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

 protected:
  int_type underflow() override { throw std::ios_base::failure("read error (simulated)"); }

 private:
  std::string text_;
};

TEST_CASE("BatchResults: a read that fails part way is io.read; an input with no intake is intake.empty") {
  const RuleSet rules = load("rules/common/microneedling.yaml");
  std::string text;
  while (text.size() < (3u << 20))
    text += R"({"id": "P", "answers": {"pregnant": false}})"
            "\n";
  FailingAfter buffer(text);
  std::istream in(&buffer);
  BatchResults results(rules);
  const BatchSummary summary = screen_batch(rules, in, BatchFormat::jsonl, results);
  REQUIRE(summary.fatal.size() == 1);
  CHECK(summary.fatal.front().code == "io.read");
  CHECK(results.size() == summary.records);

  for (const std::string empty : {"", "\n\n"}) {
    std::istringstream none(empty);
    BatchResults nothing(rules);
    const BatchSummary s = screen_batch(rules, none, BatchFormat::jsonl, nothing);
    REQUIRE(s.fatal.size() == 1);
    CHECK(s.fatal.front().code == "intake.empty");
    CHECK(nothing.empty());
  }
}

TEST_CASE("BatchResults: screen_input into memory; results belong to one rule set") {
  const RuleSet rules = load("rules/clinics/clinic-sv/microneedling.yaml");
  std::istringstream no_input;
  BatchResults one(rules);
  const auto file = testing::source_dir() / "examples/intakes/pregnant.json";
  const BatchSummary summary = screen_input(rules, file.string(), no_input, one);
  REQUIRE(one.size() == 1);
  CHECK(summary.fatal.empty());
  IntakeResult read = read_intake_file(file, rules.catalogue_ptr());
  REQUIRE(read);
  CHECK(to_json(one.decision(0, "")) == to_json(rules.screen(*read.intake)));

  BatchResults missing(rules);
  CHECK(screen_input(rules, "/no/such/file.jsonl", no_input, missing).fatal.front().code == "io.not_found");
  CHECK(missing.empty());

  const RuleSet other = load("rules/common/microneedling.yaml");
  BatchResults theirs(other);
  std::istringstream in("{\"answers\": {}}\n");
  CHECK_THROWS_AS(screen_batch(rules, in, BatchFormat::jsonl, theirs), std::invalid_argument);
  CHECK_THROWS_AS(one.append(theirs), std::invalid_argument);
  BatchResults copy(rules);  // a copy of the rule set is the same rule set
  copy.append(one);
  copy.append(one);
  CHECK(copy.size() == 2);
  CHECK(to_json(copy.decision(1, "")) == to_json(one.decision(0, "")));
  copy.clear();
  CHECK(copy.empty());
}

}  // namespace
