"""Aligned segments: the unit every check works on.

A :class:`Segment` is one paragraph, subparagraph, heading, table cell, decision item,
footnote, frame line or XLIFF unit, with its plain text in each language and where each
text was written. A :class:`Corpus` is the segments of one document (a paper, an XLIFF
file or a monolingual text file), with its source language when it is bilingual.

Builders here turn a :class:`~att_docs.document.model.Document` into a corpus; :mod:`.plaintext`
and :mod:`.xliff` build corpora from files.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from att_docs.document.model import Document, FootnoteRef, Localized, SourceLocation, Text

if TYPE_CHECKING:
    from att_docs.records.provenance import UnitState
from att_docs.document.walk import walk

__all__ = ["Corpus", "Segment", "corpus_from_document", "document_segments",
           "paper_untranslated", "translations", "untranslated_texts"]


@dataclass
class Segment:
    """One aligned unit of text: ``texts[lang]`` is its plain text in that language.

    ``line_starts[lang]`` lists the offsets at which a new source line starts within the
    text (for texts joined from several lines), so that a finding at an offset can name
    its exact line. ``notes[lang]`` are the footnote marks in order (ids, or the numbers
    of superscript marks in plain text) and ``note_offsets[lang]`` their offsets.
    ``blocks[lang]`` counts paragraphs and list items inside the segment (table cells).
    ``ignore`` holds the check ids silenced by an inline marker.
    """

    id: str
    kind: str
    texts: dict[str, str]
    where: dict[str, SourceLocation | None] = field(default_factory=dict)
    line_starts: dict[str, list[int]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    note_offsets: dict[str, list[int]] = field(default_factory=dict)
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    marker: str | None = None  # list marker of a plain-text item: "a", "1", "-"

    def text(self, lang: str) -> str:
        return self.texts.get(lang, "")

    def location(self, lang: str, offset: int = 0) -> tuple[Path | None, int | None]:
        """The file and line of ``offset`` in the text of ``lang``."""
        where = self.where.get(lang)
        if where is None:
            where = next((w for w in self.where.values() if w is not None), None)
            if where is None:
                return None, None
            return where.path, where.line
        starts = self.line_starts.get(lang)
        extra = bisect.bisect_right(starts, offset) if starts else 0
        return where.path, where.line + extra


@dataclass
class Corpus:
    """The segments of one document, in reading order.

    ``source`` is the source language of a bilingual corpus (the original language of a
    paper, the source of an XLIFF file) and ``None`` for a monolingual one.
    """

    name: str
    languages: list[str]
    segments: list[Segment]
    source: str | None = None
    path: Path | None = None
    problems: list[tuple[str, Path | None, int | None]] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False)  # a paper's corpus only
    house_style: dict[str, str] = field(default_factory=dict)  # language -> profile chosen

    @property
    def bilingual(self) -> bool:
        return self.source is not None and len(self.languages) > 1

    @property
    def targets(self) -> list[str]:
        """Every language that is not the source: each is checked against the source."""
        return [lang for lang in self.languages if lang != self.source]


class Pair(NamedTuple):
    """One aligned segment of a bilingual corpus, with both texts (a light tuple: several
    checks walk every pair of a run)."""

    corpus: Corpus
    segment: Segment
    source: str  # language codes
    target: str
    source_text: str
    target_text: str


def bilingual_pairs(corpora: list[Corpus], check: str | None = None) -> Iterator[Pair]:
    """Every segment of the bilingual corpora that has text in the source and a target,
    for each target language in turn.

    With ``check``, segments that silence that check are left out.
    """
    for corpus in corpora:
        source = corpus.source
        if not corpus.bilingual or source is None:
            continue
        for target in corpus.targets:
            for seg in corpus.segments:
                src, tgt = seg.text(source), seg.text(target)
                if not src or not tgt or (check is not None and check in seg.ignore):
                    continue
                yield Pair(corpus, seg, source, target, src, tgt)


def untranslated_texts(corpora: list[Corpus]) -> Iterator[tuple[tuple[int, str], str]]:
    """``((id(segment), target), reason)`` for every untranslated target text of the
    bilingual corpora: missing, empty, or a copy of the source that needs translating.

    A paper's texts are untranslated as ``status`` counts its units (a copy never
    recorded as translated, a placeholder of ``att-docs new``); a frame line that holds
    an untranslated unit's text (the title, "Submitted by") is ``covered``: the unit
    reports it.
    """
    from att_docs.records.provenance import needs_translation

    for corpus, source, target in translations(corpora):
        units = paper_untranslated(corpus, target)
        copies = [u.target for u in units.values() if u.target.strip()]
        for seg in corpus.segments:
            raw_src, raw_tgt = seg.text(source), seg.text(target)
            if raw_tgt and raw_src and raw_tgt.lstrip()[:12] != raw_src.lstrip()[:12] \
                    and seg.id not in units and f"{seg.id}:1" not in units \
                    and seg.kind != "frame":
                continue  # a translation that starts otherwise: the usual case
            src = " ".join(raw_src.split())
            if not src:
                continue
            tgt = " ".join(raw_tgt.split())
            unit = units.get(seg.id) or units.get(f"{seg.id}:1")
            reason = ("missing" if target not in seg.texts else "empty" if not tgt
                      else unit.reason if unit is not None
                      else "identical" if tgt == src and needs_translation(src)
                      else "covered" if seg.kind == "frame" and any(
                          c in seg.text(target) for c in copies)
                      else None)
            if reason is not None:
                yield (id(seg), target), reason


def translations(corpora: list[Corpus]) -> Iterator[tuple[Corpus, str, str]]:
    """(corpus, source, target) for each translation of each bilingual corpus."""
    for corpus in corpora:
        source = corpus.source
        if corpus.bilingual and source is not None:
            for target in corpus.targets:
                yield corpus, source, target


def paper_untranslated(corpus: Corpus, target: str) -> dict[str, UnitState]:
    """The untranslated units of a paper's corpus in ``target``, by id ({} for others).

    A text that differs from its original but was never recorded as translated (typed by
    hand, ``unrecorded``) counts as untranslated in ``status`` until ``att-docs
    translated`` records it; it is a translation all the same, and the checks read it."""
    from att_docs.records.provenance import unit_states

    doc = corpus.document
    if doc is None or doc.source is None or target not in doc.languages:
        return {}
    return {u.id: u for u in unit_states(doc, target).values()
            if u.state == "untranslated" and u.reason != "unrecorded"}


def _text_parts(text: Text) -> tuple[str, list[str], list[int], list[int], tuple[int, int]]:
    """Plain text, footnote ids and offsets, paragraph starts, (paragraphs, list items)."""
    chunks: list[str] = []
    notes: list[str] = []
    offsets: list[int] = []
    starts: list[int] = []
    length = 0
    paragraphs = items = 0
    for index, block in enumerate(text.blocks):
        if index:
            chunks.append("\n")
            length += 1
            starts.append(length)
        if block.list_kind:
            items += 1
        else:
            paragraphs += 1
        for inline in block.inlines:
            if isinstance(inline, FootnoteRef):
                notes.append(inline.id)
                offsets.append(length)
            else:
                chunks.append(inline.text)
                length += len(inline.text)
    return "".join(chunks), notes, offsets, starts, (paragraphs, items)


def _segment(seg_id: str, kind: str, texts: Localized, fallback: Path | None) -> Segment:
    seg = Segment(seg_id, kind, {})
    for lang, text in texts.items():
        plain, notes, offsets, _starts, counts = _text_parts(text)
        seg.texts[lang] = plain
        seg.where[lang] = text.where or (SourceLocation(fallback, 0) if fallback else None)
        seg.notes[lang] = notes
        seg.note_offsets[lang] = offsets
        seg.blocks[lang] = counts
    return seg


def document_segments(doc: Document) -> Iterator[Segment]:
    """Every text of an assembled document with its id, in reading order, then table row
    labels once per table set (every table of a set shares them), then footnotes."""
    paper_file = doc.source / "paper.yaml" if doc.source else None
    labels: dict[str, Segment] = {}
    for piece in walk(doc.body):
        if piece.kind == "row-label":
            if piece.id not in labels:
                labels[piece.id] = _segment(piece.id, piece.kind, piece.text, paper_file)
            continue
        yield _segment(piece.id, piece.kind, piece.text, paper_file)
    for note in doc.footnotes.values():
        yield _segment(f"footnote.{note.id}", "footnote", note.text, paper_file)
    yield from labels.values()


def corpus_from_document(doc: Document) -> Corpus:
    """The aligned segments of an assembled paper; the source is its original language."""
    segments = list(document_segments(doc))
    problems = [(str(p.message if hasattr(p, "message") else p), getattr(p, "path", None),
                 getattr(p, "line", None)) for p in doc.problems]
    return Corpus(doc.id, list(doc.languages), segments, doc.masthead.original_language,
                  doc.source, problems, doc, dict(doc.conference.house_style))
