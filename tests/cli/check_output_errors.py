#!/usr/bin/python3
"""Output that cannot be written is exit 74 with io.write on stderr, for every subcommand,
never a decision status or a silent 0: stdout is /dev/full (a full disk), then a pipe whose
reader has gone away while SIGPIPE is ignored (as under some service managers).

Usage: check_output_errors.py --bin CONTRASCREEN [--source ROOT]. Prints "N passed, N failed".
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

EXIT_OUTPUT = 74


def commands(source):
    policy = str(source / "rules/clinics/clinic-sv/microneedling.yaml")
    return {
        "screen, one intake": ["screen", "--rules", policy, str(source / "examples/intakes/warfarin.json")],
        "screen, a batch": ["screen", "--rules", policy, "--format", "jsonl", str(source / "examples/batches/intakes.jsonl")],
        "screen, two jobs": ["screen", "--rules", policy, "--jobs", "2", str(source / "examples/batches/intakes.csv")],
        "check": ["check", policy],
        "test": ["test", policy],
        "questions": ["questions", "--rules", policy],
        "eval": ["eval", "age > 17", "--answers", '{"age": 30}'],
        "rules": ["rules", policy],
        "sheet": ["sheet", "--rules", policy, "--date", "2026-11-21"],
        "questionnaire": ["questionnaire", "--rules", policy, "--format", "fhir"],
        "diff, changes": ["diff", "--old", str(source / "rules/common/microneedling.yaml"), "--new", policy,
                          "--format", "jsonl", str(source / "examples/batches/intakes.jsonl")],
        "diff, no change (the summary alone)": ["diff", "--old", policy, "--new", policy,
                                                str(source / "examples/batches/intakes.csv")],
        "log verify": ["log", "verify", str(source / "tests/cli/data/logs/intact.log")],
        "--help": ["--help"],
        "--version": ["--version"],
    }


def to_dev_full(binary, args):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([binary] + args, stdout=full, stderr=subprocess.PIPE, timeout=60)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def to_closed_pipe(binary, args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: every write fails with EPIPE
    done = subprocess.run([binary] + args, stdout=write_end, stderr=subprocess.PIPE, timeout=60,
                          preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
    os.close(write_end)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]))
    options = parser.parse_args()
    source = Path(options.source)
    passed = failed = 0
    for name, args in commands(source).items():
        for how, run in (("/dev/full", to_dev_full), ("closed pipe, SIGPIPE ignored", to_closed_pipe)):
            status, stderr = run(options.bin, args)
            if status == EXIT_OUTPUT and "io.write" in stderr:
                passed += 1
                print("ok   %s (%s)" % (name, how))
            else:
                failed += 1
                print("FAIL %s (%s): exit %d, stderr:\n%s" % (name, how, status, stderr))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
