#!/usr/bin/env bash
# Old build against new build, in one run: the engine on the baseline shape (screen_bench), the CLI (JSON Lines
# and CSV, one and two jobs) and Python's screen_many (python_bench), each measured
# alternately old, new, old, new... for ROUNDS rounds, best of each kept, so that both see
# the same machine. Prints each figure, the new/old speed ratio, and the commands.
#
#   bench/compare.sh OLD_BUILD_DIR [NEW_BUILD_DIR (default build)] [COUNT (default 1000000)] [ROUNDS (default 5)]
#
# OLD_BUILD_DIR is a Release build of the other commit, for example:
#   git worktree add /tmp/old-src <commit> && cmake -S /tmp/old-src -B /tmp/old-build -DCMAKE_BUILD_TYPE=Release \
#     && cmake --build /tmp/old-build -j2
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
old=$(cd "${1:?usage: bench/compare.sh OLD_BUILD_DIR [NEW_BUILD_DIR] [COUNT] [ROUNDS]}" && pwd)
new=$(cd "${2:-$root/build}" && pwd)
count=${3:-1000000}
rounds=${4:-5}
policy="$root/bench/policy20.yaml"
python=/usr/bin/python3
for tool in bc; do command -v "$tool" >/dev/null || apt-get install -y -qq "$tool" >/dev/null; done
for build in "$old" "$new"; do
  for exe in cli/contrascreen bench/screen_bench bench/make_batch; do
    [ -x "$build/$exe" ] || { echo "compare.sh: $build/$exe is missing; build that tree first" >&2; exit 2; }
  done
done

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$new/bench/make_batch" --count "$count" --format jsonl > "$data/batch.jsonl"
"$new/bench/make_batch" --count "$count" --format csv > "$data/batch.csv"

seconds() {  # wall seconds of "$@", output discarded; exit 1 and 2 are decisions, not failures
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null || [ $? -le 2 ]
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
engine_ns() {  # ns per screening of the engine on the baseline shape, from screen_bench
  "$1/bench/screen_bench" --shape baseline --intakes 200000 --repeat 3 | awk '/^ *engine:/ { gsub(/[()]/, ""); print $5 }'
}
python_ns() {  # ns per intake of screen_many (jobs=1), from python_bench
  PYTHONPATH="$1/bindings/python" "$python" "$root/bench/python_bench.py" --intakes 200000 --repeat 1 \
      --make-batch "$1/bench/make_batch" --skip-check | awk '/^screen_many \(jobs=1\)/ { gsub(/,/, ""); print $4 }'
}
min() { if [ -z "$1" ] || (( $(echo "$2 < $1" | bc -l) )); then echo "$2"; else echo "$1"; fi; }

declare -A best
measure() {  # measure NAME BUILD-ROLE value; a run that printed no figure ends the comparison
  [ -n "$3" ] || { echo "compare.sh: no figure for '$1' from the $2 build" >&2; exit 1; }
  best[$1,$2]=$(min "${best[$1,$2]:-}" "$3")
}
has_python() { [ -d "$1/bindings/python/contrascreen" ]; }

for round in $(seq "$rounds"); do
  for role in old new; do
    build=${!role}
    measure engine "$role" "$(engine_ns "$build")"
    measure "cli jsonl --jobs 1" "$role" "$(seconds "$build/cli/contrascreen" screen --rules "$policy" --format jsonl --jobs 1 "$data/batch.jsonl")"
    measure "cli jsonl --jobs 2" "$role" "$(seconds "$build/cli/contrascreen" screen --rules "$policy" --format jsonl --jobs 2 "$data/batch.jsonl")"
    measure "cli csv --jobs 1" "$role" "$(seconds "$build/cli/contrascreen" screen --rules "$policy" --format jsonl --jobs 1 "$data/batch.csv")"
    if has_python "$old" && has_python "$new"; then measure "python screen_many" "$role" "$(python_ns "$build")"; fi
  done
  echo "round $round of $rounds done" >&2
done

echo "old: $old"
echo "new: $new"
echo "$count intakes, bench/policy20.yaml, best of $rounds rounds, old and new alternately"
printf '%-22s %14s %14s %10s\n' measurement old new "new speed"
for name in engine "cli jsonl --jobs 1" "cli jsonl --jobs 2" "cli csv --jobs 1" "python screen_many"; do
  [ -n "${best[$name,old]:-}" ] || continue
  o=${best[$name,old]}
  n=${best[$name,new]}
  case $name in
    engine | python*) unit="ns/intake"; ov=$(printf %.0f "$o"); nv=$(printf %.0f "$n") ;;
    *) unit="intakes/s"; ov=$(echo "$count / $o" | bc -l | xargs printf %.0f); nv=$(echo "$count / $n" | bc -l | xargs printf %.0f) ;;
  esac
  printf '%-22s %14s %14s %9.3fx  (%s)\n' "$name" "$ov" "$nv" "$(echo "$o / $n" | bc -l)" "$unit"
done
echo "commands: screen_bench --shape baseline --intakes 200000 --repeat 3; contrascreen screen --rules bench/policy20.yaml --format jsonl --jobs N batch.{jsonl,csv};"
echo "          python_bench.py --intakes 200000 --repeat 1 --skip-check (screen_many jobs=1)"
