"""Helpers for the Word import tests: read papers back and compare them unit by unit."""

from __future__ import annotations

from pathlib import Path

from att_docs.base.paths import PACKAGE_ROOT
from att_docs.document.model import Document, FootnoteRef, Run, Text
from att_docs.document.units import document_units
from att_docs.readers.content import read_conference, read_paper
from att_docs.readers.frame import known_types

TEMPLATES = PACKAGE_ROOT / "templates"


def read_back(folder: Path) -> Document:
    """A paper folder read strictly, as the build reads it."""
    conference = read_conference(folder.parent)
    return read_paper(folder, conference, TEMPLATES, known_types(TEMPLATES))


def _note_order(doc: Document, lang: str) -> list[str]:
    order: list[str] = []
    for unit in document_units(doc):
        text = unit.texts.get(lang)
        for block in text.blocks if text and unit.kind != "footnote" else []:
            for inline in block.inlines:
                if isinstance(inline, FootnoteRef) and inline.id not in order:
                    order.append(inline.id)
    return order


def _canonical(text: Text | None, notes: list[str]) -> tuple:
    if text is None:
        return ()
    out = []
    for block in text.blocks:
        items = []
        for inline in block.inlines:
            if isinstance(inline, Run):
                items.append((inline.text, inline.bold, inline.italic))
            else:
                items.append(("note", notes.index(inline.id) + 1))
        out.append((block.list_kind, block.number, tuple(items)))
    return tuple(out)


def units_in_order(doc: Document, lang: str) -> list[tuple[str, tuple]]:
    """(kind, text) of every unit: numbering shows in the kinds and their order,
    footnote marks as the footnote's number, footnotes in order of first reference."""
    notes = _note_order(doc, lang)
    out = [(u.kind, _canonical(u.texts.get(lang), notes))
           for u in document_units(doc) if u.kind != "footnote"]
    out += [("footnote", _canonical(doc.footnotes[n].text.get(lang), notes)) for n in notes]
    return out


def unit_ids(doc: Document) -> list[str]:
    return [u.id for u in document_units(doc)]
