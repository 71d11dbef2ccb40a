#!/usr/bin/env bash
# Installs the Debian packages contrascreen needs to build and test.
# Idempotent and quiet: it prints nothing and calls no package manager when all are present.
# Extra arguments name further packages to ensure (scripts/hardening.sh: clang, libclang-rt).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev                  # Boost.Spirit X3 (expression grammar), Beast and Asio (contrascreen serve)
  libboost-program-options-dev  # CLI option parsing
  libyaml-cpp-dev               # rule sets, catalogue, YAML intakes
  libsimdjson-dev               # JSON / JSON Lines intakes
  unicode-data python3          # the Unicode tables of free-text matching, generated at build time
  doctest-dev                   # C++ unit tests
  pybind11-dev python3-dev      # Python bindings
  python3-pytest                # Python tests
  python3-yaml                  # Python tests: read the shared YAML test data
  python3-pandas python3-matplotlib  # examples/python/audit.py (tested)
  python3-numpy                 # Results.to_pandas(): columns built as numpy arrays (tested)
  python3-dask python3-distributed  # contrascreen.dask, examples/python/rescreen_archive.py (tested)
  python3-setuptools python3-wheel python3-pip python3-venv  # offline `pip install bindings/python`
  valgrind                      # the C ABI test under memcheck (CTest c_api.test_memcheck)
  time bc                       # bench/cli_bench.sh (and its CI smoke test): peak memory, arithmetic
  chromium fonts-dejavu-core    # CTest sheet.print_pdf: the policy sheets printed to PDF, headless
  wrk                           # bench/serve_bench.sh (and its CI smoke test): HTTP load on loopback
)
packages+=("$@")
# The FHIR validator of the tests (tests/fhir, @medplum/core via `npm ci`) runs on node >= 18.
# Debian's nodejs and npm only when there is no node or npm at all: a node from elsewhere
# (NodeSource) brings its own npm, which Debian's npm package would conflict with.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
