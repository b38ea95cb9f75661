"""Runs for the DOCX writer: text with fonts and language, and footnote marks."""

from __future__ import annotations

from typing import Protocol

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R

from att_docs.document.model import FootnoteRef, Inline, Localized, Run, Text
from att_docs.errors import ContentError
from att_docs.writers.docx.styles import RunFonts, set_run_fonts

__all__ = ["NoteMarker", "add_inlines", "add_run", "add_text", "text_in"]

REFERENCE_STYLE_ID = "FootnoteReference"


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


def add_run(p: CT_P, text: str, fonts: RunFonts, *, bold: bool = False,
            italic: bool = False, char_style: str | None = None) -> CT_R:
    """Append a run of ``text`` (tabs and newlines become w:tab and w:br)."""
    r = p.add_r()
    rpr = r.get_or_add_rPr()
    if char_style:
        rpr.get_or_add_rStyle().val = char_style
    if bold:
        rpr.get_or_add_b()
    if italic:
        rpr.get_or_add_i()
    set_run_fonts(rpr, fonts)
    if text:
        r.text = text
    return r


def _add_note(p: CT_P, ref: FootnoteRef, fonts: RunFonts, marker: NoteMarker) -> None:
    word_id, number = marker.mark(ref.id)
    if word_id is None:  # a repeated reference: Word allows one mark per footnote
        add_run(p, str(number), fonts, char_style=REFERENCE_STYLE_ID)
        return
    r = add_run(p, "", fonts, char_style=REFERENCE_STYLE_ID)
    note = OxmlElement("w:footnoteReference")
    note.set(qn("w:id"), str(word_id))
    r.append(note)


def add_inlines(p: CT_P, inlines: list[Inline], fonts: RunFonts,
                marker: NoteMarker | None) -> None:
    """Append runs and footnote marks; marks are dropped where ``marker`` is None."""
    for inline in inlines:
        if isinstance(inline, Run):
            add_run(p, inline.text, fonts, bold=inline.bold, italic=inline.italic)
        elif isinstance(inline, FootnoteRef) and marker is not None:
            _add_note(p, inline, fonts, marker)


def add_text(p: CT_P, text: Text, fonts: RunFonts, marker: NoteMarker | None) -> None:
    """Append all blocks of ``text`` to one paragraph, separated by line breaks."""
    for index, block in enumerate(text.blocks):
        if index:
            add_run(p, "\n", fonts)
        add_inlines(p, block.inlines, fonts, marker)
