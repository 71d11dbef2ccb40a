"""Type stubs of contrascreen (the compiled module contrascreen._core and its re-exports)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Union, overload

__version__: str

codes: Dict[str, str]
"""Every diagnostic code the library reports (Diagnostic.code) -> its one-line meaning."""

DateLike = Union[str, datetime.date]
"""A date: 'YYYY-MM-DD' or a datetime.date (a datetime counts by its date)."""
Answer = Union[None, bool, int, float, str, datetime.date, Sequence[str]]
"""An answer: None (unanswered), bool, int/float, an enum value or ISO date (str), a date, a list of str."""
Intake = Mapping[str, Any]
"""An intake: {'id': str | int | None, 'date': DateLike | None, 'answers': Mapping[str, Answer] | None}."""

class RuleSetError(ValueError):
    """A rule set could not be loaded; code, file, line and column describe the first error."""

    diagnostics: List[Diagnostic]
    code: Optional[str]
    message: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ..., **extra: Any) -> None: ...

class IntakeError(ValueError):
    """An intake does not fit the catalogue; code and question describe the first problem.

    A str that UTF-8 cannot encode (a lone surrogate such as '\\ud800') is such a problem, never
    a UnicodeEncodeError: as an answer or list item it is intake.wrong_type naming the question,
    as a key intake.unknown_question (question is the key with the surrogate written \\ud800),
    as the id intake.invalid_id, as the date intake.invalid_date. str() of the error is
    printable: control characters and bytes that are not UTF-8 are escaped."""

    diagnostics: List[Diagnostic]
    code: Optional[str]
    message: str
    question: Optional[str]
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    index: Optional[int]
    id: Optional[str]
    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ..., **extra: Any) -> None: ...

class Diagnostic:
    """A problem with a stable code and, where known, its position. str() renders it like a compiler.

    str() and repr() are printable (control characters and bytes that are not UTF-8 escaped as
    \\x1b, \\u{85}, \\xff); message, file and source_line hold the text itself, bytes that are not
    UTF-8 decoded as U+FFFD (as in the CLI's JSON)."""

    @property
    def severity(self) -> Literal["error", "warning"]: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def file(self) -> Optional[str]: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    @property
    def question(self) -> Optional[str]: ...
    @property
    def source_line(self) -> Optional[str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """{'code', 'message', 'file', 'line', 'column'}, as in the CLI's error records."""

class Reason:
    """A refuse or refer rule that fired, or that could not be decided (and so refers)."""

    @property
    def rule(self) -> str: ...
    @property
    def decision(self) -> Literal["refuse", "refer"]: ...
    @property
    def status(self) -> Literal["fired", "undecided"]: ...
    @property
    def undecided(self) -> bool: ...
    @property
    def message(self) -> str: ...
    @property
    def questions(self) -> List[str]: ...
    @property
    def until(self) -> Optional[datetime.date]: ...
    @property
    def error(self) -> Optional[str]: ...

class Advice:
    """Advice from an inform rule that fired; it never changes the decision."""

    @property
    def rule(self) -> str: ...
    @property
    def message(self) -> str: ...

class RuleSetRef:
    """Identifies the exact policy content that decided."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def sha256(self) -> str: ...

class Decision:
    """The decision for one intake: 'allow', 'refer' or 'refuse', with every reason."""

    @property
    def id(self) -> Optional[str]: ...
    @property
    def decision(self) -> Literal["allow", "refer", "refuse"]: ...
    @property
    def reasons(self) -> List[Reason]: ...
    @property
    def unanswered(self) -> List[str]: ...
    @property
    def advice(self) -> List[Advice]: ...
    @property
    def ruleset(self) -> RuleSetRef: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def until(self) -> Optional[datetime.date]: ...
    @property
    def language(self) -> str: ...
    @property
    def index(self) -> Optional[int]: ...
    @property
    def ok(self) -> Literal[True]: ...
    def to_json(self) -> str:
        """One line of compact JSON, byte for byte the CLI's --format json record."""
    def to_dict(self) -> Dict[str, Any]:
        """Equal to json.loads of the CLI's JSON for the same intake."""
    def to_cds_hooks(self) -> Dict[str, Any]:
        """A CDS Hooks 2.0 response {'cards': [...]}: the CLI's --format cds-hooks record as a dict."""
    def __eq__(self, other: object) -> bool:
        """Equal when to_json() is (index aside)."""
    def __hash__(self) -> int: ...

class ScreenError:
    """screen_many's result for an intake that could not be converted: the CLI's error record."""

    @property
    def id(self) -> Optional[str]: ...
    @property
    def index(self) -> Optional[int]: ...
    @property
    def errors(self) -> List[Diagnostic]: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def decision(self) -> None: ...
    @property
    def ok(self) -> Literal[False]: ...
    def to_json(self) -> str:
        """The CLI's JSON error record: {"id", "decision": null, "errors": [...]}."""
    def to_dict(self) -> Dict[str, Any]:
        """The error record as a dict."""
    def exception(self) -> IntakeError:
        """The IntakeError that errors='raise' would have raised for this intake."""
    def __eq__(self, other: object) -> bool:
        """Equal when the index and to_json() are."""
    def __hash__(self) -> int: ...

Result = Union[Decision, ScreenError]

class Results:
    """One result per intake, in input order, kept compactly; objects are made when read."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> List[Result]: ...
    def __iter__(self) -> ResultsIterator: ...
    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of equal results (a list, a tuple, Results)."""
    def __ne__(self, other: object) -> bool: ...
    @property
    def error_count(self) -> int: ...
    def columns(self) -> Dict[str, List[Any]]:
        """{'id', 'decision', 'rules', 'unanswered', 'until', 'date', 'error'}: one entry per intake."""
    def to_pandas(self) -> Any:
        """A pandas.DataFrame of the columns(); decision, rules and unanswered categorical."""

class ResultsIterator(Iterator[Result]):
    """Iterator over a Results sequence."""

    def __iter__(self) -> ResultsIterator: ...
    def __next__(self) -> Result: ...

class ScreenIterator(Iterator[Result]):
    """Iterator returned by RuleSet.screen_iter."""

    def __iter__(self) -> ScreenIterator: ...
    def __next__(self) -> Result: ...

class Question:
    """A catalogue question: id, answer type, allowed values and prompts."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> Literal["bool", "number", "enum", "list", "date"]: ...
    @property
    def values(self) -> List[str]: ...
    @property
    def labels(self) -> Dict[str, Dict[str, str]]: ...
    @property
    def prompt(self) -> Dict[str, str]: ...
    @property
    def help(self) -> Dict[str, str]: ...
    @property
    def min(self) -> Optional[float]: ...
    @property
    def max(self) -> Optional[float]: ...
    @property
    def unit(self) -> Optional[str]: ...
    @property
    def follows(self) -> Optional[str]: ...
    @property
    def follows_when(self) -> List[str]: ...
    @property
    def past(self) -> bool: ...

class Rule:
    """One active rule of a loaded rule set (after extends and overrides)."""

    @property
    def id(self) -> str: ...
    @property
    def decision(self) -> Literal["refuse", "refer", "inform"]: ...
    @property
    def when(self) -> str: ...
    @property
    def until(self) -> Optional[str]: ...
    @property
    def questions(self) -> List[str]: ...
    @property
    def message(self) -> Dict[str, str]: ...
    @property
    def source(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...

class TestCase:
    """The result of one test case under a rule set's `tests:`."""

    @property
    def name(self) -> str: ...
    @property
    def passed(self) -> bool: ...
    @property
    def mismatches(self) -> List[str]: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def errors(self) -> List[Diagnostic]: ...
    @property
    def decision(self) -> Optional[Decision]: ...

class TestReport:
    """The results of a rule set's own test cases, with rule coverage; str() is the CLI's report."""

    @property
    def ruleset(self) -> str: ...
    @property
    def cases(self) -> List[TestCase]: ...
    @property
    def uncovered_rules(self) -> List[str]: ...
    @property
    def passed(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def ok(self) -> bool: ...

class RuleSet:
    """A loaded, checked and compiled rule set. Immutable; screening is thread-safe."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def treatment(self) -> str: ...
    @property
    def languages(self) -> List[str]: ...
    @property
    def sha256(self) -> str: ...
    @property
    def rules(self) -> List[Rule]: ...
    @property
    def questions(self) -> List[Question]:
        """The questions some rule reads, in form order (as `contrascreen questions` lists them):
        catalogue order, except that a follow-up comes right after the question it follows up."""
    @property
    def catalogue(self) -> List[Question]:
        """Every question of the rule set's catalogue."""
    def check(self) -> List[Diagnostic]:
        """The warnings found while loading; [] when clean."""
    def run_tests(self) -> TestReport:
        """Runs the rule set's own `tests:`."""
    def sheet(
        self,
        format: Literal["html", "markdown"] = "html",
        base: Optional[RuleSet] = None,
        lang: Optional[str] = None,
        *,
        date: Optional[DateLike] = None,
    ) -> str:
        """The policy sheet a clinician signs, as `contrascreen sheet` writes it: every rule in
        plain words with its messages, source and tests; against `base`, inherited, overridden,
        new or disabled. Raises ValueError for an unknown format."""
    def questionnaire(
        self,
        format: Literal["fhir"] = "fhir",
        lang: Optional[str] = None,
        base_url: Optional[str] = None,
    ) -> str:
        """The rule set's intake form as a FHIR R4 Questionnaire (JSON text), as `contrascreen
        questionnaire --format fhir` writes it. Raises ValueError for an unknown format or a
        base_url that is no absolute URI, has a query or fragment, or ends in '/'."""
    def screen(
        self,
        answers: Optional[Mapping[str, Answer]] = None,
        *,
        id: Union[str, int, None] = None,
        date: Optional[DateLike] = None,
        lang: Optional[str] = None,
    ) -> Decision:
        """Screens one patient's answers; raises IntakeError when an answer does not fit
        (a str with a lone surrogate included: IntakeError naming the question)."""
    def screen_intake(
        self, intake: Intake, *, date: Optional[DateLike] = None, lang: Optional[str] = None
    ) -> Decision:
        """Screens one intake mapping {'id', 'date', 'answers'}; raises IntakeError."""
    def screen_many(
        self,
        intakes: Iterable[Intake],
        *,
        date: Optional[DateLike] = None,
        lang: Optional[str] = None,
        jobs: Optional[int] = None,
        errors: Literal["record", "raise"] = "record",
        batch_size: int = 4096,
    ) -> Results:
        """One result per intake, in input order; releases the GIL and screens on `jobs` threads.
        A bad intake yields a ScreenError (errors='record') or raises IntakeError ('raise')."""
    def screen_iter(
        self,
        intakes: Iterable[Intake],
        *,
        date: Optional[DateLike] = None,
        lang: Optional[str] = None,
        jobs: Optional[int] = None,
        errors: Literal["record", "raise"] = "record",
        batch_size: int = 4096,
    ) -> ScreenIterator:
        """Like screen_many, a batch at a time as the iterator is consumed."""
    def screen_file(
        self,
        path: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]],
        *,
        date: Optional[DateLike] = None,
        lang: Optional[str] = None,
        jobs: int = 1,
    ) -> Results:
        """Reads and screens an intake file (.jsonl, .csv, .json, .yaml, .yml) in C++, GIL released.
        Raises IntakeError for a file missing, unreadable or empty; ValueError for a NUL in the path."""
    def screen_jsonl(
        self,
        data: Union[bytes, str],
        *,
        date: Optional[DateLike] = None,
        lang: Optional[str] = None,
        jobs: int = 1,
    ) -> Results:
        """Screens JSON Lines text as screen_file screens a .jsonl file; IntakeError when it holds none."""

def load(
    source: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]], *, name: Optional[str] = None
) -> RuleSet:
    """Loads a rule set from a path or YAML text (a str with a line break); raises RuleSetError.

    A path is given to the system as os.fsencode gives it; a path holding a NUL byte raises
    ValueError, as open() does (never a path cut short at the NUL). YAML text holding a lone
    surrogate is RuleSetError (yaml.syntax, not valid UTF-8) at its line and column."""

def check(
    source: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]], *, name: Optional[str] = None
) -> List[Diagnostic]:
    """Every diagnostic (errors and warnings) of a rule set; never raises for its problems.

    A path holding a NUL byte raises ValueError, as for load()."""

def read_intake(
    source: Union[str, bytes, os.PathLike[str], os.PathLike[bytes], Mapping[str, Any]],
    *,
    ruleset: Optional[RuleSet] = None,
) -> Dict[str, Any]:
    """Reads an intake file (.json/.yaml; a FHIR QuestionnaireResponse .json too), a FHIR
    QuestionnaireResponse dict or an intake mapping into {'id', 'date', 'answers'}; raises
    IntakeError with positions.

    A path holding a NUL byte raises ValueError, as open() does."""

class DiffResult:
    """What a policy change changes over a batch of intakes (contrascreen.diff)."""

    changes: List[Dict[str, Any]]
    """Each intake decided differently, in input order: the change records of diff --format jsonl."""
    matrix: Dict[str, Dict[str, int]]
    """{before: {after: count}} over allow, refer, refuse and error."""
    rules: List[Dict[str, Any]]
    """[{'rule', 'newly', 'stopped'}], by rule id: the rules with a non-zero count."""
    intakes: int
    """Records compared."""
    changed: int
    """Records decided differently."""
    errors: int
    """Records that could not be read (under both rule sets)."""
    before: Dict[str, str]
    """The old rule set: {'id', 'version', 'sha256'}."""
    after: Dict[str, str]
    """The new rule set: {'id', 'version', 'sha256'}."""
    intake_errors: List[Diagnostic]
    """The Diagnostics of the records that could not be read."""
    def summary(self) -> Dict[str, Any]:
        """The summary record of contrascreen diff --format jsonl: {'summary': {...}}."""

class LogVerification:
    """What verify_log found in a decision log."""

    intact: bool
    """True when every line matches its hash and its place in the chain, and the last is complete."""
    entries: int
    """Decision lines found intact before the first problem (the header excluded)."""
    head: str
    """The hash of the last of them: record it elsewhere to anchor the log."""
    problems: List[Diagnostic]
    """The first problem, as a list of one Diagnostic with its line; empty when intact."""
    def __bool__(self) -> bool: ...

def diff(
    old: Union[RuleSet, str, os.PathLike[str]],
    new: Union[RuleSet, str, os.PathLike[str]],
    intakes: Union[str, bytes, os.PathLike[str], os.PathLike[bytes], Iterable[Intake]],
    *,
    date: Optional[DateLike] = None,
    jobs: int = 1,
) -> DiffResult:
    """Screens every intake with both rule sets; the intakes decided differently and a summary.

    As contrascreen diff: RuleSetError (diff.catalogue_mismatch) for rule sets on different
    catalogues, IntakeError for an input that is missing, unreadable or holds no intake."""

def verify_log(path: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]) -> LogVerification:
    """Checks a decision log as contrascreen log verify does; never raises for a broken log."""

def build_info() -> str:
    """The library's dependencies and their versions, one per line."""
