"""One traversal of the document model, and dispatch tables for whoever acts per block.

:func:`walk` yields every text of a block sequence as a :class:`Piece` (its id, its kind,
its :data:`~att_docs.document.model.Localized` text and the block it belongs to), in
reading order, in the manner of pandoc's ``Walk``: assembly numbers footnotes over it,
the checks make segments of it, :mod:`att_docs.document.units` makes translatable units
of it. :func:`inlines` and :func:`footnote_refs` go through one text's inlines. Writers
lay blocks out through a dispatch table, ``{Heading: ..., Paragraph: ...}`` in the
manner of markdown-it's renderer rules, called with :func:`dispatch`.

A block type without a rule fails the same way everywhere: :class:`UnknownBlockError`.
Adding a block type means adding it to the model, to :data:`TEXTS` here, and to each
writer's table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from att_docs.document import model as m

__all__ = ["TEXTS", "Piece", "UnknownBlockError", "block_texts", "dispatch",
           "document_title", "footnote_refs", "inlines", "row_label_id", "walk"]

R = TypeVar("R")


class UnknownBlockError(TypeError):
    """A block type that a traversal or a writer has no rule for (a programming error)."""


def dispatch(rules: Mapping[type, Callable[..., R]], block: object, who: str,
             *args: Any) -> R:
    """``rules[type(block)](block, *args)``; :class:`UnknownBlockError` without a rule."""
    rule = rules.get(type(block))
    if rule is None:
        raise UnknownBlockError(f"{who} has no rule for {type(block).__name__} blocks")
    return rule(block, *args)


@dataclass(frozen=True, slots=True)
class Piece:
    """One text of the document: a heading, paragraph, subparagraph, table title, row
    label, cell, decision lead or item, or frame line."""

    id: str
    kind: str
    text: m.Localized
    block: m.Block


def row_label_id(table: m.Table, row: m.TableRow) -> str:
    """Row labels belong to the table set: ``<set>.row_labels.<row key>``."""
    return f"{table.id.split('.')[0]}.row_labels.{row.id.rsplit('.', 1)[-1]}"


def _heading(block: m.Heading) -> Iterator[Piece]:
    yield Piece(block.id, "heading", block.text, block)


def _paragraph(block: m.Paragraph) -> Iterator[Piece]:
    yield Piece(block.id, "paragraph" if block.numbered else "unnumbered", block.text, block)
    for sub in block.subparagraphs:
        yield Piece(sub.id, "subparagraph", sub.text, block)


def _quote(block: m.BlockQuote) -> Iterator[Piece]:
    yield Piece(block.id, "paragraph", block.text, block)


def _table(block: m.Table) -> Iterator[Piece]:
    yield Piece(f"{block.id}.title", "table-title", block.title, block)
    for row in block.rows:
        yield Piece(row_label_id(block, row), "row-label", row.label, block)
        for cell in row.cells:
            yield Piece(cell.id, "cell", cell.text, block)


def _decisions(block: m.DecisionList) -> Iterator[Piece]:
    for group in block.groups:
        yield Piece(f"{group.id}.lead", "decision-lead", group.lead, block)
        for item in group.items:
            yield Piece(item.id, "decision", item.text, block)


def _frame(block: m.FrameBlock) -> Iterator[Piece]:
    yield Piece(f"{block.id}.{block.style}", "frame", block.text, block)


def _nothing(block: m.PageBreak) -> Iterator[Piece]:
    return iter(())


TEXTS: dict[type, Callable[[Any], Iterator[Piece]]] = {
    m.Heading: _heading,
    m.Paragraph: _paragraph,
    m.BlockQuote: _quote,
    m.Table: _table,
    m.DecisionList: _decisions,
    m.FrameBlock: _frame,
    m.PageBreak: _nothing,
}
"""Every block type and the texts it holds, in reading order."""


def block_texts(block: m.Block) -> Iterator[Piece]:
    """The texts of one block, in reading order."""
    return dispatch(TEXTS, block, "the document walk")


def walk(blocks: Iterable[m.Block]) -> Iterator[Piece]:
    """The texts of every block, in reading order."""
    for block in blocks:
        yield from dispatch(TEXTS, block, "the document walk")


def inlines(text: m.Text | None) -> Iterator[m.Inline]:
    """Every inline of a text (runs and footnote marks), in reading order: the inline
    traversal, as :func:`walk` is the block one."""
    if text is not None:
        for block in text.blocks:
            yield from block.inlines


def footnote_refs(text: m.Text | None) -> Iterator[m.FootnoteRef]:
    """The footnote marks of a text, in reading order."""
    return (inline for inline in inlines(text) if isinstance(inline, m.FootnoteRef))


def document_title(document: m.Document, lang: str) -> str:
    """The first title line of the frame, else the main part's title, else the id."""
    for block in document.body:
        if isinstance(block, m.FrameBlock) and block.style == "title" and lang in block.text:
            return block.text[lang].plain()
    return document.main.title.get(lang) or document.id
