"""screen_file and screen_jsonl (read and screened in C++), and the Results sequence they and
screen_many return: the same records as the command line, decisions equal to screen()'s,
error records in place, loud whole-input failures, columns() and to_pandas()."""

import csv
import datetime
import io
import json
import subprocess
import threading
import time

import pytest

import contrascreen
from conftest import CLEAN, CLINIC_SV, ROOT

DAY = datetime.date(2026, 11, 21)
EXAMPLES = sorted((ROOT / "examples" / "batches").iterdir()) + sorted((ROOT / "examples" / "intakes").iterdir())
COLUMNS = ["id", "decision", "rules", "unanswered", "until", "date", "error"]


def cli_records(cli, path, fmt="json"):
    """The CLI's output records for `path` (JSON dicts, or CSV rows as dicts)."""
    run = subprocess.run([cli, "screen", "--rules", str(CLINIC_SV), "--date", DAY.isoformat(), "--format", fmt,
                          str(path)], capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1, 2, 65), run.stderr
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(run.stdout)))
    return [json.loads(line) for line in run.stdout.splitlines()]


def mixed_lines(n):
    """n JSON Lines: decisions of every kind, an answer of the wrong type, a syntax error."""
    lines = []
    for i in range(n):
        if i % 50 == 7:
            lines.append(json.dumps({"id": f"bad-{i}", "answers": {"pregnant": "yes", "acne": "activ"}}))
        elif i % 70 == 3:
            lines.append("{not json")
        else:
            answers = dict(CLEAN, pregnant=i % 3 == 0)
            if i % 5 == 0:
                del answers["breastfeeding"]
            if i % 7 == 0:
                answers.update(previous_microneedling=True, last_microneedling_date="2026-11-01")
            lines.append(json.dumps({"id": f"P-{i}", "date": "2026-11-21", "answers": answers}))
    return "\n".join(lines) + "\n"


def same_records(a, b):
    """Equal decisions, and error records with the same problems (the input's name aside)."""
    def key(r):
        return r.to_dict() if r.ok else (r.index, r.id, [(d.code, d.message, d.line, d.column) for d in r.errors])
    return [key(r) for r in a] == [key(r) for r in b]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_equals_the_cli_and_screen(clinic_sv, cli, path):
    results = clinic_sv.screen_file(path, date=DAY)
    assert isinstance(results, contrascreen.Results)
    assert [r.to_dict() for r in results] == cli_records(cli, path)
    if path.suffix in (".json", ".yaml"):
        intake = contrascreen.read_intake(path, ruleset=clinic_sv)
        assert len(results) == 1 and results[0] == clinic_sv.screen_intake(intake, date=DAY)
    if path.suffix == ".jsonl":
        for result, line in zip(results, path.read_text().splitlines()):
            assert result == clinic_sv.screen_intake(json.loads(line), date=DAY)  # every front end agrees


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.suffix in (".jsonl", ".csv")], ids=lambda p: p.name)
def test_columns_are_the_cli_csv(clinic_sv, cli, path):
    columns = clinic_sv.screen_file(path, date=DAY).columns()
    assert list(columns) == COLUMNS
    rows = cli_records(cli, path, "csv")
    as_text = {name: ["" if v is None else v.isoformat() if isinstance(v, datetime.date) else v for v in values]
               for name, values in columns.items()}
    assert as_text == {name: [row[name] for row in rows] for name in COLUMNS}


def test_error_records_in_place_equal_the_cli(clinic_sv, cli, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(mixed_lines(300))
    results = clinic_sv.screen_file(path, date=DAY)
    assert [r.to_dict() for r in results] == cli_records(cli, path)
    errors = [r for r in results if not r.ok]
    assert results.error_count == len(errors) == 6 + 5
    bad = results[7]
    assert isinstance(bad, contrascreen.ScreenError)
    assert (bad.index, bad.id, bad.code, bad.decision) == (7, "bad-7", "intake.wrong_type", None)
    assert [(d.code, d.line) for d in bad.errors] == [("intake.wrong_type", 8), ("intake.unknown_enum_value", 8)]
    assert bad.errors[0].file == str(path)
    assert results[3].code == "intake.syntax" and results[3].id is None
    assert isinstance(bad.exception(), contrascreen.IntakeError)


def test_formats_and_extensions_in_any_case(clinic_sv, tmp_path):
    text = mixed_lines(40)
    expected = clinic_sv.screen_jsonl(text, date=DAY)
    for name in ("a.jsonl", "b.JSONL"):
        (tmp_path / name).write_text(text)
        assert same_records(clinic_sv.screen_file(tmp_path / name, date=DAY), expected)
    assert same_records(clinic_sv.screen_file(str(tmp_path / "a.jsonl").encode(), date=DAY), expected)  # bytes
    single = {"id": "one", "date": "2026-11-21", "answers": dict(CLEAN, pregnant=True)}
    (tmp_path / "one.JSON").write_text(json.dumps(single))
    (tmp_path / "one.yml").write_text(json.dumps(single))  # JSON is YAML
    for name in ("one.JSON", "one.yml"):
        (decision,) = clinic_sv.screen_file(tmp_path / name)
        assert decision == clinic_sv.screen_intake(single) and decision.index == 0
    (tmp_path / "bad.yaml").write_text("id: x\nanswers:\n  pregnant: maybe\n")
    (error,) = clinic_sv.screen_file(tmp_path / "bad.yaml")
    assert error.code == "intake.wrong_type" and error.errors[0].line == 3


def test_screen_jsonl_bytes_and_str(clinic_sv, tmp_path):
    text = mixed_lines(200) + json.dumps({"id": "Åsa-é", "answers": {"pregnant": True}}, ensure_ascii=False) + "\n"
    from_str = clinic_sv.screen_jsonl(text, date=DAY)
    from_bytes = clinic_sv.screen_jsonl(text.encode(), date=DAY, lang="en")
    path = tmp_path / "same.jsonl"
    path.write_bytes(text.encode())
    assert same_records(from_str, clinic_sv.screen_file(path, date=DAY))
    assert [r.to_dict()["errors"][0]["file"] for r in from_str if not r.ok][:1] == ["<string>"]
    assert from_str[-1].id == "Åsa-é" and from_bytes[-1].language == "en"
    assert [r.to_dict() for r in from_bytes if r.ok] == [r.to_dict() for r in clinic_sv.screen_jsonl(
        text.encode(), date=DAY, lang="en") if r.ok]
    with pytest.raises(TypeError):
        clinic_sv.screen_jsonl(bytearray(b"{}\n"))
    with pytest.raises(ValueError, match="jobs"):
        clinic_sv.screen_jsonl(text, jobs=-1)


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_no_intake_is_intake_empty(clinic_sv, tmp_path, text):
    # As on the command line (status 65): "every intake allowed" never holds vacuously.
    with pytest.raises(contrascreen.IntakeError) as raised:
        clinic_sv.screen_jsonl(text)
    assert raised.value.code == "intake.empty"
    for name, content in (("empty.jsonl", text), ("header.csv", "id,date,pregnant\n"), ("empty.csv", "")):
        (tmp_path / name).write_text(content)
        with pytest.raises(contrascreen.IntakeError) as raised:
            clinic_sv.screen_file(tmp_path / name)
        assert raised.value.code == "intake.empty"


def test_whole_file_failures_raise(clinic_sv, tmp_path):
    cases = [(tmp_path / "missing.jsonl", "io.not_found"), (tmp_path / "notes.txt", "io.unknown_format"),
             (tmp_path / "dir.jsonl", "io.read")]
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "dir.jsonl").mkdir()
    (tmp_path / "bad-header.csv").write_text("id,date,pregant\nA,2026-11-21,true\n")
    cases.append((tmp_path / "bad-header.csv", "intake.unknown_question"))
    for path, code in cases:
        with pytest.raises(contrascreen.IntakeError) as raised:
            clinic_sv.screen_file(path)
        assert raised.value.code == code, path
    with pytest.raises(ValueError, match="null"):
        clinic_sv.screen_file(str(tmp_path / "a\0b.jsonl"))
    with pytest.raises(contrascreen.IntakeError) as raised:
        clinic_sv.screen_file("-")  # a file named "-", never standard input
    assert raised.value.code == "io.unknown_format"


def test_jobs_keep_input_order(clinic_sv):
    text = mixed_lines(20000)
    one = clinic_sv.screen_jsonl(text, date=DAY, jobs=1)
    assert clinic_sv.screen_jsonl(text, date=DAY, jobs=2) == one
    assert clinic_sv.screen_jsonl(text, date=DAY, jobs=0).columns() == one.columns()
    assert [r.index for r in one[:3]] == [0, 1, 2]


def test_results_is_a_sequence(clinic_sv):
    results = clinic_sv.screen_jsonl(mixed_lines(10), date=DAY)
    items = list(results)
    assert len(results) == 10 and len(items) == 10
    assert results[-1] == results[9] == items[9] and results[-10] == items[0]
    assert results[2:5] == items[2:5] and results[::-3] == items[::-3]
    assert results == items and results == tuple(items) and results != items[:-1] and results != "x"
    assert results[0] is not results[0]  # made when read, equal by content
    assert {results[0], results[0]} == {results[0]}
    with pytest.raises(IndexError):
        results[10]
    with pytest.raises(IndexError):
        results[-11]
    assert repr(results) == "<Results 10: 4 allow, 1 refer, 3 refuse, 2 errors>"


def test_screen_many_returns_results_with_questions(clinic_sv):
    batch = [{"id": "a", "answers": CLEAN}, {"id": "b", "answers": {"pregnant": "yes"}}, "nope"]
    results = clinic_sv.screen_many(batch, date=DAY)
    assert isinstance(results, contrascreen.Results) and results.error_count == 2
    assert results[1].errors[0].question == "pregnant" and results[2].code == "intake.not_a_mapping"
    assert results.columns()["error"][1] == "intake.wrong_type: 'pregnant' expects true or false, found a string"
    assert results[0] == clinic_sv.screen(CLEAN, id="a", date=DAY)


def test_columns_and_pandas(clinic_sv):
    pandas = pytest.importorskip("pandas")
    numpy = pytest.importorskip("numpy")
    text = mixed_lines(500)
    results = clinic_sv.screen_jsonl(text, date=DAY)
    columns = results.columns()
    frame = results.to_pandas()
    assert list(frame.columns) == COLUMNS and len(frame) == 500
    assert str(frame["decision"].dtype) == "category"
    assert list(frame["decision"].cat.categories) == ["allow", "refer", "refuse", "error"]
    for name in ("rules", "unanswered"):
        assert str(frame[name].dtype) == "category"
    for name in ("until", "date"):
        assert numpy.issubdtype(frame[name].dtype, numpy.datetime64)
    assert frame["id"].dtype == object and frame["error"].dtype == object
    # The same values as columns(): missing values are NaN / NaT in pandas, None in lists.
    for name in COLUMNS:
        values = [None if pandas.isna(v) else v for v in frame[name]]
        if name in ("until", "date"):
            values = [None if v is None else v.date() for v in values]
        assert values == columns[name], name
    # Per record, the columns say what the Decision says.
    for i, result in enumerate(results):
        if not result.ok:
            assert columns["decision"][i] == "error" and columns["rules"][i] is None
            assert columns["error"][i].startswith(result.code + ": ")
            continue
        assert columns["decision"][i] == result.decision and columns["error"][i] is None
        assert columns["rules"][i] == ";".join(r.rule for r in result.reasons)
        assert columns["unanswered"][i] == ";".join(result.unanswered)
        assert (columns["until"][i], columns["date"][i], columns["id"][i]) == (result.until, result.date, result.id)
    assert frame["decision"].value_counts()["error"] == results.error_count


def test_empty_results_table(clinic_sv):
    empty = clinic_sv.screen_many([])
    assert empty == [] and empty.columns() == {name: [] for name in COLUMNS}
    pytest.importorskip("pandas")
    assert list(empty.to_pandas().columns) == COLUMNS and len(empty.to_pandas()) == 0


def test_screen_file_releases_the_gil(clinic_sv, tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(mixed_lines(4000) * 50)  # 200,000 intakes
    stop = threading.Event()
    seen = []  # when the other thread ran Python code

    def spin():
        while not stop.is_set():
            seen.append(time.monotonic())

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        time.sleep(0.01)
        start = time.monotonic()
        results = clinic_sv.screen_file(path, jobs=1)
        end = time.monotonic()
    finally:
        stop.set()
        thread.join()
    assert len(results) == 200000 and end - start > 0.06
    # Holding the GIL, the call would let the other thread run only around its start and end
    # (a switch interval is 5 ms); released, the other thread runs all along.
    assert any(start + 0.025 < t < end - 0.025 for t in seen)
