"""Free-text matching through Python: each row of tests/data/text/matching.yaml (the table the C++
tests read) as an intake's medication list screened against a rule set whose value set, list
literal and dynamic any_in hold the row's member. Python str in, the same decisions out."""

import pytest
import yaml

import contrascreen
from conftest import TEST_DATA

CASES = yaml.safe_load((TEST_DATA / "text" / "matching.yaml").read_text(encoding="utf-8"))


def cel_string(text):
    """`text` as a CEL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def yaml_string(text):
    """`text` as a YAML double-quoted scalar, each code point but printable ASCII as a \\U escape."""
    def escape(c):
        if " " <= c <= "~":
            return "\\" + c if c in '"\\' else c
        return f"\\U{ord(c):08X}"
    return '"' + "".join(escape(c) for c in text) + '"'


def ruleset_with_member(member):
    literal = cel_string(member)
    rules = {
        "value_set": "any_in(medications, drugs)",
        "literal": f"any_in(medications, [{literal}])",
        "dynamic": f"any_in([{literal}], medications)",
    }
    text = "id: test/text-matching\nversion: '1'\ntreatment: microneedling\nlanguages: [en]\n"
    text += f"value_sets:\n  drugs: [{yaml_string(member)}]\nrules:\n"
    for rule, when in rules.items():
        text += f"  - {{id: {rule}, when: {yaml_string(when)}, decision: refer, message: m, source: test}}\n"
    return contrascreen.load(text, name="text_matching.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_any_in_matches_as_the_table_says(case):
    rs = ruleset_with_member(case["member"])
    decision = rs.screen({"medications": ["paracetamol", case["item"]]}, date="2026-11-21")
    fired = [r.rule for r in decision.reasons]
    assert fired == (["value_set", "literal", "dynamic"] if case["match"] else [])
    assert not any(r.undecided for r in decision.reasons)
    many = rs.screen_many([{"answers": {"medications": [case["item"]]}}], date="2026-11-21")
    assert [r.rule for r in many[0].reasons] == fired


def test_the_table_covers_what_a_clinic_types():
    notes = " ".join(c["note"] for c in CASES)
    for subject in ("NBSP", "NEL", "IDEOGRAPHIC SPACE", "ZERO WIDTH SPACE", "Greek", "Cyrillic", "KELVIN",
                    "decomposed", "Hangul", "composition exclusion"):
        assert subject in notes
    assert {c["match"] for c in CASES} == {True, False}
