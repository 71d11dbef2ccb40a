"""Type stubs of contrascreen.dask: screening Dask collections on the batch path."""

from typing import Any, Iterable, Optional, Tuple

from . import DateLike, Results, RuleSet

COLUMNS: Tuple[str, ...]

def screen_partition(
    items: Iterable[Any], ruleset: RuleSet, *, date: Optional[DateLike] = ..., lang: Optional[str] = ...
) -> Results:
    """Screens one partition (JSON Lines text lines or intake mappings) into a Results."""

def screen_bag(bag: Any, ruleset: RuleSet, *, date: Optional[DateLike] = ..., lang: Optional[str] = ...) -> Any:
    """A dask.bag.Bag of Decision and ScreenError, one per intake of `bag`, in order."""

def screen_jsonl_files(
    urlpath: Any,
    ruleset: RuleSet,
    *,
    blocksize: Any = ...,
    date: Optional[DateLike] = ...,
    lang: Optional[str] = ...,
) -> Any:
    """A dask.bag.Bag of results for JSON Lines files, each block screened as bytes."""

def to_dataframe(results_bag: Any) -> Any:
    """screen_bag's results as a dask DataFrame with the COLUMNS of Results.to_pandas()."""

def screen_dataframe(ddf: Any, ruleset: RuleSet, *, date: Optional[DateLike] = ..., lang: Optional[str] = ...) -> Any:
    """A dask DataFrame of decisions (COLUMNS) for a dask DataFrame of intakes, one per row."""
