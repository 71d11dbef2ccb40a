#!/usr/bin/env bash
# Quick start, first command: installs what is missing, builds, and screens the shipped
# example intakes against the example policy. Exit status as `screen`: 0 all allowed,
# 1 some referred, 2 some refused (the examples include refusals, so 2 is expected).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cmake --install "$root/build" --prefix "$root/build/prefix" >/dev/null
cmake -S "$root/examples" -B "$root/build/examples" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$root/build/prefix" >/dev/null
cmake --build "$root/build/examples" >/dev/null
status=0
"$root/build/examples/screen_intakes" "$root/examples/policies/quickstart.yaml" "$root"/examples/intakes/* || status=$?
[ "$status" -le 2 ] || exit "$status"
echo "demo: screened $(ls "$root"/examples/intakes | wc -l) example intakes (exit status $status: the most severe decision)" >&2
