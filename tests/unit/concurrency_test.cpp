// Thread safety (docs/reliability.md): many threads screening with one shared, compiled
// rule set agree with one thread, and screening never modifies a loaded rule set. Run
// under ThreadSanitizer by scripts/hardening.sh (ctest -R '^concurrency').
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <contrascreen/batch.hpp>
#include <contrascreen/contrascreen.hpp>
#include <contrascreen/explain.hpp>
#include <contrascreen/output.hpp>

#include "core/intake_access.hpp"
#include "generated_intakes.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "test_data.hpp"

namespace {

using namespace contrascreen;

constexpr unsigned thread_count = 8;

RuleSet load(const char* relative) {
  LoadResult loaded = load_ruleset_file(testing::source_dir() / relative);
  REQUIRE_MESSAGE(loaded, format_diagnostics(loaded.diagnostics));
  return std::move(*loaded.ruleset);
}

std::vector<Intake> generated_intakes(const RuleSet& rules, std::size_t count, std::uint64_t seed) {
  testing::IntakeGenerator generator(rules.catalogue(), seed);
  std::vector<Intake> intakes;
  for (std::size_t i = 0; i < count; ++i) {
    IntakeResult r = parse_intake(generator.next().json, IntakeFormat::json, rules.catalogue_ptr());
    REQUIRE(r);
    intakes.push_back(std::move(*r.intake));
  }
  return intakes;
}

// Everything a screening could read or write in a compiled rule set, as text: the header,
// every instruction and constant, the value sets, rules and their infos, the rendered
// JSON fragments, the warnings, the tests with their bound answers, the files.
std::string snapshot(const RuleSet& rules) {
  const detail::CompiledRuleSet& c = detail::compiled(rules);
  std::ostringstream s;
  s << c.id << '|' << c.version << '|' << c.treatment << '|' << c.description << '|' << c.sha256 << '|'
    << c.catalogue.get() << '|' << c.catalogue->sha256() << '\n';
  for (const auto& language : c.languages) s << language << ',';
  for (const auto& in : c.program.code)
    s << '\n'
      << int(in.op) << ' ' << int(in.sub) << ' ' << int(in.bit) << ' ' << in.slot << ' ' << in.a << ' ' << in.b
      << ' ' << in.c << ' ' << in.node << ' ' << in.imm.i;
  for (const auto& v : c.program.constants) s << '\n' << int(v.kind) << ' ' << v.len << ' ' << v.i << ' ' << v.missing;
  for (const auto& set : c.program.sets) {
    s << "\nset " << set.max_length;
    for (const auto& m : set.members) s << ' ' << m;
  }
  for (const auto& text : c.program.string_storage) s << "\nstr " << text;
  for (std::size_t i = 0; i < c.rules.size(); ++i) {
    const auto& r = c.rules[i];
    const RuleInfo& info = c.infos[i];
    s << "\nrule " << r.when << ' ' << r.until << ' ' << int(r.action) << ' ' << info.id << ' ' << info.when << ' '
      << info.until << ' ' << info.source << ' ' << info.where.file << ':' << info.where.line;
    for (auto q : r.reads) s << ' ' << q;
    for (const auto& q : info.questions) s << ' ' << q;
    for (const auto& [language, text] : info.message.entries) s << ' ' << language << '=' << text;
  }
  for (auto q : c.questions) s << "\nq " << q;
  for (const auto& w : c.warnings) s << "\nw " << w.code << ' ' << w.message << ' ' << w.where.offset;
  for (const auto& set : c.value_sets) {
    s << "\nvs " << set.name;
    for (const auto& m : set.members) s << ' ' << m;
  }
  for (const auto& head : c.reason_heads) s << "\nhead " << head;
  for (const auto& message : c.message_json) s << "\nmsg " << message;
  for (const auto& t : c.tests) {
    s << "\ntest " << t.def.name << ' ' << t.intake->answer_count();
    const auto* slots = detail::IntakeAccess::slots(*t.intake);
    for (std::size_t i = 0; i < t.intake->catalogue().size(); ++i)
      s << ' ' << slots[i].answered << ':' << slots[i].value.date_days;
  }
  for (const auto& file : c.files) s << "\nfile " << file.name << ' ' << file.text.size() << ' ' << file.text;
  return s.str();
}

// Every way of screening and rendering the library offers, for one intake.
std::string everything(const RuleSet& rules, const Intake& intake, Screening& screening) {
  ScreenOptions options;
  rules.screen(intake, options, screening);
  std::string out;
  for (const char* language : {"", "sv", "nl", "en", "xx"}) {
    OutputOptions output;
    output.language = language;
    for (const OutputFormat format : {OutputFormat::json, OutputFormat::csv, OutputFormat::text})
      append_decision(out, format, rules, intake, screening, output);
    out += to_json(rules.decide(intake, screening, language));
  }
  const Explanation explanation = explain(rules, intake, options);
  OutputOptions with_explanation;
  with_explanation.explanation = &explanation;
  append_decision(out, OutputFormat::json, rules, intake, screening, with_explanation);
  out += to_json(rules.screen(intake, options));
  return out;
}

}  // namespace

TEST_CASE("concurrency: threads screening one shared rule set agree with one thread") {
  const RuleSet rules = load("rules/clinics/clinic-sv/microneedling.yaml");
  const std::vector<Intake> intakes = generated_intakes(rules, 300, 7);
  std::vector<std::string> expected;
  Screening screening;
  for (const Intake& intake : intakes) expected.push_back(everything(rules, intake, screening));

  std::atomic<std::size_t> mismatches{0}, done{0};
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      Screening own;
      // Each thread walks the intakes from its own starting point, so that threads screen
      // different intakes at the same moment as well as the same ones.
      for (std::size_t k = 0; k < intakes.size(); ++k) {
        const std::size_t i = (k + t * 37) % intakes.size();
        if (everything(rules, intakes[i], own) != expected[i]) ++mismatches;
        ++done;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == 0);
  CHECK(done == thread_count * intakes.size());
}

TEST_CASE("concurrency: a loaded rule set is never modified by screening") {
  for (const char* path : {"rules/common/microneedling.yaml", "rules/clinics/clinic-nl/microneedling.yaml",
                           "examples/policies/quickstart.yaml"}) {
    CAPTURE(path);
    const RuleSet rules = load(path);
    const std::string before = snapshot(rules);
    const std::vector<Intake> intakes = generated_intakes(rules, 200, 11);
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < thread_count; ++t) {
      threads.emplace_back([&] {
        Screening screening;
        const RuleSet copy = rules;  // copies share the compiled form
        for (const Intake& intake : intakes) (void)everything(copy, intake, screening);
        (void)format_test_report(run_tests(copy));
        (void)copy.make_intake();
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(snapshot(rules) == before);
  }
}

TEST_CASE("concurrency: batches on several threads give the same bytes as one") {
  const RuleSet rules = load("rules/common/microneedling.yaml");
  testing::IntakeGenerator generator(rules.catalogue(), 5);
  std::string jsonl;
  // Enough input for several chunks of the batch reader, so that workers really overlap.
  while (jsonl.size() < (3u << 20)) jsonl += generator.next().json + "\n";
  jsonl += "{not json}\n";
  auto run = [&](unsigned jobs) {
    std::istringstream in(jsonl);
    std::ostringstream out;
    BatchOptions options;
    options.jobs = jobs;
    screen_batch(rules, in, BatchFormat::jsonl, out, options);
    return out.str();
  };
  const std::string one = run(1);
  for (const unsigned jobs : {2u, 4u, 8u}) CHECK(run(jobs) == one);
}

TEST_CASE("concurrency: several batches at once share one rule set") {
  const RuleSet rules = load("rules/clinics/clinic-en-c/microneedling.yaml");
  testing::IntakeGenerator generator(rules.catalogue(), 9);
  std::string jsonl;
  for (int i = 0; i < 2000; ++i) jsonl += generator.next().json + "\n";
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < outputs.size(); ++t) {
    threads.emplace_back([&, t] {
      std::istringstream in(jsonl);
      std::ostringstream out;
      BatchOptions options;
      options.jobs = 2;
      screen_batch(rules, in, BatchFormat::jsonl, out, options);
      outputs[t] = out.str();
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& output : outputs) CHECK(output == outputs.front());
}

TEST_CASE("concurrency: screen_many on several threads agrees with screening one by one") {
  const RuleSet rules = load("rules/common/microneedling.yaml");
  const std::vector<Intake> intakes = generated_intakes(rules, 2000, 13);
  std::string expected;
  for (const Intake& intake : intakes) expected += to_json(rules.screen(intake)) + "\n";
  for (const unsigned jobs : {2u, 4u, 8u}) {
    std::vector<ScreenedIntake> screened(intakes.size());
    screen_many(rules, intakes, {}, screened, jobs);
    std::string got;
    for (const ScreenedIntake& s : screened) got += to_json(decide(rules, s, "")) + "\n";
    CHECK(got == expected);
  }
}

TEST_CASE("concurrency: loading on several threads at once, the built-in catalogue first") {
  // In a fresh process (CTest runs each case alone) the first use of the built-in
  // catalogue happens here, on all threads at once.
  std::vector<std::string> digests(thread_count);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      const auto catalogue = Catalogue::builtin();
      LoadResult loaded = load_ruleset_file(testing::source_dir() / "rules/clinics/clinic-en-b/microneedling.yaml");
      if (loaded) digests[t] = loaded.ruleset->sha256() + catalogue->sha256();
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& digest : digests) CHECK(digest == digests.front());
  CHECK(!digests.front().empty());
}
