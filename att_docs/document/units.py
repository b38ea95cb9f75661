"""Translatable units: every text of a paper that a translator translates, with its id.

A :class:`Unit` is one title, subtitle, submitted-by line, heading, paragraph,
subparagraph, table title, row label, cell, decision lead or item, or footnote, with its
text in each language. Frame lines that the templates generate (symbols, dates, the
conference line) are not units: nobody translates them.

Units come in document order: the main part's metadata, its blocks, each annex's metadata
and blocks, row labels once per table set, then footnotes. Their ids are stable across
languages and edits of other units, so XLIFF, readiness records, Word import and the
checks can all address a unit without depending on its position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from att_docs.document.model import (
    BlockQuote,
    DecisionList,
    Document,
    FrameBlock,
    Heading,
    ListItem,
    Localized,
    PageBreak,
    Paragraph,
    Part,
    Table,
    Text,
)

__all__ = ["METADATA_FIELDS", "Unit", "document_units", "part_units", "texts_by_id"]

METADATA_FIELDS = ("title", "subtitle", "caption")
"""Per-part metadata that is translated; the main part also has ``submitted_by``."""


@dataclass(frozen=True)
class Unit:
    """One translatable text: ``texts[lang]`` in each language that has it.

    ``file`` is the file the unit's texts are kept in when no text knows its own place
    (metadata in ``paper.yaml`` or ``annex.yaml``).
    """

    id: str
    kind: str
    texts: Localized
    file: Path | None = None

    def text(self, lang: str) -> Text | None:
        return self.texts.get(lang)


def _metadata(values: dict[str, str], unit_id: str, kind: str, file: Path | None) -> Unit:
    return Unit(unit_id, kind, {lang: Text.of(value) for lang, value in values.items()}, file)


def _part_metadata(part: Part, doc: Document) -> Iterator[Unit]:
    is_main = part is doc.main
    file = None
    if part.source is not None:
        file = part.source / ("paper.yaml" if is_main else "annex.yaml")
    prefix = "" if is_main else f"{part.id}."
    for name in METADATA_FIELDS:
        values = getattr(part, name)
        if values:
            yield _metadata(values, f"{prefix}{name}", name, file)
    if is_main and doc.masthead.submitted_by:
        yield _metadata(doc.masthead.submitted_by, "submitted_by", "submitted-by", file)


def part_units(part: Part) -> Iterator[Unit]:
    """The units of a part's content blocks, in reading order (no metadata, no footnotes)."""
    for block in part.blocks:
        yield from _block_units(block)


def _block_units(block: object) -> Iterator[Unit]:
    if isinstance(block, Heading):
        yield Unit(block.id, "heading", block.text)
    elif isinstance(block, Paragraph):
        yield Unit(block.id, "paragraph" if block.numbered else "unnumbered", block.text)
        for sub in block.subparagraphs:
            yield Unit(sub.id, "subparagraph", sub.text)
    elif isinstance(block, BlockQuote | ListItem):
        yield Unit(block.id, "paragraph", block.text)
    elif isinstance(block, Table):
        yield Unit(f"{block.id}.title", "table-title", block.title)
        for row in block.rows:
            for cell in row.cells:
                yield Unit(cell.id, "cell", cell.text)
    elif isinstance(block, DecisionList):
        for group in block.groups:
            yield Unit(f"{group.id}.lead", "decision-lead", group.lead)
            for item in group.items:
                yield Unit(item.id, "decision", item.text)
    elif not isinstance(block, FrameBlock | PageBreak):
        raise TypeError(f"no translatable units defined for {type(block).__name__}")


def _row_labels(doc: Document) -> Iterator[Unit]:
    """Row labels once per table set: every table of a set shares them."""
    seen: set[str] = set()
    for part in doc.parts:
        for block in part.blocks:
            if not isinstance(block, Table):
                continue
            set_name = block.id.split(".")[0]
            for row in block.rows:
                unit_id = f"{set_name}.row_labels.{row.id.rsplit('.', 1)[-1]}"
                if unit_id not in seen:
                    seen.add(unit_id)
                    yield Unit(unit_id, "row-label", row.label)


def document_units(doc: Document) -> Iterator[Unit]:
    """Every translatable unit of a read paper (assembled or not), in document order."""
    for part in doc.parts:
        yield from _part_metadata(part, doc)
        yield from part_units(part)
    yield from _row_labels(doc)
    for note in doc.footnotes.values():
        yield Unit(f"footnote.{note.id}", "footnote", note.text)


def texts_by_id(doc: Document, lang: str) -> dict[str, Text]:
    """``{unit id: text}`` of one language: what a translation of the paper consists of."""
    out: dict[str, Text] = {}
    for unit in document_units(doc):
        text = unit.text(lang)
        if text is not None:
            out[unit.id] = text
    return out

