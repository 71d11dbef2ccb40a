#!/usr/bin/env bash
# End-to-end CLI benchmark (issues 3 and 12): generates a deterministic batch of intakes (about
# 70% allowed, the rest spread over the rules, with missing answers and medication lists) and
# measures `contrascreen screen` on it. Every run goes through GNU time (`/usr/bin/time -v`),
# which gives the wall time, the CPU time and the peak resident memory. Prints each figure with
# the command that produced it.
#
#   bench/cli_bench.sh [COUNT]          (default 1000000; files are cached in build/bench-data)
#   bench/cli_bench.sh --smoke [COUNT]  (CI: default 2000, one run of each, no build, no timing
#                                        claims; checks one decision per intake and that the
#                                        measuring works)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
fi
count=${1:-$([ $smoke -eq 1 ] && echo 2000 || echo 1000000)}
build=${CONTRASCREEN_BUILD_DIR:-$root/build}
bin="$build/cli/contrascreen"
make_batch="$build/bench/make_batch"
policy="$root/bench/policy20.yaml"
data="$build/bench-data"
mkdir -p "$data"
# GNU time and bc come from scripts/install-deps.sh.
if [ $smoke -eq 0 ]; then
  "$root/scripts/build.sh" >/dev/null
fi
[ -x /usr/bin/time ] || { echo "cli_bench: /usr/bin/time (Debian package time) is missing: scripts/install-deps.sh" >&2; exit 1; }

jsonl="$data/batch-$count.jsonl"
csv="$data/batch-$count.csv"
[ -s "$jsonl" ] || "$make_batch" --count "$count" --format jsonl > "$jsonl"
[ -s "$csv" ] || "$make_batch" --count "$count" --format csv > "$csv"
runs=$([ $smoke -eq 1 ] && echo 1 || echo 5)

# measure CMD...: runs it under GNU time with stdout discarded, stdin from $measure_input
# (default /dev/null); sets wall, cpu (user + sys) and rss_kib. `screen` exits 1 or 2 when
# some intakes are referred or refused: that is not a failure here.
measure() {
  local report
  report=$(mktemp)
  /usr/bin/time -v -o "$report" "$@" < "${measure_input:-/dev/null}" > /dev/null || [ $? -le 2 ]
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$report")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$report")
  rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
  rm -f "$report"
}
# best CMD...: the best of $runs measurements (the minimum discards other processes' noise).
best() {
  local best_wall=999999 best_cpu=999999 best_rss=0
  for _ in $(seq "$runs"); do
    measure "$@"
    if (( $(echo "$wall < $best_wall" | bc -l) )); then best_wall=$wall; fi
    if (( $(echo "$cpu < $best_cpu" | bc -l) )); then best_cpu=$cpu; fi
    if (( rss_kib > best_rss )); then best_rss=$rss_kib; fi
  done
  wall=$best_wall cpu=$best_cpu rss_kib=$best_rss
}
rate() { echo "$count / ($1 + 0.0001)" | bc -l | xargs printf "%.0f"; }

echo "input: $count intakes; $(du -h "$jsonl" | cut -f1) JSON Lines, $(du -h "$csv" | cut -f1) CSV; policy: 20 rules"
best cat "$jsonl"
floor=$wall
echo "baseline (cat the JSON Lines file): $(printf %.3f "$floor") s"

# One decision per intake, or the figures below mean nothing.
lines=$("$bin" screen --rules "$policy" --format jsonl --jobs 1 "$jsonl" | wc -l || true)
[ "$lines" -eq "$count" ] || { echo "cli_bench: $lines decisions for $count intakes" >&2; exit 1; }

one_core=(taskset -c 0)
command -v taskset >/dev/null || one_core=()
best "${one_core[@]}" "$bin" screen --rules "$policy" --format jsonl --jobs 1 "$jsonl"
echo "JSON Lines -> JSON Lines, --jobs 1, one core: $(rate "$wall") intakes/s wall ($(printf %.2f "$wall") s), $(rate "$cpu") intakes/s of CPU time ($(printf %.2f "$cpu") s); peak RSS $((rss_kib / 1024)) MiB"
echo "  command: ${one_core[*]} contrascreen screen --rules bench/policy20.yaml --format jsonl --jobs 1 batch.jsonl"
t1=$wall
if [ $smoke -eq 0 ]; then
  best "$bin" screen --rules "$policy" --format jsonl --jobs 2 "$jsonl"
  echo "JSON Lines -> JSON Lines, --jobs 2: $(rate "$wall") intakes/s ($(printf %.2f "$wall") s); speed-up $(echo "$t1 / $wall" | bc -l | xargs printf %.2f)x; peak RSS $((rss_kib / 1024)) MiB"
  # What two cores of this machine give at best: two independent one-job processes side by
  # side, each screening the whole file (nothing shared, nothing to wait for).
  one_job="'$bin' screen --rules '$policy' --format jsonl --jobs 1 '$jsonl' > /dev/null"
  t2=$wall
  best bash -c "$one_job & $one_job; wait"
  echo "  ceiling: two independent --jobs 1 processes side by side: $(echo "2 * $t1 / $wall" | bc -l | xargs printf %.2f)x one job's throughput; --jobs 2 reaches $(echo "100 * $t1 / $t2 / (2 * $t1 / $wall)" | bc -l | xargs printf %.0f)% of it"
fi
best "${one_core[@]}" "$bin" screen --rules "$policy" --format jsonl --jobs 1 "$csv"
echo "CSV -> JSON Lines, --jobs 1, one core: $(rate "$wall") intakes/s ($(printf %.2f "$wall") s); peak RSS $((rss_kib / 1024)) MiB"
echo "  command: ${one_core[*]} contrascreen screen --rules bench/policy20.yaml --format jsonl --jobs 1 batch.csv"

# Peak memory is flat: the same on 1 GiB of input (smoke: 16x the batch) streamed through a
# pipe, so nothing is stored, as on the batch above.
bytes_per_intake=$(( $(stat -c %s "$jsonl") / count ))
big=$([ $smoke -eq 1 ] && echo $((16 * count)) || echo $(( (1 << 30) / bytes_per_intake + 1 )))
fifo=$(mktemp -u)
mkfifo "$fifo"
"$make_batch" --count "$big" --format jsonl > "$fifo" &
measure_input=$fifo measure "$bin" screen --rules "$policy" --format jsonl --jobs 1 -
wait
rm -f "$fifo"
echo "peak RSS screening $big intakes ($((big * bytes_per_intake / 1048576)) MiB of JSON Lines) from a pipe: $((rss_kib / 1024)) MiB"
echo "  command: make_batch --count $big | /usr/bin/time -v contrascreen screen --rules bench/policy20.yaml --format jsonl -"

# A single intake, start to finish: start-up, load, check, screen, print.
one="$root/examples/intakes/warfarin.json"
n=$([ $smoke -eq 1 ] && echo 3 || echo 50)
start=$(date +%s.%N)
for _ in $(seq "$n"); do "$bin" screen --rules "$policy" --format json "$one" > /dev/null || true; done
end=$(date +%s.%N)
echo "single intake, whole process: $(echo "($end - $start) * 1000 / $n" | bc -l | xargs printf %.1f) ms (mean of $n)"
echo "  command: contrascreen screen --rules bench/policy20.yaml --format json examples/intakes/warfarin.json"
