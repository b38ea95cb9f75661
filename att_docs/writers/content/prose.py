"""One part's blocks as a prose file (``<lang>.md``) of the content format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from att_docs.document.model import (
    Block,
    BlockQuote,
    DecisionList,
    Footnote,
    Heading,
    Paragraph,
    Table,
    Text,
)
from att_docs.document.walk import dispatch
from att_docs.writers.content.markdown import render_block_text, render_rich_text

__all__ = ["render_prose"]


@dataclass
class _Prose:
    """The Markdown written so far, and the table sets already placed."""

    text_of: Callable[[dict[str, Text], str], Text]
    out: list[str] = field(default_factory=list)
    placed_sets: set[str] = field(default_factory=set)


def _heading(block: Heading, p: _Prose) -> None:
    body = render_block_text(p.text_of(block.text, block.id))
    p.out.append(f"{'#' * block.level} {body} {{#{block.id}}}")


def _paragraph(block: Paragraph, p: _Prose) -> None:
    body = render_block_text(p.text_of(block.text, block.id))
    marker = f"{{#{block.id}}}" if block.numbered else f"{{#{block.id} .unnumbered}}"
    p.out.append(f"{marker} {body}")
    if block.subparagraphs:
        p.out.append("\n".join(
            f"- {{#{sub.id}}} {render_block_text(p.text_of(sub.text, sub.id), '  ')}"
            for sub in block.subparagraphs))


def _quote(block: BlockQuote, p: _Prose) -> None:
    body = render_block_text(p.text_of(block.text, block.id), "> ")
    p.out.append(f"> {{#{block.id}}} {body}")


def _table(block: Table, p: _Prose) -> None:
    set_name = block.id.split(".")[0]
    if set_name not in p.placed_sets:
        p.placed_sets.add(set_name)
        p.out.append(f"```{{tables}} {set_name}\n```")


def _decisions(block: DecisionList, p: _Prose) -> None:
    p.out.append(f"```{{decisions}} {block.id}\n```")


RULES: dict[type, Callable[[Any, _Prose], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BlockQuote: _quote,
    Table: _table,
    DecisionList: _decisions,
}
"""Every block type a part's prose file holds (frame blocks and page breaks are the
assembly's, never a part's)."""


def render_prose(blocks: list[Block], footnotes: list[Footnote],
                 text_of: Callable[[dict[str, Text], str], Text]) -> str:
    """The Markdown of a part; ``text_of(localized, id)`` picks the language's text."""
    prose = _Prose(text_of)
    for block in blocks:
        dispatch(RULES, block, "the content writer", prose)
    for note in footnotes:
        body = render_rich_text(text_of(note.text, f"footnote.{note.id}"))
        prose.out.append(f"[^{note.id}]: " + body.replace("\n\n", "\n\n    "))
    return "\n\n".join(prose.out) + "\n"
