"""What an answer may be, through Python: the shared answer cases (tests/data/answers/cases.yaml,
which the C++ tests run through JSON, YAML, CSV and the typed setters) converted from Python
objects as screen() converts them. Each must store the same value or raise IntakeError with the
same code as every other front end."""

import datetime
import json

import pytest
import yaml

import contrascreen
from conftest import TEST_DATA

ANSWERS = TEST_DATA / "answers"
LONG = "warfarin" * 1250


def expand(text):
    return text.replace("${long}", LONG)


def load_cases():
    data = yaml.safe_load((ANSWERS / "cases.yaml").read_text(encoding="utf-8"))
    return [{key: expand(value) if isinstance(value, str) else value for key, value in case.items()}
            for case in data["cases"]]


def applies(case):
    return "python" not in (case.get("skip") or {}) and (not case.get("only") or "python" in case["only"])


CASES = [pytest.param(case, id=case["name"]) for case in load_cases() if applies(case)]


def python_value(case):
    """The answer as a Python program has it: the case's `python` expression, a datetime.date,
    or its JSON text as json.loads reads it (NaN and Infinity included)."""
    if "python" in case:
        return eval(case["python"], {"date": datetime.date, "datetime": datetime.datetime})  # test data
    if "date" in case:
        return datetime.date.fromisoformat(case["date"])
    assert "value" in case, "no Python input: give `value` or `python`, or skip python with a reason"
    return json.loads(case["value"])


@pytest.fixture(scope="module")
def ruleset():
    return contrascreen.load(ANSWERS / "ruleset.yaml")


def test_there_are_enough_cases():
    assert len(load_cases()) >= 60
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_case(ruleset, case):
    question = case["question"]
    answers = {question: python_value(case)}
    if "stores" in case:
        stored = ruleset._bind(answers)["answers"]
        if case["stores"] == "unanswered":
            assert question not in stored
        else:
            assert stored[question] == json.loads(case["stores"])
        return
    with pytest.raises(contrascreen.IntakeError) as raised:
        ruleset._bind(answers)
    diagnostics = raised.value.diagnostics
    assert diagnostics
    for d in diagnostics:
        assert d.code == case["refuses"], d.message
        if "message" in case:
            assert case["message"] in d.message
    if case["refuses"] != "intake.unknown_question":
        assert raised.value.question == question
