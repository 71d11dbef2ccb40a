"""The exceptions of contrascreen. Both are ValueErrors carrying the library's diagnostics."""

from __future__ import annotations

from typing import Any, Optional, Sequence


class _DiagnosticError(ValueError):
    """A ValueError carrying every Diagnostic of the problem; the attributes describe the first."""

    def __init__(self, message: str, diagnostics: Sequence[Any] = (), **extra: Any) -> None:
        super().__init__(message)
        #: Every problem found (list of contrascreen.Diagnostic), the first one first.
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        #: Stable code of the first problem, e.g. "check.unknown_name" or "intake.wrong_type".
        self.code: Optional[str] = first.code if first else None
        #: The first problem's message, for people.
        self.message: str = first.message if first else message
        #: The file of the first problem (or "<string>" for YAML text), or None.
        self.file: Optional[str] = first.file if first else None
        #: 1-based line of the first problem, or None when it has no position.
        self.line: Optional[int] = first.line if first else None
        #: 1-based column (in code points) of the first problem, or None.
        self.column: Optional[int] = first.column if first else None
        for key, value in extra.items():
            setattr(self, key, value)


class RuleSetError(_DiagnosticError):
    """A rule set (or the catalogue it names) could not be loaded.

    str() renders every error like a compiler (file:line:col: error[code]: message, the line
    and a caret); code, file, line and column describe the first, .diagnostics holds all.
    """


class IntakeError(_DiagnosticError):
    """An intake does not fit the catalogue: an unknown question (with a suggestion), a value
    of the wrong type, an undeclared enum value, an impossible date, a number out of range;
    or its answers cannot all be true: a follow-up answered while the answer it follows rules
    it out (intake.contradiction), a date about the past later than the screening date
    (intake.date_in_future).

    code and question describe the first problem, .diagnostics holds all. Intakes read from
    files (read_intake) carry file, line and column; dict intakes have no position (None).
    From screen_many(errors="raise"), index is the position of the offending intake in the
    input and id its id.
    """

    def __init__(self, message: str, diagnostics: Sequence[Any] = (), **extra: Any) -> None:
        extra.setdefault("index", None)
        extra.setdefault("id", None)
        super().__init__(message, diagnostics, **extra)
        first = self.diagnostics[0] if self.diagnostics else None
        #: The question id the first problem is about (dict intakes), else None.
        self.question: Optional[str] = first.question if first else None
        #: Position of the intake in the input of screen_many, else None.
        self.index: Optional[int]
        #: The intake's id, when known.
        self.id: Optional[str]
