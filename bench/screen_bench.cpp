// Screening speed: the engine against a hand-written C++ function of the same policy,
// over the same pre-bound batch, in the same run, for three policy shapes (issue 12): the
// baseline (policy20.yaml), the baseline in guarded style (policy20_guarded.yaml) and a
// synthetic policy of 300 rules using every operator and function (policy300.yaml). Both
// must agree on every intake before anything is timed.
//
//   screen_bench [--shape baseline|guarded|synthetic] [--intakes N] [--repeat R] [--check-only]
//   screen_bench --print-policy synthetic      (the text of bench/policy300.yaml)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "contrascreen/contrascreen.hpp"
#include "hand_written_policy.hpp"
#include "intake_generator.hpp"

namespace {

using namespace contrascreen;
using Clock = std::chrono::steady_clock;

bool agree(const Screening& engine, const bench::HandScreening& hand) {
  if (engine.verdict() != hand.verdict || engine.hits().size() != hand.hit_count) return false;
  for (std::uint32_t i = 0; i < hand.hit_count; ++i) {
    const RuleHit& e = engine.hits()[i];
    const bench::HandHit& h = hand.hits[i];
    if (e.rule != h.rule || e.undecided != h.undecided || e.until != h.until) return false;
  }
  std::uint64_t bits = 0;
  for (std::uint32_t q : engine.unanswered()) bits |= std::uint64_t{1} << q;
  return bits == hand.unanswered;
}

// Times two passes alternately, `repeat` times, and keeps the best of each: both see the
// same machine conditions, and the minimum discards interference from other processes.
template <typename A, typename B>
std::pair<double, double> best_seconds(int repeat, A&& first, B&& second) {
  double best_first = 1e300, best_second = 1e300;
  for (int r = 0; r < repeat; ++r) {
    auto start = Clock::now();
    first();
    best_first = std::min(best_first, std::chrono::duration<double>(Clock::now() - start).count());
    start = Clock::now();
    second();
    best_second = std::min(best_second, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return {best_first, best_second};
}

struct Shape {
  const char* name;
  const char* file;
  std::function<void(const Intake&, Date, bench::HandScreening&)> by_hand;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Checks, then times, one shape; false when the two disagree (or the policy does not load).
bool run_shape(const Shape& shape, std::size_t count, int repeat, bool check_only) {
  auto loaded = load_ruleset_file(std::string(CONTRASCREEN_BENCH_DIR "/") + shape.file);
  if (!loaded) {
    std::fputs(format_diagnostics(loaded.diagnostics).c_str(), stderr);
    return false;
  }
  const RuleSet& rules = *loaded.ruleset;
  const Date today = *Date::parse_iso("2026-11-21");
  const std::vector<Intake> batch = bench::generate_intakes(rules.catalogue_ptr(), count, today, 20261121);
  ScreenOptions options;
  options.date = today;

  // Both implementations must give the same outcome for every intake.
  Screening screening;
  bench::HandScreening hand;
  std::size_t allowed = 0, referred = 0, refused = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    rules.screen(batch[i], options, screening);
    shape.by_hand(batch[i], today, hand);
    if (!agree(screening, hand)) {
      std::fprintf(stderr, "%s: engine and hand-written policy disagree on intake %zu:\n%s\n", shape.name, i,
                   to_json(rules.decide(batch[i], screening, "en")).c_str());
      std::fprintf(stderr, "by hand: verdict %d, rules", static_cast<int>(hand.verdict));
      for (std::uint32_t h = 0; h < hand.hit_count; ++h)
        std::fprintf(stderr, " %s%s", rules.rules()[hand.hits[h].rule].id.c_str(), hand.hits[h].undecided ? "?" : "");
      std::fputs("\n", stderr);
      return false;
    }
    (screening.verdict() == Verdict::allow ? allowed : screening.verdict() == Verdict::refer ? referred : refused)++;
  }
  const auto percent = [&](std::size_t part) {
    return 100.0 * static_cast<double>(part) / static_cast<double>(batch.size());
  };
  std::printf("%s (%s): %zu intakes, %zu rules: %.1f%% allow, %.1f%% refer, %.1f%% refuse\n", shape.name, shape.file,
              batch.size(), rules.rules().size(), percent(allowed), percent(referred), percent(refused));
  if (check_only) {
    std::printf("  engine and hand-written policy agree on every intake\n");
    return true;
  }

  std::uint64_t sink = 0;  // keeps the optimiser from dropping the work
  const auto [engine, by_hand] = best_seconds(
      repeat,
      [&] {
        for (const Intake& intake : batch) {
          rules.screen(intake, options, screening);
          sink += static_cast<std::uint64_t>(screening.verdict()) + screening.hits().size();
        }
      },
      [&] {
        for (const Intake& intake : batch) {
          shape.by_hand(intake, today, hand);
          sink += static_cast<std::uint64_t>(hand.verdict) + hand.hit_count;
        }
      });
  const double n = static_cast<double>(batch.size());
  std::printf("  engine:       %8.2f M screenings/s  (%6.1f ns each)\n", n / engine / 1e6, engine / n * 1e9);
  std::printf("  hand-written: %8.2f M screenings/s  (%6.1f ns each)\n", n / by_hand / 1e6, by_hand / n * 1e9);
  std::printf("  ratio:        engine takes %.2fx the hand-written function's time\n", engine / by_hand);
  std::printf("  (best of %d passes each, one thread; checksum %llu)\n", repeat, static_cast<unsigned long long>(sink));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 20'000;
  int repeat = 60;
  bool check_only = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--intakes") && i + 1 < argc)
      count = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--shape") && i + 1 < argc)
      only = argv[++i];
    else if (!std::strcmp(argv[i], "--check-only"))
      check_only = true;
    else if (!std::strcmp(argv[i], "--print-policy") && i + 1 < argc && !std::strcmp(argv[i + 1], "synthetic")) {
      std::fputs(bench::synthetic_policy_yaml().c_str(), stdout);
      return 0;
    } else {
      std::fprintf(stderr,
                   "usage: screen_bench [--shape baseline|guarded|synthetic] [--intakes N] [--repeat R] "
                   "[--check-only]\n       screen_bench --print-policy synthetic\n");
      return 64;
    }
  }
  // bench/policy300.yaml is the synthetic twin's own text, so the two cannot drift apart.
  if (read_text(CONTRASCREEN_BENCH_DIR "/policy300.yaml") != bench::synthetic_policy_yaml()) {
    std::fputs("bench/policy300.yaml differs from `screen_bench --print-policy synthetic`: regenerate it\n", stderr);
    return 1;
  }
  const auto catalogue = Catalogue::builtin();
  const bench::PolicySlots slots(*catalogue);
  const auto synthetic = bench::resolve_synthetic(*catalogue);
  const Shape shapes[] = {
      {"baseline", "policy20.yaml",
       [&](const Intake& in, Date today, bench::HandScreening& out) { bench::screen_by_hand(slots, in, today, out); }},
      {"guarded", "policy20_guarded.yaml",
       [&](const Intake& in, Date today, bench::HandScreening& out) {
         bench::screen_guarded_by_hand(slots, in, today, out);
       }},
      {"synthetic", "policy300.yaml",
       [&](const Intake& in, Date today, bench::HandScreening& out) {
         bench::screen_synthetic_by_hand(*synthetic, in, today, out);
       }},
  };
  bool known = only.empty();
  for (const Shape& shape : shapes) {
    if (!only.empty() && only != shape.name) continue;
    known = true;
    if (!run_shape(shape, count, repeat, check_only)) return 1;
  }
  if (!known) {
    std::fprintf(stderr, "screen_bench: no shape '%s' (baseline, guarded, synthetic)\n", only.c_str());
    return 64;
  }
  return 0;
}
