"""One remembered translation: a paragraph of an original and its translation.

Entries from papers keep the paragraph's formatting and footnote marks (the inline
model of :mod:`att_docs.document.model`); entries from TMX files are plain text. Texts
are compared normalised (:func:`normal`: whitespace runs as one space, as the
translation record compares them) and, for fuzzy matches, with their numbers masked
(:func:`masked`), so that a differing number costs points of its own
(:func:`numbers`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from att_docs.document.model import Inline, Run

__all__ = ["Entry", "masked", "normal", "numbers", "plain"]

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Entry:
    """A paragraph of an original (``source``) and its translation (``target``).

    ``origin`` names where it comes from (``<symbol>#<unit id>``, or the TMX file);
    papers also give the paragraph's XLIFF id, the paper's type, symbol and date, which
    id matches need.
    """

    source: tuple[Inline, ...]
    target: tuple[Inline, ...]
    origin: str
    unit_id: str = ""
    paper_type: str = ""
    symbol: str = ""
    date: dt.date | None = None

    @property
    def source_text(self) -> str:
        return plain(self.source)

    @property
    def target_text(self) -> str:
        return plain(self.target)


def plain(inlines: tuple[Inline, ...] | list[Inline]) -> str:
    """The words of a paragraph: its runs' text, without formatting or footnote marks."""
    return "".join(i.text for i in inlines if isinstance(i, Run))


def normal(text: str) -> str:
    """Whitespace runs as one space, none at the ends."""
    return _SPACE.sub(" ", text).strip()


def masked(text: str) -> str:
    """:func:`normal`, with every number (``2023``, ``1.5``, ``9``) as ``#``."""
    return _NUMBER.sub("#", normal(text))


def numbers(text: str) -> list[str]:
    """The numbers of a text, in order."""
    return _NUMBER.findall(text)
