#!/usr/bin/env bash
# Quick start, first command: installs what is missing, builds, and screens the shipped
# example intakes (examples/intakes/) against the shipped baseline microneedling policy,
# then the example batch against a clinic's policy. Exits 0 when all of that ran: the
# screenings themselves refuse and refer some patients, as they should.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
bin="$root/build/cli/contrascreen"
cd "$root"
run() {  # screen exits 1 or 2 when a patient is referred or refused: not a failure here
  echo "\$ contrascreen $*"
  "$bin" "$@" || [ $? -le 2 ]
  echo
}
run screen --rules rules/common/microneedling.yaml examples/intakes/*
run screen --rules rules/clinics/clinic-sv/microneedling.yaml --lang sv --format csv examples/batches/intakes.jsonl
