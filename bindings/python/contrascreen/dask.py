"""contrascreen.dask: screening Dask collections on the batch path, partition by partition.

    >>> import dask.bag as db
    >>> import contrascreen, contrascreen.dask
    >>> rs = contrascreen.load("rules/clinics/clinic-nl/microneedling.yaml")
    >>> results = contrascreen.dask.screen_jsonl_files("archive/*.jsonl", rs, date="2026-11-21")
    >>> contrascreen.dask.to_dataframe(results).decision.value_counts().compute()
    >>> contrascreen.dask.screen_bag(db.read_text("archive/*.jsonl"), rs)   # the same, from lines

Each partition is screened by one call of the batch engine: RuleSet.screen_jsonl for
JSON Lines text, RuleSet.screen_many for intake dicts, with the GIL released while it
screens, so that a worker's threads screen in parallel. A partition's results are a
Results sequence, which pickles compactly (its rule set as its source texts, verified by
sha256 when unpickled), so results move between workers cheaply. The rule set travels the
same way: a worker needs neither the rule-set files nor the catalogue.

Dask is imported when a function here is called, not when the module is imported, so the
package works without it (Debian: python3-dask, python3-distributed).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping

__all__ = ["COLUMNS", "screen_bag", "screen_dataframe", "screen_jsonl_files", "screen_partition", "to_dataframe"]

#: The columns of a screened dataframe: those of Results.columns() and Results.to_pandas().
COLUMNS = ("id", "decision", "rules", "unanswered", "until", "date", "error")


def _require(module):
    try:
        return importlib.import_module(module)
    except ImportError as error:  # pragma: no cover - exercised without dask installed
        raise ImportError(
            f"contrascreen.dask needs {module} (Debian: python3-dask python3-distributed)"
        ) from error


def screen_partition(items, ruleset, *, date=None, lang=None):
    """Screens one partition, a sequence of JSON Lines text lines (str or bytes) or of intake
    mappings {'id', 'date', 'answers'}, told apart by its first item, and returns a Results
    with one result per intake in order, on one thread (Dask runs the partitions in parallel).

    Text lines are joined and screened as one JSON Lines text by RuleSet.screen_jsonl: blank
    lines are skipped as in a .jsonl file, a line that cannot be read is a ScreenError in
    its place, and the line numbers of its diagnostics count from the partition's first
    line. Mappings go to RuleSet.screen_many; one that does not fit the catalogue is a
    ScreenError in its place (errors='record'). An empty partition gives an empty Results.
    """
    items = items if isinstance(items, (list, tuple)) else list(items)
    if items and isinstance(items[0], (str, bytes)):
        text = _joined_lines(items)
        if text.strip():
            return ruleset.screen_jsonl(text, date=date, lang=lang, jobs=1)
        items = []  # blank lines only: no intake, as in an empty .jsonl file
    return ruleset.screen_many(items, date=date, lang=lang, jobs=1)


def _joined_lines(lines):
    """The lines as one JSON Lines text; a line without its line break gets one."""
    if isinstance(lines[0], bytes):
        return b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def screen_bag(bag, ruleset, *, date=None, lang=None):
    """Screens a dask.bag.Bag of intakes, JSON Lines text lines (dask.bag.read_text) or intake
    mappings, and returns a Bag with one result per intake, in order: a Decision, or a
    ScreenError for an intake that cannot be read. Each partition is one screen_partition
    call and computes to a Results. date= is the screening date for intakes without one.
    """
    return bag.map_partitions(screen_partition, ruleset, date=date, lang=lang)


def screen_jsonl_files(urlpath, ruleset, *, blocksize="64MiB", date=None, lang=None):
    """Screens JSON Lines files (a path, a glob such as 'archive/*.jsonl', or a list; any
    filesystem Dask reads) and returns a Bag with one result per intake, in file and line
    order, as screen_bag over dask.bag.read_text(urlpath) does, but faster: each block of
    about `blocksize` bytes, cut at line ends, goes to RuleSet.screen_jsonl as bytes, never
    split into Python strings. The line numbers of an error record count from its block's
    first line.
    """
    dask = _require("dask")
    read_bytes = _require("dask.bytes").read_bytes
    bag = _require("dask.bag")
    _, blocks = read_bytes(urlpath, delimiter=b"\n", blocksize=blocksize, sample=False)
    screen = dask.delayed(_screen_block, pure=True)
    return bag.from_delayed(
        [screen(block, ruleset, date=date, lang=lang) for file_blocks in blocks for block in file_blocks]
    )


def _screen_block(block, ruleset, *, date=None, lang=None):
    if not block or block.isspace():  # an empty file, or blank lines only: no intake (no copy, unlike strip())
        return ruleset.screen_many([], date=date, lang=lang, jobs=1)
    return ruleset.screen_jsonl(block, date=date, lang=lang, jobs=1)


def to_dataframe(results_bag):
    """A Bag of results (screen_bag's) as a dask DataFrame with the COLUMNS of
    Results.to_pandas(), one row per intake; each partition's index counts from 0.
    """
    dd = _require("dask.dataframe")
    return dd.from_delayed(
        [_delayed_frame(part) for part in results_bag.to_delayed()], meta=_meta(), verify_meta=False
    )


def _delayed_frame(part):
    dask = _require("dask")
    return dask.delayed(_results_frame)(part)


def _results_frame(results):
    return results.to_pandas()


def screen_dataframe(ddf, ruleset, *, date=None, lang=None):
    """Screens a dask DataFrame of intakes, one per row, and returns a dask DataFrame of their
    decisions with the COLUMNS of Results.to_pandas() and the input's index and divisions.

    A row holds its answers one column per question, named by question id, as a CSV intake
    file does; an `id` and a `date` column are the intake's id and date when present. A
    missing value (None, NaN, NaT, pandas.NA) is unanswered, never "no". Each partition is
    converted to intake mappings and screened by one RuleSet.screen_many call.
    """
    return ddf.map_partitions(_screen_frame, ruleset, date=date, lang=lang, meta=_meta())


def _screen_frame(frame, ruleset, *, date=None, lang=None):
    out = screen_partition(_frame_intakes(frame), ruleset, date=date, lang=lang).to_pandas()
    out.index = frame.index
    return out


def _frame_intakes(frame):
    pd = _require("pandas")
    questions = [c for c in frame.columns if c not in ("id", "date")]
    intakes = []
    for row in frame.itertuples(index=False, name=None):
        values = dict(zip(frame.columns, row))
        intake = {"answers": {q: _answer(values[q], pd) for q in questions if not _missing(values[q], pd)}}
        for key in ("id", "date"):
            if key in values and not _missing(values[key], pd):
                intake[key] = _answer(values[key], pd)
        intakes.append(intake)
    return intakes


def _missing(value, pd):
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _answer(value, pd):
    """A cell as screen_many takes an answer: numpy scalars as Python ones, a Timestamp as a
    date (its day), a numpy array (a list answer) as a list."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes, Mapping)):
        return value.tolist()
    return value


def _meta():
    """An empty frame with the dtypes of Results.to_pandas(); the rules and unanswered
    categories differ from partition to partition, so they are declared unknown."""
    pd = _require("pandas")
    utils = _require("dask.dataframe.utils")
    frame = pd.DataFrame(
        {
            "id": pd.Series([], dtype=object),
            "decision": pd.Categorical([], categories=["allow", "refer", "refuse", "error"]),
            "rules": pd.Categorical([]),
            "unanswered": pd.Categorical([]),
            "until": pd.Series([], dtype="datetime64[ns]"),
            "date": pd.Series([], dtype="datetime64[ns]"),
            "error": pd.Series([], dtype=object),
        }
    )
    return utils.clear_known_categories(frame, cols=["rules", "unanswered"])
