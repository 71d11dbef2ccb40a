"""Loading rule sets: paths and text, properties, diagnostics with positions, the rule sets' own tests."""

import json
import pathlib
import re
import subprocess

import pytest

import contrascreen
from conftest import BASELINE, CLINIC_NL, CLINIC_SV, QUICKSTART, ROOT, TEST_DATA

BROKEN = """id: test/broken
version: "1"
treatment: microneedling
languages: [en]
rules:
  - id: pregnancy
    when: pregant || breastfeeding
    decision: refuse
    message: Not during pregnancy.
    source: test
"""


def test_load_from_str_path_pathlib_and_text(monkeypatch):
    by_str = contrascreen.load(str(CLINIC_SV))
    by_path = contrascreen.load(CLINIC_SV)
    monkeypatch.chdir(CLINIC_SV.parent)  # `extends` in YAML text resolves against the current directory
    by_text = contrascreen.load(CLINIC_SV.read_text(encoding="utf-8"), name="clinic.yaml")
    assert isinstance(by_str, contrascreen.RuleSet)
    assert by_str.sha256 == by_path.sha256
    assert by_text.id == by_str.id == "clinic-sv/microneedling"
    assert [r.id for r in by_text.rules] == [r.id for r in by_str.rules]


def test_properties(clinic_sv):
    assert clinic_sv.treatment == "microneedling"
    assert clinic_sv.languages[0] == "sv" and "en" in clinic_sv.languages
    assert re.fullmatch(r"[0-9a-f]{64}", clinic_sv.sha256)
    assert clinic_sv.version
    rule = clinic_sv.rules[0]
    assert isinstance(rule, contrascreen.Rule)
    assert rule.decision in ("refuse", "refer", "inform")
    assert rule.when and rule.source and rule.questions
    assert set(rule.message) >= {"sv", "en"}
    assert rule.file.endswith(".yaml") and rule.line > 0 and rule.column > 0
    interval = next(r for r in clinic_sv.rules if r.id == "interval")
    assert interval.until and "last_microneedling_date" in interval.until
    assert next(r for r in clinic_sv.rules if r.id == "pregnancy").until is None
    assert repr(clinic_sv).startswith("<RuleSet 'clinic-sv/microneedling' version")


def test_questions_and_catalogue(clinic_sv):
    ids = [q.id for q in clinic_sv.questions]
    read = {q for rule in clinic_sv.rules for q in rule.questions}
    assert set(ids) == read
    catalogue = {q.id: q for q in clinic_sv.catalogue}
    assert len(ids) == len(read)  # each once
    assert catalogue["age"].type == "number" and catalogue["age"].min == 0 and catalogue["age"].unit == "years"
    assert catalogue["pregnant"].type == "bool" and catalogue["pregnant"].values == []
    acne = catalogue["acne"]
    assert acne.type == "enum" and acne.values[0] == "none" and "active_inflammatory" in acne.values
    assert set(acne.labels["none"]) == {"en", "sv", "nl"}
    assert catalogue["medications"].type == "list"
    assert catalogue["last_microneedling_date"].type == "date"
    assert catalogue["last_microneedling_date"].follows == "previous_microneedling"
    assert set(catalogue["pregnant"].prompt) == {"en", "sv", "nl"}
    assert "pregnant" in repr(catalogue["pregnant"])


#: The form order of clinic-nl's questions: catalogue order, each follow-up right after its question.
CLINIC_NL_FORM = [
    "age", "pregnant", "breastfeeding", "keloid_history", "herpes_active", "skin_infection_active", "skin_cancer",
    "actinic_keratosis", "acne", "rosacea", "dermatitis", "psoriasis_in_area", "sensitive_skin",
    "autoimmune_skin_disease", "diabetes", "bleeding_disorder", "oral_retinoids", "oral_retinoids_stopped_on",
    "medications", "anticoagulant_therapy", "corticosteroids_high_dose", "chemotherapy_current",
    "radiotherapy_current", "previous_microneedling", "last_microneedling_date", "indication",
]
#: A catalogue that declares the follow-up last_session_on far below had_sessions.
OWN_CATALOGUE = ROOT / "tests" / "cli" / "data" / "tree" / "clinic" / "own_catalogue.yaml"


def test_questions_in_form_order():
    assert [q.id for q in contrascreen.load(CLINIC_NL).questions] == CLINIC_NL_FORM
    # Not catalogue order: the follow-up comes right after the question it follows up.
    own = contrascreen.load(OWN_CATALOGUE)
    assert [q.id for q in own.questions] == ["had_sessions", "last_session_on", "age", "pregnant", "skin_type"]
    assert [q.id for q in own.catalogue if q.id in {"last_session_on", "skin_type"}] == ["skin_type", "last_session_on"]


@pytest.mark.parametrize("path", [CLINIC_NL, CLINIC_SV, OWN_CATALOGUE], ids=lambda p: p.stem)
def test_questions_order_equals_the_cli(cli, path):
    shown = subprocess.run([cli, "questions", "--rules", str(path), "--format", "json"], capture_output=True,
                           check=True, text=True)
    cli_ids = [q["id"] for q in json.loads(shown.stdout)["questions"]]
    assert [q.id for q in contrascreen.load(path).questions] == cli_ids


def test_rule_set_error_carries_code_and_position():
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(BROKEN, name="broken.yaml")
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.code == "check.unknown_name"
    assert (error.file, error.line, error.column) == ("broken.yaml", 7, 11)
    assert "did you mean 'pregnant'" in error.message
    assert "broken.yaml:7:11: error[check.unknown_name]" in str(error)
    assert "^~~~~~~" in str(error)  # the caret under the name
    first = error.diagnostics[0]
    assert isinstance(first, contrascreen.Diagnostic)
    assert (first.severity, first.code, first.line, first.column) == ("error", "check.unknown_name", 7, 11)
    assert first.source_line.strip() == "when: pregant || breastfeeding"
    assert first.to_dict() == {"code": "check.unknown_name", "message": first.message, "file": "broken.yaml",
                               "line": 7, "column": 11}


def test_every_error_is_reported():
    text = BROKEN.replace("decision: refuse", "decision: refuze").replace("source: test\n", "")
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(text)
    codes = {d.code for d in raised.value.diagnostics}
    assert {"ruleset.invalid_decision", "ruleset.missing_key"} <= codes
    assert all(d.file == "<string>" and d.line for d in raised.value.diagnostics)


GOLDEN = [p for p in sorted((TEST_DATA / "diagnostics").glob("*.yaml")) if not p.stem.endswith("_base")]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_diagnostics_are_the_same_from_python(path):
    # The data the C++ golden test reads: `# expect: <code> [<file>:]<line>:<col>` lines.
    expect = re.compile(r"^# expect: (\S+) (?:(\S+):)?(\d+):(\d+)\s*$")
    expected = sorted(
        (m[2] or path.name, int(m[3]), int(m[4]), m[1])
        for m in map(expect.match, path.read_text(encoding="utf-8").splitlines()) if m)
    assert expected
    diagnostics = contrascreen.check(path)
    actual = sorted((pathlib.Path(d.file).name, d.line or 0, d.column or 0, d.code) for d in diagnostics)
    assert actual == expected
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        with pytest.raises(contrascreen.RuleSetError) as raised:
            contrascreen.load(path)
        assert [d.code for d in raised.value.diagnostics] == [d.code for d in errors]
        assert (raised.value.code, raised.value.line, raised.value.column) == (errors[0].code, errors[0].line,
                                                                              errors[0].column)


def test_missing_file():
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(ROOT / "rules" / "no-such-policy.yaml")
    assert raised.value.code == "io.not_found"
    assert raised.value.line is None and raised.value.column is None
    assert raised.value.file.endswith("no-such-policy.yaml")


def test_load_rejects_other_types():
    with pytest.raises(TypeError):
        contrascreen.load(42)


def test_check_returns_diagnostics_without_raising(clinic_sv):
    assert contrascreen.check(CLINIC_SV) == [] or all(d.severity == "warning" for d in contrascreen.check(CLINIC_SV))
    diagnostics = contrascreen.check(BROKEN, name="broken.yaml")
    assert [d.code for d in diagnostics if d.severity == "error"] == ["check.unknown_name"]
    assert str(diagnostics[0]).startswith("broken.yaml:7:11: error[check.unknown_name]: unknown name 'pregant'")


def test_ruleset_check_lists_warnings():
    unused = BROKEN.replace("pregant", "pregnant") + "value_sets:\n  unused: [a, b]\n"
    rs = contrascreen.load(unused)
    warnings = rs.check()
    assert [w.code for w in warnings] == ["ruleset.unused_value_set"]
    assert warnings[0].severity == "warning" and warnings[0].line > 0
    assert contrascreen.load(BROKEN.replace("pregant", "pregnant")).check() == []


def test_extends_resolves_relative_to_the_file():
    nl = contrascreen.load(CLINIC_NL)
    base = contrascreen.load(BASELINE)
    assert nl.sha256 != base.sha256
    assert nl.languages[0] == "nl"
    assert {r.id for r in nl.rules} - {r.id for r in base.rules}


def test_run_tests(quickstart):
    report = quickstart.run_tests()
    assert report.ok and report.failed == 0 and report.passed == len(report.cases) > 0
    case = report.cases[0]
    assert case.passed and case.mismatches == [] and case.line > 0 and case.file.endswith("quickstart.yaml")
    assert isinstance(case.decision, contrascreen.Decision)
    assert str(report).endswith(f"{report.passed} passed, 0 failed\n")
    assert "passed" in repr(report)


def test_run_tests_reports_mismatches():
    text = QUICKSTART.read_text(encoding="utf-8").replace("    decision: refuse\n    rules: [interval]",
                                                           "    decision: allow\n    rules: [interval]", 1)
    assert text != QUICKSTART.read_text(encoding="utf-8")
    rs = contrascreen.load(text, name="quickstart-changed.yaml")
    report = rs.run_tests()
    assert report.failed >= 1 and not report.ok
    failed = [c for c in report.cases if not c.passed]
    assert any("decision: expected allow" in m for c in failed for m in c.mismatches)


def test_version_and_build_info():
    assert re.fullmatch(r"\d+\.\d+\.\d+", contrascreen.__version__)
    assert "yaml-cpp" in contrascreen.build_info()


def test_codes_is_the_registry_and_names_every_reported_code():
    assert contrascreen.codes["intake.wrong_type"]  # a one-line meaning
    assert all(re.fullmatch(r"[a-z]+\.[a-z_]+", code) and meaning for code, meaning in contrascreen.codes.items())
    registry = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in registry for code in contrascreen.codes)
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(BROKEN)
    assert raised.value.diagnostics and all(d.code in contrascreen.codes for d in raised.value.diagnostics)
