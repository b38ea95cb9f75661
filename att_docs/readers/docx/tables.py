"""Word tables to element tables.

An element table has a title row (one cell across the table) and two columns: row labels
and text. Tables that stand together and have the same row labels form one table set, as
in ``tables.yaml``; a table whose labels differ forms a set of its own. Anything else
cannot be expressed in the content format: its cells are kept as unnumbered paragraphs
and a notice says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from att_docs.document.model import (
    Block,
    Cell,
    Inline,
    Paragraph,
    Run,
    Table,
    TableRow,
    Text,
    TextBlock,
)
from att_docs.readers.docx.blocks import Line, RawCell
from att_docs.readers.docx.inlines import Notice

__all__ = ["TableRun", "resolve_tables"]


@dataclass
class TableRun:
    """Tables that follow each other with nothing in between (a placeholder block)."""

    lines: list[Line]


def _label(cell: RawCell) -> str:
    return " ".join(" ".join(Text(cell.blocks).plain().split()).split())


def _shape(line: Line) -> tuple[list[RawCell], list[list[RawCell]]] | None:
    """``(title row, label rows)`` of an element table, else None."""
    rows = [r for r in line.rows if r]
    if len(rows) < 2 or len(rows[0]) != 1:
        return None
    if any(len(r) != 2 for r in rows[1:]):
        return None
    return rows[0], rows[1:]


def _table(line: Line, lang: str, set_id: str, number: int) -> Table:
    title_row, body = _shape(line)  # type: ignore[misc]
    rows = []
    for index, (label, text) in enumerate(body, start=1):
        row_id = f"{set_id}.t{number}.r{index}"
        rows.append(TableRow(row_id, {lang: Text([TextBlock(_flat(label))])},
                             [Cell(f"{row_id}.text", {lang: Text(text.blocks)})]))
    return Table(f"{set_id}.t{number}", {lang: Text([TextBlock(_flat(title_row[0]))])}, rows)


def _flat(cell: RawCell) -> list[Inline]:
    """A one-paragraph text (titles and labels are single lines)."""
    out: list[Inline] = []
    for index, block in enumerate(cell.blocks):
        if index:
            out.append(Run(" "))
        out.extend(block.inlines)
    return out


def resolve_tables(blocks: list[Block], lang: str, notices: list[Notice],
                   provisional: Callable[[str], str]) -> list[Block]:
    """Replace each :class:`TableRun` placeholder by model tables (or paragraphs)."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, TableRun):
            out.append(block)
            continue
        current: list[Table] = []
        current_labels: list[str] | None = None
        set_id = ""
        for line in block.lines:
            shape = _shape(line)
            if shape is None:
                notices.append(Notice(line.place, "not an element table (a title row across "
                                      "the table, then label and text columns): its cells "
                                      "are kept as unnumbered paragraphs"))
                out.extend(_as_paragraphs(line, lang, provisional))
                current_labels = None
                continue
            labels = [_label(row[0]) for row in shape[1]]
            if labels != current_labels:
                if current_labels is not None and current:
                    notices.append(Notice(line.place, "its row labels differ from the table "
                                          "before it: it starts a table set of its own"))
                set_id = provisional("tables")
                current_labels = labels
                current = []
            table = _table(line, lang, set_id, len(current) + 1)
            current.append(table)
            out.append(table)
    return out


def _as_paragraphs(line: Line, lang: str, provisional: Callable[[str], str]) -> list[Block]:
    out: list[Block] = []
    for row in line.rows:
        for cell in row:
            for text_block in cell.blocks:
                out.append(Paragraph(provisional("paragraph"),
                                     {lang: Text([TextBlock(text_block.inlines)])},
                                     numbered=False))
    return out
