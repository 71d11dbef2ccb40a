"""contrascreen.fhir: the package's FHIR calls with resources as dicts, each giving what the
command line gives for the same resource."""

import json
import subprocess

import pytest

import contrascreen
import contrascreen.fhir as fhir
from conftest import CLINIC_NL, ROOT

FHIR = ROOT / "examples" / "fhir"


@pytest.fixture(scope="module")
def nl():
    return contrascreen.load(CLINIC_NL)


def test_questionnaire_is_the_commands_resource(nl):
    q = fhir.questionnaire(nl, lang="en")
    assert q["resourceType"] == "Questionnaire"
    assert q == json.loads(nl.questionnaire("fhir", lang="en"))
    shipped = json.loads((FHIR / "questionnaires" / "clinic-nl-microneedling.json").read_text(encoding="utf-8"))
    assert fhir.questionnaire(nl) == shipped


@pytest.mark.parametrize("name", ["complete.json", "in-progress.json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screen_response_gives_the_cli_cards(cli, nl, name, lang):
    resource = json.loads((FHIR / name).read_text(encoding="utf-8"))
    decision = fhir.screen_response(nl, resource, lang=lang)
    assert decision == nl.screen_file(FHIR / name, lang=lang)[0]
    printed = subprocess.run([str(cli), "screen", "--rules", str(CLINIC_NL), "--format", "cds-hooks", "--lang", lang,
                              str(FHIR / name)], capture_output=True, text=True, check=False)
    assert printed.returncode in (0, 1, 2), printed.stderr
    assert fhir.cds_hooks_response(decision) == json.loads(printed.stdout)


def test_read_response_reads_what_read_intake_reads(nl):
    resource = json.loads((FHIR / "complete.json").read_text(encoding="utf-8"))
    assert fhir.read_response(resource, ruleset=nl) == contrascreen.read_intake(FHIR / "complete.json", ruleset=nl)


@pytest.mark.parametrize("value", [{"answers": {"pregnant": False}}, "complete.json", None, ["resourceType"]])
def test_read_response_takes_only_a_fhir_resource(value):
    with pytest.raises(TypeError):
        fhir.read_response(value)


def test_a_refused_response_is_an_intake_error(nl):
    resource = json.loads((FHIR / "complete.json").read_text(encoding="utf-8"))
    resource["status"] = "entered-in-error"
    with pytest.raises(contrascreen.IntakeError) as caught:
        fhir.screen_response(nl, resource)
    assert caught.value.diagnostics[0].code == "fhir.entered_in_error"
