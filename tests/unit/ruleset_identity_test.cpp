// The rule set's sha256 (docs/interfaces.md, "Rule-set identity"): it covers the rule-set
// files and, when the questions come from a catalogue other than the built-in one, that
// catalogue's content, so that no edit to what decides goes unnoticed in an audit.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <contrascreen/contrascreen.hpp>

#include "test_data.hpp"
#include "util/sha256.hpp"

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

const std::string policy =
    "id: test/identity\nversion: \"1\"\ntreatment: laser\nlanguages: [en]\nrules:\n"
    "  - id: pregnancy\n    when: pregnant\n    decision: refuse\n    message: Not during pregnancy.\n"
    "    source: test\n";

const std::string questions =
    "catalogue: test/identity\nversion: \"1\"\nlanguages: [en]\nquestions:\n"
    "  - id: pregnant\n    type: bool\n    prompt: {en: \"Are you pregnant?\"}\n"
    "  - id: last_session_on\n    type: date\n    prompt: {en: \"When was your last session?\"}\n";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The digest as docs/interfaces.md defines it, for one file without BOM or CRLF.
std::string documented_digest(const std::string& text, const std::string& catalogue_line = "") {
  return util::sha256_hex("contrascreen-ruleset-v1\nfile " + std::to_string(text.size()) + "\n" + text +
                          catalogue_line);
}

std::string digest_with(const std::string& catalogue_text) {
  const CatalogueLoadResult catalogue = Catalogue::load_string(catalogue_text, "questions.yml");
  REQUIRE_MESSAGE(catalogue.catalogue, format_diagnostics(catalogue.diagnostics));
  LoadOptions options;
  options.catalogue = catalogue.catalogue;
  const LoadResult loaded = load_ruleset_string(policy, "<identity>", options);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return loaded.ruleset->sha256();
}

}  // namespace

TEST_CASE(
    "identity: on the built-in catalogue the digest covers the rule-set text alone, as before catalogues counted") {
  const LoadResult loaded = load_ruleset_string(policy);
  REQUIRE(loaded);
  CHECK(loaded.ruleset->sha256() == documented_digest(policy));
  LoadOptions options;
  options.catalogue = Catalogue::builtin();
  CHECK(load_ruleset_string(policy, "<identity>", options).ruleset->sha256() == documented_digest(policy));
  // A catalogue with the built-in catalogue's very content is the built-in catalogue.
  const std::string builtin_text = testing::read_file(testing::source_dir() / "rules" / "questions.yaml");
  CHECK(digest_with(builtin_text) == documented_digest(policy));
}

TEST_CASE("identity: a custom catalogue's content is part of the digest") {
  const std::string original = digest_with(questions);
  const auto catalogue = Catalogue::load_string(questions, "questions.yml").catalogue;
  REQUIRE(catalogue);
  CHECK(original == documented_digest(policy, "catalogue " + catalogue->sha256() + "\n"));
  CHECK(original != documented_digest(policy));
  // One prompt, one type, one added question: each a different policy.
  const std::string prompt = digest_with(replaced(questions, "Are you pregnant?", "Are you pregnant now?"));
  const std::string type = digest_with(replaced(questions, "type: date", "type: bool"));
  const std::string added =
      digest_with(questions + "  - id: age\n    type: number\n    prompt: {en: \"How old are you?\"}\n");
  CHECK(prompt != original);
  CHECK(type != original);
  CHECK(added != original);
  CHECK(prompt != type);
  // Line endings are not content.
  std::string crlf;
  for (const char c : questions) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(digest_with(crlf) == original);
}

TEST_CASE("identity: a catalogue named by the rule set's `catalogue:` key counts the same way") {
  const fs::path dir = fs::temp_directory_path() / ("contrascreen-identity-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "policy.yaml", std::ios::binary) << policy << "catalogue: questions.yml\n";
  std::ofstream(dir / "questions.yml", std::ios::binary) << questions;
  const LoadResult before = load_ruleset_file(dir / "policy.yaml");
  REQUIRE_MESSAGE(before, format_diagnostics(before.diagnostics));
  CHECK(before.ruleset->sha256() == documented_digest(policy + "catalogue: questions.yml\n",
                                                      "catalogue " + before.ruleset->catalogue().sha256() + "\n"));
  std::ofstream(dir / "questions.yml", std::ios::binary | std::ios::trunc)
      << replaced(questions, "When was your last session?", "When was your most recent session?");
  const LoadResult after = load_ruleset_file(dir / "policy.yaml");
  REQUIRE(after);
  CHECK(after.ruleset->sha256() != before.ruleset->sha256());
  fs::remove_all(dir);
}
