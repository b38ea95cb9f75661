"""Matches for a paragraph from the translation memory: by id, exact, then fuzzy.

- **id match**: the same XLIFF id with the same text in an earlier paper (dated on or
  before this one) of the same type; the latest such paper wins.
- **exact match**: the same text (:func:`~att_docs.exchange.memory.entries.normal`) anywhere
  in the memory; papers of the same type, then the latest, then TMX files.
- **fuzzy match**: rapidfuzz's similarity of the texts with their numbers masked
  (:func:`~att_docs.exchange.memory.entries.masked`), less :data:`NUMBER_PENALTY` points for
  each number that differs and one for each inline code (bold, italic, footnote mark)
  that does; never above 99.

Every match carries its translation over to the new text (:func:`carry`): the k-th
footnote mark of the remembered source becomes the k-th of the new one, and a number
of the remembered source that differs in the new one is replaced in the translation
where it is written the same way. A match whose inline codes differ from the new
text's is at most 99 %, whatever its words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from att_docs.document.model import FootnoteRef, Inline, Run
from att_docs.exchange.memory.entries import Entry, masked, normal, numbers, plain

__all__ = ["NUMBER_PENALTY", "Match", "Memory", "carry", "similarity"]

NUMBER_PENALTY = 2
"""Points a fuzzy match loses for each number that differs."""

_CANDIDATES = 30  # fuzzy candidates scored in full per query
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Match:
    """One remembered translation offered for a paragraph.

    ``kind`` is ``id``, ``exact`` or ``fuzzy``; ``score`` is 100 for the first two.
    ``target`` is the remembered translation with the new text's footnote marks and
    numbers carried over.
    """

    kind: str
    score: int
    entry: Entry
    target: list[Inline]


def _codes(inlines: Iterable[Inline]) -> list[str]:
    """The inline codes of a paragraph in order: ``b``/``i`` where a run starts or ends
    bold or italic, ``f`` for a footnote mark."""
    out: list[str] = []
    bold = italic = False
    for inline in inlines:
        if isinstance(inline, FootnoteRef):
            out.append("f")
            continue
        if not inline.text:
            continue
        if inline.bold != bold:
            out.append("b")
            bold = inline.bold
        if inline.italic != italic:
            out.append("i")
            italic = inline.italic
    return out + ["b"] * bold + ["i"] * italic


def _differences(a: list[str], b: list[str]) -> int:
    """How many items differ between two sequences (by position when of one length)."""
    if len(a) == len(b):
        return sum(1 for x, y in zip(a, b, strict=True) if x != y)
    return sum(((Counter(a) - Counter(b)) + (Counter(b) - Counter(a))).values())


def similarity(query: list[Inline] | tuple[Inline, ...], entry: Entry,
               ratio: float | None = None) -> int:
    """The match score (0–100) of ``entry`` for the paragraph ``query``.

    ``ratio`` is rapidfuzz's similarity of the masked texts, if already known."""
    text = plain(query)
    codes = _differences(_codes(query), _codes(entry.source))
    if normal(text) == normal(entry.source_text):
        return 100 if not codes else 99
    if ratio is None:
        from rapidfuzz import fuzz

        ratio = fuzz.ratio(masked(text), masked(entry.source_text))
    penalty = NUMBER_PENALTY * _differences(numbers(text), numbers(entry.source_text))
    return max(0, min(99, int(ratio) - penalty - codes))


def carry(entry: Entry, query: list[Inline] | tuple[Inline, ...]) -> list[Inline]:
    """``entry``'s translation for the paragraph ``query``: footnote marks by position,
    differing numbers replaced where the translation writes them alike."""
    old_notes = [i.id for i in entry.source if isinstance(i, FootnoteRef)]
    new_notes = [i.id for i in query if isinstance(i, FootnoteRef)]
    notes = dict(zip(old_notes, new_notes, strict=False))
    old_numbers, new_numbers = numbers(entry.source_text), numbers(plain(query))
    swaps: dict[str, str] = {}
    if len(old_numbers) == len(new_numbers):
        for old, new in zip(old_numbers, new_numbers, strict=True):
            if old != new and swaps.get(old, new) == new:
                swaps[old] = new
            elif old != new:
                swaps[old] = old  # one number written as two others: leave it
    out: list[Inline] = []
    for inline in entry.target:
        if isinstance(inline, FootnoteRef):
            if inline.id in notes:
                out.append(FootnoteRef(notes[inline.id]))
            continue
        text = _NUMBER.sub(lambda m: swaps.get(m[0], m[0]), inline.text) if swaps \
            else inline.text
        out.append(Run(text, inline.bold, inline.italic))
    return out


class Memory:
    """Entries indexed for matching (one source and one target language)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._by_id: dict[tuple[str, str], list[Entry]] = {}
        self._by_text: dict[str, list[Entry]] = {}
        self._by_masked: dict[str, list[Entry]] = {}
        for entry in self.entries:
            text = normal(entry.source_text)
            if not text:
                continue
            if entry.unit_id:
                self._by_id.setdefault((entry.paper_type, entry.unit_id), []).append(entry)
            self._by_text.setdefault(text, []).append(entry)
            self._by_masked.setdefault(masked(entry.source_text), []).append(entry)
        self._keys = list(self._by_masked)

    def __len__(self) -> int:
        return len(self.entries)

    def matches(self, query: list[Inline] | tuple[Inline, ...], *, unit_id: str = "",
                paper_type: str = "", symbol: str = "", date: dt.date | None = None,
                threshold: int = 75, limit: int = 3) -> list[Match]:
        """The best matches for the paragraph ``query`` (of the paper ``symbol``, its
        ``unit_id``), best first: an id or exact match, then fuzzy ones of at least
        ``threshold``; one per distinct translation, at most ``limit``."""
        text = normal(plain(query))
        if not text:
            return []
        found: list[Match] = []

        def own(entry: Entry) -> bool:  # this very paragraph: not a match for itself
            return bool(symbol) and (entry.symbol, entry.unit_id) == (symbol, unit_id)

        earlier = [e for e in self._by_id.get((paper_type, unit_id), [])
                   if e.symbol != symbol and normal(e.source_text) == text
                   and (date is None or e.date is None or e.date <= date)]
        for entry in sorted(earlier, key=_recent, reverse=True)[:1]:
            score = similarity(query, entry)
            found.append(Match("id" if score == 100 else "fuzzy", score, entry,
                               carry(entry, query)))
        same = [e for e in self._by_text.get(text, []) if not own(e)]
        same.sort(key=lambda e: (e.paper_type == paper_type, e.unit_id != "", _recent(e)),
                  reverse=True)
        for entry in same[:limit]:
            score = similarity(query, entry)
            found.append(Match("exact" if score == 100 else "fuzzy", score, entry,
                               carry(entry, query)))
        found.extend(self._fuzzy(query, text, threshold, own))
        return _best(found, threshold, limit)

    def _fuzzy(self, query: list[Inline] | tuple[Inline, ...], text: str, threshold: int,
               own: Callable[[Entry], bool]) -> list[Match]:
        from rapidfuzz import fuzz, process

        if not self._keys:
            return []
        key = masked(text)
        out: list[Match] = []
        for candidate, ratio, _ in process.extract(
                key, self._keys, scorer=fuzz.ratio, limit=_CANDIDATES,
                score_cutoff=max(0, threshold - 10)):
            for entry in self._by_masked[candidate]:
                if normal(entry.source_text) == text or own(entry):
                    continue
                score = similarity(query, entry, ratio)
                if score >= threshold:
                    out.append(Match("fuzzy", score, entry, carry(entry, query)))
        return out


def _recent(entry: Entry) -> dt.date:
    return entry.date or dt.date.min


_RANK = {"id": 2, "exact": 1, "fuzzy": 0}


def _best(found: list[Match], threshold: int, limit: int) -> list[Match]:
    """Best first (id, exact, then by score; papers before TMX), one per translation."""
    ordered = sorted(found, key=lambda m: (_RANK[m.kind], m.score), reverse=True)
    seen: set[str] = set()
    out: list[Match] = []
    for match in ordered:
        translation = normal(plain(match.target))
        if match.score < threshold or translation in seen or not translation:
            continue
        seen.add(translation)
        out.append(match)
        if len(out) == limit:
            break
    return out
