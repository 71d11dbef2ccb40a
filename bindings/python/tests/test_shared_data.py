"""The decision cases the C++ tests run (tests/data/rulesets/*.yaml, their `tests:`), screened
through Python: answers as PyYAML reads them (dates become datetime.date), expectations as
the rule-set test runner checks them. Also: screen_many, which renders decisions later from
the compact screening, gives what screen gives, failed rules (runtime_errors.yaml) included."""

import pathlib

import pytest
import yaml

import contrascreen
from conftest import TEST_DATA

CASES = []
for path in sorted((TEST_DATA / "rulesets").glob("*.yaml")):
    for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")).get("tests", [])):
        CASES.append(pytest.param(path, case, id=f"{path.stem}-{number}"))


@pytest.fixture(scope="module")
def rulesets():
    return {}


@pytest.mark.parametrize("path, case", CASES)
def test_case(rulesets, path, case):
    rs = rulesets.setdefault(path, contrascreen.load(path))
    d = rs.screen(case["answers"], date=case["date"], lang=case.get("lang"))
    assert d.decision == case["decision"]
    if "rules" in case:
        assert sorted(r.rule for r in d.reasons) == sorted(case["rules"])
    if "unanswered" in case:
        assert d.unanswered == sorted(case["unanswered"])
    if "advice" in case:
        assert sorted(a.rule for a in d.advice) == sorted(case["advice"])
    if "until" in case:
        assert d.until == case["until"]
    assert all(r.undecided for r in d.reasons if r.error is not None)
    many = rs.screen_many([{"date": case["date"], "answers": case["answers"]}], lang=case.get("lang"))
    assert many[0].to_dict() == d.to_dict()


def test_failed_rules_keep_their_error_through_screen_many():
    rs = contrascreen.load(TEST_DATA / "rulesets" / "runtime_errors.yaml")
    answers = {"previous_microneedling": True, "last_microneedling_date": "2026-09-01", "age": 16,
               "medications": [], "oral_retinoids": "never", "pregnant": False}
    single = rs.screen(answers, date="2026-11-21")
    failed = [r for r in single.reasons if r.error]
    assert {r.rule for r in failed} >= {"far_future", "minor_formula", "first_medication"}
    assert all(r.undecided and r.decision == "refer" for r in failed)
    many = rs.screen_many([{"answers": answers}] * 3000, date="2026-11-21")
    assert all(d.to_dict() == single.to_dict() for d in many)
    assert [r.error for r in many[2999].reasons] == [r.error for r in single.reasons]


def test_every_rule_set_passes_its_own_tests():
    for path in sorted((TEST_DATA / "rulesets").glob("*.yaml")):
        report = contrascreen.load(path).run_tests()
        assert report.ok, str(report)
