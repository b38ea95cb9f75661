"""Align a translation read from Word with an existing paper, by structure.

Both sides become the same sequence of slots (part metadata, headings, paragraphs,
subparagraphs, table titles, row labels, cells, decision leads and items, footnotes in
order of first reference). Equal shapes give ``{unit id: translated text}``; any
difference is refused with the mismatched places on both sides.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.base.plural import counted
from att_docs.document.model import (
    Block,
    BlockQuote,
    DecisionList,
    Document,
    Heading,
    Paragraph,
    Part,
    Table,
    Text,
)
from att_docs.document.walk import block_texts, dispatch, footnote_refs
from att_docs.readers.docx.draft import Draft

__all__ = ["MismatchError", "align_translation"]


@dataclass(frozen=True)
class _Slot:
    kind: str
    key: str  # unit id on the paper's side, provisional id on the draft's
    text: Text | None
    place: str


class MismatchError(ContentError):
    """The translation's structure differs from the paper's."""


def _where(text: Text | None, fallback: str) -> str:
    if text is not None and text.where is not None:
        return f"{text.where.path.name}:{text.where.line}"
    return fallback


def _part_slots(part: Part, lang: str, is_main: bool, label: str) -> Iterator[_Slot]:
    prefix = "" if is_main else f"{part.id}."
    for name in ("title", "subtitle", "caption"):
        value = getattr(part, name).get(lang)
        if value:
            yield _Slot(f"{name}", f"{prefix}{name}", Text.of(value), f"{label} {name}")
    seen_labels: set[str] = set()
    for block in part.blocks:
        yield from _block_slots(block, lang, seen_labels)


_SLOT_KINDS: dict[type, Callable[[Any], dict[str, str]]] = {
    Heading: lambda block: {"heading": f"heading {block.level}"},
    Paragraph: lambda block: {"paragraph": "paragraph", "unnumbered": "unnumbered paragraph",
                              "subparagraph": "subparagraph"},
    BlockQuote: lambda block: {"paragraph": "quotation"},
    Table: lambda block: {"table-title": "table title", "row-label": "row label",
                          "cell": "table cell"},
    DecisionList: lambda block: {"decision-lead": "decision lead", "decision": "decision"},
}
"""Each block type of a part: the slot kind of each kind of text the walk yields of it
(frame blocks and page breaks are the assembly's, never a part's)."""


def _block_slots(block: Block, lang: str, seen_labels: set[str]) -> Iterator[_Slot]:
    kinds = dispatch(_SLOT_KINDS, block, "the alignment of a translation")
    for piece in block_texts(block):
        if piece.kind == "row-label":  # a row label is the table set's, aligned once
            if piece.id in seen_labels:
                continue
            seen_labels.add(piece.id)
        value = piece.text.get(lang)
        yield _Slot(kinds[piece.kind], piece.id, value, _where(value, piece.id))


def _note_order(parts: list[Part], lang: str) -> list[str]:
    order: list[str] = []
    for part in parts:
        for block in part.blocks:
            for piece in block_texts(block):
                for ref in footnote_refs(piece.text.get(lang)):
                    if ref.id not in order:
                        order.append(ref.id)
    return order


def _paper_slots(doc: Document, lang: str) -> list[_Slot]:
    slots: list[_Slot] = []
    for part in doc.parts:
        slots.extend(_part_slots(part, lang, part is doc.main, part.label or "paper"))
        if part is doc.main and doc.masthead.submitted_by.get(lang):
            slots.append(_Slot("submitted by", "submitted_by",
                               Text.of(doc.masthead.submitted_by[lang]), "submitted_by"))
    for note_id in _note_order(doc.parts, lang):
        text = doc.footnotes[note_id].text.get(lang)
        slots.append(_Slot("footnote", f"footnote.{note_id}", text, _where(text, note_id)))
    return slots


def _draft_slots(draft: Draft) -> list[_Slot]:
    lang = draft.lang
    slots: list[_Slot] = []
    for part in draft.parts:
        slots.extend(_part_slots(part, lang, part is draft.main, part.label or "masthead"))
        if part is draft.main and draft.masthead.submitted_by:
            slots.append(_Slot("submitted by", "submitted_by",
                               Text.of(draft.masthead.submitted_by), "masthead submitted by"))
    for note_id in _note_order(draft.parts, lang):
        text = draft.footnotes[note_id].text.get(lang)
        slots.append(_Slot("footnote", note_id, text, f"footnote {note_id.split('-')[-1]}"))
    return slots


def _describe(slot: _Slot, draft_side: bool) -> str:
    if draft_side and slot.text is not None and slot.text.where is not None:
        where = f"paragraph {slot.text.where.line}"
    else:
        where = slot.place
    snippet = " ".join((slot.text.plain() if slot.text else "").split())[:40]
    return f"{slot.kind} at {where} ({snippet!r})"


def align_translation(doc: Document, original: str, draft: Draft) -> dict[str, Text]:
    """``{unit id: text in draft.lang}`` when the draft has the paper's structure."""
    ours, theirs = _paper_slots(doc, original), _draft_slots(draft)
    kinds_a, kinds_b = [s.kind for s in ours], [s.kind for s in theirs]
    if kinds_a != kinds_b:
        problems = []
        matcher = difflib.SequenceMatcher(a=kinds_a, b=kinds_b, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            left = "; ".join(_describe(s, False) for s in ours[a1:a2]) or "nothing"
            right = "; ".join(_describe(s, True) for s in theirs[b1:b2]) or "nothing"
            problems.append(f"paper: {left} | translation: {right}")
        shown = "\n  ".join(problems[:12])
        more = f"\n  ... and {len(problems) - 12} more" if len(problems) > 12 else ""
        raise MismatchError(f"the translation's structure differs from the paper's "
                            f"({counted(len(problems), '{n} place', '{n} places')}); "
                            f"nothing written:\n  {shown}{more}",
                            draft.path)
    notes = {b.key: a.key.split(".", 1)[1] for a, b in zip(ours, theirs, strict=True)
             if a.kind == "footnote"}
    out: dict[str, Text] = {}
    for a, b in zip(ours, theirs, strict=True):
        if b.text is not None:
            out[a.key] = _renamed(b.text, notes)
    return out


def _renamed(text: Text, notes: dict[str, str]) -> Text:
    for ref in footnote_refs(text):
        if ref.id in notes:
            ref.id = notes[ref.id]
    return text
