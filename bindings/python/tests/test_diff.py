"""contrascreen.diff: the same changes and summary as `contrascreen diff --format jsonl`, whether
the intakes are a path or dicts; rule sets on other catalogues and empty inputs raise."""

import json
import subprocess

import pytest

import contrascreen
from conftest import BASELINE, CLINIC_NL, ROOT, TEST_DATA

BATCH = ROOT / "examples" / "batches" / "intakes.jsonl"


def cli_diff(cli, old, new, batch):
    run = subprocess.run([cli, "diff", "--old", str(old), "--new", str(new), "--format", "jsonl",
                          "--date", "2026-11-21", str(batch)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode in (0, 1), run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    return run.returncode, records[:-1], records[-1]


def test_diff_of_a_file_is_the_clis(cli):
    status, changes, summary = cli_diff(cli, BASELINE, CLINIC_NL, BATCH)
    result = contrascreen.diff(BASELINE, CLINIC_NL, BATCH, date="2026-11-21")
    assert status == 1 and result.changed > 0
    assert result.changes == changes
    assert result.summary() == summary
    assert sum(sum(row.values()) for row in result.matrix.values()) == result.intakes == 20
    assert result.before["id"] == "common/microneedling"


def test_diff_of_dicts_is_that_of_the_file(cli):
    with open(BATCH, encoding="utf-8") as f:
        intakes = [json.loads(line) for line in f if line.strip()]
    by_path = contrascreen.diff(BASELINE, CLINIC_NL, BATCH)
    by_dicts = contrascreen.diff(contrascreen.load(BASELINE), contrascreen.load(CLINIC_NL), iter(intakes))
    assert [c["id"] for c in by_dicts.changes] == [c["id"] for c in by_path.changes]
    assert [(c["before"], c["after"]) for c in by_dicts.changes] == [(c["before"], c["after"]) for c in by_path.changes]
    assert by_dicts.matrix == by_path.matrix and by_dicts.rules == by_path.rules


def test_a_policy_against_itself_changes_nothing():
    result = contrascreen.diff(BASELINE, BASELINE, BATCH)
    assert result.changes == [] and result.changed == 0 and result.rules == []


def test_unreadable_records_count_as_error_to_error():
    intakes = [{"id": "ok", "date": "2026-11-21", "answers": {}},
               {"id": "typo", "date": "2026-11-21", "answers": {"pregant": True}}]
    result = contrascreen.diff(BASELINE, CLINIC_NL, intakes)
    assert result.errors == 1 and result.matrix["error"]["error"] == 1
    assert [d.code for d in result.intake_errors] == ["intake.unknown_question"]


def test_other_catalogues_and_empty_inputs_raise():
    with pytest.raises(contrascreen.RuleSetError) as error:
        contrascreen.diff(BASELINE, TEST_DATA / "answers" / "ruleset.yaml", BATCH)
    assert error.value.code == "diff.catalogue_mismatch"
    with pytest.raises(contrascreen.IntakeError) as error:
        contrascreen.diff(BASELINE, CLINIC_NL, [])
    assert error.value.code == "intake.empty"
    with pytest.raises(contrascreen.IntakeError) as error:
        contrascreen.diff(BASELINE, CLINIC_NL, ROOT / "no-such-file.jsonl")
    assert error.value.code == "io.not_found"


def test_the_policy_change_example_reports_the_diff():
    import sys

    example = ROOT / "examples" / "python" / "policy_change.py"
    run = subprocess.run([sys.executable, str(example), str(BASELINE), str(CLINIC_NL), str(BATCH),
                          "--date", "2026-11-21"], capture_output=True, text=True, encoding="utf-8")
    result = contrascreen.diff(BASELINE, CLINIC_NL, BATCH, date="2026-11-21")
    assert run.returncode == 1, run.stderr
    assert f"{result.changed} of {result.intakes} intakes decided differently" in run.stdout
    for change in result.changes:
        assert f"  {change['id']}: " in run.stdout
    rows = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in run.stdout.splitlines()
            if line.split()[:1] and line.split()[0] in ("allow", "refer", "refuse", "error") and len(line.split()) == 5}
    assert rows == {b: [result.matrix[b][a] for a in ("allow", "refer", "refuse", "error")] for b in rows}
    assert len(rows) == 4
