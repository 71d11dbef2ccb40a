"""contrascreen.dask on a two-worker LocalCluster (processes, loopback): the same decisions,
record for record, as one process screening the same intakes (from text lines, blocks of
bytes, dicts and a dataframe); and the rescreen_archive example's summary. Skipped only when dask is not installed (scripts/install-deps.sh installs
python3-dask and python3-distributed, so CI runs it; CONTRASCREEN_REQUIRE_DASK=1 turns the
skip into a failure)."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

import contrascreen
import contrascreen.dask
from conftest import CLINIC_NL, ROOT

if os.environ.get("CONTRASCREEN_REQUIRE_DASK") == "1":
    import dask.bag  # noqa: F401 - fails loudly instead of skipping
    import distributed  # noqa: F401
dask = pytest.importorskip("dask")
pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

# distributed 2022.12 on Debian's tornado warns about its own event loop handling.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

DATE = "2026-11-21"
EXAMPLE = ROOT / "examples" / "python" / "rescreen_archive.py"


def example_module():
    spec = importlib.util.spec_from_file_location("rescreen_archive", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ruleset():
    return contrascreen.load(CLINIC_NL)


@pytest.fixture(scope="module")
def archive(tmp_path_factory, ruleset):
    directory = tmp_path_factory.mktemp("archive")
    paths = example_module().write_archive(directory, ruleset, intakes=3000, files=3)
    return directory, paths


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def same_record(mine, theirs):
    """Decisions compare by their JSON; error records by id and code (a partition's line
    numbers count from its own first line)."""
    if mine.ok or theirs.ok:
        return mine.ok == theirs.ok and mine.to_json() == theirs.to_json()
    return mine.id == theirs.id and mine.code == theirs.code


def test_json_lines_on_two_workers_decide_as_one_process(client, ruleset, archive):
    directory, paths = archive
    one_process = [r for path in paths for r in ruleset.screen_file(path, date=DATE)]
    assert 0 < sum(not r.ok for r in one_process) < len(one_process)  # some unreadable on purpose
    # Small blocks: each file is split into several partitions, spread over both workers.
    lines = db.read_text(str(directory / "*.jsonl"), blocksize=64 * 1024)
    assert lines.npartitions > 6
    results = contrascreen.dask.screen_bag(lines, ruleset, date=DATE)
    distributed = client.compute(results).result(timeout=300)
    assert len(distributed) == len(one_process) == 3000
    assert all(same_record(a, b) for a, b in zip(distributed, one_process))
    workers = client.run(lambda: 1)
    assert len(workers) == 2


def test_json_lines_files_in_blocks_on_two_workers_decide_as_one_process(client, ruleset, archive):
    directory, paths = archive
    one_process = [r for path in paths for r in ruleset.screen_file(path, date=DATE)]
    results = contrascreen.dask.screen_jsonl_files(str(directory / "*.jsonl"), ruleset, blocksize=64 * 1024,
                                                   date=DATE)
    assert results.npartitions > 6
    distributed = client.compute(results).result(timeout=300)
    assert len(distributed) == len(one_process) == 3000
    assert all(same_record(a, b) for a, b in zip(distributed, one_process))


def test_blocks_of_blank_lines_and_empty_files_hold_no_intake(tmp_path, ruleset):
    (tmp_path / "a-empty.jsonl").write_bytes(b"")
    (tmp_path / "b-blank.jsonl").write_bytes(b"\n \t\r\n" * 5000)
    (tmp_path / "c-one.jsonl").write_text('{"id": "P1", "answers": {"pregnant": true}}\n', encoding="utf-8")
    results = contrascreen.dask.screen_jsonl_files(str(tmp_path / "*.jsonl"), ruleset, blocksize=4096, date=DATE)
    assert results.npartitions > 3  # the blank file alone is cut into several blocks
    screened = results.compute(scheduler="sync")
    assert [(r.id, r.decision) for r in screened] == [("P1", "refuse")]


def test_intake_dicts_on_two_workers_decide_as_one_process(client, ruleset, archive):
    _, paths = archive
    intakes = [json.loads(line) for line in paths[0].read_text(encoding="utf-8").splitlines()]
    intakes[5]["answers"]["age"] = "thirty"  # a wrong type: a ScreenError in its place
    bag = db.from_sequence(intakes, npartitions=4)
    distributed = client.compute(contrascreen.dask.screen_bag(bag, ruleset, date=DATE)).result(timeout=300)
    one_process = ruleset.screen_many(intakes, date=DATE)
    assert len(distributed) == len(one_process)
    assert all(same_record(a, b) for a, b in zip(distributed, one_process))
    assert not distributed[5].ok and distributed[5].code == "intake.wrong_type"


def test_a_dataframe_of_intakes_gives_a_dataframe_of_decisions(client, ruleset):
    frame = pd.DataFrame({
        "id": ["D-1", "D-2", "D-3", "D-4", "D-5"],
        "pregnant": [True, False, None, False, False],
        "age": [30, 41, 25, float("nan"), 52],
        "acne": ["none", "active", "none", None, "none"],
    }, index=[10, 11, 12, 13, 14])
    ddf = dd.from_pandas(frame, npartitions=2)
    out = contrascreen.dask.screen_dataframe(ddf, ruleset, date=DATE)
    assert tuple(out.columns) == contrascreen.dask.COLUMNS
    got = client.compute(out).result(timeout=300)
    intakes = [{"id": "D-1", "answers": {"pregnant": True, "age": 30, "acne": "none"}},
               {"id": "D-2", "answers": {"pregnant": False, "age": 41, "acne": "active"}},
               {"id": "D-3", "answers": {"age": 25, "acne": "none"}},
               {"id": "D-4", "answers": {"pregnant": False}},
               {"id": "D-5", "answers": {"pregnant": False, "age": 52, "acne": "none"}}]
    expected = ruleset.screen_many(intakes, date=DATE).to_pandas()
    assert list(got.index) == [10, 11, 12, 13, 14]
    for column in ("id", "decision", "rules", "unanswered", "until", "date", "error"):
        assert list(got[column].astype(object)) == list(expected[column].astype(object)), column
    assert got["decision"].tolist()[0] == "refuse"  # pregnant: never "no" because a cell is empty elsewhere


def test_to_dataframe_and_partition_counts(client, ruleset, archive):
    directory, _ = archive
    results = contrascreen.dask.screen_bag(db.read_text(str(directory / "*.jsonl")), ruleset, date=DATE)
    frame = client.compute(contrascreen.dask.to_dataframe(results)).result(timeout=300)
    assert len(frame) == 3000
    counts = frame["decision"].value_counts(dropna=False)
    assert counts.sum() == 3000


def test_rescreen_archive_example_summary(tmp_path, ruleset):
    summary = tmp_path / "summary.json"
    env = dict(os.environ)
    done = subprocess.run([sys.executable, str(EXAMPLE), str(CLINIC_NL), "--archive", str(tmp_path / "archive"),
                           "--generate", "2000", "--files", "2", "--workers", "2", "--date", DATE,
                           "--blocksize", "64KiB", "--summary", str(summary)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    got = json.loads(summary.read_text(encoding="utf-8"))
    one_process = [r for path in sorted((tmp_path / "archive").glob("*.jsonl"))
                   for r in ruleset.screen_file(path, date=DATE)]
    expected = {"allow": 0, "refer": 0, "refuse": 0, "error": 0}
    rules = {}
    for r in one_process:
        expected[r.decision if r.ok else "error"] += 1
        for reason in (r.reasons if r.ok else []):
            rules[reason.rule] = rules.get(reason.rule, 0) + 1
    assert got["intakes"] == 2000 and got["workers"] == 2
    assert got["decisions"] == expected
    assert got["rules"] == dict(sorted(rules.items()))
    assert got["ruleset"]["sha256"] == ruleset.sha256
