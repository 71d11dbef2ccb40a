"""RuleSet.sheet: the policy sheet, the same document as `contrascreen sheet` (examples/sheets/)."""

import datetime

import pytest

import contrascreen
from conftest import ROOT


@pytest.fixture
def at_root(monkeypatch):
    # The shipped sheets name their files relative to the repository root.
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("format, suffix", [("html", ".html"), ("markdown", ".md")])
def test_the_shipped_sheet_byte_for_byte(at_root, format, suffix):
    rules = contrascreen.load("rules/clinics/clinic-nl/microneedling.yaml")
    base = contrascreen.load("rules/common/microneedling.yaml")
    sheet = rules.sheet(format, base, date=datetime.date(2026, 11, 21))
    expected = (ROOT / "examples" / "sheets" / ("clinic-nl-microneedling" + suffix)).read_text(encoding="utf-8")
    assert sheet == expected


def test_the_overridden_interval_reads_42_days_against_the_base_28(at_root):
    rules = contrascreen.load("rules/clinics/clinic-nl/microneedling.yaml")
    base = contrascreen.load("rules/common/microneedling.yaml")
    sheet = rules.sheet(format="markdown", base=base, lang="en", date="2026-11-21")
    interval = sheet[sheet.index("### `interval`"):]
    interval = interval[:interval.index("\n### ")]
    assert "(refuse, overridden)" in interval
    assert "was less than 42 days before the screening date" in interval
    assert "was less than 28 days before the screening date" in interval
    assert "42 days after the date answered to" in interval


def test_without_a_base_no_rule_has_a_standing(at_root):
    sheet = contrascreen.load("rules/common/microneedling.yaml").sheet("markdown", date="2026-11-21")
    assert "inherited unchanged" not in sheet and "Compared with" not in sheet
    assert sheet.startswith("# Policy sheet: common/microneedling\n")


def test_an_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        contrascreen.load(ROOT / "rules" / "common" / "microneedling.yaml").sheet("pdf")


def test_a_language_the_catalogue_lacks_warns_and_falls_back():
    rules = contrascreen.load(ROOT / "rules" / "common" / "microneedling.yaml")
    with pytest.warns(UserWarning, match="no 'de' wording"):
        sheet = rules.sheet("markdown", lang="de", date="2026-11-21")
    assert "“Are you pregnant?”" in sheet


@pytest.mark.parametrize("clinic, lang", [("clinic-sv", "sv"), ("clinic-nl", "nl")])
def test_the_swedish_and_dutch_sheets_byte_for_byte(at_root, clinic, lang):
    # The shipped sheets are in the rule set's default language; lang= names it explicitly.
    rules = contrascreen.load("rules/clinics/%s/microneedling.yaml" % clinic)
    base_file = {"clinic-sv": None, "clinic-nl": "rules/common/microneedling.yaml"}[clinic]
    base = contrascreen.load(base_file) if base_file else None
    for format, suffix in [("html", ".html"), ("markdown", ".md")]:
        sheet = rules.sheet(format, base, lang=lang, date="2026-11-21")
        expected = (ROOT / "examples" / "sheets" / (clinic + "-microneedling" + suffix)).read_text(encoding="utf-8")
        assert sheet == expected


def test_one_rule_set_in_three_languages(at_root):
    rules = contrascreen.load("rules/clinics/clinic-nl/microneedling.yaml")
    base = contrascreen.load("rules/common/microneedling.yaml")
    worded = {lang: rules.sheet("markdown", base, lang=lang, date="2026-11-21") for lang in ("en", "sv", "nl")}
    interval = {
        "en": "was less than 42 days before the screening date",
        "sv": "var mindre än 42 dagar före screeningdatumet",
        "nl": "lag minder dan 42 dagen vóór de screeningdatum",
    }
    headings = {"en": "## Sign-off", "sv": "## Godkännande", "nl": "## Ondertekening"}
    for lang, sheet in worded.items():
        assert interval[lang] in sheet, lang
        assert headings[lang] in sheet, lang
        assert '<html lang="%s">' % lang in rules.sheet("html", base, lang=lang, date="2026-11-21")
    # Neither the Swedish nor the Dutch sheet falls back to English words.
    assert "worded in English" not in worded["sv"] and "are English" not in worded["nl"]
    assert "Refuses when" not in worded["sv"] and "Refuses when" not in worded["nl"]
