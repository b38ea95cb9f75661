"""Runs for the DOCX writer: text with fonts and language, and footnote marks."""

from __future__ import annotations

import re
from typing import Protocol

from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.document.model import FootnoteRef, Inline, Localized, Run, Text, TextBlock
from att_docs.writers.docx.ooxml import RPR, XML_SPACE, Prototypes, add, el, w
from att_docs.writers.docx.styles import RunFonts

__all__ = ["REFERENCE_STYLE_ID", "NoteMarker", "Runs", "text_in"]

REFERENCE_STYLE_ID = "FootnoteReference"

_R, _RPR, _T, _TAB, _BR = w("r"), w("rPr"), w("t"), w("tab"), w("br")
_NOTE_REF = w("footnoteReference")
_SPECIAL = re.compile(r"([\t\r\n])")


class NoteMarker(Protocol):
    """Turns a footnote id into a Word footnote id (first reference) or a plain number."""

    def mark(self, note_id: str) -> tuple[int | None, int]: ...


def text_in(value: Localized, lang: str, what: str) -> Text:
    """The ``lang`` text of ``value``; a :class:`ContentError` if it is missing."""
    text = value.get(lang)
    if text is not None:
        return text
    where = next((t.where for t in value.values() if t.where is not None), None)
    raise ContentError(f"{what} has no {lang!r} text", where.path if where else None,
                       where.line if where else None)


def _add_t(r: etree._Element, text: str) -> None:
    t = etree.SubElement(r, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(XML_SPACE, "preserve")


def _content(r: etree._Element, text: str) -> None:
    """Text as ``w:t``, with tabs as ``w:tab`` and line breaks as ``w:br``."""
    if not _SPECIAL.search(text):
        _add_t(r, text)
        return
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            etree.SubElement(r, _TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(r, _BR)
        elif piece:
            _add_t(r, piece)


class Runs:
    """Makes the runs of one font set; each kind of ``w:rPr`` is built once and copied."""

    def __init__(self, fonts: RunFonts) -> None:
        self.fonts = fonts
        self._runs = Prototypes()

    def _prototype(self, char_style: str | None, bold: bool, italic: bool) -> etree._Element:
        """An empty ``w:r`` with the ``w:rPr`` of this kind of run."""
        key = (char_style, bold, italic)
        r = self._runs.get(key)
        if r is None:
            r = el(_R)
            rpr = el(_RPR, r)
            add(rpr, el(w("rFonts"), **self.fonts.rfonts_attrs()), RPR)
            add(rpr, el(w("lang"), val=self.fonts.language.latin_tag,
                        eastAsia=self.fonts.language.east_asian_tag), RPR)
            if char_style:
                add(rpr, el(w("rStyle"), val=char_style), RPR)
            if bold:
                add(rpr, el(w("b")), RPR)
            if italic:
                add(rpr, el(w("i")), RPR)
            r = self._runs.keep(key, r)
        return r

    def run(self, p: etree._Element, text: str, *, bold: bool = False, italic: bool = False,
            char_style: str | None = None) -> etree._Element:
        """Append a run of ``text`` to ``p`` (tabs and newlines become w:tab and w:br)."""
        r = Prototypes.copy(self._prototype(char_style, bold, italic))
        p.append(r)
        if text:
            _content(r, text)
        return r

    def inlines(self, p: etree._Element, inlines: list[Inline],
                marker: NoteMarker | None) -> None:
        """Append runs and footnote marks; marks are dropped where ``marker`` is None."""
        for inline in inlines:
            if isinstance(inline, Run):
                self.run(p, inline.text, bold=inline.bold, italic=inline.italic)
            elif isinstance(inline, FootnoteRef) and marker is not None:
                self._note(p, inline, marker)

    def block(self, p: etree._Element, block: TextBlock, marker: NoteMarker | None) -> None:
        """Append the runs of one paragraph of a cell or footnote."""
        self.inlines(p, block.inlines, marker)

    def text(self, p: etree._Element, text: Text, marker: NoteMarker | None) -> None:
        """Append all blocks of ``text`` to one paragraph, separated by line breaks."""
        for index, block in enumerate(text.blocks):
            if index:
                self.run(p, "\n")
            self.inlines(p, block.inlines, marker)

    def _note(self, p: etree._Element, ref: FootnoteRef, marker: NoteMarker) -> None:
        word_id, number = marker.mark(ref.id)
        if word_id is None:  # a repeated reference: Word allows one mark per footnote
            self.run(p, str(number), char_style=REFERENCE_STYLE_ID)
            return
        r = self.run(p, "", char_style=REFERENCE_STYLE_ID)
        el(_NOTE_REF, r, id=str(word_id))
