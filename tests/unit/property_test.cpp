// Properties of screening, checked over many generated intakes for every shipped policy
// (docs/reliability.md). The generator is seeded: a failure names the policy, the
// intake (as JSON) and the change, and replays. CONTRASCREEN_PROPERTY_INTAKES and
// CONTRASCREEN_PROPERTY_SEED override the count per policy and the seed for longer runs.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>
#include <contrascreen/output.hpp>

#include "generated_intakes.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

std::size_t env_or(const char* name, std::size_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? static_cast<std::size_t>(std::strtoull(value, nullptr, 10)) : fallback;
}
std::size_t intakes_per_policy() {
  return env_or("CONTRASCREEN_PROPERTY_INTAKES", 1500);
}
std::uint64_t seed() {
  return env_or("CONTRASCREEN_PROPERTY_SEED", 20261121);
}

struct Policy {
  std::string name;
  RuleSet rules;
};

// Every shipped policy: the baseline, the clinics', and the README's example.
const std::vector<Policy>& shipped_policies() {
  static const std::vector<Policy> policies = [] {
    std::vector<fs::path> files = testing::files_in(testing::source_dir() / "rules", ".yaml");
    files.push_back(testing::source_dir() / "examples/policies/quickstart.yaml");
    std::vector<Policy> out;
    for (const fs::path& file : files) {
      if (file.filename() == "questions.yaml") continue;
      LoadResult loaded = load_ruleset_file(file);
      REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
      if (loaded.ruleset->rules().empty()) continue;  // value_sets.yaml: nothing to decide
      out.push_back({fs::relative(file, testing::source_dir()).string(), std::move(*loaded.ruleset)});
    }
    REQUIRE(out.size() >= 7);
    return out;
  }();
  return policies;
}

int severity(Verdict v) {
  return static_cast<int>(v);
}

// Screens with the fast path and checks the invariant every decision keeps: allow comes
// with neither reasons nor unanswered questions.
struct Screener {
  const RuleSet& rules;
  Screening screening;
  std::size_t screenings = 0;
  std::size_t allow_violations = 0;

  Verdict operator()(const Intake& intake) {
    rules.screen(intake, {}, screening);
    ++screenings;
    if (screening.verdict() == Verdict::allow && (!screening.unanswered().empty() || !screening.hits().empty()))
      ++allow_violations;
    return screening.verdict();
  }
};

// Collects the first few counterexamples, so that one broken property does not flood the log.
struct Failures {
  std::size_t count = 0;
  std::string examples;
  void add(const std::string& what) {
    if (++count <= 5) examples += what + "\n";
  }
};

Intake read_json(const RuleSet& rules, const std::string& line) {
  IntakeResult r = parse_intake(line, IntakeFormat::json, rules.catalogue_ptr());
  REQUIRE_MESSAGE(r, format_diagnostics(r.diagnostics) << line);
  return std::move(*r.intake);
}

std::string list_text(const std::vector<std::string>& items) {
  std::string s = "[";
  for (const auto& item : items) s += (s.size() > 1 ? ", \"" : "\"") + item + "\"";
  return s + "]";
}

// The decisions of `lines`, one by one through the public API, as JSON Lines.
std::string one_by_one(const RuleSet& rules, const std::vector<std::string>& lines, OutputFormat format) {
  std::string out;
  Screening screening;
  for (const std::string& line : lines) {
    const Intake intake = read_json(rules, line);
    rules.screen(intake, {}, screening);
    append_decision(out, format, rules, intake, screening);
  }
  return out;
}

std::string run_batch(const RuleSet& rules, const std::string& input, BatchFormat in_format, OutputFormat out_format,
                      unsigned jobs) {
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.format = out_format;
  options.jobs = jobs;
  options.csv_header = false;
  const BatchSummary summary = screen_batch(rules, in, in_format, out, options);
  CHECK(summary.errors == 0);
  CHECK(summary.fatal.empty());
  return out.str();
}

struct Batch {
  std::vector<std::string> lines;  // JSON
  std::string jsonl;
  std::string csv;
};

Batch generate(const RuleSet& rules, std::size_t count, std::uint64_t batch_seed) {
  testing::IntakeGenerator generator(rules.catalogue(), batch_seed);
  Batch batch;
  batch.csv = generator.csv_header() + "\n";
  for (std::size_t i = 0; i < count; ++i) {
    auto generated = generator.next();
    batch.jsonl += generated.json + "\n";
    batch.csv += generated.csv + "\n";
    batch.lines.push_back(std::move(generated.json));
  }
  return batch;
}

// The skeleton of the change properties: for intakes_per_policy() generated intakes of
// every shipped policy, `try_changes(policy, line, intake, verdict, screen, failures)`
// screens changed copies of the intake with `screen` and records counterexamples in
// `failures`; no counterexample, and no allow with reasons or unanswered questions, may
// be found. Returns the screenings done.
template <class TryChanges>
std::size_t check_changes(std::uint64_t generator_seed, TryChanges try_changes) {
  std::size_t screenings = 0;
  for (const Policy& policy : shipped_policies()) {
    CAPTURE(policy.name);
    testing::IntakeGenerator generator(policy.rules.catalogue(), generator_seed);
    Screener screen{policy.rules, {}, 0, 0};
    Failures failures;
    for (std::size_t n = 0; n < intakes_per_policy(); ++n) {
      const std::string line = generator.next().json;
      const Intake intake = read_json(policy.rules, line);
      try_changes(policy, line, intake, screen(intake), screen, failures);
    }
    screenings += screen.screenings;
    CHECK_MESSAGE(failures.count == 0, failures.count << " counterexamples, first:\n" << failures.examples);
    CHECK(screen.allow_violations == 0);
  }
  return screenings;
}

}  // namespace

TEST_CASE("properties: a worse answer never makes a decision less severe") {
  std::size_t changes = 0, intakes = 0;
  const std::size_t screenings =
      check_changes(seed(), [&](const Policy& policy, const std::string& line, const Intake& intake, Verdict before,
                                Screener& screen, Failures& failures) {
        const RuleSet& rules = policy.rules;
        const auto& questions = rules.catalogue().questions();
        ++intakes;
        auto check = [&](Intake& changed, const std::string& change) {
          ++changes;
          const Verdict after = screen(changed);
          if (severity(after) < severity(before))
            failures.add(policy.name + ": " + change + " turned " + to_string(before) + " into " + to_string(after) +
                         " for " + line);
        };
        for (const std::uint32_t index : rules.questions()) {
          const Question& q = questions[index];
          const auto answer = intake.get(q.id);
          if (!answer) continue;
          if (q.type == QuestionType::boolean && !std::get<bool>(*answer)) {
            Intake changed = intake;
            changed.set(q.id, true);
            check(changed, q.id + ": no -> yes");
          } else if (q.type == QuestionType::enumeration) {
            // The catalogue orders enum values least to most severe: try every worse one.
            const auto from = *q.enum_index(std::get<std::string>(*answer));
            for (std::size_t to = from + 1; to < q.values.size(); ++to) {
              Intake changed = intake;
              changed.set(q.id, q.values[to].value);
              check(changed, q.id + ": " + q.values[from].value + " -> " + q.values[to].value);
            }
          } else if (q.type == QuestionType::list) {
            for (const std::string_view drug : testing::IntakeGenerator::drugs()) {
              std::vector<std::string> items = std::get<std::vector<std::string>>(*answer);
              items.emplace_back(drug);
              Intake changed = intake;
              changed.set(q.id, items);
              check(changed, q.id + ": " + list_text(items));
            }
          }
        }
      });
  MESSAGE("worse-answer property: " << intakes << " intakes, " << changes << " changes, " << screenings
                                    << " screenings");
}

TEST_CASE(
    "properties: removing an answer never allows a refused or referred intake, and never refuses an allowed one") {
  std::size_t removals = 0, intakes = 0;
  check_changes(seed() + 1, [&](const Policy& policy, const std::string& line, const Intake& intake, Verdict before,
                                Screener& screen, Failures& failures) {
    ++intakes;
    for (const Question& q : policy.rules.catalogue().questions()) {
      if (!intake.answered(q.id)) continue;
      Intake changed = intake;
      changed.unset(q.id);
      ++removals;
      const Verdict after = screen(changed);
      const bool ok = before == Verdict::allow ? after != Verdict::refuse : after != Verdict::allow;
      if (!ok)
        failures.add(policy.name + ": removing " + q.id + " turned " + to_string(before) + " into " + to_string(after) +
                     " for " + line);
    }
  });
  MESSAGE("removed-answer property: " << intakes << " intakes, " << removals << " removals");
}

TEST_CASE("properties: a decision never says allow while questions are unanswered") {
  std::size_t decisions = 0, allowed = 0;
  for (const Policy& policy : shipped_policies()) {
    CAPTURE(policy.name);
    const RuleSet& rules = policy.rules;
    testing::IntakeGenerator generator(rules.catalogue(), seed() + 2);
    for (std::size_t n = 0; n < intakes_per_policy(); ++n) {
      const std::string line = generator.next().json;
      const Decision decision = rules.screen(read_json(rules, line));
      ++decisions;
      if (decision.decision != Verdict::allow) continue;
      ++allowed;
      CHECK_MESSAGE(decision.unanswered.empty(), line);
      CHECK_MESSAGE(decision.reasons.empty(), line);
    }
  }
  // The generator must produce allowed intakes, or the property says nothing.
  CHECK(allowed * 20 > decisions);
  MESSAGE("allow property: " << decisions << " decisions, " << allowed << " allowed");
}

TEST_CASE("properties: the same input gives byte-identical output one by one, in a batch, with any jobs") {
  const std::size_t count = std::max<std::size_t>(intakes_per_policy() / 3, 50);
  std::size_t compared = 0;
  for (const Policy& policy : shipped_policies()) {
    CAPTURE(policy.name);
    const RuleSet& rules = policy.rules;
    const Batch batch = generate(rules, count, seed() + 3);
    for (const OutputFormat format : {OutputFormat::json, OutputFormat::csv, OutputFormat::text}) {
      CAPTURE(static_cast<int>(format));
      const std::string expected = one_by_one(rules, batch.lines, format);
      REQUIRE(!expected.empty());
      for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
        CAPTURE(jobs);
        CHECK(run_batch(rules, batch.jsonl, BatchFormat::jsonl, format, jobs) == expected);
        CHECK(run_batch(rules, batch.csv, BatchFormat::csv, format, jobs) == expected);
        compared += 2 * count;
      }
    }
    // The Decision path (to_json) and screen_many on several threads render the same bytes.
    std::vector<Intake> intakes;
    std::string decisions;
    for (const std::string& line : batch.lines) {
      intakes.push_back(read_json(rules, line));
      decisions += to_json(rules.screen(intakes.back())) + "\n";
    }
    CHECK(decisions == one_by_one(rules, batch.lines, OutputFormat::json));
    for (const unsigned jobs : {1u, 2u, 4u}) {
      std::vector<ScreenedIntake> screened(intakes.size());
      screen_many(rules, intakes, {}, screened, jobs);
      std::string many;
      for (const ScreenedIntake& s : screened) many += to_json(decide(rules, s, "")) + "\n";
      CHECK(many == decisions);
    }
  }
  MESSAGE("byte-identical property: " << compared << " records compared");
}

TEST_CASE("properties: reading a record never depends on the records read before it") {
  // Regression (found by fuzz_intake_json): simdjson read stale padding bytes left by a
  // longer malformed intake, so a reused reader reported other errors than a fresh one.
  const auto catalogue = Catalogue::builtin();
  auto diagnostics_of = [](JsonIntakeReader& reader, Intake& intake, const std::string& text) {
    std::vector<Diagnostic> diagnostics;
    const bool ok = reader.parse(text, intake, diagnostics);
    std::string rendered = ok ? "ok\n" : "failed\n";
    for (const auto& d : diagnostics) rendered += format_diagnostic(d);
    return rendered;
  };
  const fs::path regressions = testing::source_dir() / "tests/fuzz/regressions/intake_json";
  {
    JsonIntakeReader reused(catalogue), fresh(catalogue);
    Intake intake(catalogue);
    (void)diagnostics_of(reused, intake, testing::read_file(regressions / "padding-1-longer-invalid.json"));
    const std::string second = testing::read_file(regressions / "padding-2-after-longer.json");
    CHECK(diagnostics_of(reused, intake, second) == diagnostics_of(fresh, intake, second));
  }
  // The same over generated intakes, damaged at random, each read after a longer damaged one.
  testing::IntakeGenerator generator(*catalogue, seed() + 5);
  JsonIntakeReader reused(catalogue);
  Intake intake(catalogue);
  std::size_t pairs = 0;
  Failures failures;
  auto damage = [&](std::string text) {
    for (std::size_t edits = 1 + generator.pick(3); edits > 0; --edits) {
      const std::size_t at = generator.pick(text.size());
      switch (generator.pick(3)) {
        case 0:
          text.erase(at, 1 + generator.pick(8));
          break;
        case 1:
          text.insert(at, 1, "\"{}[],:x0"[generator.pick(10)]);
          break;
        default:
          text.resize(at + 1);
          break;
      }
    }
    return text;
  };
  for (std::size_t i = 0; i < intakes_per_policy(); ++i) {
    std::string first = damage(generator.next().json), second = damage(generator.next().json);
    if (first.size() < second.size()) std::swap(first, second);
    (void)diagnostics_of(reused, intake, first);
    JsonIntakeReader fresh(catalogue);
    if (diagnostics_of(reused, intake, second) != diagnostics_of(fresh, intake, second))
      failures.add("after " + first + "\n  " + second);
    ++pairs;
  }
  CHECK_MESSAGE(failures.count == 0, failures.count << " counterexamples, first:\n" << failures.examples);
  MESSAGE("history property: " << pairs << " pairs of damaged intakes");
}

#ifdef CONTRASCREEN_CLI
namespace {

// Runs the CLI with `arguments`, its output to `out`; returns its exit status.
int run_cli(const std::string& arguments, const fs::path& out) {
  const std::string command = std::string("\"") + CONTRASCREEN_CLI + "\" " + arguments + " > \"" + out.string() + "\"";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("properties: the C++ API and the CLI agree record for record") {
  const fs::path dir = fs::temp_directory_path() / ("contrascreen-property-cli-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::size_t count = std::max<std::size_t>(intakes_per_policy() / 3, 50);
  std::size_t compared = 0;
  for (const Policy& policy : shipped_policies()) {
    CAPTURE(policy.name);
    const RuleSet& rules = policy.rules;
    const Batch batch = generate(rules, count, seed() + 4);
    std::ofstream(dir / "batch.jsonl", std::ios::binary) << batch.jsonl;
    std::ofstream(dir / "batch.csv", std::ios::binary) << batch.csv;
    const std::string rules_path = (testing::source_dir() / policy.name).string();
    const std::string expected = one_by_one(rules, batch.lines, OutputFormat::json);
    for (const char* input : {"batch.jsonl", "batch.csv"}) {
      for (const char* jobs : {"1", "2"}) {
        CAPTURE(input);
        CAPTURE(jobs);
        const int status = run_cli("screen --rules \"" + rules_path + "\" --format jsonl --jobs " + jobs + " \"" +
                                       (dir / input).string() + "\"",
                                   dir / "out.jsonl");
        CHECK(status <= 2);
        CHECK(testing::read_file(dir / "out.jsonl") == expected);
        compared += count;
      }
    }
    // Single intake files, several per invocation; the exit status is the most severe decision.
    std::vector<std::string> singles(batch.lines.begin(), batch.lines.begin() + std::min<std::size_t>(count, 40));
    std::string arguments = "screen --rules \"" + rules_path + "\" --format json";
    Verdict worst = Verdict::allow;
    for (std::size_t i = 0; i < singles.size(); ++i) {
      const fs::path file = dir / ("intake-" + std::to_string(i) + ".json");
      std::ofstream(file, std::ios::binary) << singles[i];
      arguments += " \"" + file.string() + "\"";
      const Verdict v = rules.screen(read_json(rules, singles[i])).decision;
      if (severity(v) > severity(worst)) worst = v;
    }
    CHECK(run_cli(arguments, dir / "out.json") == severity(worst));
    CHECK(testing::read_file(dir / "out.json") == one_by_one(rules, singles, OutputFormat::json));
    compared += singles.size();
  }
  fs::remove_all(dir);
  MESSAGE("API-vs-CLI property: " << compared << " records compared");
}
#endif
