"""The document model: plain typed dataclasses shared by every reader and writer.

One tree per paper. Structure (headings, numbered paragraphs, tables, decisions) is
shared by all languages; every piece of text is a :class:`Localized` value that holds
one :class:`Text` per language code. Every translatable block has a stable ``id`` so
that languages align one to one, and later tools (XLIFF, stale-translation tracking,
revision redlines) can address a block without depending on its position.

Readers build this tree; :mod:`att_docs.readers.assemble` numbers it and wraps it in the
template frame; writers only read it and never know where it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from att_docs.document.symbols import DocumentSymbol

__all__ = [
    "DEFAULT_DAYS_BEFORE_OPENING",
    "Block",
    "BlockQuote",
    "Cell",
    "Conference",
    "DecisionGroup",
    "DecisionItem",
    "DecisionList",
    "Document",
    "Footnote",
    "FootnoteRef",
    "FrameBlock",
    "Heading",
    "Inline",
    "Localized",
    "Masthead",
    "PageBreak",
    "Paragraph",
    "Part",
    "Run",
    "SourceLocation",
    "Subparagraph",
    "Table",
    "TableRow",
    "Text",
    "TextBlock",
]


@dataclass(frozen=True)
class SourceLocation:
    """Where a piece of content was written: a file and a 1-based line."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# --------------------------------------------------------------------------- inlines


@dataclass
class Run:
    """A stretch of text with uniform character formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class FootnoteRef:
    """A footnote reference mark; ``id`` keys :attr:`Document.footnotes`."""

    id: str


Inline = Run | FootnoteRef


@dataclass
class TextBlock:
    """One paragraph of rich text inside a cell, footnote or list item.

    ``list_kind`` is ``None`` for a plain paragraph, ``"ordered"`` or ``"bullet"`` for
    a list item; ``number`` is the item's number in an ordered list.
    """

    inlines: list[Inline]
    list_kind: Literal["ordered", "bullet"] | None = None
    number: int | None = None


@dataclass
class Text:
    """The text of one block in one language, and where it was written.

    Inline-level blocks (paragraphs, headings) have a single :class:`TextBlock` in
    ``blocks``; cells and footnotes may have several.
    """

    blocks: list[TextBlock]
    where: SourceLocation | None = None

    @property
    def inlines(self) -> list[Inline]:
        """All inlines of the first block (the whole text for inline-level blocks)."""
        return self.blocks[0].inlines if self.blocks else []

    def plain(self) -> str:
        """The text without formatting or footnote marks, blocks joined by newlines."""
        return "\n".join(
            "".join(i.text for i in b.inlines if isinstance(i, Run)) for b in self.blocks
        )

    @classmethod
    def of(cls, text: str, where: SourceLocation | None = None) -> Text:
        """A one-run text: convenient for metadata fields and tests."""
        return cls([TextBlock([Run(text)])], where)


Localized = dict[str, Text]
"""Language code (a key of ``conference.yaml``'s ``languages``) to the text in it."""


# --------------------------------------------------------------------------- blocks


@dataclass
class Heading:
    """A section heading. Headings never interrupt paragraph numbering."""

    id: str
    level: int
    text: Localized


@dataclass
class Subparagraph:
    """A lettered subparagraph (a., b.) under a numbered paragraph."""

    id: str
    text: Localized
    label: str = ""  # set by assembly: "a", "b", ...
    index: int = 0  # set by assembly: 1 for (a), 2 for (b) ...


@dataclass
class Paragraph:
    """A body paragraph, numbered unless ``numbered`` is false."""

    id: str
    text: Localized
    numbered: bool = True
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    number: int | None = None  # set by assembly


@dataclass
class BlockQuote:
    """Indented text that is not numbered (a quoted decision, a list lead-in)."""

    id: str
    text: Localized


@dataclass
class Cell:
    """One table cell; its id is ``<table>.<row>.<column>``."""

    id: str
    text: Localized


@dataclass
class TableRow:
    """A table row: a label cell (from the table set's row labels) and content cells."""

    id: str
    label: Localized
    cells: list[Cell]


@dataclass
class Table:
    """An annex table. ``title`` spans the header row, which repeats across pages."""

    id: str
    title: Localized
    rows: list[TableRow]


@dataclass
class DecisionItem:
    id: str
    text: Localized


@dataclass
class DecisionGroup:
    """A lead-in ("CSP9 endorses the following:") and its items."""

    id: str
    lead: Localized
    items: list[DecisionItem]


@dataclass
class DecisionList:
    id: str
    groups: list[DecisionGroup]


@dataclass
class FrameBlock:
    """A line of the template frame (masthead, title block, end mark).

    ``style`` names the role (``"masthead"``, ``"symbol"``, ``"conference"``,
    ``"title"``, ``"subtitle"``, ``"annex-heading"``, ``"end-mark"``, ...); writers map
    it to a paragraph style. Frame blocks are aligned across languages by position.
    """

    id: str
    style: str
    text: Localized


@dataclass
class PageBreak:
    id: str = "page-break"


Block = (
    Heading
    | Paragraph
    | BlockQuote
    | Table
    | DecisionList
    | FrameBlock
    | PageBreak
)


# --------------------------------------------------------------------------- document

DEFAULT_DAYS_BEFORE_OPENING = 30
"""The distribution deadline when ``conference.yaml`` has no ``deadline`` rule: papers go
out at least 30 days before the opening (:mod:`att_docs.document.deadline`). content/csp9
sets 31 days, one calendar month, the date its papers carry (21 July 2023 for an opening
on 21 August 2023)."""


@dataclass
class Footnote:
    """A footnote; numbered in order of first reference by assembly."""

    id: str
    text: Localized
    number: int | None = None


@dataclass
class Conference:
    """The meeting a paper belongs to."""

    id: str  # folder name, e.g. "csp9"
    number: int  # 9 for CSP9
    venue: dict[str, str]  # per-language city name
    opening: dt.date
    closing: dt.date
    languages: list[str]
    source: Path | None = None
    deadline_days: int = DEFAULT_DAYS_BEFORE_OPENING  # distribution: days before opening
    redline_author: str | None = None  # whom a redline's tracked changes name
    house_style: dict[str, str] = field(default_factory=dict)  # language -> profile chosen
    checks: dict[str, Any] = field(default_factory=dict)  # conference.yaml checks: settings


@dataclass
class Masthead:
    symbol: DocumentSymbol
    date: dt.date
    submitted_by: dict[str, str]
    original_language: str


@dataclass
class Part:
    """The main text or one annex: its own paragraph numbering and type."""

    id: str  # "main", "annex-a"
    type: str  # "chair-report", "draft-proposal", "decision-annex"
    title: dict[str, str]
    subtitle: dict[str, str]
    blocks: list[Block]
    label: str | None = None  # "A" for Annex A
    caption: dict[str, str] = field(default_factory=dict)  # completes "Annex A ..."
    source: Path | None = None


@dataclass
class Document:
    """A whole paper: metadata, main part, annexes, footnotes; then its frame.

    Readers fill everything but ``body``; assembly renders the template frame and
    sets ``body`` to the complete block sequence that writers lay out in order.
    """

    id: str
    type: str
    masthead: Masthead
    conference: Conference
    parts: list[Part]
    footnotes: dict[str, Footnote]
    languages: list[str]
    source: Path | None = None
    body: list[Block] = field(default_factory=list)
    problems: list[Exception] = field(default_factory=list)  # lenient reads only
    # lenient reads only: language → {id: text} of blocks and footnotes that language has
    # and the original lacks (they are in ``problems`` too)
    extras: dict[str, dict[str, Text]] = field(default_factory=dict)
    deadline_days: int | None = None  # overrides Conference.deadline_days
    # set by assembly: each language's house style (att_docs.document.house_style)
    house_styles: dict[str, Any] = field(default_factory=dict)

    def subparagraph_label(self, lang: str, letter: str) -> str:
        """A subparagraph's label as the language's house style writes it (a. or a))."""
        style = self.house_styles.get(lang)
        return style.label(letter) if style is not None else f"{letter}."

    @property
    def main(self) -> Part:
        return self.parts[0]

    @property
    def annexes(self) -> list[Part]:
        return self.parts[1:]
