"""The spaced matcher's table of term variants, kept on disk between processes.

Generating every term's singular and plural forms needs the ``inflect`` package, which
costs more to import than a whole ``status`` run spends checking. The table depends only
on the glossary's terms of one language, the inflection engine and the function words, so
it is stored as JSON under ``$XDG_CACHE_HOME/att-docs`` (default ``~/.cache/att-docs``),
named by the SHA-256 of those inputs. The file is checksummed and validated row by row
when read (:mod:`att_docs.base.diskcache`); anything unexpected, and it is rebuilt. Set
``ATT_DOCS_NO_CACHE`` to neither read nor write it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from att_docs.base.diskcache import cache_path, read_cached, write_cached

__all__ = ["Row", "cached_rows"]

FORMAT = 1  # bump when term_variants changes what it generates

Row = tuple[str, str, str, bool, str]
"""concept, term, status, case-sensitive, variant."""

_Stored = list[tuple[str, str, Literal["preferred", "admitted", "deprecated", "superseded"],
                     bool, str]]


def cached_rows(inputs: Iterable[object], build: Callable[[], list[Row]]) -> list[Row]:
    """``build()``, or the rows stored for the same ``inputs`` by an earlier process."""
    path = cache_path("variants", FORMAT, *inputs)
    if path is not None:
        rows = read_cached(path, _Stored)
        if rows is not None:
            return rows
    rows = build()
    if path is not None:
        write_cached(path, rows)
    return rows

