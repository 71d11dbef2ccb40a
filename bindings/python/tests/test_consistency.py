"""Python and the CLI agree record for record: a deterministic generated batch of 12,000
intakes over the whole catalogue (missing answers, odd-case drug names, temporary refusals,
follow-ups only after answers that allow them, a few invalid intakes), screened by `contrascreen screen --format jsonl` and by screen_many.
Every decision's to_dict(), serialized compactly, equals the CLI's line; every error record
has the CLI's codes and messages (dict intakes have no file, line or column)."""

import datetime
import json
import random
import subprocess

import pytest

import contrascreen
from conftest import CLINIC_NL, CLINIC_SV

COUNT = 12000
TODAY = datetime.date(2026, 11, 21)
DRUGS = ["Warfarin", " apixaban ", "ELIQUIS", "heparin cream", "Heparin", "isotretinoin", "Acitretin ", "sertraline",
         "metformin", "cetirizine", "paracetamol", "atorvastatin", "levothyroxine", "Ibuprofen", "ramipril"]
BAD = [("pregnat", True), ("pregnant", "yes"), ("acne", "activ"), ("last_microneedling_date", "2026-02-30"),
       ("age", 131), ("medications", "warfarin"), ("age", True)]


def generate(catalogue, seed=20261121):
    """COUNT intakes as JSON-ready dicts, the same for the same seed."""
    rng = random.Random(seed)
    questions = list(catalogue)
    out = []
    for i in range(COUNT):
        answers = {}
        # A form asks a follow-up only after an answer that makes it relevant, and dates about
        # the past are before the screening date: impossible answers are error records.
        date = (TODAY - datetime.timedelta(days=rng.randint(0, 30))) if rng.random() < 0.7 else None
        for q in questions:
            roll = rng.random()
            if roll < 0.06:
                continue  # not asked
            parent = answers.get(q.follows) if q.follows else None
            if parent is not None and (str(parent).lower() if isinstance(parent, bool) else parent) not in q.follows_when:
                continue  # not asked after that answer
            if roll < 0.08:
                answers[q.id] = None  # asked, not answered
                continue
            if q.type == "bool":
                answers[q.id] = rng.random() < 0.06
            elif q.type == "number":
                answers[q.id] = rng.choice([rng.randint(14, 90), round(rng.uniform(15, 80), 1)])
            elif q.type == "enum":
                answers[q.id] = q.values[0] if rng.random() < 0.75 else rng.choice(q.values)
            elif q.type == "date":
                answers[q.id] = ((date or TODAY) - datetime.timedelta(days=rng.randint(0, 400))).isoformat()
            else:
                answers[q.id] = rng.sample(DRUGS, rng.choice([0, 0, 0, 1, 1, 2, 3]))
        intake = {"id": f"C-{i}" if i % 10 else i, "answers": answers}
        if date:
            intake["date"] = date.isoformat()
        if rng.random() < 0.004:
            key, value = rng.choice(BAD)
            answers[key] = value
        out.append(intake)
    return out


def as_python(intake, i):
    """The same intake with Python types the CLI never sees: datetime.date for dates, tuples for lists."""
    answers = dict(intake["answers"])
    for key, value in answers.items():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and i % 2 == 0:
            try:
                answers[key] = datetime.date.fromisoformat(value)
            except ValueError:
                pass
        elif isinstance(value, list) and i % 3 == 0:
            answers[key] = tuple(value)
    out = dict(intake, answers=answers)
    if "date" in out and i % 3 == 0:
        out["date"] = datetime.date.fromisoformat(out["date"])
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    intakes = generate(contrascreen.load(CLINIC_SV).catalogue)
    path = tmp_path_factory.mktemp("consistency") / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for intake in intakes:
            f.write(json.dumps(intake, ensure_ascii=False) + "\n")
    return intakes, path


@pytest.mark.parametrize("rules, lang", [(CLINIC_SV, None), (CLINIC_NL, "en")], ids=["clinic-sv", "clinic-nl-en"])
def test_python_equals_cli_record_for_record(cli, batch, rules, lang):
    intakes, path = batch
    command = [cli, "screen", "--rules", str(rules), "--format", "jsonl", "--date", TODAY.isoformat(), str(path)]
    if lang:
        command += ["--lang", lang]
    run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 65, run.stderr  # some records are invalid: their error records set 65
    lines = run.stdout.splitlines()
    assert len(lines) == COUNT

    rs = contrascreen.load(rules)
    results = rs.screen_many((as_python(intake, i) for i, intake in enumerate(intakes)), date=TODAY, lang=lang)
    assert len(results) == COUNT
    counts = {"allow": 0, "refer": 0, "refuse": 0, None: 0}
    for i, (result, line) in enumerate(zip(results, lines)):
        cli_record = json.loads(line)
        counts[result.decision] += 1
        assert result.index == i
        if result.ok:
            assert json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) == line, i
            assert result.to_json() == line
        else:
            assert cli_record["decision"] is None, line
            assert result.to_dict()["id"] == cli_record["id"]
            assert [(e["code"], e["message"]) for e in result.to_dict()["errors"]] == \
                   [(e["code"], e["message"]) for e in cli_record["errors"]], i
    # A batch that tests something: every outcome occurs, errors are rare.
    assert min(counts.values()) > 0 and counts[None] < COUNT // 100, counts
