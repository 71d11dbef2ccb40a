"""examples/python/audit.py on the shipped example batch, JSON Lines and CSV, under the baseline
and clinic-nl's policy: its numbers are the CLI's, with and without pandas, and the chart is a PNG."""

import collections
import csv
import json
import subprocess
import sys

import pytest

from conftest import BASELINE, CLINIC_NL, ROOT

AUDIT = ROOT / "examples" / "python" / "audit.py"


def cli_decisions(cli, rules, batch):
    run = subprocess.run([cli, "screen", "--rules", str(rules), "--format", "jsonl", "--date", "2026-11-21",
                          str(batch)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode in (0, 1, 2, 65), run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def read_summary(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def policies():
    import contrascreen

    return [f"{rs.id}@{rs.version}" for rs in map(contrascreen.load, (BASELINE, CLINIC_NL))]


@pytest.mark.parametrize("batch", ["intakes.jsonl", "intakes.csv"])
@pytest.mark.parametrize("pandas", [True, False], ids=["pandas", "stdlib"])
def test_audit_numbers_are_the_clis(cli, tmp_path, policies, batch, pandas):
    batch = ROOT / "examples" / "batches" / batch
    command = [sys.executable, str(AUDIT), str(batch), str(BASELINE), str(CLINIC_NL), "--date", "2026-11-21",
               "--out", str(tmp_path)]
    if not pandas:
        command.append("--no-pandas")
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    rows = read_summary(tmp_path / "summary.csv")

    per_policy = [cli_decisions(cli, rules, batch) for rules in (BASELINE, CLINIC_NL)]
    for policy, records in zip(policies, per_policy):
        decisions = collections.Counter(r["decision"] or "error" for r in records)
        reported = {r["decision"]: int(r["count"]) for r in rows if r["section"] == "decisions" and r["policy"] == policy}
        assert reported == {d: decisions.get(d, 0) for d in ("allow", "refer", "refuse", "error")}
        reasons = collections.Counter((x["rule"], x["decision"], x["status"]) for r in records for x in r["reasons"] or [])
        reported = {(r["rule"], r["decision"], r["status"]): int(r["count"])
                    for r in rows if r["section"] == "reasons" and r["policy"] == policy}
        assert reported == dict(reasons)
    changed = [(a["id"], a["decision"], b["decision"]) for a, b in zip(*per_policy) if a["decision"] != b["decision"]]
    reported = [(r["intake"], r["before"], r["after"]) for r in rows if r["section"] == "changed"]
    assert reported == changed and changed  # the six-week interval refuses intakes the baseline allows
    assert all(r["after_rules"] == "interval" for r in rows if r["section"] == "changed")

    chart = tmp_path / "reasons.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    height, width = matplotlib.image.imread(str(chart)).shape[:2]
    assert width >= 1200 and height >= 600


def test_pandas_and_stdlib_agree(tmp_path):
    batch = ROOT / "examples" / "batches" / "intakes.jsonl"
    outputs = []
    for flag in ([], ["--no-pandas"]):
        out = tmp_path / ("stdlib" if flag else "pandas")
        subprocess.run([sys.executable, str(AUDIT), str(batch), str(BASELINE), str(CLINIC_NL), "--date", "2026-11-21",
                        "--out", str(out)] + flag, check=True, capture_output=True)
        outputs.append((out / "summary.csv").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
