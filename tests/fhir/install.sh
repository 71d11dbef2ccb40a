#!/usr/bin/env bash
# Installs the FHIR validator (package.json, pinned by package-lock.json) with `npm ci` into
# DIR (default: the build tree's fhir-validator), next to a copy of validate.mjs, so the
# source tree stays clean. Reinstalls only when the lockfile changed. Needs node and npm
# (scripts/install-deps.sh installs Debian's when there are none) and the npm registry, or
# an npm cache that holds the two packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: install.sh DIR}"
mkdir -p "$dir"
cp "$here/validate.mjs" "$dir/"
if [ -d "$dir/node_modules/@medplum/core" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
cd "$dir"
npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
