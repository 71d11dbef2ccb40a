// The batch engine (screening_pool.hpp): every task runs once, on a thread index in range;
// the pipeline returns groups in input order, holds at most two, and raises what a stage
// threw after the groups before it. Run under ThreadSanitizer by scripts/hardening.sh.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include <contrascreen/screening_pool.hpp>

namespace {

using namespace contrascreen;

TEST_CASE("concurrency: screening pool: every task runs exactly once, on a thread index below jobs()") {
  for (const unsigned jobs : {1U, 2U, 5U}) {
    ScreeningPool pool(jobs);
    CHECK(pool.jobs() == jobs);
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> runs(count);
      std::atomic<bool> bad_thread{false};
      pool.run(count, [&](std::size_t task, unsigned thread) {
        runs[task].fetch_add(1);
        if (thread >= jobs) bad_thread = true;
      });
      for (std::size_t i = 0; i < count; ++i) CHECK(runs[i].load() == 1);
      CHECK_FALSE(bad_thread.load());
    }
  }
}

TEST_CASE("concurrency: screening pool: an exception from a task is rethrown by finish, and the pool stays usable") {
  ScreeningPool pool(3);
  CHECK_THROWS_AS(pool.run(100,
                           [](std::size_t task, unsigned) {
                             if (task == 42) throw std::runtime_error("task 42");
                           }),
                  std::runtime_error);
  std::atomic<std::size_t> ran{0};
  pool.run(10, [&](std::size_t, unsigned) { ran.fetch_add(1); });
  CHECK(ran.load() == 10);
}

// A source of `groups` groups of `tasks` tasks; each task writes its group number.
struct NumberedGroups {
  std::size_t groups = 0;
  std::size_t tasks = 0;
  std::size_t filled = 0;
  std::vector<int> slot_values[2];
  std::size_t fill(unsigned slot) {
    if (filled == groups) return 0;
    slot_values[slot].assign(tasks, -1);
    ++filled;
    return tasks;
  }
};

TEST_CASE("concurrency: batch pipeline: groups come back in input order, processed, from two slots") {
  for (const unsigned jobs : {1U, 2U, 4U}) {
    ScreeningPool pool(jobs);
    NumberedGroups source{7, 50, 0, {}};
    std::vector<std::size_t> group_of_slot(2);
    std::size_t next_group = 0;
    BatchPipeline pipeline(pool, {[&](unsigned slot) {
                                    const std::size_t tasks = source.fill(slot);
                                    group_of_slot[slot] = next_group++;
                                    return tasks;
                                  },
                                  [&](unsigned slot, std::size_t task, unsigned) {
                                    source.slot_values[slot][task] = static_cast<int>(group_of_slot[slot]);
                                  }});
    std::size_t expected = 0;
    while (const auto slot = pipeline.next()) {
      REQUIRE(*slot < 2);
      for (const int value : source.slot_values[*slot]) CHECK(value == static_cast<int>(expected));
      ++expected;
    }
    CHECK(expected == 7);
    CHECK_FALSE(pipeline.next());  // stays at the end
  }
}

TEST_CASE("concurrency: batch pipeline: what filling ahead throws comes after the group before it") {
  ScreeningPool pool(2);
  int fills = 0;
  BatchPipeline pipeline(pool, {[&](unsigned) -> std::size_t {
                                  if (++fills == 3) throw std::runtime_error("third group unreadable");
                                  return 4;
                                },
                                [](unsigned, std::size_t, unsigned) {}});
  CHECK(pipeline.next().has_value());  // group 1 (group 2 filled ahead)
  CHECK(pipeline.next().has_value());  // group 2 (filling group 3 threw)
  CHECK_THROWS_AS(pipeline.next(), std::runtime_error);
  CHECK_FALSE(pipeline.next());
}

TEST_CASE("concurrency: batch pipeline: a task that throws ends the batch with its exception") {
  ScreeningPool pool(2);
  int fills = 0;
  int group_of_slot[2] = {0, 0};  // written by fill while that slot is not being processed
  BatchPipeline pipeline(pool, {[&](unsigned slot) -> std::size_t {
                                  group_of_slot[slot] = ++fills;
                                  return fills <= 5 ? 8 : 0;
                                },
                                [&](unsigned slot, std::size_t task, unsigned) {
                                  if (group_of_slot[slot] == 2 && task == 5) throw std::logic_error("bad record");
                                }});
  CHECK(pipeline.next().has_value());
  CHECK_THROWS_AS(
      {
        while (pipeline.next()) {
        }
      },
      std::logic_error);
  CHECK_FALSE(pipeline.next());
}

TEST_CASE("concurrency: batch pipeline: the wait hook is called once per group and must run finish") {
  ScreeningPool pool(2);
  int fills = 0;
  int waits = 0;
  BatchPipeline pipeline(pool, {[&](unsigned) -> std::size_t { return ++fills <= 3 ? 2 : 0; },
                                [](unsigned, std::size_t, unsigned) {}});
  const BatchPipeline::Wait wait = [&](const std::function<void()>& finish) {
    ++waits;
    finish();
  };
  int groups = 0;
  while (pipeline.next(wait)) ++groups;
  CHECK(groups == 3);
  CHECK(waits == 3);
}

}  // namespace
