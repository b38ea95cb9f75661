"""Draft lines to the document model: masthead, parts, numbered paragraphs, decisions.

Paragraph numbers come from Word numbering (a list at the first level) or from typed
numbers ("1.", "2)"); subparagraphs from a nested list, a list straight after a numbered
paragraph, or typed letters ("(a)", "a)", "a."). A list after an unnumbered paragraph is a
decision list with that paragraph as its lead. A short paragraph wholly in bold is a
heading. Paragraph styles of the kind att-docs
writes (``ATT Numbered Paragraph`` ...) and Word's ``Title``/``Subtitle`` decide where
present. Numbers run on across headings; an "Annex …" line starts a new part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.document.model import (
    Block,
    BlockQuote,
    DecisionGroup,
    DecisionItem,
    DecisionList,
    Heading,
    Inline,
    Paragraph,
    Part,
    Run,
    SourceLocation,
    Subparagraph,
    Text,
    TextBlock,
)
from att_docs.readers.docx.blocks import Line
from att_docs.readers.docx.inlines import Notice
from att_docs.readers.docx.masthead import FrontMatter, MastheadFields
from att_docs.readers.docx.tables import TableRun, resolve_tables

__all__ = ["Structure", "build_parts"]

_ROLES = {
    "att symbol": "front", "att masthead": "front", "att conference": "front",
    "att title": "title", "title": "title", "att subtitle": "subtitle", "subtitle": "subtitle",
    "att annex heading": "annex", "att end mark": "end",
    "att numbered paragraph": "numbered", "att subparagraph": "subparagraph",
    "att decision lead": "decision-lead", "att decision item": "decision-item",
    "att block quote": "quote", "att body": "body",
}
"""Paragraph styles (lower case) whose role is known: att-docs' own and Word's."""

_TYPED_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+")
_TYPED_LETTER = re.compile(r"^(?:\((?P<p>[a-z]{1,2}|[ivx]{1,4})\)|(?P<d>[a-z])[.)])\s+")
_NUMBER_STYLES = {"Decimal", "DefaultStyle", "Example"}
_END_MARK = "***"
_HEADING_MAX = 150


@dataclass
class Structure:
    """Parts and masthead of a draft, and what could not be kept."""

    masthead: MastheadFields
    parts: list[Part]
    notices: list[Notice] = field(default_factory=list)


def build_parts(lines: list[Line], lang: str, front: FrontMatter, paper_type: str,
                path: Path) -> Structure:
    """Turn the flat draft lines into parts of model blocks (ids still provisional).

    Texts carry ``SourceLocation(path, n)``: ``n`` is the paragraph number in the draft.
    """
    builder = _Builder(lang, front, paper_type, path)
    for line in lines:
        builder.line(line)
    return builder.finish()


_SECOND_LEVEL = re.compile(r"^list (number|bullet|paragraph|continue) ?[2-9]$")


def _role(line: Line) -> str:
    """The role of a line's paragraph style; Word's second-level list styles
    ("List Number 2") hold subparagraphs."""
    style = line.style.lower()
    if _SECOND_LEVEL.match(style):
        return "subparagraph"
    return _ROLES.get(style, "")


def _looks_like_heading(line: Line, text: str) -> bool:
    """A short paragraph set wholly in bold, not a lead-in or sentence ("I. INTRODUCTION")."""
    runs = [i for i in line.inlines if isinstance(i, Run) and i.text.strip()]
    return (bool(runs) and all(r.bold for r in runs) and len(text) <= _HEADING_MAX
            and not text.endswith((":", "：", ".", "。", ";", "；")))


def _strip_prefix(inlines: list[Inline], length: int) -> list[Inline]:
    first = inlines[0]
    if isinstance(first, Run):
        rest = first.text[length:].lstrip()
        return ([Run(rest, first.bold, first.italic)] if rest else []) + inlines[1:]
    return inlines


@dataclass
class _PartState:
    part: Part
    front: list[Line] = field(default_factory=list)
    in_front: bool = True
    last_numbered: Paragraph | None = None
    expected: int = 1
    tables: list[TableRun] = field(default_factory=list)


class _Builder:
    def __init__(self, lang: str, front: FrontMatter, paper_type: str, path: Path):
        self.lang, self.front, self.paper_type, self.path = lang, front, paper_type, path
        self.notices: list[Notice] = []
        self.masthead = MastheadFields()
        self.states = [_PartState(Part("main", paper_type, {}, {}, []))]
        self.counter = 0

    @property
    def state(self) -> _PartState:
        return self.states[-1]

    def text(self, inlines: list[Inline], line: Line) -> dict[str, Text]:
        return {self.lang: Text([TextBlock(inlines)], SourceLocation(self.path, line.index))}

    def provisional(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}-{self.counter}"

    def notice(self, line: Line, message: str) -> None:
        self.notices.append(Notice(line.place, message))

    # ---------------------------------------------------------------- dispatch

    def line(self, line: Line) -> None:
        role, text = _role(line), line.plain().strip()
        if line.kind == "para" and (role == "end" or text == _END_MARK):
            return
        annex = None
        if line.kind != "table" and line.depth == 0:
            annex = self.front.annex_heading(text)
            if annex is None and role == "annex":
                annex = (text, "")
        if annex is not None:
            self.start_annex(*annex)
            return
        state = self.state
        if state.in_front:
            if not self.starts_body(line, role, text):
                state.front.append(line)
                return
            self.close_front()
        self.body(line, role, text)

    def starts_body(self, line: Line, role: str, text: str) -> bool:
        if line.kind != "para" or line.depth > 0 or line.quote:
            return True
        if role in ("numbered", "subparagraph", "decision-lead", "decision-item", "quote",
                    "body"):
            return True
        return bool(_TYPED_NUMBER.match(text))

    # ---------------------------------------------------------------- front matter

    def start_annex(self, label: str, caption: str) -> None:
        if self.state.in_front:
            self.close_front()
        part = Part(f"annex-{label.lower()}", self.paper_type, {}, {}, [], label=label,
                    caption={self.lang: caption} if caption else {})
        self.states.append(_PartState(part))

    def close_front(self) -> None:
        state = self.state
        state.in_front = False
        is_main = len(self.states) == 1
        rest: list[Line] = []
        for line in state.front:
            role = _role(line)
            text = line.plain().strip()
            if role == "title" and self.lang not in state.part.title:
                state.part.title[self.lang] = text
            elif role == "subtitle" and not state.part.subtitle:
                state.part.subtitle[self.lang] = text
            elif is_main and (role == "front" or self.front.take(self.masthead, text)):
                if role == "front" and not self.front.take(self.masthead, text):
                    self.notice(line, f"masthead line not recognised, not kept: {text!r}")
            elif role in ("", "title", "subtitle"):
                rest.append(line)
            else:
                self.notice(line, f"front line not kept: {text!r}")
        trailing: list[Line] = []  # bold lines right before the body are its headings
        while len(rest) > (0 if state.part.title else 1) and not _role(rest[-1]) \
                and _looks_like_heading(rest[-1], rest[-1].plain().strip()):
            trailing.insert(0, rest.pop())
        if not state.part.title and rest:
            if len(rest) >= 2 and not is_main and not state.part.subtitle:
                state.part.subtitle[self.lang] = rest.pop(0).plain().strip()
            state.part.title[self.lang] = rest.pop(0).plain().strip()
        if is_main and not state.part.subtitle and rest and len(rest) <= 1:
            state.part.subtitle[self.lang] = rest.pop(0).plain().strip()
        for line in rest:
            self.add(Paragraph(self.provisional("paragraph"), self.text(line.inlines, line),
                               numbered=False))
        for line in trailing:
            self.body(line, "", line.plain().strip())

    # ---------------------------------------------------------------- body

    def add(self, block: Block) -> None:
        self.state.part.blocks.append(block)
        self.state.last_numbered = None

    def body(self, line: Line, role: str, text: str) -> None:
        state = self.state
        if line.kind == "table":
            blocks = state.part.blocks
            if blocks and isinstance(blocks[-1], TableRun):
                blocks[-1].lines.append(line)
            else:
                run = TableRun([line])
                state.tables.append(run)
                blocks.append(run)  # type: ignore[arg-type]  # resolved in finish()
            state.last_numbered = None
            return
        if line.kind == "heading":
            self.add(Heading(self.provisional("heading"), min(line.level, 3),
                             self.text(line.inlines, line)))
            return
        if line.continuation:
            self.notice(line, "a further paragraph inside a list item became an unnumbered "
                              "paragraph")
            self.add(Paragraph(self.provisional("paragraph"), self.text(line.inlines, line),
                               numbered=False))
            return
        typed = _TYPED_NUMBER.match(text) if line.depth == 0 else None
        letter = _TYPED_LETTER.match(text) if line.depth == 0 else None
        word_number = (line.list_kind == "ordered" and line.depth == 1
                       and line.number_style in _NUMBER_STYLES
                       and role not in ("subparagraph", "decision-item"))
        if role == "numbered" or word_number or typed:
            inlines = _strip_prefix(line.inlines, typed.end()) if typed else line.inlines
            self.numbered(line, inlines, int(typed.group(1)) if typed else None)
        elif state.last_numbered is not None and (role == "subparagraph" or line.depth >= 1
                                                  or letter):
            inlines = _strip_prefix(line.inlines, letter.end()) if letter else line.inlines
            sub = Subparagraph(self.provisional("sub"), self.text(inlines, line))
            state.last_numbered.subparagraphs.append(sub)
        elif role == "decision-item" or line.depth >= 1:
            self.decision_item(line)
        elif role == "quote" or line.quote:
            self.add(BlockQuote(self.provisional("quote"), self.text(line.inlines, line)))
        elif not role and _looks_like_heading(line, text):
            inlines: list[Inline] = [Run(i.text) if isinstance(i, Run) else i
                                     for i in line.inlines]
            self.add(Heading(self.provisional("heading"), 1, self.text(inlines, line)))
        else:
            self.add(Paragraph(self.provisional("paragraph"), self.text(line.inlines, line),
                               numbered=False))

    def numbered(self, line: Line, inlines: list[Inline], number: int | None) -> None:
        state = self.state
        if number is not None and number != state.expected:  # typed numbers only
            self.notice(line, f"typed number {number} where {state.expected} follows: "
                              "att-docs numbers paragraphs itself, consecutively")
        para = Paragraph(self.provisional("paragraph"), self.text(inlines, line))
        self.add(para)
        state.last_numbered = para
        state.expected += 1

    def decision_item(self, line: Line) -> None:
        blocks = self.state.part.blocks
        item = DecisionItem(self.provisional("item"), self.text(line.inlines, line))
        last = blocks[-1] if blocks else None
        lead: Paragraph | BlockQuote | None = None
        if isinstance(last, BlockQuote) or (isinstance(last, Paragraph) and not last.numbered
                                            and not last.subparagraphs):
            lead = last
            blocks.pop()
        if lead is not None:
            group = DecisionGroup(self.provisional("group"), lead.text, [item])
            before = blocks[-1] if blocks else None
            if isinstance(before, DecisionList):
                before.groups.append(group)
            else:
                blocks.append(DecisionList(self.provisional("decisions"), [group]))
        elif isinstance(last, DecisionList):
            last.groups[-1].items.append(item)
        else:
            self.notice(line, "a list item with no lead-in paragraph before it became an "
                              "unnumbered paragraph")
            self.add(Paragraph(item.id, item.text, numbered=False))
        self.state.last_numbered = None

    # ---------------------------------------------------------------- end

    def finish(self) -> Structure:
        if self.state.in_front:
            self.close_front()
        for state in self.states:
            state.part.blocks = resolve_tables(state.part.blocks, self.lang, self.notices,
                                               self.provisional)
        return Structure(self.masthead, [s.part for s in self.states], self.notices)
