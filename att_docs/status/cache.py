"""``status``'s cache of report rows, and the schema it must fit to be used.

The rows live in ``build/.<conference>.att-docs-status-cache.json``, keyed by the hash of
everything a row depends on. The file is read and written through
:mod:`att_docs.base.statefile`: checksummed, and validated against :data:`StatusCacheFile`
before a row is used, so a file that is damaged, edited or replaced (``[]``, a row
with other counts) is ignored with a warning and made again, and never changes the
report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from att_docs.base.statefile import load_cache, save_cache

__all__ = ["CACHE_VERSION", "StatusCacheFile", "load_rows", "save_rows"]

CACHE_VERSION = 1

Count = Annotated[int, Field(ge=0)]
Percent = Annotated[float, Field(ge=0, le=100)]
State = Literal["translated", "stale", "untranslated", "extra"]


def _iso_date(value: str) -> str:
    dt.date.fromisoformat(value)
    return value


IsoDate = Annotated[str, AfterValidator(_iso_date)]


class _Checks(TypedDict):
    errors: Count
    warnings: Count
    info: Count


class _Language(TypedDict):
    present: bool
    translated: Count
    total: Count
    percent: Percent | None
    units: dict[State, Count]
    words: dict[State, Count]
    word_unit: str
    percent_by_state: dict[State, Percent]
    stale: list[str]
    untranslated: list[str]
    placeholders: Count
    target_words: dict[State, Count]
    target_word_unit: str


class _Issued(TypedDict):
    symbol: str
    revision: Count | None
    date: IsoDate
    issued: IsoDate
    files: dict[str, str]


class _Row(TypedDict):
    id: str
    symbol: str
    title: str
    type: str
    date: IsoDate | None
    deadline: IsoDate
    checks: _Checks | None
    problems: list[str]
    issued: list[_Issued]
    languages: dict[str, _Language]


class StatusCacheFile(TypedDict):
    version: Literal[1]
    papers: dict[str, _Row]


def load_rows(path: Path) -> dict[str, Any]:
    """The cached rows by key; empty when there is no sound cache."""
    found = load_cache(path, StatusCacheFile)
    return dict(found["papers"]) if found is not None else {}


def save_rows(path: Path, papers: dict[str, Any]) -> None:
    """Keep ``papers`` (rows by key) for the next report."""
    save_cache(path, {"version": CACHE_VERSION, "papers": papers})
