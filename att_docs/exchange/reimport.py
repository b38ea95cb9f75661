"""Re-importing a revised draft: which units keep their ids, and what changed.

Prose blocks are matched as a sequence (difflib); table sets, tables and decision lists
and groups by position; rows by their label; decision items and footnotes by their text.
"""

from __future__ import annotations

import datetime as dt
import difflib

from att_docs.document.model import (
    Conference,
    DecisionList,
    Document,
    Footnote,
    Masthead,
    Part,
    Table,
    Text,
)
from att_docs.document.units import document_units
from att_docs.readers.docx.draft import Draft
from att_docs.readers.docx.ids import prose_blocks

__all__ = ["compare_units", "draft_document", "keep_map"]


def keep_map(draft: Draft, previous: Document, lang: str) -> dict[str, str]:
    """Provisional id → previous id, for units that stand where they stood.

    Prose blocks are matched as a sequence (difflib): equal runs keep their ids, and a
    replaced run of as many blocks of the same kinds keeps them too (those units count as
    changed). Footnotes keep their ids when their text is unchanged.
    """
    def key(block: object) -> tuple[str, str]:
        text = block.text.get(lang)  # type: ignore[attr-defined]
        return type(block).__name__, text.plain() if text else ""

    old, new = list(prose_blocks(previous.parts)), list(prose_blocks(draft.parts))
    old_keys, new_keys = [key(b) for b in old], [key(b) for b in new]
    keep: dict[str, str] = {}
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        same_shape = [k[0] for k in old_keys[a1:a2]] == [k[0] for k in new_keys[b1:b2]]
        if op == "equal" or (op == "replace" and same_shape):
            for before, after in zip(old[a1:a2], new[b1:b2], strict=True):
                keep[after.id] = before.id
    for new_part, old_part in zip(draft.parts, previous.parts, strict=False):
        _keep_tables(new_part, old_part, lang, keep)
        _keep_decisions(new_part, old_part, lang, keep)
    old_notes = {_plain(n.text.get(lang)): n.id for n in previous.footnotes.values()}
    for note in draft.footnotes.values():
        found = old_notes.pop(_plain(note.text.get(lang)), None)
        if found is not None:
            keep[note.id] = found
    return keep


def _table_sets(part: Part) -> dict[str, list[Table]]:
    sets: dict[str, list[Table]] = {}
    for block in part.blocks:
        if isinstance(block, Table):
            sets.setdefault(block.id.split(".")[0], []).append(block)
    return sets


def _keep_tables(new: Part, old: Part, lang: str, keep: dict[str, str]) -> None:
    """Table sets and tables keep their names by position, rows by their label."""
    for (new_set, new_tables), (old_set, old_tables) in zip(
            _table_sets(new).items(), _table_sets(old).items(), strict=False):
        keep[new_set] = old_set
        old_rows = {_plain(row.label.get(lang)): row.id.rsplit(".", 1)[-1]
                    for table in old_tables for row in table.rows}
        for new_table, old_table in zip(new_tables, old_tables, strict=False):
            keep[f"{new_set}.{new_table.id.split('.')[1]}"] = old_table.id.split(".")[1]
        for table in new_tables:
            for index, row in enumerate(table.rows, start=1):
                old_key = old_rows.get(_plain(row.label.get(lang)))
                slot = f"{new_set}.row.r{index}"
                if old_key is not None and slot not in keep:
                    keep[slot] = old_key


def _keep_decisions(new: Part, old: Part, lang: str, keep: dict[str, str]) -> None:
    """Decision lists and groups keep their names by position, items by their text."""
    new_lists = [b for b in new.blocks if isinstance(b, DecisionList)]
    old_lists = [b for b in old.blocks if isinstance(b, DecisionList)]
    for new_list, old_list in zip(new_lists, old_lists, strict=False):
        keep[new_list.id] = old_list.id
        for new_group, old_group in zip(new_list.groups, old_list.groups, strict=False):
            keep[f"{new_list.id}.{new_group.id}"] = old_group.id.rsplit(".", 1)[-1]
            old_items = {_plain(i.text.get(lang)): i.id.rsplit(".", 1)[-1]
                         for i in old_group.items}
            for item in new_group.items:
                found = old_items.pop(_plain(item.text.get(lang)), None)
                if found is not None:
                    keep[f"{new_group.id}.{item.id}"] = found


def compare_units(previous: Document, parts: list[Part], footnotes: dict[str, Footnote],
                  lang: str, submitted_by: dict[str, str]
                  ) -> tuple[list[str], list[str], list[str], set[str]]:
    """The unit ids that are new, changed and gone, and all unit ids of the new paper."""
    old = {u.id: u.texts.get(lang) for u in document_units(previous)}
    doc = draft_document(parts, footnotes, lang, previous.type, previous.masthead.symbol,
                         submitted_by)
    new = {u.id: u.texts.get(lang) for u in document_units(doc)}
    added = [unit_id for unit_id in new if unit_id not in old]
    changed = [unit_id for unit_id, text in new.items()
               if unit_id in old and _plain(old[unit_id]) != _plain(text)]
    gone = [unit_id for unit_id in old if unit_id not in new]
    return added, changed, gone, set(new)


def draft_document(parts: list[Part], footnotes: dict[str, Footnote], lang: str,
                   paper_type: str, symbol: object,
                   submitted_by: dict[str, str]) -> Document:
    """A paper of the draft's parts alone, in its one language: enough to list its units."""
    today = dt.date.today()
    return Document("new", paper_type, Masthead(symbol, today, submitted_by, lang),  # type: ignore[arg-type]
                    Conference("c", 1, {}, today, today, [lang]), parts, footnotes, [lang])


def _plain(text: Text | None) -> str:
    return text.plain() if text else ""
