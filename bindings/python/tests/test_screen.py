"""Screening one intake: answers of every type, dates as strings and datetime.date, the
Decision's attributes, and IntakeError for every kind of bad answer."""

import collections
import datetime
import json
import subprocess

import pytest

import contrascreen
from conftest import CLEAN, CLINIC_SV, ROOT

DAY = datetime.date(2026, 11, 21)


def test_decision_attributes(quickstart):
    d = quickstart.screen({"pregnant": True, "medications": ["Warfarin "]}, id="P-1", date="2026-11-21")
    assert isinstance(d, contrascreen.Decision)
    assert (d.id, d.decision, d.ok, d.index) == ("P-1", "refuse", True, None)
    assert [r.rule for r in d.reasons][:2] == ["pregnancy", "anticoagulants"]
    pregnancy = d.reasons[0]
    assert isinstance(pregnancy, contrascreen.Reason)
    assert (pregnancy.decision, pregnancy.status, pregnancy.undecided) == ("refuse", "fired", False)
    assert pregnancy.questions == ["breastfeeding", "pregnant"]
    assert pregnancy.message.startswith("Microneedling is not offered")
    assert pregnancy.until is None and pregnancy.error is None
    assert d.unanswered == sorted(d.unanswered) and "acne" in d.unanswered
    undecided = [r for r in d.reasons if r.undecided]
    assert undecided and all(r.decision == "refer" and r.status == "undecided" for r in undecided)
    assert [a.rule for a in d.advice] == ["sun_protection"]
    assert isinstance(d.advice[0], contrascreen.Advice) and "SPF" in d.advice[0].message
    assert d.date == DAY and isinstance(d.date, datetime.date)
    assert d.until is None
    assert d.language == "en"
    assert (d.ruleset.id, d.ruleset.sha256) == ("example/microneedling", quickstart.sha256)
    assert repr(d).startswith("<Decision 'P-1' refuse: pregnancy, anticoagulants; undecided ")
    assert "unanswered acne" in repr(d)


def test_allow_and_refer(quickstart):
    complete = {"pregnant": False, "breastfeeding": False, "anticoagulant_therapy": False, "medications": [],
                "acne": "none", "previous_microneedling": False, "age": 40}
    d = quickstart.screen(complete, date=DAY)
    assert (d.decision, d.reasons, d.unanswered) == ("allow", [], [])
    assert repr(d) == "<Decision (no id) allow>"
    minor = quickstart.screen({**complete, "age": 16}, date=DAY)
    assert (minor.decision, [r.rule for r in minor.reasons]) == ("refer", ["minor"])


def test_missing_answers_are_never_no(quickstart):
    d = quickstart.screen({}, date=DAY)
    assert d.decision == "refer"
    assert "pregnant" in d.unanswered and all(r.undecided for r in d.reasons)
    # None is the same as leaving the question out.
    assert quickstart.screen({"pregnant": None}, date=DAY).to_dict() == d.to_dict()
    assert quickstart.screen(None, date=DAY).to_dict() == d.to_dict()


def test_empty_list_is_an_answer(quickstart):
    answered = quickstart.screen({"anticoagulant_therapy": False, "medications": []}, date=DAY)
    missing = quickstart.screen({"anticoagulant_therapy": False}, date=DAY)
    assert "anticoagulants" not in [r.rule for r in answered.reasons]
    assert "medications" in missing.unanswered


def test_lists_may_be_tuples(quickstart):
    d = quickstart.screen({"medications": ("aspirin", " Heparin")}, date=DAY)
    assert "anticoagulants" in [r.rule for r in d.reasons if not r.undecided]


@pytest.mark.parametrize("last", ["2026-10-31", datetime.date(2026, 10, 31), datetime.datetime(2026, 10, 31, 9, 30)])
@pytest.mark.parametrize("today", ["2026-11-21", DAY, datetime.datetime(2026, 11, 21, 23, 59)])
def test_dates_as_strings_and_datetime_date(quickstart, last, today):
    d = quickstart.screen({"previous_microneedling": True, "last_microneedling_date": last}, date=today)
    interval = next(r for r in d.reasons if r.rule == "interval")
    assert interval.status == "fired"
    assert interval.until == datetime.date(2026, 11, 28)
    assert d.date == DAY
    assert d.to_dict()["reasons"][[r.rule for r in d.reasons].index("interval")]["until"] == "2026-11-28"


def test_temporary_refusal_until(quickstart):
    complete = {"pregnant": False, "breastfeeding": False, "anticoagulant_therapy": False, "medications": [],
                "acne": "none", "age": 40, "previous_microneedling": True, "last_microneedling_date": "2026-11-01"}
    d = quickstart.screen(complete, date=DAY)
    assert (d.decision, d.until) == ("refuse", datetime.date(2026, 11, 29))
    assert d.to_dict()["until"] == "2026-11-29"
    assert repr(d) == "<Decision (no id) refuse until 2026-11-29: interval>"


def test_screening_date_defaults_to_today(quickstart):
    assert quickstart.screen({}).date == datetime.datetime.now(datetime.timezone.utc).date()


def test_bad_date_arguments(quickstart):
    with pytest.raises(ValueError, match="real calendar date"):
        quickstart.screen({}, date="2026-02-30")
    with pytest.raises(TypeError, match="datetime.date"):
        quickstart.screen({}, date=20261121)


def test_language(clinic_sv):
    sv = clinic_sv.screen({"pregnant": True}, date=DAY)
    en = clinic_sv.screen({"pregnant": True}, date=DAY, lang="en")
    fallback = clinic_sv.screen({"pregnant": True}, date=DAY, lang="xx")
    assert (sv.language, en.language, fallback.language) == ("sv", "en", "sv")
    assert sv.reasons[0].message != en.reasons[0].message
    assert fallback.reasons[0].message == sv.reasons[0].message


def test_ids(quickstart):
    assert quickstart.screen({}, id=17).id == "17"
    assert quickstart.screen({}).id is None
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen({}, id=["x"])
    assert raised.value.code == "intake.invalid_id"


def test_mappings_other_than_dict(quickstart):
    answers = collections.OrderedDict(pregnant=True)
    proxy = __import__("types").MappingProxyType({"pregnant": True})
    assert quickstart.screen(answers, date=DAY).decision == "refuse"
    assert quickstart.screen(proxy, date=DAY).decision == "refuse"


# ---- IntakeError ------------------------------------------------------------------

BAD_ANSWERS = [
    ({"pregnat": True}, "intake.unknown_question", "pregnat", "unknown question 'pregnat' (did you mean 'pregnant'?)"),
    ({"pregnant": 1}, "intake.wrong_type", "pregnant", "'pregnant' expects true or false, found a number"),
    ({"pregnant": "yes"}, "intake.wrong_type", "pregnant", "'pregnant' expects true or false, found a string"),
    ({"age": True}, "intake.wrong_type", "age", "'age' expects a number, found a boolean"),
    ({"age": "34"}, "intake.wrong_type", "age", "'age' expects a number, found a string"),
    ({"age": 131}, "intake.out_of_range", "age", "'age' must be between 0 and 130 years, found 131"),
    ({"age": float("nan")}, "intake.out_of_range", "age", "'age' expects a finite number"),
    ({"age": 10**400}, "intake.out_of_range", "age", "'age' expects a finite number"),
    ({"acne": "activ_mild"}, "intake.unknown_enum_value", "acne", "'acne' has no value 'activ_mild' (did you mean"),
    ({"acne": 2}, "intake.wrong_type", "acne", "'acne' expects one of none, scars_only, active_mild or active_inflammatory, found a number"),
    ({"last_microneedling_date": "2026-02-30"}, "intake.invalid_date", "last_microneedling_date",
     "'last_microneedling_date' expects a real calendar date written YYYY-MM-DD"),
    ({"last_microneedling_date": "21/11/2026"}, "intake.invalid_date", "last_microneedling_date", "YYYY-MM-DD"),
    ({"last_microneedling_date": 20261121}, "intake.wrong_type", "last_microneedling_date", "found a number"),
    ({"medications": "warfarin"}, "intake.wrong_type", "medications", "'medications' expects a list of strings, found a string"),
    ({"medications": ["warfarin", 5]}, "intake.wrong_type", "medications", "found a number as item 2"),
    ({"medications": {"warfarin"}}, "intake.wrong_type", "medications", "found a set"),
    ({"pregnant": {"a": 1}}, "intake.wrong_type", "pregnant", "found a mapping"),
    ({"pregnant": datetime.date(2026, 1, 1)}, "intake.wrong_type", "pregnant", "found a date"),
]


@pytest.mark.parametrize("answers, code, question, message", BAD_ANSWERS, ids=[b[1] + "-" + repr(b[0])[:40] for b in BAD_ANSWERS])
def test_intake_error(quickstart, answers, code, question, message):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen(answers, date=DAY)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.code, error.question) == (code, question)
    assert message in error.message and message in str(error)
    assert (error.file, error.line, error.column, error.index) == (None, None, None, None)
    assert error.diagnostics[0].question == question


def test_every_problem_of_an_intake_is_reported(quickstart):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen({"pregnat": True, "age": "x", "acne": "activ", "pregnant": False}, date=DAY)
    assert [(d.code, d.question) for d in raised.value.diagnostics] == [
        ("intake.unknown_question", "pregnat"), ("intake.wrong_type", "age"), ("intake.unknown_enum_value", "acne")]
    assert str(raised.value).count(";") >= 2


def test_answers_must_be_a_mapping(quickstart):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen([("pregnant", True)])
    assert raised.value.code == "intake.not_a_mapping"


def test_non_string_keys(quickstart):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen({1: True})
    assert raised.value.code == "intake.unknown_question"


def test_numbers_may_be_int_float_or_index_types(quickstart):
    class Years:
        def __index__(self):
            return 16

    for age in (16, 16.0, Years()):
        assert [r.rule for r in quickstart.screen({"age": age}, date=DAY).reasons if not r.undecided] == ["minor"]


# ---- screen_intake and files --------------------------------------------------------

def test_an_intake_is_id_date_and_answers(quickstart):
    # Nothing else is ignored: a misspelt key or answers given flat would lose answers.
    for intake, codes in [
        ({"id": "P-9", "Date": "2026-11-21", "answers": {}}, ["intake.unknown_key"]),
        ({"pregnant": True}, ["intake.missing_answers", "intake.unknown_key"]),
        ({"id": "P-9"}, ["intake.missing_answers"]),
        ({"answers": {}, 3: "x"}, ["intake.unknown_key"]),
    ]:
        with pytest.raises(contrascreen.IntakeError) as raised:
            quickstart.screen_intake(intake)
        assert sorted(d.code for d in raised.value.diagnostics) == codes
    assert "did you mean 'date'" in str(pytest.raises(contrascreen.IntakeError, quickstart.screen_intake,
                                                       {"Date": "2026-11-21", "answers": {}}).value)
    results = quickstart.screen_many([{"answers": {}}, {"answer": {"pregnant": True}}])
    assert results[0].ok and not results[1].ok
    assert [e.code for e in results[1].errors] == ["intake.missing_answers", "intake.unknown_key"]


def test_screen_intake(quickstart):
    intake = {"id": "P-9", "date": "2026-11-21", "answers": {"pregnant": True}}
    d = quickstart.screen_intake(intake)
    assert (d.id, d.decision, d.date) == ("P-9", "refuse", DAY)
    # The intake's own date wins over date=.
    assert quickstart.screen_intake(intake, date="2020-01-01").date == DAY
    assert quickstart.screen_intake({"answers": {}}, date=DAY).date == DAY
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen_intake({"id": "P-9", "date": "2026-13-01", "answers": {}})
    assert (raised.value.code, raised.value.id) == ("intake.invalid_date", "P-9")
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen_intake(["not", "a", "mapping"])
    assert raised.value.code == "intake.not_a_mapping"


def test_read_intake_and_its_positions(tmp_path, quickstart):
    intake = contrascreen.read_intake(ROOT / "examples" / "intakes" / "warfarin.json")
    assert intake["id"] == "P-0017" and intake["date"] == "2026-11-21"
    assert intake["answers"]["age"] == 67 and isinstance(intake["answers"]["age"], int)
    assert intake["answers"]["medications"] == ["Warfarin ", "metformin"]
    assert quickstart.screen_intake(intake).decision == "refuse"
    yaml_intake = contrascreen.read_intake(ROOT / "examples" / "intakes" / "three-weeks.yaml")
    assert isinstance(yaml_intake["answers"], dict)

    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "P-1",\n "answers": {\n   "pregnant": "yes",\n   "acne": "activ"}}\n')
    with pytest.raises(contrascreen.IntakeError) as raised:
        contrascreen.read_intake(bad, ruleset=quickstart)
    error = raised.value
    assert (error.code, error.file, error.line, error.column) == ("intake.wrong_type", str(bad), 3, 16)
    assert [(d.code, d.line) for d in error.diagnostics] == [("intake.wrong_type", 3), ("intake.unknown_enum_value", 4)]
    assert "bad.json:3:16: error[intake.wrong_type]" in str(error)

    with pytest.raises(contrascreen.IntakeError) as raised:
        contrascreen.read_intake(tmp_path / "missing.json")
    assert raised.value.code == "io.not_found"


# ---- to_dict equals the CLI -------------------------------------------------------

@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "intakes").glob("*")), ids=lambda p: p.name)
def test_to_dict_equals_the_cli(cli, path):
    rs = contrascreen.load(CLINIC_SV)
    out = subprocess.run([cli, "screen", "--rules", str(CLINIC_SV), "--format", "json", "--date", "2026-11-21",
                          str(path)], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode in (0, 1, 2), out.stderr
    d = rs.screen_intake(contrascreen.read_intake(path), date="2026-11-21")
    assert d.to_dict() == json.loads(out.stdout)
    assert d.to_json() == out.stdout.rstrip("\n")
    assert list(d.to_dict()) == list(json.loads(out.stdout))  # the same key order


def test_clean_intake_is_allowed(clinic_sv):
    assert clinic_sv.screen(CLEAN, date=DAY).decision == "allow"
