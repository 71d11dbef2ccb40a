#!/usr/bin/python3
"""The decision log through the command line (`screen --log`, `log verify`), where golden cases
cannot go: appending to a log that grows, two processes appending to one log at once, and
logs that cannot be appended to.

  - a batch appends one line per decision after the header, a second run continues the chain,
    and `log verify` finds it intact with every decision;
  - two `screen --log` processes started together on one log, each a batch of 20,000 intakes (about 12 MiB, a dozen chunks) on
    2 threads (so each appends many chunks), leave one intact chain of 40,000 decisions whose
    lines are whole (bounded: each process must finish within the timeout);
  - a log whose last line was cut, or a file that is not a log, is never appended to (65, the
    file unchanged); a log that cannot be written (/dev/full) is io.write, 74, with no decision
    written out;
  - the key may come from CONTRASCREEN_LOG_KEY_FILE.

Usage: check_decision_log.py --bin BINARY --source ROOT. Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    source = Path(args.source)
    rules = str(source / "rules" / "common" / "microneedling.yaml")
    example = (source / "examples" / "batches" / "intakes.jsonl").read_text(encoding="utf-8").splitlines()

    with tempfile.TemporaryDirectory(prefix="contrascreen-log-") as tmp:
        tmp = Path(tmp)
        key = tmp / "clinic.key"
        key.write_bytes(os.urandom(32).hex().encode() + b"\n")
        key.chmod(0o600)
        records = [json.loads(line) for line in example if line.strip()]
        batches = {}
        for prefix in ("X", "Y"):
            batches[prefix] = tmp / f"batch-{prefix}.jsonl"
            with open(batches[prefix], "w", encoding="utf-8") as f:
                for i in range(20000):
                    f.write(json.dumps(dict(records[i % len(records)], id=f"{prefix}-{i:05d}")) + "\n")
        batch = batches["X"]

        def screen(log, *extra, env=None, batch_file=batch):
            return subprocess.Popen([args.bin, "screen", "--rules", rules, "--format", "jsonl", "--log", str(log),
                                     *extra, str(batch_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env)

        def verify(log):
            run = subprocess.run([args.bin, "log", "verify", str(log)], capture_output=True, text=True,
                                 timeout=TIMEOUT_SECONDS)
            return run.returncode, run.stdout + run.stderr

        # One batch, then another: one chain.
        log = tmp / "one.log"
        for run in range(2):
            p = screen(log, "--log-key-file", str(key), "--jobs", "2")
            out, err = p.communicate(timeout=TIMEOUT_SECONDS)
            check(p.returncode in (0, 1, 2) and len(out.splitlines()) == 20000, f"run {run + 1} screens 20000 ({err!r})")
        status, report = verify(log)
        check(status == 0 and "intact: 40000 decisions" in report, f"two runs, one intact chain: {report.strip()}")
        lines = log.read_text(encoding="utf-8").splitlines()
        check(len(lines) == 40001 and json.loads(lines[0])["seq"] == 0, "a header and one line per decision")
        check([json.loads(line)["seq"] for line in lines] == list(range(40001)), "sequence numbers 0..40000 in order")

        # Two processes at once, the key named by the environment.
        log = tmp / "shared.log"
        env = dict(os.environ, CONTRASCREEN_LOG_KEY_FILE=str(key))
        both = [screen(log, "--jobs", "2", env=env, batch_file=batches[prefix]) for prefix in ("X", "Y")]
        for p in both:
            out, err = p.communicate(timeout=TIMEOUT_SECONDS)
            check(p.returncode in (0, 1, 2) and len(out.splitlines()) == 20000,
                  f"a concurrent writer finishes ({err.decode()!r})")
        status, report = verify(log)
        check(status == 0 and "intact: 40000 decisions" in report, f"two writers at once, one chain: {report.strip()}")
        ids = [json.loads(line)["id"] for line in log.read_text(encoding="utf-8").splitlines()[1:]]
        check(sorted(ids) == [f"{p}-{i:05d}" for p in ("X", "Y") for i in range(20000)], "every decision of both, whole")
        switches = sum(1 for a, b in zip(ids, ids[1:]) if a[0] != b[0])
        print(f"     (the writers took turns {switches} times)")

        # Never appended to: a cut tail, a file that is not a log.
        cut = tmp / "cut.log"
        cut.write_bytes(log.read_bytes()[:-40])
        before = cut.read_bytes()
        p = screen(cut, "--log-key-file", str(key))
        out, err = p.communicate(timeout=TIMEOUT_SECONDS)
        check(p.returncode == 65 and b"error[log.truncated]" in err and out == b"" and cut.read_bytes() == before,
              "a log with a cut tail is not appended to, and no decision is written (65)")
        notes = tmp / "notes.txt"
        notes.write_text("not a log\n")
        p = screen(notes, "--log-key-file", str(key))
        out, err = p.communicate(timeout=TIMEOUT_SECONDS)
        check(p.returncode == 65 and b"error[log.not_a_log]" in err and notes.read_text() == "not a log\n",
              "a file that is not a log is not appended to (65)")

        # A log that cannot be written.
        if os.path.exists("/dev/full"):
            p = screen("/dev/full", "--log-key-file", str(key))
            out, err = p.communicate(timeout=TIMEOUT_SECONDS)
            check(p.returncode == 74 and b"error[io.write]" in err and out == b"",
                  f"a log on a full disk is io.write, 74, before any decision is written ({err!r})")

    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
