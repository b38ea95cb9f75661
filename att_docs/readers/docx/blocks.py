"""Pandoc blocks to a flat list of draft lines: paragraphs, headings and tables in order.

Lists are flattened: each item's first paragraph becomes a line that knows its list
depth, kind and number (Word numbering, as pandoc reads it). Paragraph styles are kept
(``docx+styles``), so later steps can use them where a draft has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from att_docs.document.model import Inline, Run, TextBlock
from att_docs.readers.docx.inlines import ReadContext, blocks_text, inlines_of, plain_of, tidy

__all__ = ["Line", "RawCell", "flatten"]


@dataclass
class RawCell:
    blocks: list[TextBlock]
    colspan: int = 1


@dataclass
class Line:
    """One paragraph, heading or table of the draft, in reading order."""

    kind: Literal["para", "heading", "table"]
    inlines: list[Inline]
    place: str
    style: str = ""
    level: int = 0  # heading level
    depth: int = 0  # list nesting: 0 outside lists
    list_kind: Literal["ordered", "bullet"] | None = None
    number: int | None = None
    number_style: str = ""  # pandoc's Decimal, LowerAlpha, LowerRoman ...
    quote: bool = False  # indented (pandoc's BlockQuote)
    continuation: bool = False  # a further paragraph of a list item
    rows: list[list[RawCell]] = field(default_factory=list)
    index: int = 0  # the draft's paragraph number, for places

    def plain(self) -> str:
        return "".join(i.text for i in self.inlines if isinstance(i, Run))


@dataclass
class _Walk:
    ctx: ReadContext
    lines: list[Line] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0

    def _place(self, what: str, text: str) -> str:
        snippet = " ".join(text.split())[:40]
        return f"{what} ({snippet!r})" if snippet else what

    def para(self, inlines: list[dict[str, Any]], style: str, **kw: Any) -> None:
        self.paragraphs += 1
        self.ctx.place = self._place(f"paragraph {self.paragraphs}", plain_of(inlines))
        line = Line("para", tidy(inlines_of(inlines, self.ctx)), self.ctx.place, style,
                    index=self.paragraphs, **kw)
        if line.inlines:
            self.lines.append(line)

    def blocks(self, blocks: list[dict[str, Any]], style: str = "", depth: int = 0,
               quote: bool = False, item: dict[str, Any] | None = None) -> None:
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in ("Para", "Plain"):
                extra = dict(item or {})
                self.para(content, style, depth=depth, quote=quote, **extra)
                if item is not None:
                    item.clear()
                    item["continuation"] = True
            elif kind == "Header":
                self.paragraphs += 1
                self.ctx.place = self._place(f"heading at paragraph {self.paragraphs}",
                                             plain_of(content[2]))
                self.lines.append(Line("heading", tidy(inlines_of(content[2], self.ctx)),
                                       self.ctx.place, style, level=content[0],
                                       index=self.paragraphs))
            elif kind == "Div":
                attrs = dict(content[0][2])
                self.blocks(content[1], attrs.get("custom-style", style), depth, quote, item)
            elif kind == "BlockQuote":
                self.blocks(content, style, depth, True, item)
            elif kind in ("OrderedList", "BulletList"):
                self._list(kind, content, style, depth, quote)
                if item is not None:
                    item.clear()
                    item["continuation"] = True
            elif kind == "Table":
                self._table(content)
            elif kind == "Figure":
                self.ctx.notice("a figure (image) cannot be imported")
                self.blocks(content[2], style, depth, quote, item)
            elif kind == "HorizontalRule":
                continue
            elif kind == "LineBlock":
                for line in content:
                    self.para(line, style, depth=depth, quote=quote)
            else:
                self.ctx.notice(f"a {kind} block is not kept")

    def _list(self, kind: str, content: Any, style: str, depth: int, quote: bool) -> None:
        if kind == "OrderedList":
            (start, number_style, _), items = content[0], content[1]
            ordered = True
        else:
            start, number_style, items, ordered = 1, {"t": "Bullet"}, content, False
        for offset, blocks in enumerate(items):
            item: dict[str, Any] = {
                "list_kind": "ordered" if ordered else "bullet",
                "number": start + offset if ordered else None,
                "number_style": number_style["t"],
            }
            self.blocks(blocks, style, depth + 1, quote, item)

    def _table(self, content: list[Any]) -> None:
        self.tables += 1
        self.ctx.place = f"table {self.tables} (after paragraph {self.paragraphs})"
        _, caption, _, head, bodies, foot = content
        sources = [head[1]] + [body[2] + body[3] for body in bodies] + [foot[1]]
        if sum(len(source) for source in sources) == 1 and not caption[1]:
            self._layout_row(next(row for source in sources for row in source))
            return
        rows: list[list[RawCell]] = []
        for source in sources:
            for row in source:
                cells = [RawCell(blocks_text(cell[4], self.ctx, "a table cell"), cell[3])
                         for cell in row[1]]
                rows.append(cells)
        if caption[1]:
            self.ctx.notice("the table caption is not kept (the first row is the title)")
        self.lines.append(Line("table", [], self.ctx.place, rows=rows, index=self.paragraphs))

    def _layout_row(self, row: list[Any]) -> None:
        """A table of one row lays text out side by side (page one's conference block
        beside the masthead): its cells are read as paragraphs, left to right."""
        for cell in row[1]:
            self.blocks(cell[4])


def flatten(ast: dict[str, Any], ctx: ReadContext) -> list[Line]:
    """The draft's lines in reading order; footnotes and notices go to ``ctx``."""
    walk = _Walk(ctx)
    walk.blocks(ast.get("blocks", []))
    return walk.lines
