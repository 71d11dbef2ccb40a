// A rule set sent as its texts (ruleset_sources.hpp) and rebuilt without its files: loading
// from LoadOptions::files never touches the file system, the rebuilt rule set is the same
// policy (sha256, rules, decisions), and texts that are not that policy are refused. And
// BatchResults travel as bytes (encode / decode), equal record for record.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

RuleSet load(const fs::path& path, const LoadOptions& options = {}) {
  LoadResult loaded = load_ruleset_file(path, options);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

bool has_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) {
  for (const Diagnostic& d : diagnostics)
    if (d.code == code) return true;
  return false;
}

BatchResults screened(const RuleSet& rules, const std::string& jsonl) {
  BatchOptions options;
  options.screen.date = Date::parse_iso("2026-11-21");
  BatchResults out(rules);
  std::istringstream in(jsonl);
  screen_batch(rules, in, BatchFormat::jsonl, out, options);
  return out;
}

const fs::path clinic_nl = "rules/clinics/clinic-nl/microneedling.yaml";

}  // namespace

TEST_CASE("sources: a rule set with an extends chain is rebuilt from its texts, under made-up paths") {
  const RuleSet original = load(testing::source_dir() / clinic_nl);
  RuleSetSources sources = ruleset_sources(original);
  REQUIRE(sources.files.size() == 3);  // clinic-nl -> common/microneedling -> common/value_sets
  CHECK(sources.files[0].path == (testing::source_dir() / clinic_nl).string());
  CHECK_FALSE(sources.catalogue);  // the built-in catalogue does not travel
  // Move every path under a directory that does not exist: nothing may be read from disk.
  const std::string from = testing::source_dir().string(), to = "/nonexistent/elsewhere";
  for (SourceFile& file : sources.files) file.path = to + file.path.substr(from.size());
  sources.directory = to + sources.directory.substr(from.size());
  const LoadResult rebuilt = load_ruleset_sources(sources);
  REQUIRE_MESSAGE(rebuilt, format_diagnostics(rebuilt.diagnostics));
  CHECK(rebuilt.ruleset->sha256() == original.sha256());
  REQUIRE(rebuilt.ruleset->rules().size() == original.rules().size());
  for (std::size_t i = 0; i < original.rules().size(); ++i)
    CHECK(rebuilt.ruleset->rules()[i].id == original.rules()[i].id);
  const std::string jsonl = testing::read_file(testing::source_dir() / "examples/batches/intakes.jsonl");
  const BatchResults a = screened(original, jsonl), b = screened(*rebuilt.ruleset, jsonl);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!a.is_error(i)) CHECK(to_json(a.decision(i, "")) == to_json(b.decision(i, "")));
}

TEST_CASE("sources: a custom catalogue travels with the rule set") {
  const RuleSet original = load(testing::data_dir() / "answers/ruleset.yaml");
  const RuleSetSources sources = ruleset_sources(original);
  REQUIRE(sources.catalogue);
  CHECK(sources.catalogue->text == testing::read_file(testing::data_dir() / "answers/questions.yaml"));
  RuleSetSources moved = sources;
  moved.files[0].path = "/nonexistent/ruleset.yaml";
  moved.directory = "/nonexistent";
  moved.catalogue->path = "/nonexistent/questions.yaml";
  const LoadResult rebuilt = load_ruleset_sources(moved);
  REQUIRE_MESSAGE(rebuilt, format_diagnostics(rebuilt.diagnostics));
  CHECK(rebuilt.ruleset->sha256() == original.sha256());
  CHECK(rebuilt.ruleset->catalogue().sha256() == original.catalogue().sha256());
}

TEST_CASE("sources: texts that are not the policy they claim are ruleset.digest_mismatch, never a rule set") {
  const RuleSet original = load(testing::source_dir() / clinic_nl);
  SUBCASE("an edited file") {
    RuleSetSources sources = ruleset_sources(original);
    const auto at = sources.files[1].text.find("decision: refuse");
    REQUIRE(at != std::string::npos);
    sources.files[1].text.replace(at, 16, "decision: refer");
    const LoadResult rebuilt = load_ruleset_sources(sources);
    CHECK_FALSE(rebuilt);
    CHECK(has_code(rebuilt.diagnostics, codes::ruleset_digest_mismatch));
  }
  SUBCASE("a catalogue swapped in") {
    RuleSetSources sources = ruleset_sources(load(testing::data_dir() / "answers/ruleset.yaml"));
    sources.catalogue->text += "\n# edited\n";
    const LoadResult rebuilt = load_ruleset_sources(sources);
    CHECK_FALSE(rebuilt);
    CHECK(has_code(rebuilt.diagnostics, codes::ruleset_digest_mismatch));
  }
  SUBCASE("a file of the chain missing") {
    RuleSetSources sources = ruleset_sources(original);
    sources.files.pop_back();
    const LoadResult rebuilt = load_ruleset_sources(sources);
    CHECK_FALSE(rebuilt);
    CHECK(has_code(rebuilt.diagnostics, codes::ruleset_extends_not_found));
  }
}

TEST_CASE("LoadOptions::files: files in memory, looked up by normalised path, the file system never read") {
  LoadOptions options;
  options.files = std::vector<SourceFile>{
      {"policies/clinic/policy.yaml",
       "id: test/memory\nversion: \"1\"\nextends: ../base.yaml\nrules:\n  - id: age\n    when: age < 18\n"
       "    decision: refuse\n    message: Adults only.\n    source: test\n"},
      {"policies/base.yaml",
       "id: test/base\nversion: \"1\"\ntreatment: laser\nlanguages: [en]\nrules:\n  - id: pregnancy\n"
       "    when: pregnant\n    decision: refuse\n    message: Not during pregnancy.\n    source: test\n"},
  };
  const LoadResult loaded = load_ruleset_file("policies/clinic/policy.yaml", options);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  CHECK(loaded.ruleset->rules().size() == 2);
  CHECK(loaded.ruleset->files()[1].path == "policies/clinic/../base.yaml");

  // A real file on disk is not among them: not found, though it exists.
  const LoadResult on_disk = load_ruleset_file(testing::source_dir() / clinic_nl, options);
  CHECK_FALSE(on_disk);
  CHECK(has_code(on_disk.diagnostics, codes::io_not_found));

  options.files->pop_back();
  const LoadResult no_base = load_ruleset_file("policies/clinic/policy.yaml", options);
  CHECK_FALSE(no_base);
  CHECK(has_code(no_base.diagnostics, codes::ruleset_extends_not_found));

  options.files->push_back({"policies/base.yaml", "id: test/base\nversion: \"1\"\nextends: clinic/policy.yaml\n"});
  const LoadResult cycle = load_ruleset_file("policies/clinic/policy.yaml", options);
  CHECK_FALSE(cycle);
  CHECK(has_code(cycle.diagnostics, codes::ruleset_extends_cycle));
}

TEST_CASE("BatchResults: encode and decode give equal records; bytes that are not an encoding are refused") {
  const RuleSet rules = load(testing::source_dir() / "rules/clinics/clinic-sv/microneedling.yaml");
  std::string jsonl = testing::read_file(testing::source_dir() / "examples/batches/intakes.jsonl");
  jsonl += "not JSON\n{\"id\": \"X\", \"answers\": {\"pregant\": true}}\n";
  const BatchResults original = screened(rules, jsonl);
  REQUIRE(original.error_count() == 2);
  const std::string bytes = original.encode();
  const BatchResults decoded = BatchResults::decode(rules, bytes);
  REQUIRE(decoded.size() == original.size());
  CHECK(decoded.error_count() == original.error_count());
  for (std::size_t i = 0; i < original.size(); ++i) {
    REQUIRE(decoded.is_error(i) == original.is_error(i));
    CHECK(decoded.id(i) == original.id(i));
    if (original.is_error(i)) {
      CHECK(format_diagnostic(decoded.errors(i)[0]) == format_diagnostic(original.errors(i)[0]));
    } else {
      CHECK(to_json(decoded.decision(i, "sv")) == to_json(original.decision(i, "sv")));
    }
  }
  CHECK(decoded.encode() == bytes);

  CHECK_THROWS_AS(BatchResults::decode(rules, bytes.substr(0, bytes.size() / 2)), std::invalid_argument);
  CHECK_THROWS_AS(BatchResults::decode(rules, "not an encoding"), std::invalid_argument);
  CHECK_THROWS_AS(BatchResults::decode(rules, bytes + "x"), std::invalid_argument);
  const RuleSet other = load(testing::source_dir() / clinic_nl);
  CHECK_THROWS_AS(BatchResults::decode(other, bytes), std::invalid_argument);
  // Every single-byte corruption is either refused or decodes to records inside the rule set.
  for (std::size_t at = 0; at < bytes.size(); at += 7) {
    std::string corrupt = bytes;
    corrupt[at] = static_cast<char>(corrupt[at] ^ 0x5A);
    try {
      const BatchResults r = BatchResults::decode(rules, corrupt);
      for (std::size_t i = 0; i < r.size(); ++i)
        if (!r.is_error(i)) (void)r.decision(i, "");
    } catch (const std::invalid_argument&) {
    }
  }
}
