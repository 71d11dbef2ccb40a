"""Impossible answers through Python: the shared cases (tests/data/answers/impossible.yaml, which
the C++ tests run through JSON Lines, CSV, JSON and YAML files and rule-set tests) screened from
Python dicts by screen(), screen_intake() and screen_many(). Each must raise IntakeError, or give
a ScreenError record, with the same codes in the same order, each naming its question; or be
screened."""

import datetime
import json

import pytest
import yaml

import contrascreen
from conftest import BASELINE, TEST_DATA


def load_cases():
    data = yaml.safe_load((TEST_DATA / "answers" / "impossible.yaml").read_text(encoding="utf-8"))
    return data["cases"]


CASES = [pytest.param(case, id=case["name"]) for case in load_cases()]


@pytest.fixture(scope="module")
def ruleset():
    return contrascreen.load(BASELINE)


def screen_date(case):
    return datetime.date.fromisoformat(case["screen_date"]) if case.get("screen_date") else None


def check_error(case, diagnostics):
    assert [d.code for d in diagnostics] == case["errors"]
    assert [d.question for d in diagnostics] == case["questions"]
    if "message" in case:
        assert case["message"] in diagnostics[0].message


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_screen(ruleset, case):
    intake = json.loads(case["intake"])
    # screen() takes answers only: the intake's date is its screening date there.
    date = intake.get("date") or screen_date(case)
    if not case["errors"]:
        assert ruleset.screen(intake["answers"], date=date).decision in ("allow", "refer", "refuse")
        return
    with pytest.raises(contrascreen.IntakeError) as raised:
        ruleset.screen(intake["answers"], date=date)
    check_error(case, raised.value.diagnostics)


@pytest.mark.parametrize("case", CASES)
def test_screen_intake(ruleset, case):
    intake = dict(json.loads(case["intake"]), id="P-1")
    if not case["errors"]:
        assert ruleset.screen_intake(intake, date=screen_date(case)).id == "P-1"
        return
    with pytest.raises(contrascreen.IntakeError) as raised:
        ruleset.screen_intake(intake, date=screen_date(case))
    check_error(case, raised.value.diagnostics)
    assert raised.value.id == "P-1"


def test_screen_many_gives_each_impossible_intake_an_error_record(ruleset):
    # screen_many takes one date= for all: the cases that need another one are screened alone.
    cases = [case for case in load_cases() if not case.get("screen_date")]
    intakes = [dict(json.loads(case["intake"]), id=str(i)) for i, case in enumerate(cases)]
    results = ruleset.screen_many(intakes, jobs=2, batch_size=3)
    assert len(results) == len(cases)
    for i, (case, result) in enumerate(zip(cases, results)):
        assert result.id == str(i)
        if case["errors"]:
            assert isinstance(result, contrascreen.ScreenError), case["name"]
            check_error(case, result.errors)
            assert result.to_dict()["decision"] is None
        else:
            assert isinstance(result, contrascreen.Decision), case["name"]
    with pytest.raises(contrascreen.IntakeError) as raised:
        ruleset.screen_many(intakes, errors="raise")
    first = next(i for i, case in enumerate(cases) if case["errors"])
    assert raised.value.index == first


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0].get("screen_date")])
def test_screen_many_takes_the_date_for_intakes_without_one(ruleset, case):
    [result] = ruleset.screen_many([json.loads(case["intake"])], date=screen_date(case))
    if case["errors"]:
        check_error(case, result.errors)
    else:
        assert isinstance(result, contrascreen.Decision)


def test_the_catalogue_says_which_answers_make_a_follow_up_relevant(ruleset):
    catalogue = {q.id: q for q in ruleset.catalogue}
    assert catalogue["oral_retinoids_stopped_on"].follows_when == ["past", "current"]
    assert catalogue["last_microneedling_date"].follows_when == ["true"]
    assert catalogue["pregnant"].follows_when == []
    assert catalogue["last_microneedling_date"].past
    assert not catalogue["pregnant"].past
    assert "intake.contradiction" in contrascreen.codes
    assert "intake.date_in_future" in contrascreen.codes
