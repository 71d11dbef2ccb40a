// Screening speed: the engine against a hand-written C++ function of the same policy,
// over the same pre-bound batch, in the same run. Both must agree on every intake.
//
//   screen_bench [--intakes N] [--repeat R] [--check-only]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 20'000;
  int repeat = 60;
  bool check_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--intakes") && i + 1 < argc)
      count = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--check-only"))
      check_only = true;
    else {
      std::fprintf(stderr, "usage: screen_bench [--intakes N] [--repeat R] [--check-only]\n");
      return 64;
    }
  }
  auto loaded = load_ruleset_file(CONTRASCREEN_BENCH_DIR "/policy20.yaml");
  if (!loaded) {
    std::fputs(format_diagnostics(loaded.diagnostics).c_str(), stderr);
    return 1;
  }
  const RuleSet& rules = *loaded.ruleset;
  const Date today = *Date::parse_iso("2026-11-21");
  const std::vector<Intake> batch = bench::generate_intakes(rules.catalogue_ptr(), count, today, 20261121);
  const bench::PolicySlots slots(rules.catalogue());
  ScreenOptions options;
  options.date = today;

  // Both implementations must give the same outcome for every intake.
  Screening screening;
  bench::HandScreening hand;
  std::size_t allowed = 0, referred = 0, refused = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    rules.screen(batch[i], options, screening);
    bench::screen_by_hand(slots, batch[i], today, hand);
    if (!agree(screening, hand)) {
      std::fprintf(stderr, "engine and hand-written policy disagree on intake %zu:\n%s\n", i,
                   to_json(rules.decide(batch[i], screening, "en")).c_str());
      return 1;
    }
    (screening.verdict() == Verdict::allow ? allowed : screening.verdict() == Verdict::refer ? referred : refused)++;
  }
  const auto percent = [&](std::size_t part) {
    return 100.0 * static_cast<double>(part) / static_cast<double>(batch.size());
  };
  std::printf("batch: %zu intakes, %zu rules: %.1f%% allow, %.1f%% refer, %.1f%% refuse\n", batch.size(),
              rules.rules().size(), percent(allowed), percent(referred), percent(refused));
  if (check_only) {
    std::puts("engine and hand-written policy agree on every intake");
    return 0;
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
          bench::screen_by_hand(slots, intake, today, hand);
          sink += static_cast<std::uint64_t>(hand.verdict) + hand.hit_count;
        }
      });
  const double n = static_cast<double>(batch.size());
  std::printf("engine:       %8.2f M screenings/s  (%6.1f ns each)\n", n / engine / 1e6, engine / n * 1e9);
  std::printf("hand-written: %8.2f M screenings/s  (%6.1f ns each)\n", n / by_hand / 1e6, by_hand / n * 1e9);
  std::printf("ratio:        engine takes %.2fx the hand-written function's time\n", engine / by_hand);
  std::printf("(best of %d passes each, one thread; checksum %llu)\n", repeat, static_cast<unsigned long long>(sink));
  return 0;
}
