"""The spaced matcher's table of term variants, kept on disk between processes.

Generating every term's singular and plural forms needs the ``inflect`` package, which
costs more to import than a whole ``status`` run spends checking. The table depends only
on the glossary's terms of one language, the inflection engine and the function words, so
it is stored as JSON under ``$XDG_CACHE_HOME/att-docs`` (default ``~/.cache/att-docs``),
named by the SHA-256 of those inputs. The file holds only strings and booleans and is
validated row by row when read; anything unexpected, and it is rebuilt. Set
``ATT_DOCS_NO_CACHE`` to neither read nor write it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from att_docs.diskcache import cache_folder, read_json, write_json

__all__ = ["Row", "cached_rows"]

FORMAT = 1  # bump when term_variants changes what it generates

Row = tuple[str, str, str, bool, str]
"""concept, term, status, case-sensitive, variant."""

_STATUSES = frozenset({"preferred", "admitted", "deprecated", "superseded"})


def cached_rows(inputs: Iterable[object], build: Callable[[], list[Row]]) -> list[Row]:
    """``build()``, or the rows stored for the same ``inputs`` by an earlier process."""
    digest = hashlib.sha256(json.dumps([FORMAT, *inputs], ensure_ascii=False,
                                       sort_keys=True).encode()).hexdigest()
    folder = cache_folder()
    path = folder / f"variants-{digest}.json" if folder else None
    if path is not None:
        rows = _read(path)
        if rows is not None:
            return rows
    rows = build()
    if path is not None:
        write_json(path, rows)
    return rows


def _read(path: Path) -> list[Row] | None:
    """The rows in ``path`` if it holds exactly well-formed rows, else None."""
    data = read_json(path)
    if not isinstance(data, list):
        return None
    rows: list[Row] = []
    for row in data:
        if not (isinstance(row, list) and len(row) == 5
                and all(isinstance(v, str) for v in (row[0], row[1], row[2], row[4]))
                and isinstance(row[3], bool) and row[2] in _STATUSES):
            return None
        rows.append((row[0], row[1], row[2], row[3], row[4]))
    return rows
