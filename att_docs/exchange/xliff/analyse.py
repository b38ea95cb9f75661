"""How many words of a paper are new: the units to translate by translation-memory band.

As a CAT tool's analysis report does, each paragraph that ``xliff export`` hands out for
translation (untranslated or stale) falls into one band by its best match
(:mod:`att_docs.exchange.xliff.leverage`): ``100`` (an id or exact match: what the export
pre-fills), ``repetitions`` (the same text earlier in the paper, with no 100 % match),
``95-99``, ``85-94``, ``75-84`` (fuzzy matches), ``no-match``. Paragraphs already
translated are counted apart (``translated``). Words are counted as ``status`` counts
them: the original's words, or characters for a language written without spaces
(the ``word_count`` of its locale data).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.document.model import Document
from att_docs.exchange.memory.entries import normal
from att_docs.exchange.memory.match import Memory

__all__ = ["BANDS", "Analysis", "analyse", "as_csv", "as_json", "as_text", "band_of"]

BANDS = ("repetitions", "100", "95-99", "85-94", "75-84", "no-match")
"""The bands of the words to translate, in the order a report lists them."""

_LABELS = {"repetitions": "Repet.", "100": "100%", "95-99": "95-99%", "85-94": "85-94%",
           "75-84": "75-84%", "no-match": "New", "total": "Total", "translated": "Done"}
_FLOORS = (("95-99", 95), ("85-94", 85), ("75-84", 75))


@dataclass
class Analysis:
    """One paper and target language (or a total): words and segments per band."""

    name: str  # the paper's symbol, or "total"
    source: str
    target: str
    word_unit: str
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        (*BANDS, "translated"), 0))
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        (*BANDS, "translated"), 0))

    def add(self, band: str, words: int) -> None:
        self.words[band] += words
        self.segments[band] += 1

    @property
    def total_words(self) -> int:
        """Words to translate: every band but ``translated``."""
        return sum(self.words[band] for band in BANDS)

    def to_dict(self) -> dict[str, object]:
        return {"paper": self.name, "source": self.source, "target": self.target,
                "word_unit": self.word_unit, "words": dict(self.words),
                "segments": dict(self.segments), "total_words": self.total_words}


def band_of(score: int) -> str:
    """The band of a best match's score (0 for none)."""
    if score >= 100:
        return "100"
    return next((band for band, floor in _FLOORS if score >= floor), "no-match")


def analyse(doc: Document, target: str, memory: Memory | None,
            count_words: Callable[[str], int], word_unit: str) -> Analysis:
    """The analysis of ``doc`` for translation into ``target`` against ``memory``."""
    from att_docs.exchange.xliff.export import export_units

    result = Analysis(str(doc.masthead.symbol), doc.masthead.original_language, target,
                      word_unit)
    seen: set[str] = set()
    for unit in export_units(doc, target, memory=memory):
        words = count_words(unit.words)
        if unit.state == "translated":
            result.add("translated", words)
            continue
        best = unit.offers[0].match.score if unit.offers else 0
        text = normal(unit.words)
        band = band_of(best)
        if band != "100" and text in seen:
            band = "repetitions"
        seen.add(text)
        result.add(band, words)
    return result


def total(rows: list[Analysis], target: str) -> Analysis:
    """The sum of the rows for ``target``."""
    units = {row.word_unit for row in rows if row.target == target}
    sources = {row.source for row in rows if row.target == target}
    out = Analysis("total", sources.pop() if len(sources) == 1 else "*", target,
                   units.pop() if len(units) == 1 else "mixed")
    for row in rows:
        if row.target == target:
            for band in out.words:
                out.words[band] += row.words[band]
                out.segments[band] += row.segments[band]
    return out


def _totals(rows: list[Analysis]) -> list[Analysis]:
    return [total(rows, target) for target in dict.fromkeys(row.target for row in rows)]


def as_json(rows: list[Analysis]) -> str:
    return json.dumps({"bands": list(BANDS), "papers": [row.to_dict() for row in rows],
                       "totals": [row.to_dict() for row in _totals(rows)]},
                      ensure_ascii=False, indent=2)


def as_csv(rows: list[Analysis]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["paper", "source", "target", "band", "segments", "words", "word_unit"])
    for row in [*rows, *_totals(rows)]:
        for band in (*BANDS, "translated"):
            writer.writerow([row.name, row.source, row.target, band, row.segments[band],
                             row.words[band], row.word_unit])
    return out.getvalue()


def as_text(rows: list[Analysis]) -> str:
    """A table that reads at 80 columns: per paper its symbol, then its words per band."""
    columns = (*BANDS, "total", "translated")
    lines: list[str] = []
    for target in dict.fromkeys(row.target for row in rows):
        mine = [row for row in rows if row.target == target]
        summed = total(rows, target)
        head = f"{summed.source} → {target}, {summed.word_unit}"
        lines.append(f"{head:<22}" + "".join(f"{_LABELS[c]:>7}" for c in columns))
        for row in [*mine, summed]:
            numbers = [*(row.words[band] for band in BANDS), row.total_words,
                       row.words["translated"]]
            cells = "".join(f"{n:>7}" for n in numbers)
            if row.name == "total":
                lines.append(f"{'Total':<22}{cells}")
            else:
                lines.append(row.name)
                lines.append(f"{'':<22}{cells}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def locale_counter(templates: Path, lang: str) -> tuple[Callable[[str], int], str]:
    """How ``status`` counts the words of ``lang``: the function and its unit."""
    from att_docs.language.locale import load_locale

    locale = load_locale(templates, lang)
    return locale.count_words, locale.word_count
