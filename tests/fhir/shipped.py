"""The shipped policies and their own test cases, for the FHIR tests (check_examples.py,
check_codes.py, roundtrip.py).

A shipped policy is a rule set under rules/ with rules or overrides: not the question
catalogue (questions.yaml) and not a library of value sets (common/value_sets.yaml). Its
name is its path without rules/, clinics/ and .yaml, with / as - (clinic-nl-microneedling),
as tests/sheet/sheets.py names the policy sheets.
Standard library and python3-yaml (Debian's, as tests/sheet/sheets.py): runs under /usr/bin/python3.
"""

import re

import yaml


def shipped(root):
    """(name, path relative to root) of every shipped policy, sorted by path."""
    out = []
    for path in sorted((root / "rules").rglob("*.yaml")):
        if path.name == "questions.yaml":
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not document.get("rules") and not document.get("overrides"):
            continue  # value sets only: no form to ask
        relative = path.relative_to(root)
        name = str(relative.with_suffix("")).replace("rules/", "", 1).replace("clinics/", "", 1).replace("/", "-")
        out.append((name, relative))
    return out


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where yes, no, on and off are booleans; contrascreen reads YAML
    1.2's core schema (yaml-cpp), where they are strings. Only true and false are booleans here."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def test_cases(root, relative):
    """The `tests:` of the policy's own file, as written (a list of mappings)."""
    document = yaml.load((root / relative).read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    return document.get("tests") or []
