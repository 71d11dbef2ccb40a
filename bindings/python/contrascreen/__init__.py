"""contrascreen: screens a patient's intake answers against an aesthetic clinic's
contraindication policy (a YAML rule set) into allow, refer or refuse, with the reasons.

    >>> import contrascreen
    >>> rs = contrascreen.load("rules/clinics/clinic-sv/microneedling.yaml")
    >>> d = rs.screen({"pregnant": True}, date="2026-11-21", lang="sv")
    >>> d.decision, [r.rule for r in d.reasons], d.unanswered
    >>> rs.screen_many(intakes)          # any iterable of {"id", "date", "answers"} dicts
    >>> rs.screen_file("intakes.jsonl").to_pandas()   # read and screened in C++
    >>> pickle.dumps(rs)   # its texts and sha256: rebuilt and checked where the files are not
    >>> contrascreen.dask.screen_bag(bag, rs)   # Dask bags and dataframes (import contrascreen.dask)
    >>> contrascreen.diff("old.yaml", "new.yaml", "intakes.jsonl").matrix   # a policy change
    >>> contrascreen.verify_log("decisions.log").intact   # a log written by screen --log

A missing answer is never read as "no": a rule it leaves undecided refers the patient and
names the questions to ask. Decision.to_dict() equals the command-line tool's JSON.
"""

from ._audit import DiffResult, LogVerification, diff, verify_log
from ._errors import IntakeError, RuleSetError
from ._core import (
    Advice,
    Decision,
    Diagnostic,
    Question,
    Reason,
    Rule,
    RuleSet,
    RuleSetRef,
    Results,
    ResultsIterator,
    ScreenError,
    ScreenIterator,
    TestCase,
    TestReport,
    __version__,
    build_info,
    check,
    codes,
    load,
    read_intake,
)

# Shown as contrascreen.X (not contrascreen._core.X) in reprs, tracebacks and help().
for _name in (
    "Advice", "Decision", "Diagnostic", "DiffResult", "IntakeError", "LogVerification", "Question", "Reason", "Rule", "RuleSet", "RuleSetError",
    "RuleSetRef", "Results", "ResultsIterator", "ScreenError", "ScreenIterator", "TestCase", "TestReport",
):
    globals()[_name].__module__ = __name__
del _name

__all__ = [
    "Advice",
    "Decision",
    "Diagnostic",
    "DiffResult",
    "IntakeError",
    "LogVerification",
    "Question",
    "Reason",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "RuleSetRef",
    "Results",
    "ResultsIterator",
    "ScreenError",
    "ScreenIterator",
    "TestCase",
    "TestReport",
    "__version__",
    "build_info",
    "check",
    "codes",
    "diff",
    "load",
    "read_intake",
    "verify_log",
]
