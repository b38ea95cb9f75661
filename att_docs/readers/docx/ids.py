"""Stable, readable ids for a draft's units: a slug of the first words, made unique.

With ``previous`` (the paper as it stands before a re-import), a unit whose text is
unchanged, or that stands in the same place as a unit whose text changed, keeps the
previous id; :mod:`att_docs.exchange.reimport` finds them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from att_docs.document.model import (
    BlockQuote,
    DecisionList,
    Footnote,
    Heading,
    Paragraph,
    Part,
    Subparagraph,
    Table,
    Text,
)

__all__ = ["Namer", "assign_ids", "slug"]

_WORDS = 4
_MAX = 40


def slug(text: str, fallback: str) -> str:
    """``"The WGTU was established by"`` → ``the-wgtu-was-established``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:_WORDS]
    out = "-".join(words)[:_MAX].strip("-")
    return out or fallback


class Namer:
    """Hands out unique ids in one namespace; ``keep`` maps provisional ids to old ones."""

    def __init__(self, keep: dict[str, str] | None = None, taken: Iterable[str] = ()):
        self.keep = keep or {}
        self.used: set[str] = set(taken) | set(self.keep.values())

    def name(self, provisional: str, text: str, fallback: str) -> str:
        if provisional in self.keep:
            return self.keep[provisional]
        base = slug(text, fallback)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _plain(text: dict[str, Text], lang: str) -> str:
    value = text.get(lang)
    return value.plain() if value else ""


Prose = Heading | Paragraph | Subparagraph | BlockQuote

_PROSE: dict[type, Callable[[Any], tuple[Prose, ...]]] = {
    Heading: lambda block: (block,),
    BlockQuote: lambda block: (block,),
    Paragraph: lambda block: (block, *block.subparagraphs),
    Table: lambda block: (),
    DecisionList: lambda block: (),
}
"""The prose blocks of each block type of a part."""


def prose_blocks(parts: list[Part]) -> Iterator[Prose]:
    """Headings, paragraphs, subparagraphs and quotes of all parts, in order."""
    from att_docs.document.walk import dispatch

    for part in parts:
        for block in part.blocks:
            yield from dispatch(_PROSE, block, "the naming of a draft's units")


def assign_ids(parts: list[Part], footnotes: dict[str, Footnote], lang: str,
               keep: dict[str, str] | None = None) -> dict[str, Footnote]:
    """Give every block its final id (in place); returns the footnotes under final ids.

    ``keep`` maps provisional ids (prose blocks, ``note-N``, ``tables-N``, table, row,
    decision list, group and item ids) to ids to keep.
    """
    keep = keep or {}
    prose = Namer(keep)
    for block in prose_blocks(parts):
        kind = type(block).__name__.lower()
        block.id = prose.name(block.id, _plain(block.text, lang), kind)
    notes = Namer(keep)
    renamed = {old: notes.name(old, _plain(note.text, lang), "note")
               for old, note in footnotes.items()}
    _rename_refs(parts, footnotes, renamed)
    sets, lists = Namer(keep), Namer(keep)
    for part in parts:
        _name_tables(part, sets, keep, lang)
        for block in part.blocks:
            if isinstance(block, DecisionList):
                _name_decisions(block, lists, keep, lang)
    out: dict[str, Footnote] = {}
    for old, note in footnotes.items():
        note.id = renamed[old]
        out[note.id] = note
    return out


def _name_tables(part: Part, sets: Namer, keep: dict[str, str], lang: str) -> None:
    current = ""
    tables: Namer = Namer()
    rows: dict[str, str] = {}
    row_namer: Namer = Namer()
    for block in part.blocks:
        if not isinstance(block, Table):
            continue
        set_provisional, table_provisional = block.id.split(".")
        if set_provisional != current:
            current = set_provisional
            set_name = sets.name(set_provisional, "", "tables")
            tables = Namer(_scoped(keep, f"{set_provisional}."))
            rows, row_namer = {}, Namer(_scoped(keep, f"{set_provisional}.row."))
        table_id = tables.name(table_provisional, _plain(block.title, lang), "table")
        block.id = f"{set_name}.{table_id}"
        for index, row in enumerate(block.rows):
            label = _plain(row.label, lang)
            key = rows.get(label) or row_namer.name(f"r{index + 1}", label, "row")
            rows[label] = key
            row.id = f"{block.id}.{key}"
            for cell in row.cells:
                cell.id = f"{row.id}.text"


def _name_decisions(block: DecisionList, lists: Namer, keep: dict[str, str],
                    lang: str) -> None:
    old = block.id
    block.id = lists.name(old, "", "decisions")
    groups = Namer(_scoped(keep, f"{old}."))
    for group in block.groups:
        group_old = group.id
        group.id = f"{block.id}.{groups.name(group_old, _plain(group.lead, lang), 'group')}"
        items = Namer(_scoped(keep, f"{group_old}."))
        for item in group.items:
            item.id = f"{group.id}.{items.name(item.id, _plain(item.text, lang), 'item')}"


def _scoped(keep: dict[str, str], prefix: str) -> dict[str, str]:
    """Kept ids of one scope (``prefix`` + provisional id) under their provisional ids."""
    return {k[len(prefix):]: v for k, v in keep.items() if k.startswith(prefix)}


def _rename_refs(parts: list[Part], footnotes: dict[str, Footnote],
                 renamed: dict[str, str]) -> None:
    from att_docs.document.walk import block_texts, footnote_refs

    texts: list[Text] = []
    for part in parts:
        for block in part.blocks:
            for localized in (piece.text for piece in block_texts(block)):
                texts.extend(localized.values())
    for note in footnotes.values():
        texts.extend(note.text.values())
    for text in texts:
        for ref in footnote_refs(text):
            if ref.id in renamed:
                ref.id = renamed[ref.id]
