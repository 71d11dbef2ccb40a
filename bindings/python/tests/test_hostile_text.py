"""Hostile text through the Python API (issue 11, points 11 and 12): a path holding a NUL is
ValueError, as for open(), never a path cut short; a str that UTF-8 cannot encode (a lone
surrogate) in an answer, a list item, an id, a key or a date is IntakeError naming its
question, never UnicodeEncodeError; bytes that are not UTF-8 in a file never make an
exception, a message or a Diagnostic attribute fail to decode, and messages are printable."""

import os
import pathlib

import pytest

import contrascreen
from conftest import QUICKSTART

SURROGATE = "\ud800"


def printable(text):
    """No control character (C0 but the line break, DEL, C1) in `text`, which is a str."""
    return not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


# ---- paths -----------------------------------------------------------------------------

def path_calls(quickstart):
    """Every API that takes a path, as a function of the path."""
    return {
        "load": contrascreen.load,
        "check": contrascreen.check,
        "read_intake": contrascreen.read_intake,
        "read_intake with a rule set": lambda p: contrascreen.read_intake(p, ruleset=quickstart),
    }


@pytest.mark.parametrize("call", ["load", "check", "read_intake", "read_intake with a rule set"])
@pytest.mark.parametrize("kind", ["str", "bytes", "PathLike"])
def test_a_path_with_nul_is_value_error(quickstart, tmp_path, call, kind):
    # The file "a" exists: a path cut short at the NUL would read it.
    cut = tmp_path / "a"
    cut.write_bytes(QUICKSTART.read_bytes())
    path = str(cut) + "\0b.yaml"
    argument = {"str": path, "bytes": os.fsencode(path), "PathLike": pathlib.PurePosixPath(path)}[kind]
    with pytest.raises(ValueError, match="null byte") as raised:
        path_calls(quickstart)[call](argument)
    assert not isinstance(raised.value, (contrascreen.RuleSetError, contrascreen.IntakeError))
    with pytest.raises(ValueError):  # what Python itself does
        open(path)


def test_a_path_python_cannot_encode_is_unicode_encode_error_as_for_open():
    with pytest.raises(UnicodeEncodeError):
        open("rules" + SURROGATE + ".yaml")
    with pytest.raises(UnicodeEncodeError):
        contrascreen.load("rules" + SURROGATE + ".yaml")


def test_a_file_name_that_is_not_utf8_is_read_and_reported(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/policy\xff.yaml"
    with open(name, "wb") as f:
        f.write(QUICKSTART.read_bytes())
    assert contrascreen.load(name).id == "example/microneedling"
    assert contrascreen.load(os.fsdecode(name)).id == "example/microneedling"  # surrogateescape, as os gives it
    with open(name, "ab") as f:
        f.write(b"\nunknown_key: 1\n")
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(name)
    error = raised.value
    assert error.file.endswith("policy\ufffd.yaml")  # as the CLI's JSON writes it
    assert "policy\\xff.yaml:" in str(error) and printable(str(error))


# ---- strings UTF-8 cannot encode -----------------------------------------------------

@pytest.mark.parametrize("answers, code, question", [
    ({"acne": "none" + SURROGATE}, "intake.wrong_type", "acne"),
    ({"medications": ["warfarin", SURROGATE]}, "intake.wrong_type", "medications"),
    ({"medications": (SURROGATE,)}, "intake.wrong_type", "medications"),
    ({"last_microneedling_date": "2026-01-01" + SURROGATE}, "intake.wrong_type", "last_microneedling_date"),
    ({"pregnant": SURROGATE}, "intake.wrong_type", "pregnant"),
    ({"preg" + SURROGATE + "nant": True}, "intake.unknown_question", "preg\\ud800nant"),
])
def test_a_lone_surrogate_is_intake_error_naming_the_question(quickstart, answers, code, question):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen(answers, date="2026-11-21")
    error = raised.value
    assert (error.code, error.question) == (code, question)
    assert question in str(error) and printable(str(error))
    if code == "intake.wrong_type":
        assert "a string that UTF-8 cannot encode" in error.message
    else:
        assert "unknown question 'preg\\ud800nant'" in error.message
    # The same through the other front ends of dict intakes.
    intake = {"id": "P-1", "date": "2026-11-21", "answers": answers}
    with pytest.raises(contrascreen.IntakeError) as again:
        quickstart.screen_intake(intake)
    assert (again.value.code, again.value.question) == (code, question)
    [record] = quickstart.screen_many([intake])
    assert not record.ok and record.errors[0].code == code and record.errors[0].question == question
    assert record.to_dict()["errors"][0]["code"] == code


def test_a_lone_surrogate_in_the_id_date_or_a_key_of_the_intake(quickstart):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen({"pregnant": True}, id="P-" + SURROGATE)
    assert raised.value.code == "intake.invalid_id" and "P-\\ud800" in raised.value.message
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen_intake({"date": "2026-11-21" + SURROGATE, "answers": {}})
    assert raised.value.code == "intake.invalid_date"
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen_intake({"answers": {}, "da" + SURROGATE + "te": "2026-11-21"})
    assert raised.value.code == "intake.unknown_key" and "da\\ud800te" in raised.value.message
    with pytest.raises(ValueError, match=r"\\ud800"):
        quickstart.screen({}, date="2026-11-21" + SURROGATE)


def test_rule_set_text_with_a_lone_surrogate_is_a_rule_set_error():
    text = QUICKSTART.read_text(encoding="utf-8").replace("Example page", "Example " + SURROGATE + "page", 1)
    with pytest.raises(contrascreen.RuleSetError) as raised:
        contrascreen.load(text)
    assert raised.value.code == "yaml.syntax" and raised.value.line is not None
    assert "not valid UTF-8" in raised.value.message and printable(str(raised.value))


# ---- bytes that are not UTF-8, control characters ------------------------------------

def test_a_file_with_bytes_that_are_not_utf8(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_bytes(QUICKSTART.read_bytes().replace(b"Example page", b"Example \xff\x1b[2Jpage", 1))
    [d] = contrascreen.check(policy)
    assert d.code == "yaml.syntax"
    assert "\ufffd" in d.source_line  # decoded with errors="replace", never UnicodeDecodeError
    assert "\\xff\\x1b[2Jpage" in str(d) and printable(str(d)) and printable(repr(d))
    intake = tmp_path / "intake.yaml"
    intake.write_bytes(b"answers:\n  medications: [warf\xffarin]\n")
    with pytest.raises(contrascreen.IntakeError) as raised:
        contrascreen.read_intake(intake)
    assert raised.value.code == "intake.syntax" and printable(str(raised.value))


def test_control_characters_are_escaped_in_messages_and_kept_in_data(quickstart):
    with pytest.raises(contrascreen.IntakeError) as raised:
        quickstart.screen({"preg\x1b[2Jnant": True, "acne": "\x9b31mnone"})
    error = raised.value
    assert printable(str(error))
    assert "preg\\x1b[2Jnant" in str(error) and "\\u{9b}31mnone" in str(error)
    assert error.question == "preg\x1b[2Jnant"  # the key itself, as data
    d = quickstart.screen({"pregnant": True, "medications": ["warf\x07arin\x85"]}, id="\x1b[31mP-1")
    assert d.id == "\x1b[31mP-1"
    assert "\\u001b[31mP-1" in d.to_json() and d.to_dict()["id"] == "\x1b[31mP-1"
    assert printable(d.to_json())
