"""The Python example of docs/python.md (linked from the README) runs and says what it shows."""

import re

from conftest import ROOT


def test_docs_python_example(monkeypatch):
    page = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    section = page[page.index("\n## Example\n"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    names = {"intakes": [{"id": "A", "answers": {"pregnant": True}}, {"id": "B", "answers": {"age": "x"}}]}
    exec(compile(code, "docs/python.md", "exec"), names)
    d = names["d"]
    assert repr(d).startswith("<Decision 'P-0017' refuse: anticoagulants; undecided breastfeeding, ")
    assert d.decision == "refuse"
    assert [r.rule for r in d.reasons if r.status == "fired"] == ["anticoagulants"]
    assert d.unanswered[:3] == ["acne", "actinic_keratosis", "breastfeeding"]
    assert [r.ok for r in names["results"]] == [True, False]
