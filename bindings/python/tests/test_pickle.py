"""Pickling: a RuleSet travels as the texts of its files (extends chain and custom catalogue
included) with its sha256 and is rebuilt, and checked, where those files are not; Decision,
ScreenError and Results round trip equal, Results compactly."""

import os
import pathlib
import pickle
import shutil
import subprocess
import sys

import pytest

import contrascreen
from conftest import ROOT, RULES, TEST_DATA

DATE = "2026-11-21"
INTAKES = ROOT / "examples" / "batches" / "intakes.jsonl"


def copied_policy(tmp_path):
    """clinic-nl's policy (which extends common/microneedling.yaml, which extends
    common/value_sets.yaml) copied into tmp_path/rules, loaded from there."""
    tree = tmp_path / "rules"
    shutil.copytree(RULES / "common", tree / "common")
    (tree / "clinics" / "clinic-nl").mkdir(parents=True)
    shutil.copy(RULES / "clinics" / "clinic-nl" / "microneedling.yaml", tree / "clinics" / "clinic-nl")
    return tree, contrascreen.load(tree / "clinics" / "clinic-nl" / "microneedling.yaml")


def copied_catalogue_policy(tmp_path):
    """A rule set whose `catalogue:` names its own questions.yaml, copied into tmp_path/custom."""
    tree = tmp_path / "custom"
    tree.mkdir()
    for name in ("ruleset.yaml", "questions.yaml"):
        shutil.copy(TEST_DATA / "answers" / name, tree / name)
    return tree, contrascreen.load(tree / "ruleset.yaml")


def unpickled_elsewhere(tmp_path, payload, script):
    """Runs `script` in a fresh interpreter in an empty directory, with the pickle's bytes in
    the variable `loaded` (unpickled there) and prints what it prints."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "payload.pickle").write_bytes(payload)
    code = "import pickle\nloaded = pickle.loads(open('payload.pickle', 'rb').read())\n" + script
    # The package this test imports, by an absolute path: the subprocess runs elsewhere.
    package = str(pathlib.Path(contrascreen.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([package, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_ruleset_with_extends_is_rebuilt_where_its_files_are_not(tmp_path):
    tree, rs = copied_policy(tmp_path)
    expected = [d.to_json() for d in rs.screen_file(INTAKES, date=DATE)]
    payload = pickle.dumps(rs)
    shutil.rmtree(tree)  # gone from this machine: the pickle must carry the texts
    out = unpickled_elsewhere(tmp_path, payload, (
        "print(loaded.sha256)\n"
        "for d in loaded.screen_jsonl(open(%r, 'rb').read(), date=%r):\n"
        "    print(d.to_json())\n") % (str(INTAKES), DATE))
    lines = out.splitlines()
    assert lines[0] == rs.sha256
    assert lines[1:] == expected
    assert len(rs.rules) > 0 and [r.file for r in pickle.loads(payload).rules] == [r.file for r in rs.rules]


def test_a_ruleset_with_a_custom_catalogue_is_rebuilt_with_that_catalogue(tmp_path):
    tree, rs = copied_catalogue_policy(tmp_path)
    builtin_question_ids = {q.id for q in contrascreen.load(RULES / "common" / "microneedling.yaml").catalogue}
    assert {q.id for q in rs.catalogue} != builtin_question_ids
    payload = pickle.dumps(rs)
    shutil.rmtree(tree)
    out = unpickled_elsewhere(tmp_path, payload, (
        "print(loaded.sha256)\n"
        "print(sorted(q.id for q in loaded.catalogue))\n"
        "print(loaded.screen({'pregnant': True}, date='2026-11-21').to_json())\n"))
    lines = out.splitlines()
    assert lines[0] == rs.sha256
    assert lines[1] == str(sorted(q.id for q in rs.catalogue))
    assert lines[2] == rs.screen({"pregnant": True}, date=DATE).to_json()


def test_a_ruleset_loaded_from_text_with_extends_round_trips(tmp_path, monkeypatch):
    tree, _ = copied_policy(tmp_path)
    monkeypatch.chdir(tree / "clinics" / "clinic-nl")
    text = (tree / "clinics" / "clinic-nl" / "microneedling.yaml").read_text(encoding="utf-8")
    rs = contrascreen.load(text, name="policy.yaml")
    payload = pickle.dumps(rs)
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(tree)
    again = pickle.loads(payload)
    assert again.sha256 == rs.sha256
    assert [r.id for r in again.rules] == [r.id for r in rs.rules]


def test_a_tampered_ruleset_pickle_is_a_rule_set_error(tmp_path):
    _, rs = copied_policy(tmp_path)
    payload = pickle.dumps(rs)
    # One rule's decision edited in the carried text, the length kept, the sha256 left as it was.
    assert payload.count(b"decision: refuse") > 0
    tampered = payload.replace(b"decision: refuse", b"decision: refer ", 1)
    with pytest.raises(contrascreen.RuleSetError) as raised:
        pickle.loads(tampered)
    assert raised.value.diagnostics[0].code == "ruleset.digest_mismatch"
    assert "ruleset.digest_mismatch" in contrascreen.codes


def rebuilt(obj, state):
    """What unpickling does: an empty instance of obj's class given `state`."""
    cls = type(obj)
    out = cls.__new__(cls)
    out.__setstate__(state)
    return out


def test_edited_texts_are_refused_after_the_genuine_ones_were_unpickled(tmp_path):
    # A process keeps the rule sets it rebuilt, by their whole texts: unpickling the genuine
    # pickle first must not let an edited one through afterwards.
    _, rs = copied_policy(tmp_path)
    payload = pickle.dumps(rs)
    first, second = pickle.loads(payload), pickle.loads(payload)
    assert first.sha256 == second.sha256 == rs.sha256
    assert [r.id for r in second.rules] == [r.id for r in rs.rules]
    with pytest.raises(contrascreen.RuleSetError):
        pickle.loads(payload.replace(b"decision: refuse", b"decision: refer ", 1))


def test_a_ruleset_state_of_another_format_is_refused(clinic_sv):
    state = clinic_sv.__getstate__()
    assert rebuilt(clinic_sv, state).sha256 == clinic_sv.sha256
    with pytest.raises(ValueError, match="not a pickled contrascreen RuleSet"):
        rebuilt(clinic_sv, ("RuleSet", 99) + tuple(state[2:]))


def test_decisions_and_errors_round_trip(clinic_sv):
    single = clinic_sv.screen({"pregnant": True}, id="P-1", date=DATE, lang="sv")
    assert pickle.loads(pickle.dumps(single)) == single
    assert pickle.loads(pickle.dumps(single)).to_json() == single.to_json()
    results = clinic_sv.screen_many([
        {"id": "A", "answers": {"pregnant": False}},
        {"id": "B", "answers": {"pregant": True}},  # misspelt: a ScreenError
        {"id": "C", "answers": {"pregnant": True}},
    ], date=DATE)
    decision, error = results[2], results[1]
    again = pickle.loads(pickle.dumps(decision))
    assert again == decision and again.index == 2 and again.reasons[0].rule == decision.reasons[0].rule
    error_again = pickle.loads(pickle.dumps(error))
    assert error_again == error and error_again.code == "intake.unknown_question"
    assert error_again.errors[0].question == error.errors[0].question == "pregant"


def test_results_round_trip_equal_and_compact(clinic_sv):
    results = clinic_sv.screen_jsonl(INTAKES.read_bytes() * 100, date=DATE)
    mixed = ROOT / "tests" / "cli" / "data" / "screen" / "mixed.jsonl"
    assert len(results) == 2000
    again = pickle.loads(pickle.dumps(results))
    assert isinstance(again, contrascreen.Results)
    assert again == results and list(again) == list(results)
    assert again.to_pandas().equals(results.to_pandas())
    # Compact: the records' bytes (about 50 per decision here) after the rule set's texts, not
    # one pickled Decision per intake.
    records = len(pickle.dumps(results)) - len(pickle.dumps(clinic_sv))
    assert records < 100 * len(results)
    assert records < len(pickle.dumps(list(results))) / 4
    with_errors = clinic_sv.screen_file(mixed, date=DATE)
    assert with_errors.error_count > 0
    assert pickle.loads(pickle.dumps(with_errors)) == with_errors


def test_results_with_corrupt_records_are_refused(clinic_sv):
    results = clinic_sv.screen_file(INTAKES, date=DATE)
    state = results.__getstate__()
    with pytest.raises(ValueError, match="BatchResults::decode"):
        rebuilt(results, state[:6] + (state[6][: len(state[6]) // 2],))
    with pytest.raises(ValueError, match="another sha256"):
        rebuilt(results, state[:2] + (contrascreen.load(RULES / "common" / "microneedling.yaml"),) + state[3:])
