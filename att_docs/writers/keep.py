"""Keep-together decisions that both writers share: which paragraphs lead into what follows.

A paragraph or quote whose text ends in one of the style sheet's ``lead_in_endings``
(":" in "CSP9 decides the following:") stays on the page of the first item it introduces:
its own subparagraphs, or a table, a decision list or a quote right after it. The DOCX
writer sets ``w:keepNext`` on it, the PDF template makes it sticky.
"""

from __future__ import annotations

from collections.abc import Sequence

from att_docs.document.model import (
    Block,
    BlockQuote,
    DecisionList,
    Localized,
    Paragraph,
    Table,
)

__all__ = ["lead_ins"]

_INTRODUCED = (Table, DecisionList, BlockQuote)


def _ends_with(text: Localized, lang: str, endings: Sequence[str]) -> bool:
    value = text.get(lang)
    return value is not None and value.plain().rstrip().endswith(tuple(endings))


def lead_ins(blocks: Sequence[Block], lang: str, endings: Sequence[str]) -> set[str]:
    """The ids of the paragraphs and quotes in ``blocks`` that lead into what follows."""
    if not endings:
        return set()
    found = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph | BlockQuote):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        introduces = (isinstance(block, Paragraph) and bool(block.subparagraphs)) \
            or isinstance(following, _INTRODUCED)
        if introduces and _ends_with(block.text, lang, endings):
            found.add(block.id)
    return found
