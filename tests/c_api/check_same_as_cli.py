#!/usr/bin/python3
"""The C ABI gives the command line's records: for every shipped example intake (and intakes
that cannot be read, or whose answers cannot all be true), examples/c/screen_intakes.c,
which screens through cs_screen_json, prints byte for byte what
`contrascreen screen --format json` prints, and exits with the same status. Each intake
alone and all together, on two policies, in the default language and in Swedish.

Usage: check_same_as_cli.py --cli CONTRASCREEN --c-program SCREEN_INTAKES_C --source ROOT
Standard library only (/usr/bin/python3).
"""

import argparse
import subprocess
import sys
from pathlib import Path

POLICIES = ["examples/policies/quickstart.yaml", "rules/clinics/clinic-sv/microneedling.yaml"]
CANNOT_BE_READ = ["tests/cli/data/screen/bad_intake.json", "tests/c_api/data/impossible.json"]
WITHOUT_DATE = ["tests/cli/data/screen/no_date.json"]  # screened on --date


def run(command, root):
    done = subprocess.run(command, cwd=root, capture_output=True, timeout=120)
    return done.returncode, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--c-program", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    root = Path(args.source)

    examples = sorted(p.relative_to(root).as_posix() for p in (root / "examples/intakes").glob("*.json"))
    if len(examples) < 5:
        print("FAIL: expected the example intakes in examples/intakes/, found %d" % len(examples))
        return 1
    intakes = examples + CANNOT_BE_READ + WITHOUT_DATE
    failed = 0
    compared = 0
    for policy in POLICIES:
        for language in ([], ["--lang", "sv"]):
            options = ["--date", "2026-11-21"] + language
            for group in [[intake] for intake in intakes] + [intakes]:
                cli = run([args.cli, "screen", "--rules", policy, "--format", "json"] + options + group, root)
                c = run([args.c_program] + options + [policy] + group, root)
                compared += 1
                if cli != c:
                    failed += 1
                    print("DIFFERENT: %s %s %s" % (policy, " ".join(language), " ".join(group)))
                    print("  cli (status %d): %r" % (cli[0], cli[1][:400]))
                    print("  C   (status %d): %r" % (c[0], c[1][:400]))
                elif cli[0] not in (0, 1, 2, 65) or not cli[1]:
                    failed += 1
                    print("UNEXPECTED: %s %s: status %d, %d bytes" % (policy, " ".join(group), cli[0], len(cli[1])))
    if failed:
        print("FAIL: %d of %d runs differ" % (failed, compared))
        return 1
    print("ok: %d runs over %d intakes: the C ABI's records and statuses are the command line's" %
          (compared, len(intakes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
