#!/usr/bin/env bash
# contrascreen serve under load (issue 14, point 4): wrk on loopback, 64 connections, for a
# bounded time, against a server on a free port. First GET /healthz (the server's ceiling:
# HTTP and the access log, no screening), then POST /v1/screen/{ruleset} with one intake
# (bench/serve_post.lua), each with its exact command and the load average before and after.
#
#   bench/serve_bench.sh [SECONDS]        (default 10; SERVE_THREADS, WRK_THREADS default 2, 1)
#   bench/serve_bench.sh --smoke          (CI: 1 s each, checks that every answer was 200)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
fi
seconds=${1:-$([ $smoke -eq 1 ] && echo 1 || echo 10)}
build=${CONTRASCREEN_BUILD_DIR:-$root/build}
bin="$build/cli/contrascreen"
serve_threads=${SERVE_THREADS:-2}
wrk_threads=${WRK_THREADS:-1}
connections=64
policy="$root/rules/clinics/clinic-sv/microneedling.yaml"
intake="$root/examples/intakes/warfarin.json"
command -v wrk >/dev/null || { echo "serve_bench: wrk (Debian package wrk) is missing: scripts/install-deps.sh" >&2; exit 1; }
[ -x "$bin" ] || { echo "serve_bench: $bin is not built" >&2; exit 1; }

log=$(mktemp)
# The access log goes to a file: one write per request, as in production (the file is
# deleted afterwards).
"$bin" serve --rules "$policy" --port 0 --threads "$serve_threads" 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*"event":"listening".*"port":\([0-9]*\).*/\1/p' "$log" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "serve_bench: the server did not start:" >&2; cat "$log" >&2; exit 1; }
url="http://127.0.0.1:$port"

failed=0
ticks=$(getconf CLK_TCK)
server_cpu() {  # the server's CPU time so far (user + system), in clock ticks
  awk '{print $14 + $15}' "/proc/$server/stat"
}
run() {  # run NAME CMD...: prints the command, the load average around it, wrk's report, and
         # the server's CPU time per request: on a shared machine the rate says how much CPU the
         # server was given, the CPU per request what each request costs
  echo "== $1"
  shift
  echo "\$ $*"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local out before after requests
  before=$(server_cpu)
  out=$("$@")
  after=$(server_cpu)
  echo "$out"
  echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  requests=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  if [ -n "$requests" ] && [ "$requests" -gt 0 ]; then
    awk -v t=$((after - before)) -v hz="$ticks" -v n="$requests" 'BEGIN {
      us = t / hz * 1e6 / n
      printf "server CPU: %.2f s for %d requests, %.1f us each (at most %.0f requests/s on 2 cores of server alone)\n",
             t / hz, n, us, (us > 0 ? 2e6 / us : 0) }'
  fi
  if echo "$out" | grep -q "Non-2xx or 3xx responses\|Socket errors\|answers other than 200: [1-9]"; then
    failed=1
  fi
}
echo "contrascreen serve: $serve_threads threads; wrk: $wrk_threads thread(s), $connections connections, ${seconds} s; $(nproc) cores"
run "GET /healthz (ceiling: HTTP and the access log, no screening)" \
  wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency "$url/healthz"
run "POST /v1/screen/clinic-sv-microneedling (one intake: $(basename "$intake"))" \
  env INTAKE="$intake" wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$root/bench/serve_post.lua" \
  "$url/v1/screen/clinic-sv-microneedling"
kill -TERM "$server"
wait "$server" || { echo "serve_bench: the server did not exit 0 on SIGTERM" >&2; exit 1; }
trap 'rm -f "$log"' EXIT
echo "access log: $(grep -c '"status":200' "$log") lines with status 200, $(grep -c '"status":[^2]' "$log") others"
[ $failed -eq 0 ] || { echo "serve_bench: some answers were not 200, or sockets failed" >&2; exit 1; }
