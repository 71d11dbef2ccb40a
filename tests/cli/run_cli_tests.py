#!/usr/bin/python3
"""End-to-end tests of the contrascreen command line.

Each directory under tests/cli/cases/ is one invocation:

  args              one argument per line ({source}: the repository root, {bin}: the binary)
  stdin             optional: fed to standard input (else it is empty)
  expected_stdout   standard output, exactly
  stdout_contains   optional, instead of expected_stdout: each of its lines must occur in
                    standard output (for output that is partly unstable, such as --version)
  expected_stderr   optional: standard error, exactly (when absent, stderr is not compared)
  stderr_contains   optional, instead of expected_stderr: each of its lines must occur in stderr
  expected_status   the exit status

Every case's raw standard output and standard error must also be valid UTF-8 without control
characters other than the line break (no ESC, BEL, DEL, C1...): the cases under hostile
names feed such bytes in through every front end.

Cases run with the repository root as working directory, so relative paths in args keep
the output stable; the repository root and the binary's path are written back as
{source} and {bin} in the output before comparing. --update rewrites expected_stdout,
expected_status and any existing expected_stderr from what the binary does now: review
every change by eye before keeping it.

Usage: run_cli_tests.py --bin BINARY [--source ROOT] [--update] [CASE...]
The last line printed is "N passed, M failed"; the exit status is 1 when a case failed.
Standard library only: it runs under Debian's /usr/bin/python3.
"""

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 60


def read(path):
    return path.read_text(encoding="utf-8") if path.exists() else None


def run_case(case, binary, source):
    args_text = read(case / "args") or ""
    lines = args_text.split("\n") if args_text else []
    if lines and lines[-1] == "":
        lines.pop()  # the final line break
    args = [line.replace("{source}", source).replace("{bin}", binary) for line in lines]
    stdin = read(case / "stdin") or ""
    env = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1", TZ="UTC")
    done = subprocess.run([binary] + args, input=stdin.encode("utf-8"), capture_output=True, cwd=source, env=env,
                          timeout=TIMEOUT_SECONDS)

    def normalise(data):
        return data.decode("utf-8", errors="replace").replace(binary, "{bin}").replace(source, "{source}")

    return normalise(done.stdout), normalise(done.stderr), done.returncode, unclean(done.stdout), unclean(done.stderr)


def unclean(data):
    """What makes raw output unfit for a terminal, or None: every case's standard output and
    standard error must be valid UTF-8 without control characters (C0 but the line break,
    DEL, C1), whatever its input held (docs/interfaces.md, "Printable text")."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return "not valid UTF-8 at byte %d: %r" % (e.start, data[max(e.start - 20, 0):e.start + 20])
    for i, c in enumerate(text):
        if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F:
            return "a raw control character U+%04X at character %d: %r" % (ord(c), i, text[max(i - 20, 0):i + 20])
    return None


def diff(name, expected, actual):
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        fromfile=name + " (expected)", tofile=name + " (actual)"))


def check_case(case, stdout, stderr, status, unclean_stdout=None, unclean_stderr=None):
    """Returns the list of problems (diff texts) of one case."""
    problems = ["%s is %s\n" % (stream, why) for stream, why in (("stdout", unclean_stdout), ("stderr", unclean_stderr))
                if why]
    for stream, text in (("stdout", stdout), ("stderr", stderr)):
        contains = read(case / (stream + "_contains"))
        missing = [line for line in (contains or "").splitlines() if line not in text]
        if missing:
            problems.append(stream + " lacks:\n" + "".join("  " + m + "\n" for m in missing) +
                            stream + " was:\n" + text)
    if not (case / "stdout_contains").exists():
        expected = read(case / "expected_stdout")
        if expected is None:
            problems.append("no expected_stdout (run with --update to create it)\n")
        elif expected != stdout:
            problems.append(diff("stdout", expected, stdout))
    expected_err = read(case / "expected_stderr")
    if expected_err is not None and expected_err != stderr:
        problems.append(diff("stderr", expected_err, stderr))
    expected_status = read(case / "expected_status")
    if expected_status is None or int(expected_status.strip()) != status:
        problems.append("status: expected %s, got %d\n" % (expected_status and expected_status.strip(), status))
    return problems


def update_case(case, stdout, stderr, status):
    if not (case / "stdout_contains").exists():
        (case / "expected_stdout").write_text(stdout, encoding="utf-8")
    if (case / "expected_stderr").exists():
        (case / "expected_stderr").write_text(stderr, encoding="utf-8")
    (case / "expected_status").write_text("%d\n" % status, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the contrascreen binary")
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]), help="the repository root")
    parser.add_argument("--update", action="store_true", help="rewrite the expected files from actual output")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    options = parser.parse_args()
    binary = str(Path(options.bin).resolve())
    source = str(Path(options.source).resolve())
    root = Path(__file__).resolve().parent / "cases"
    cases = sorted(p for p in root.iterdir() if p.is_dir())
    if options.cases:
        unknown = set(options.cases) - {c.name for c in cases}
        if unknown:
            parser.error("no such case: " + ", ".join(sorted(unknown)))
        cases = [c for c in cases if c.name in options.cases]

    passed = failed = 0
    for case in cases:
        try:
            stdout, stderr, status, unclean_stdout, unclean_stderr = run_case(case, binary, source)
        except subprocess.TimeoutExpired:
            print("FAIL %s: timed out after %d s" % (case.name, TIMEOUT_SECONDS))
            failed += 1
            continue
        if options.update:
            update_case(case, stdout, stderr, status)
        problems = check_case(case, stdout, stderr, status, unclean_stdout, unclean_stderr)
        if problems:
            failed += 1
            print("FAIL %s (%s)" % (case.name, " ".join(read(case / "args").split("\n")).strip()))
            for problem in problems:
                sys.stdout.write(problem if problem.endswith("\n") else problem + "\n")
        else:
            passed += 1
            print("ok   %s" % case.name)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
