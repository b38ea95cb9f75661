"""The DOCX redline: a revision with its changes as Word's own tracked changes.

The document is a redline document (:func:`~att_docs.document.revision.redline_document`),
laid out by the DOCX writer as any other; what the revision changed becomes the revision
marks Word and LibreOffice show, accept and reject:

* inserted and deleted words: runs in ``w:ins`` and ``w:del`` (``w:delText``);
* a paragraph inserted or deleted whole: its runs, and its paragraph mark
  (``w:pPr/w:rPr/w:ins|w:del``); a table row: ``w:trPr/w:ins|w:del``;
* a moved paragraph: ``w:moveFrom`` where it was and ``w:moveTo`` where it is, each inside
  its named range (``w:moveFromRangeStart``/``End``, ``w:moveToRangeStart``/``End``),
  the paragraph marks too; the words the revision deleted from it are ``w:del`` where it
  was, those it inserted ``w:ins`` where it is (accepting or rejecting every change then
  gives either version once);
* a change of paragraph style only: ``w:pPrChange`` holding the former style; of bold or
  italic only: ``w:rPrChange`` holding the former run properties.

Every mark carries the author and the date given (the revision's date: the same
redline from the same content, byte for byte).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from att_docs.base.collector import collector_paused
from att_docs.document.model import (
    Document,
    FootnoteRef,
    FrameBlock,
    Inline,
    Run,
    Table,
    Text,
    TextBlock,
)
from att_docs.document.revision import NOTICE_STYLE, ChangedRef, ChangedRun, RevisedText
from att_docs.writers.docx import styles as st
from att_docs.writers.docx.footnotes import Footnotes, separator_twips
from att_docs.writers.docx.inline import NoteMarker, Runs
from att_docs.writers.docx.ooxml import PBDR, PPR, RPR, add, child, el, sub, w
from att_docs.writers.docx.writer import _DocxWriter
from att_docs.writers.styles import Styles

__all__ = ["write_redline_docx"]

_WRAPPERS = {"inserted": "ins", "deleted": "del", "moved-from": "moveFrom",
             "moved-to": "moveTo"}
_RANGES = {"moved-from": "moveFrom", "moved-to": "moveTo"}
_T, _DEL_TEXT, _R, _RPR = w("t"), w("delText"), w("r"), w("rPr")


def write_redline_docx(document: Document, lang: str, out: Path, styles: Styles,
                       author: str, date: dt.date, draft: str | None = None) -> bytes:
    """Write the redline ``document`` in ``lang`` as a DOCX file at ``out`` (its notice, if
    any, set as :func:`~att_docs.document.revision.with_notice` placed it); ``draft`` as
    for :func:`~att_docs.writers.docx.writer.write_docx`. Returns the bytes written."""
    with collector_paused():
        return _RedlineWriter(document, lang, styles, _Tracker(author, date),
                              draft).write(Path(out))


class _Tracker:
    """The annotation ids (one sequence per document), author, date and move names."""

    def __init__(self, author: str, date: dt.date) -> None:
        self.author = author
        self.date = f"{date.isoformat()}T00:00:00Z"
        self._next = 0
        self._moves: dict[str, str] = {}

    def attrs(self) -> dict[str, str]:
        self._next += 1
        return {"id": str(self._next), "author": self.author, "date": self.date}

    def mark(self, parent: etree._Element, tag: str) -> etree._Element:
        """A new ``w:<tag>`` revision element with id, author and date, in ``parent``."""
        return el(w(tag), parent, **self.attrs())

    def move_name(self, unit: str) -> str:
        """``move1``, ``move2`` ...: the same name at both places of one move."""
        return self._moves.setdefault(unit, f"move{len(self._moves) + 1}")


def _change_of(inline: Inline, paragraph: str | None) -> str | None:
    """Which wrapper an inline goes into: its own change, else its moved paragraph's."""
    if isinstance(inline, ChangedRun | ChangedRef) and inline.change != "formatted":
        return inline.change
    return paragraph if paragraph in _RANGES else None


class _RevisedRuns:
    """:class:`Runs` that put what the revision changed into Word's revision marks."""

    def __init__(self, runs: Runs, tracker: _Tracker, style_id: Callable[[str], str]) -> None:
        self._runs = runs
        self.fonts = runs.fonts
        self._tracker = tracker
        self._style_id = style_id

    def run(self, p: etree._Element, text: str, **kwargs: Any) -> etree._Element:
        return self._runs.run(p, text, **kwargs)

    # ------------------------------------------------------------------ paragraphs

    def text(self, p: etree._Element, text: Text, marker: NoteMarker | None) -> None:
        if not isinstance(text, RevisedText):
            self._runs.text(p, text, marker)
            return
        mark = text.mark
        if text.formerly:
            self._restyled(p, text.formerly)
        start = self._range(p, mark, text.move, "Start")
        for index, block in enumerate(text.blocks):
            if index:
                self._wrapped(p, [Run("\n")], marker, getattr(block, "mark", None) or mark)
            self._wrapped(p, block.inlines, marker, mark)
        if start is not None:
            self._range(p, mark, text.move, "End", start)
        self._paragraph_mark(p, mark)

    def block(self, p: etree._Element, block: TextBlock, marker: NoteMarker | None) -> None:
        mark = getattr(block, "mark", None)
        self._wrapped(p, block.inlines, marker, mark)
        self._paragraph_mark(p, mark)

    def inlines(self, p: etree._Element, inlines: list[Inline],
                marker: NoteMarker | None) -> None:
        self._wrapped(p, inlines, marker, None)

    def _paragraph_mark(self, p: etree._Element, mark: str | None) -> None:
        if mark in _WRAPPERS:
            rpr = child(p[0], _RPR, PPR)
            rpr.insert(0, el(w(_WRAPPERS[mark]), **self._tracker.attrs()))

    def _restyled(self, p: etree._Element, role: str) -> None:
        """``w:pPrChange``: the style the paragraph had."""
        change = sub(p[0], w("pPrChange"), PPR, **self._tracker.attrs())
        el(w("pStyle"), el(w("pPr"), change), val=self._style_id(role))

    def _range(self, p: etree._Element, mark: str | None, move: str | None, end: str,
               start: etree._Element | None = None) -> etree._Element | None:
        """The start (after the paragraph properties) or end of a move's named range."""
        if mark not in _RANGES or move is None:
            return None
        kind = _RANGES[mark]
        if start is None:
            node = el(w(f"{kind}RangeStart"), **self._tracker.attrs(),
                      name=self._tracker.move_name(move))
            p.insert(1, node)
            return node
        return el(w(f"{kind}RangeEnd"), p, id=start.get(w("id")))

    # ------------------------------------------------------------------ runs

    def _wrapped(self, p: etree._Element, inlines: list[Inline], marker: NoteMarker | None,
                 paragraph: str | None) -> None:
        """Runs of ``inlines``; changed ones inside one wrapper per stretch."""
        wrapper: etree._Element | None = None
        kind: str | None = None
        for inline in inlines:
            before = len(p)
            self._runs.inlines(p, [_plain(inline)], marker)
            made = list(p)[before:]
            if isinstance(inline, ChangedRun) and inline.change == "formatted":
                for r in made:
                    self._formatted(r, inline)
            change = _change_of(inline, paragraph)
            if change is None:
                wrapper = kind = None
                continue
            if wrapper is None or kind != change:
                wrapper, kind = self._tracker.mark(p, _WRAPPERS[change]), change
            for r in made:
                wrapper.append(r)
                if change == "deleted":
                    for t in r.iter(_T):
                        t.tag = _DEL_TEXT

    def _formatted(self, r: etree._Element, inline: ChangedRun) -> None:
        """``w:rPrChange`` with the run properties as they were (bold, italic)."""
        rpr = r.find(_RPR)
        if rpr is None:
            return
        old = copy.deepcopy(rpr)
        for tag in ("b", "i"):
            for found in old.findall(w(tag)):
                old.remove(found)
        if inline.was_bold:
            add(old, el(w("b")), RPR)
        if inline.was_italic:
            add(old, el(w("i")), RPR)
        change = el(w("rPrChange"), rpr, **self._tracker.attrs())
        old.tag = _RPR
        change.append(old)


def _plain(inline: Inline) -> Inline:
    """The inline as the plain writer knows it."""
    if isinstance(inline, ChangedRun):
        return Run(inline.text, inline.bold, inline.italic)
    if isinstance(inline, ChangedRef):
        return FootnoteRef(inline.id)
    return inline


class _RedlineWriter(_DocxWriter):
    """The DOCX writer with revised runs, revision marks on table rows, and the notice."""

    def __init__(self, document: Document, lang: str, styles: Styles,
                 tracker: _Tracker, draft: str | None = None) -> None:
        super().__init__(document, lang, styles, draft)
        self.tracker = tracker
        style_id = lambda role: self.style_ids[st.DOCX_NAMES[role]]  # noqa: E731
        self.runs = _RevisedRuns(self.runs, tracker, style_id)  # type: ignore[assignment]
        self.heading_runs = _RevisedRuns(self.heading_runs, tracker,  # type: ignore[assignment]
                                         style_id)
        self.notes = Footnotes(document.footnotes, lang, self.runs,  # type: ignore[arg-type]
                               "FootnoteText", separator_twips(styles))

    def _frame(self, block: FrameBlock) -> None:
        if block.style != NOTICE_STYLE:
            super()._frame(block)
            return
        look = self.styles.redline.notice
        p = self._para(self.body, st.GENERIC_FRAME, None)
        ppr = p[0]
        sub(ppr, w("keepNext"), PPR)
        borders = sub(ppr, w("pBdr"), PPR)
        if look.border_pt:
            for side in ("top", "left", "bottom", "right"):
                add(borders, el(w(side), val="single", sz=str(round(look.border_pt * 8)),
                                space="4", color=look.color), PBDR)
        sub(ppr, w("spacing"), PPR, before="120", after="240")
        sub(ppr, w("jc"), PPR, val="center")
        text = self._text(block.text, block.id)
        for inline in text.inlines:
            if isinstance(inline, Run):
                r = self.runs.run(p, inline.text, bold=look.bold)
                rpr = r.find(_RPR)
                add(rpr, el(w("color"), val=look.color), RPR)
                if look.size:
                    add(rpr, el(w("sz"), val=str(round(look.size * 2))), RPR)

    def _table(self, block: Table) -> None:
        super()._table(block)
        tbl = self.body.findall(w("tbl"))[-1]
        rows = tbl.findall(w("tr"))
        title = _whole_mark([block.title])
        marks = [title] + [_whole_mark([row.label, *(c.text for c in row.cells)])
                           for row in block.rows]
        for tr, mark in zip(rows, marks, strict=False):
            if mark is None:
                continue
            tr_pr = tr.find(w("trPr"))
            if tr_pr is None:
                tr_pr = el(w("trPr"))
                tr.insert(0, tr_pr)
            self.tracker.mark(tr_pr, _WRAPPERS[mark])
        after = self.body[-1]
        if title is not None and after.tag == w("p"):  # the paragraph that closes the table
            if after.find(w("pPr")) is None:
                after.insert(0, el(w("pPr")))
            self.runs._paragraph_mark(after, title)  # type: ignore[attr-defined]


def _whole_mark(values: list[dict[str, Text]]) -> str | None:
    """``inserted`` or ``deleted`` when every text of a row is, else None."""
    marks = {getattr(text, "mark", None) for value in values for text in value.values()}
    if len(marks) == 1:
        (mark,) = marks
        return mark if mark in ("inserted", "deleted") else None
    return None
