"""Inline markers that silence named checks for the next segment.

In Markdown and plain text the marker is a Markdown comment on its own line, before the
paragraph it silences (put a blank line before it)::

    [//]: # (att-check ignore typography, number)
    {#mandate} ...

CommonMark reads the line as a link reference definition, so it never reaches the
rendered paper, and att-docs needs no change to its reader. In YAML (tables.yaml,
decisions.yaml) the marker is a comment before the text it silences::

    # att-check ignore term
    zh: ...

In XLIFF it is a ``<note>att-check ignore term</note>`` of the unit. Each marker must
name at least one check id; an unknown id is an error, so that a typo never silences
nothing quietly.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.checks.registry import check_ids
from att_docs.checks.segments import Corpus, Segment

__all__ = ["MARKER", "apply_markers", "marker_ids", "parse_marker"]

MARKER = re.compile(
    r"""^\s*(?:\[//\]:\s*\#\s*[("']\s*|\#\s*|<!--\s*)?
        att-check\s+ignore\s+(?P<ids>[a-z-]+(?:\s*,\s*[a-z-]+)*)
        \s*[)"']?\s*(?:-->)?\s*$""",
    re.VERBOSE,
)


def parse_marker(line: str) -> list[str] | None:
    """The check ids a marker line names, or ``None`` if the line is no marker."""
    m = MARKER.match(line)
    if m is None:
        return None
    return [part.strip() for part in m.group("ids").split(",")]


def marker_ids(ids: list[str], path: Path | None, line: int | None) -> set[str]:
    """Validate the ids of a marker: each must be a known check id."""
    unknown = [i for i in ids if i not in check_ids()]
    if unknown:
        raise ContentError(f"unknown check id {unknown[0]!r} in an att-check ignore marker "
                           f"(known: {', '.join(check_ids())})", path, line)
    return set(ids)


def apply_markers(corpus: Corpus, cache: dict[Path, list[tuple[int, set[str]]]] | None = None
                  ) -> None:
    """Read the files the corpus came from and silence the segments their markers precede."""
    cache = {} if cache is None else cache
    by_file: dict[Path, list[tuple[int, Segment]]] = defaultdict(list)
    for seg in corpus.segments:
        for where in seg.where.values():
            if where is not None and where.line:
                by_file[where.path].append((where.line, seg))
    for path, entries in by_file.items():
        markers = cache.get(path)
        if markers is None:
            markers = cache[path] = _markers_in(path)
        if not markers:
            continue
        entries.sort(key=lambda e: e[0])
        lines = [e[0] for e in entries]
        for line, ids in markers:
            index = bisect.bisect_right(lines, line)
            if index < len(entries):
                entries[index][1].ignore |= ids


def _markers_in(path: Path) -> list[tuple[int, set[str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if "att-check" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        ids = parse_marker(line)
        if ids is not None:
            found.append((number, marker_ids(ids, path, number)))
    return found
