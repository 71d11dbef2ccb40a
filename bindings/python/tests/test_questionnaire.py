"""RuleSet.questionnaire: the form as a FHIR R4 Questionnaire, the same document as
`contrascreen questionnaire --format fhir` (examples/fhir/questionnaires/)."""

import json

import pytest

import contrascreen
from conftest import CLINIC_NL, ROOT


@pytest.fixture(scope="module")
def nl():
    return contrascreen.load(CLINIC_NL)


def test_the_shipped_questionnaire_byte_for_byte(nl):
    expected = (ROOT / "examples" / "fhir" / "questionnaires" / "clinic-nl-microneedling.json").read_text(
        encoding="utf-8")
    assert nl.questionnaire() == expected
    assert nl.questionnaire("fhir", None, None) == expected


def test_lang_and_base_url(nl):
    q = json.loads(nl.questionnaire(lang="en", base_url="https://forms.example.org/fhir"))
    assert q["resourceType"] == "Questionnaire" and q["language"] == "en"
    assert q["url"] == "https://forms.example.org/fhir/Questionnaire/clinic-nl-microneedling"
    assert q["identifier"] == [{"system": "urn:contrascreen:ruleset-sha256", "value": nl.sha256}]
    pregnant = next(item for item in q["item"] if item["linkId"] == "pregnant")
    assert pregnant["text"] == "Are you pregnant?"
    languages = [ext["extension"][0]["valueCode"] for ext in pregnant["_text"]["extension"]]
    assert languages == ["sv", "nl"]
    acne = next(item for item in q["item"] if item["linkId"] == "acne")
    assert {option["valueCoding"]["system"] for option in acne["answerOption"]} == {
        "https://forms.example.org/fhir/CodeSystem/contrascreen-questions/acne"}


def test_the_items_are_the_form_questions_in_form_order(nl):
    q = json.loads(nl.questionnaire())

    def link_ids(items):
        for item in items:
            if item["type"] != "display":
                yield item["linkId"]
                yield from link_ids(item.get("item", []))

    assert list(link_ids(q["item"])) == [question.id for question in nl.questions]


@pytest.mark.parametrize("base_url", ["urn:contrascreen/", "https://example.org/a b", "example.org", "",
                                      "https://example.org/?x", "urn:x#y"])
def test_a_bad_base_url_is_a_value_error(nl, base_url):
    with pytest.raises(ValueError, match="base_url"):
        nl.questionnaire(base_url=base_url)


def test_an_unknown_format_is_a_value_error(nl):
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        nl.questionnaire("xml")


def test_a_language_the_catalogue_lacks_warns_and_falls_back(nl):
    with pytest.warns(UserWarning, match="no 'de' wording"):
        q = json.loads(nl.questionnaire(lang="de"))
    assert q["language"] == "en"
