"""A paper folder of the content format, from model parts and footnotes.

Writes ``paper.yaml``, one prose file per language, ``tables.yaml`` and
``decisions.yaml`` where a part has tables or decisions, and one folder per annex with its
``annex.yaml``. Languages without a text of their own get the original's text as a
placeholder, so that the paper reads and builds at once; a translation replaces it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from att_docs.document.model import (
    Block,
    DecisionList,
    Footnote,
    Part,
    Table,
    Text,
)
from att_docs.document.walk import block_texts, footnote_refs
from att_docs.writers.content.markdown import render_rich_text
from att_docs.writers.content.prose import render_prose
from att_docs.writers.content.yamlout import dump, scalar

__all__ = ["PaperFiles", "PaperInfo", "paper_files"]


@dataclass
class PaperInfo:
    """The ``paper.yaml`` fields (per-language values keyed by language code)."""

    type: str
    symbol: str
    date: dt.date
    original_language: str
    languages: list[str]
    submitted_by: dict[str, str]
    comment: str = ""
    annex_types: dict[str, str] = field(default_factory=dict)


PaperFiles = dict[str, str]
"""Relative path in the paper folder → file text."""


def paper_files(info: PaperInfo, parts: list[Part], footnotes: dict[str, Footnote]) -> PaperFiles:
    """Every file of the paper folder, as text."""
    writer = _Writer(info, footnotes)
    files: PaperFiles = {}
    main, annexes = parts[0], parts[1:]
    paper: dict[str, Any] = {
        "type": info.type,
        "symbol": info.symbol,
        "date": info.date,
        "submitted_by": writer.per_language(info.submitted_by),
        "original_language": info.original_language,
        "title": writer.per_language(main.title),
    }
    if main.subtitle:
        paper["subtitle"] = writer.per_language(main.subtitle)
    if annexes:
        paper["annexes"] = [annex.id for annex in annexes]
    files["paper.yaml"] = dump(paper, info.comment)
    notes_by_part = _footnotes_by_part(parts, footnotes, info.original_language)
    for part in parts:
        prefix = "" if part is main else f"{part.id}/"
        if part is not main:
            annex: dict[str, Any] = {"label": part.label or "",
                                     "type": info.annex_types.get(part.id, part.type)}
            if part.caption:
                annex["caption"] = writer.per_language(part.caption)
            if part.subtitle:
                annex["subtitle"] = writer.per_language(part.subtitle)
            annex["title"] = writer.per_language(part.title)
            files[f"{prefix}annex.yaml"] = dump(annex)
        for lang in info.languages:
            files[f"{prefix}{lang}.md"] = render_prose(
                part.blocks, notes_by_part[part.id], writer.text_picker(lang))
        tables = writer.tables(part.blocks)
        if tables:
            files[f"{prefix}tables.yaml"] = dump(tables)
        decisions = writer.decisions(part.blocks)
        if decisions:
            files[f"{prefix}decisions.yaml"] = dump(decisions)
    return files


def _refs(text: Text) -> Iterator[str]:
    return (ref.id for ref in footnote_refs(text))


def _footnotes_by_part(parts: list[Part], footnotes: dict[str, Footnote],
                       lang: str) -> dict[str, list[Footnote]]:
    """Each footnote goes with the part that first refers to it."""
    placed: set[str] = set()
    out: dict[str, list[Footnote]] = {}
    for part in parts:
        out[part.id] = []
        for block in part.blocks:
            for localized in (piece.text for piece in block_texts(block)):
                text = localized.get(lang)
                for ref in _refs(text) if text else ():
                    if ref not in placed and ref in footnotes:
                        placed.add(ref)
                        out[part.id].append(footnotes[ref])
    unplaced = [note for note_id, note in footnotes.items() if note_id not in placed]
    out[parts[0].id].extend(unplaced)
    return out


class _Writer:
    def __init__(self, info: PaperInfo, footnotes: dict[str, Footnote]):
        self.info = info
        self.footnotes = footnotes

    def per_language(self, values: dict[str, str]) -> dict[str, str]:
        original = values.get(self.info.original_language, "")
        return {lang: values.get(lang) or original for lang in self.info.languages}

    def text_picker(self, lang: str) -> Callable[[dict[str, Text], str], Text]:
        original = self.info.original_language

        def pick(localized: dict[str, Text], _unit: str) -> Text:
            return localized.get(lang) or localized[original]

        return pick

    def localized(self, localized: dict[str, Text]) -> dict[str, str]:
        pick = {lang: self.text_picker(lang) for lang in self.info.languages}
        return {lang: scalar(render_rich_text(pick[lang](localized, "")))
                for lang in self.info.languages}

    def tables(self, blocks: list[Block]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for block in blocks:
            if not isinstance(block, Table):
                continue
            set_name, table_id = block.id.split(".", 1)
            entry = out.setdefault(set_name, {"row_labels": {}, "tables": []})
            rows: dict[str, Any] = {}
            for row in block.rows:
                key = row.id.rsplit(".", 1)[-1]
                entry["row_labels"].setdefault(key, self.localized(row.label))
                rows[key] = self.localized(row.cells[0].text)
            entry["tables"].append({"id": table_id, "title": self.localized(block.title),
                                    "rows": rows})
        return out

    def decisions(self, blocks: list[Block]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for block in blocks:
            if not isinstance(block, DecisionList):
                continue
            groups = []
            for group in block.groups:
                items = [{"id": item.id.rsplit(".", 1)[-1], **self.localized(item.text)}
                         for item in group.items]
                groups.append({"id": group.id.rsplit(".", 1)[-1],
                               "lead": self.localized(group.lead), "items": items})
            out[block.id] = groups
        return out
