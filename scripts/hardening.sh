#!/usr/bin/env bash
# Hardening checks (docs/reliability.md), run by CI after scripts/test.sh:
#   1. build-asan: library, CLI and tests with AddressSanitizer + UndefinedBehaviorSanitizer
#      (g++), and the whole C++ and CLI test suite under them;
#   2. build-tsan: library, CLI and the concurrency tests with ThreadSanitizer (g++), among
#      them contrascreen serve under load and reloads (tests/service/check_faults.py) and the C
#      ABI's test (8 threads screening with one rule set through libcontrascreen_c.so);
#   3. build-fuzz: the libFuzzer targets of tests/fuzz (clang, ASan + UBSan), each run for
#      FUZZ_SECONDS (default 60) from the committed seed corpus, FUZZ_PARALLEL at a time
#      (default: one per core).
# Any sanitizer report, test failure, fuzzer crash, leak, timeout or out-of-memory fails
# the script. It ends with the executions each fuzz target ran. Installs clang and the
# sanitizer runtimes when missing (quietly, like scripts/install-deps.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fuzz_seconds=${FUZZ_SECONDS:-60}
fuzz_parallel=${FUZZ_PARALLEL:-$(nproc)}
jobs=$(nproc)
start=$SECONDS
phase() {  # names the next phase, with the time spent so far
  echo "hardening: $1 (after $((SECONDS - start)) s)"
}

# clang for libFuzzer, and its runtimes (libclang-rt-<major>-dev matches the clang version).
"$root/scripts/install-deps.sh" clang
clang_major=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
"$root/scripts/install-deps.sh" "libclang-rt-${clang_major}-dev"

# The builds are CMakePresets.json's asan, tsan and fuzz: -O1 keeps them quick to compile
# and to run, -g1 gives line numbers in reports, and only what is tested is built (no
# benchmarks, no Python bindings).
build() {  # build <preset>: configure and build quietly, showing the log on failure
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j"$jobs" >"build-$1/build.log" 2>&1 || { tail -50 "build-$1/build.log"; exit 1; }
}

# Sanitizer reports end the process with an error; leaks are reported at exit.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

# ---- 1. ASan + UBSan: the whole C++ and CLI suite -------------------------------------------
phase "ASan+UBSan build"
build asan
phase "ASan+UBSan tests"
# Excluded: consumer.find_package builds examples/ against the installed, instrumented
# static library without sanitizer flags, which cannot link; the normal build runs it.
# (The Python tests are not built here: CONTRASCREEN_BUILD_PYTHON=OFF.)
ctest --preset asan -j"$jobs"

# ---- 2. TSan: the concurrency tests ------------------------------------------------------
phase "TSan build"
build tsan   # the library, contrascreen_concurrency_tests, the CLI (for contrascreen serve) and c_api_test
phase "TSan tests"
ctest --preset tsan -j"$jobs"   # the tests named "concurrency: ..." and c_api.test

# ---- 3. Fuzzing ---------------------------------------------------------------------------
phase "fuzz build"
build fuzz   # the library and the eight fuzz targets only

phase "fuzzing, ${fuzz_seconds} s per target"
targets=(expression ruleset intake_json intake_jsonl intake_csv intake_yaml answers_json intake_fhir)
mkdir -p build-fuzz/artifacts build-fuzz/logs
run_fuzzer() {
  local name=$1
  local work="$root/build-fuzz/corpus/$name"   # new inputs found go here, seeds stay as committed
  mkdir -p "$work"
  local args=(-max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$root/build-fuzz/artifacts/$name-")
  [ -f "$root/tests/fuzz/$name.dict" ] && args+=(-dict="$root/tests/fuzz/$name.dict")
  # The rule-set fuzzer runs beside a shipped clinic policy, so that its seeds' relative
  # `extends` paths resolve and the extends code is fuzzed too.
  local dir="$root/build-fuzz"
  [ "$name" = ruleset ] && dir="$root/rules/clinics/clinic-sv"
  (cd "$dir" && "$root/build-fuzz/tests/fuzz/fuzz_$name" "${args[@]}" "$work" "$root/tests/fuzz/corpus/$name") \
    >"$root/build-fuzz/logs/$name.log" 2>&1
}
pids=()
names=()
failed=()
for name in "${targets[@]}"; do
  run_fuzzer "$name" &
  pids+=($!)
  names+=("$name")
  if [ ${#pids[@]} -ge "$fuzz_parallel" ]; then
    wait "${pids[0]}" || failed+=("${names[0]}")
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${names[$i]}")
done

echo "hardening: fuzzing results (${fuzz_seconds} s each)"
printf '  %-14s %12s %10s %8s  %s\n' target executions "exec/s" coverage result
for name in "${targets[@]}"; do
  log="build-fuzz/logs/$name.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  result=ok
  [[ " ${failed[*]} " == *" $name "* ]] && result="FAILED (see $log)"
  printf '  %-14s %12s %10s %8s  %s\n' "$name" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "---- fuzz_$name ----"
    grep -B2 -A40 -m1 -E 'ERROR: |==[0-9]+==|runtime error|fuzz invariant' "build-fuzz/logs/$name.log" || tail -40 "build-fuzz/logs/$name.log"
  done
  echo "hardening: fuzzing found problems in: ${failed[*]}; the inputs are in build-fuzz/artifacts/"
  exit 1
fi
echo "hardening: all passed in $((SECONDS - start)) s"
