"""One part's blocks as a prose file (``<lang>.md``) of the content format."""

from __future__ import annotations

from collections.abc import Callable

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
from att_docs.writers.content.markdown import render_block_text, render_rich_text

__all__ = ["render_prose"]


def render_prose(blocks: list[Block], footnotes: list[Footnote],
                 text_of: Callable[[dict[str, Text], str], Text]) -> str:
    """The Markdown of a part; ``text_of(localized, id)`` picks the language's text."""
    out: list[str] = []
    placed_sets: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading):
            body = render_block_text(text_of(block.text, block.id))
            out.append(f"{'#' * block.level} {body} {{#{block.id}}}")
        elif isinstance(block, Paragraph):
            body = render_block_text(text_of(block.text, block.id))
            marker = f"{{#{block.id}}}" if block.numbered else f"{{#{block.id} .unnumbered}}"
            out.append(f"{marker} {body}")
            if block.subparagraphs:
                out.append("\n".join(
                    f"- {{#{sub.id}}} {render_block_text(text_of(sub.text, sub.id), '  ')}"
                    for sub in block.subparagraphs))
        elif isinstance(block, BlockQuote):
            body = render_block_text(text_of(block.text, block.id), "> ")
            out.append(f"> {{#{block.id}}} {body}")
        elif isinstance(block, Table):
            set_name = block.id.split(".")[0]
            if set_name not in placed_sets:
                placed_sets.add(set_name)
                out.append(f"```{{tables}} {set_name}\n```")
        elif isinstance(block, DecisionList):
            out.append(f"```{{decisions}} {block.id}\n```")
    for note in footnotes:
        body = render_rich_text(text_of(note.text, f"footnote.{note.id}"))
        out.append(f"[^{note.id}]: " + body.replace("\n\n", "\n\n    "))
    return "\n\n".join(out) + "\n"
