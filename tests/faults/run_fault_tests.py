#!/usr/bin/python3
"""Fault injection: every subcommand runs with its reads, opens and writes failing, through
the LD_PRELOAD shim tests/faults/fault_shim.c, and must keep the contract of
docs/interfaces.md#the-command-line:

- a read that fails (at the first byte, part way, where the end of the file would be) or a
  file that cannot be opened: exit 65 and error[io.read] naming the file; for a batch, after
  the records before the failure, each written exactly as without the fault (a record cut
  short is never screened), and a count that says how many;
- a write that fails (at the first byte, part way, at the final flush): exit 74 and one
  error[io.write] on standard error;
- never a decision status (0, 1, 2), never a signal, never an internal error (70).

The commands and the faults are the two tables below; each command meets every fault that
applies to it. Inputs larger than the batch reader's 1 MiB chunks are generated, so that a
read failing part way comes after whole chunks were screened and written.

Usage: run_fault_tests.py --bin CONTRASCREEN --shim libcontrascreen_fault_shim.so [--source ROOT]
Prints one line per run and "N passed, N failed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

EXIT_DATA, EXIT_INTERNAL, EXIT_OUTPUT = 65, 70, 74
DECISIONS = (0, 1, 2)
CHUNK = 1 << 20  # the batch reader's chunk (src/io/batch_reader.hpp)

POLICY = "rules/clinics/clinic-sv/microneedling.yaml"
BASE = "rules/common/value_sets.yaml"  # read through the policy's `extends`
OTHER = "rules/clinics/clinic-nl/microneedling.yaml"

# name: arguments ({policy}, {jsonl}, ... are filled in below); the inputs each command
# reads, as (what it is, the file or "-" for standard input). A "batch" is JSON Lines or
# CSV, screened record by record; an "intake" one .json or .yaml intake; "rules" a rule set;
# "log" a decision log.
COMMANDS = {
    "screen .jsonl": (["screen", "--rules", "{policy}", "--format", "jsonl", "{jsonl}"],
                      [("batch", "{jsonl}"), ("rules", "{policy}"), ("rules", "{base}")]),
    "screen .csv": (["screen", "--rules", "{policy}", "--format", "jsonl", "{csv}"],
                    [("batch", "{csv}")]),
    "screen .csv, text out": (["screen", "--rules", "{policy}", "{csv}"], [("batch", "{csv}")]),
    "screen stdin": (["screen", "--rules", "{policy}", "--format", "jsonl", "-"], [("batch", "-")]),
    "screen .jsonl, 2 jobs": (["screen", "--rules", "{policy}", "--format", "jsonl", "--jobs", "2", "{jsonl}"],
                              [("batch", "{jsonl}")]),
    "screen .csv, csv out": (["screen", "--rules", "{policy}", "--format", "csv", "{csv}"], []),
    "screen .json": (["screen", "--rules", "{policy}", "{source}/examples/intakes/warfarin.json"],
                     [("intake", "{source}/examples/intakes/warfarin.json")]),
    "screen .yaml": (["screen", "--rules", "{policy}", "--format", "json", "{source}/examples/intakes/minor.yaml"],
                     [("intake", "{source}/examples/intakes/minor.yaml")]),
    "check": (["check", "{policy}"], [("rules", "{policy}"), ("rules", "{base}")]),
    "test": (["test", "{policy}"], [("rules", "{policy}")]),
    "questions": (["questions", "--rules", "{policy}"], [("rules", "{policy}")]),
    "rules": (["rules", "{policy}", "{other}"], [("rules", "{policy}"), ("rules", "{other}")]),
    "sheet": (["sheet", "--rules", "{policy}", "--base", "{other}", "--date", "2026-11-21"],
              [("rules", "{policy}"), ("rules", "{other}")]),
    "questionnaire": (["questionnaire", "--rules", "{policy}", "--format", "fhir"], [("rules", "{policy}")]),
    "eval": (["eval", "age > 17 && pregnant", "--rules", "{policy}", "--answers", '{{"age": 30, "pregnant": false}}'],
             [("rules", "{policy}")]),
    "diff": (["diff", "--old", "{other}", "--new", "{policy}", "--format", "jsonl", "{jsonl}"],
             [("rules", "{policy}"), ("rules", "{other}")]),
    # diff keeps standard input to read it twice: a failed read is io.read before anything is compared.
    "diff stdin": (["diff", "--old", "{other}", "--new", "{policy}", "--format", "jsonl", "-"], [("intake", "-")]),
    "log verify": (["log", "verify", "{log}"], [("log", "{log}")]),
    "--help": (["--help"], []),
    "--version": (["--version"], []),
}

# Read faults: where the read fails, given the input's size in bytes.
READ_FAULTS = {
    "read fails at the first byte": lambda size: 0,
    "read fails part way": lambda size: CHUNK + CHUNK // 2 if size > 2 * CHUNK else size // 2,
    "read fails where the end would be": lambda size: size,
}
# Write faults on standard output: where the write fails given the output's length, and the error.
WRITE_FAULTS = {
    "write fails at the first byte (ENOSPC)": (lambda length: 0, "ENOSPC"),
    "write fails part way (EPIPE)": (lambda length: length // 2, "EPIPE"),
    "write fails at the final flush (EIO)": (lambda length: length - 1, "EIO"),
}


def make_batches(source, directory):
    """JSON Lines and CSV batches of about 2.5 MiB: the examples' records over and over."""
    jsonl = (source / "examples/batches/intakes.jsonl").read_text(encoding="utf-8").splitlines(True)
    header, *rows = (source / "examples/batches/intakes.csv").read_text(encoding="utf-8").splitlines(True)
    paths = {}
    for name, first, records in (("batch.jsonl", "", jsonl), ("batch.csv", header, rows)):
        parts, size = [first], len(first)
        while size < 5 * CHUNK // 2:
            parts.extend(records)
            size += sum(len(r) for r in records)
        paths[name] = directory / name
        paths[name].write_text("".join(parts), encoding="utf-8")
    return paths


class Runner:
    def __init__(self, binary, shim, directory):
        self.binary, self.shim, self.directory = binary, shim, directory
        self.passed = self.failed = 0

    def run(self, args, stdin, environment=None):
        env = dict(os.environ)
        if environment is not None:
            env.update(environment)
            env["LD_PRELOAD"] = self.shim
        with open(stdin, "rb") as input_file:
            done = subprocess.run([self.binary] + args, stdin=input_file, capture_output=True, env=env,
                                  cwd=self.directory, timeout=120)
        return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")

    def report(self, name, problems, status, stderr):
        if problems:
            self.failed += 1
            print("FAIL %s: %s (exit %d)\n  stderr: %s" % (name, "; ".join(problems), status, stderr.strip()[:1500]))
        else:
            self.passed += 1
            print("ok   %s (exit %d)" % (name, status))


def never_a_decision(status, stderr):
    problems = []
    if status < 0:
        problems.append("ended by signal %d" % -status)
    if status in DECISIONS:
        problems.append("a decision status despite the fault")
    if status == EXIT_INTERNAL or "internal error" in stderr:
        problems.append("an internal error")
    return problems


def records(output):
    return output.splitlines(True)


def check_read_fault(kind, shown, offset, clean, status, stdout, stderr):
    """The contract for a read that failed after `offset` bytes of the file that ends in
    `shown` (or whose opening was refused: offset None)."""
    problems = never_a_decision(status, stderr)
    if status != EXIT_DATA:
        problems.append("expected exit %d" % EXIT_DATA)
    # check's diagnostics are its report, on standard output; the others' on standard error.
    said = stderr + stdout.decode("utf-8", "replace")
    if not re.search(r"(^|[\s/])" + re.escape(shown) + r"(:\d+:\d+)?: error\[io\.read\]", said, re.M):
        problems.append("no error[io.read] naming %s" % shown)
    if kind == "batch":
        counted = re.search(r"error\[io\.read\]: the input could not be read after (\d+) records?", stderr)
        if offset is not None and not counted:
            problems.append("io.read does not say how many records were read")
        count = int(counted.group(1)) if counted else 0
        # What was written is what a run without the fault wrote first: nothing from a record
        # cut short. JSON Lines (the --format jsonl cases) shows the count too.
        if not clean.startswith(stdout):
            problems.append("the output differs from the start of the output without the fault")
        if stdout.startswith(b"{") and records(stdout) != records(clean)[:count]:
            problems.append("the output is not the first %d records of the output without the fault" % count)
        if offset is not None and offset >= CHUNK and count == 0:
            problems.append("the records of the whole chunks read before the failure were not written")
    return problems


def check_write_fault(status, stderr):
    problems = never_a_decision(status, stderr)
    if status != EXIT_OUTPUT:
        problems.append("expected exit %d" % EXIT_OUTPUT)
    if stderr.count("error[io.write]") != 1:
        problems.append("expected error[io.write] once on standard error, found it %d times" %
                        stderr.count("error[io.write]"))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--shim", required=True)
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]))
    options = parser.parse_args()
    source = Path(options.source).resolve()
    with tempfile.TemporaryDirectory(prefix="contrascreen-faults-") as temporary:
        directory = Path(temporary)
        batches = make_batches(source, directory)
        fill = {"source": str(source), "policy": str(source / POLICY), "base": str(source / BASE),
                "other": str(source / OTHER), "jsonl": str(batches["batch.jsonl"]), "csv": str(batches["batch.csv"]),
                "log": str(source / "tests/cli/data/logs/intact.log")}
        runner = Runner(str(Path(options.bin).resolve()), str(Path(options.shim).resolve()), directory)
        for name, (arguments, inputs) in COMMANDS.items():
            args = [a.format(**fill) for a in arguments]
            stdin = fill["jsonl"] if "-" in args else os.devnull
            clean_status, clean, clean_stderr = runner.run(args, stdin)
            if clean_status == EXIT_INTERNAL or clean_status < 0 or (clean_status not in DECISIONS and
                                                                     clean_status != EXIT_DATA):
                runner.report(name + ", without a fault", ["unexpected exit"], clean_status, clean_stderr)
                continue
            # The shim on, with a fault that never triggers, changes nothing.
            status, stdout, stderr = runner.run(args, stdin, {"CS_FAULT_WRITE_FAIL_AFTER": str(len(clean))})
            runner.report(name + ", shim on, every byte written", [] if (status, stdout) == (clean_status, clean)
                          else ["the output or the status differ from a run without the shim"], status, stderr)
            for fault, (where, error) in WRITE_FAULTS.items():
                environment = {"CS_FAULT_WRITE_FAIL_AFTER": str(max(where(len(clean)), 0)), "CS_FAULT_WRITE_ERRNO": error}
                status, _, stderr = runner.run(args, stdin, environment)
                runner.report("%s, %s" % (name, fault), check_write_fault(status, stderr), status, stderr)
            for kind, what in inputs:
                path = what.format(**fill)
                # The file's folder and name: what the shim looks for in the paths opened
                # (the base is opened as clinic-sv/../../common/value_sets.yaml).
                shown = "-" if path == "-" else "/".join(Path(path).parts[-2:])
                size = os.path.getsize(stdin if path == "-" else path)
                target = {"CS_FAULT_READ_FD": "0"} if path == "-" else {"CS_FAULT_READ_PATH": shown}
                faults = [(fault, where(size)) for fault, where in READ_FAULTS.items()]
                if path != "-":
                    faults.append(("open refused (EACCES)", None))
                for fault, offset in faults:
                    environment = dict(target, CS_FAULT_READ_FAIL_AFTER=str(offset)) if offset is not None \
                        else {"CS_FAULT_OPEN_PATH": shown}
                    status, stdout, stderr = runner.run(args, stdin, environment)
                    problems = check_read_fault(kind, shown, offset, clean, status, stdout, stderr)
                    runner.report("%s, %s %s" % (name, Path(path).name if path != "-" else "stdin", fault), problems,
                                  status, stderr)
        print("%d passed, %d failed" % (runner.passed, runner.failed))
        return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
