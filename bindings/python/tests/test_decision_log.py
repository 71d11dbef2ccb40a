"""contrascreen.verify_log agrees with `contrascreen log verify` on logs written by
`contrascreen screen --log`: intact, one edited byte, a removed line, swapped lines, a cut tail."""

import os
import subprocess

import pytest

import contrascreen
from conftest import BASELINE, ROOT

BATCH = ROOT / "examples" / "batches" / "intakes.jsonl"


@pytest.fixture
def log(cli, tmp_path):
    key = tmp_path / "log.key"
    key.write_bytes(os.urandom(32).hex().encode() + b"\n")
    key.chmod(0o600)
    path = tmp_path / "decisions.log"
    run = subprocess.run([cli, "screen", "--rules", str(BASELINE), "--format", "jsonl", "--log", str(path),
                          "--log-key-file", str(key), str(BATCH)], capture_output=True)
    assert run.returncode in (0, 1, 2), run.stderr
    return path


def cli_verify(cli, path):
    run = subprocess.run([cli, "log", "verify", str(path)], capture_output=True, text=True)
    return run.returncode, run.stderr


def test_an_intact_log(cli, log):
    result = contrascreen.verify_log(log)
    assert result.intact and bool(result) and result.problems == []
    assert result.entries == 20
    status, _ = cli_verify(cli, log)
    assert status == 0
    assert log.read_text(encoding="utf-8").splitlines()[-1].endswith(f'"hash":"{result.head}"}}')


def edit(path, how):
    lines = path.read_bytes().split(b"\n")[:-1]
    if how == "edited":
        lines[6] = lines[6].replace(b'"decision":"', b'"decision":"X', 1)
    elif how == "removed":
        del lines[6]
    elif how == "reordered":
        lines[6], lines[7] = lines[7], lines[6]
    if how == "truncated":
        lines[-1] = lines[-1][:len(lines[-1]) // 2]
    path.write_bytes(b"\n".join(lines) + (b"" if how == "truncated" else b"\n"))


@pytest.mark.parametrize("how, code, line", [("edited", "log.edited", 7), ("removed", "log.removed", 7),
                                             ("reordered", "log.reordered", 7), ("truncated", "log.truncated", 21)])
def test_a_broken_log_is_found_at_its_line(cli, log, how, code, line):
    edit(log, how)
    result = contrascreen.verify_log(log)
    assert not result.intact
    assert [(d.code, d.line) for d in result.problems] == [(code, line)]
    status, stderr = cli_verify(cli, log)
    assert status == 65
    assert f":{line}:1: error[{code}]" in stderr


def test_a_missing_log():
    result = contrascreen.verify_log(ROOT / "no-such.log")
    assert not result.intact and result.problems[0].code == "io.not_found"
