"""Reviewing a policy change (diff) and checking a decision log (verify_log): thin wrappers
over the library's comparison and log check, which give the same as `contrascreen diff
--format jsonl` and `contrascreen log verify`."""

import datetime
import json
import os

from . import _core

OUTCOMES = ("allow", "refer", "refuse", "error")


class DiffResult:
    """What a policy change changes over a batch of intakes.

    changes: one dict per intake decided differently, in input order; each equals a change
        record of `contrascreen diff --format jsonl` ({"id", "input", "record", "changed",
        "before", "after"}).
    matrix: {before: {after: count}} over "allow", "refer", "refuse" and "error" (an intake
        that could not be read).
    rules: [{"rule", "newly", "stopped"}]: per rule, the intakes it newly fires for (is a
        reason after, not before) or stops firing for, by rule id.
    intakes, changed, errors: records compared, of which changed, of which unreadable.
    before, after: the rule sets compared, as {"id", "version", "sha256"}.
    intake_errors: the Diagnostics of the unreadable records.
    """

    __slots__ = {
        "changes": "Each intake decided differently, in input order: the change records of diff --format jsonl.",
        "matrix": "{before: {after: count}} over allow, refer, refuse and error.",
        "rules": "[{'rule', 'newly', 'stopped'}], by rule id: the rules with a non-zero count.",
        "intakes": "Records compared.",
        "changed": "Records decided differently.",
        "errors": "Records that could not be read (under both rule sets).",
        "before": "The old rule set: {'id', 'version', 'sha256'}.",
        "after": "The new rule set: {'id', 'version', 'sha256'}.",
        "intake_errors": "The Diagnostics of the records that could not be read.",
    }

    def __init__(self, changes, summary, intake_errors):
        self.changes = [json.loads(record) for record in changes]
        s = json.loads(summary)["summary"]
        self.matrix = s["matrix"]
        self.rules = s["rules"]
        self.intakes = s["intakes"]
        self.changed = s["changed"]
        self.errors = s["errors"]
        self.before = s["before"]
        self.after = s["after"]
        self.intake_errors = list(intake_errors)

    def summary(self):
        """The summary record of `contrascreen diff --format jsonl`, as a dict {"summary": {...}}."""
        return {"summary": {"before": self.before, "after": self.after, "intakes": self.intakes,
                            "changed": self.changed, "errors": self.errors, "matrix": self.matrix,
                            "rules": self.rules}}

    def __repr__(self):
        return (f"<DiffResult {self.before['id']} -> {self.after['id']}: {self.changed} of {self.intakes} "
                f"intakes changed>")


class LogVerification:
    """What verify_log found: intact (bool), entries (decision lines intact before the first
    problem), head (the hash of the last of them), problems (the first problem, as a list of
    one Diagnostic with its line, when not intact)."""

    __slots__ = {
        "intact": "True when every line matches its hash and its place in the chain, and the last is complete.",
        "entries": "Decision lines found intact before the first problem (the header excluded).",
        "head": "The hash of the last of them: record it elsewhere to anchor the log.",
        "problems": "The first problem, as a list of one Diagnostic with its line; empty when intact.",
    }

    def __init__(self, intact, entries, head, problems):
        self.intact = intact
        self.entries = entries
        self.head = head
        self.problems = list(problems)

    def __bool__(self):
        return self.intact

    def __repr__(self):
        if self.intact:
            return f"<LogVerification intact: {self.entries} decisions, head {self.head[:12]}>"
        first = self.problems[0] if self.problems else None
        return f"<LogVerification NOT intact: {first.code if first else '?'} at line {first.line if first else '?'}>"


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    raise TypeError(f"an intake holds a {type(value).__name__}, which is not an answer")


def diff(old, new, intakes, *, date=None, jobs=1):
    """Screens every intake with the rule sets `old` and `new` (RuleSets, or paths loaded with
    load()) and returns a DiffResult: each intake decided differently (decision, reasons or
    until), the transition matrix and the per-rule counts, as `contrascreen diff` does.

    intakes is a path (str or os.PathLike: .jsonl, .csv, .json, .yaml, as on the command line)
    or an iterable of intake dicts {"id", "date", "answers"}, read as JSON Lines by the same
    reader. date= is the screening date for intakes without one. Raises RuleSetError
    (diff.catalogue_mismatch) for rule sets on different question catalogues, IntakeError for
    an input that is missing, unreadable or holds no intake."""
    from . import load  # the package's own, after it has initialised

    old = old if isinstance(old, _core.RuleSet) else load(old)
    new = new if isinstance(new, _core.RuleSet) else load(new)
    if isinstance(intakes, (str, bytes, os.PathLike)):
        return DiffResult(*_core._diff(old, new, intakes, None, date=date, jobs=jobs))
    data = "".join(json.dumps(intake, default=_json_default, ensure_ascii=False) + "\n" for intake in intakes)
    return DiffResult(*_core._diff(old, new, None, data.encode("utf-8"), date=date, jobs=jobs))


def verify_log(path):
    """Checks the decision log at `path` (str or os.PathLike) as `contrascreen log verify`
    does and returns a LogVerification; never raises for a broken log (a missing file is a
    problem io.not_found)."""
    return LogVerification(*_core._verify_log(path))
