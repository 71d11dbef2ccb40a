"""FHIR in Python: read_intake takes a QuestionnaireResponse dict (the library's FHIR reader,
as for files), screen_file takes .ndjson and Bundles, and Decision.to_cds_hooks() is the
CLI's --format cds-hooks record."""

import json
import subprocess

import pytest

import contrascreen
from conftest import CLINIC_NL, QUICKSTART, ROOT

FHIR = ROOT / "examples" / "fhir"


def response(items, **fields):
    qr = {"resourceType": "QuestionnaireResponse", "id": "qr-1", "status": "completed", "authored": "2026-11-21"}
    qr.update(fields)
    qr["item"] = items
    return qr


@pytest.fixture(scope="module")
def nl():
    return contrascreen.load(CLINIC_NL)


def test_read_intake_takes_a_questionnaire_response_dict(nl):
    qr = json.loads((FHIR / "complete.json").read_text(encoding="utf-8"))
    from_dict = contrascreen.read_intake(qr, ruleset=nl)
    assert from_dict == contrascreen.read_intake(FHIR / "complete.json", ruleset=nl)
    assert from_dict["id"] == "qr-complete"
    assert from_dict["date"] == "2026-11-21"
    assert from_dict["answers"]["last_microneedling_date"] == "2026-09-02"
    assert from_dict["answers"]["acne"] == "scars_only"
    assert from_dict["answers"]["medications"] == ["metformin"]
    # The dict read back screens as the response itself does.
    assert nl.screen_intake(from_dict) == nl.screen_file(FHIR / "complete.json")[0]


def test_read_intake_of_a_native_mapping():
    assert contrascreen.read_intake({"id": 7, "answers": {"pregnant": False}}) == {
        "id": "7", "date": None, "answers": {"pregnant": False}}


@pytest.mark.parametrize("items, fields, code", [
    ([{"linkId": "pregnat", "answer": [{"valueBoolean": False}]}], {}, "intake.unknown_question"),
    ([{"linkId": "acne", "answer": [{"valueCoding": {"code": "spots"}}]}], {}, "intake.unknown_enum_value"),
    ([{"linkId": "pregnant", "answer": [{"valueString": "no"}]}], {}, "intake.wrong_type"),
    ([], {"status": "entered-in-error"}, "fhir.entered_in_error"),
    ([], {"status": "stopped"}, "fhir.stopped"),
    ([], {"status": "final"}, "fhir.invalid_status"),
    ([], {"resourceType": "Patient"}, "fhir.wrong_resource"),
])
def test_read_intake_refuses_as_the_files_do(items, fields, code):
    with pytest.raises(contrascreen.IntakeError) as caught:
        contrascreen.read_intake(response(items, **fields))
    assert caught.value.diagnostics[0].code == code
    assert code in contrascreen.codes


def test_read_intake_names_the_element():
    qr = response([{"linkId": "group", "item": [{"linkId": "acne", "answer": [{"valueCoding": {"code": "x"}}]}]}])
    with pytest.raises(contrascreen.IntakeError) as caught:
        contrascreen.read_intake(qr)
    assert caught.value.diagnostics[0].message.startswith("item[0].item[0].answer[0].valueCoding.code: ")


def test_read_intake_of_a_dict_that_is_no_json():
    with pytest.raises(ValueError):
        contrascreen.read_intake(response([{"linkId": "age", "answer": [{"valueDecimal": float("nan")}]}]))


def test_screen_file_reads_ndjson_and_bundles(nl, cli):
    for name in ("responses.ndjson", "bundle.json"):
        results = nl.screen_file(FHIR / name)
        run = subprocess.run([cli, "screen", "--rules", str(CLINIC_NL), "--format", "json", str(FHIR / name)],
                             capture_output=True, text=True, check=False)
        assert [r.to_dict() for r in results] == [json.loads(line) for line in run.stdout.splitlines()]
    assert [r.ok for r in nl.screen_file(FHIR / "responses.ndjson")] == [True, True, False]


def test_to_cds_hooks_is_the_cli_record(nl, cli):
    for name in ("complete.json", "in-progress.json", "bundle.json", "responses.ndjson"):
        expected = [json.loads(line) for line in (FHIR / "cds-hooks" / (name.split(".")[0] + ".jsonl"))
                    .read_text(encoding="utf-8").splitlines()]
        results = nl.screen_file(FHIR / name)
        got = [r.to_cds_hooks() if r.ok else dict(r.to_dict(), errors=[
            dict(e, file=str(e["file"]).replace(str(ROOT) + "/", "")) for e in r.to_dict()["errors"]])
            for r in results]
        assert got == expected, name


def test_to_cds_hooks_of_screen():
    quick = contrascreen.load(QUICKSTART)
    decision = quick.screen({"pregnant": True}, id="P-1", date="2026-11-21", lang="sv")
    cards = decision.to_cds_hooks()["cards"]
    assert [c["indicator"] for c in cards][0] == "critical"
    assert all(len(c["summary"]) < 140 for c in cards)
    assert cards[0]["source"]["label"] == f"{quick.id} {quick.version}"
    assert cards[0]["source"]["topic"]["version"] == quick.sha256
    assert cards[0]["uuid"] == quick.screen({"pregnant": True}, id="P-1", date="2026-11-21").to_cds_hooks()[
        "cards"][0]["uuid"]
    undecided = [c for c in cards if c["indicator"] == "warning"]
    assert undecided and all("- Ask:" in c["detail"] for c in undecided)
    clean = {"pregnant": False, "breastfeeding": False, "anticoagulant_therapy": False, "medications": [],
             "acne": "none", "previous_microneedling": False, "age": 40}
    allowed = quick.screen(clean, date="2026-11-21")
    assert allowed.decision == "allow"
    assert [c["indicator"] for c in allowed.to_cds_hooks()["cards"]] == ["info"] * len(allowed.advice)


def test_to_cds_hooks_needs_the_rule_set():
    report = contrascreen.load(QUICKSTART).run_tests()
    with pytest.raises(ValueError):
        report.cases[0].decision.to_cds_hooks()


def test_read_intake_of_a_bundle_needs_one_response(nl):
    bundle = json.loads((FHIR / "bundle.json").read_text(encoding="utf-8"))
    with pytest.raises(contrascreen.IntakeError) as caught:
        contrascreen.read_intake(bundle, ruleset=nl)
    assert caught.value.diagnostics[0].code == "fhir.several_responses"
    bundle["entry"] = bundle["entry"][1:2]
    assert contrascreen.read_intake(bundle, ruleset=nl)["answers"]["pregnant"] is True
