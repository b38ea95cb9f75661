"""The bilingual review copy: a DOCX table for revisers, original | translation.

One row per translatable unit in document order (:mod:`att_docs.document.units`), each
labelled with its paragraph number and id. Every check finding on a unit, stale ones
included, becomes a Word comment anchored on the words it is about (the words quoted
in its message when they can be found in the text, else the whole text), with the check
id and message. A stale unit is shaded and its original shown as a word diff of the
text it was translated from: deleted words struck through, inserted words underlined.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from att_docs.base.confine import write_inside
from att_docs.base.errors import OutputError
from att_docs.checks.findings import Finding
from att_docs.checks.rules.stale import message as stale_message
from att_docs.document.model import Document, Paragraph
from att_docs.records.provenance import UnitState, unit_states
from att_docs.records.worddiff import word_diff

__all__ = ["AUTHOR", "checks_for", "write_review"]

AUTHOR = "att-docs"
_INITIALS = "AD"
_STALE_FILL = "FFF2CC"
_LABEL_COLOUR = "666666"
_QUOTED = re.compile(r"[“\"'‘「《](?P<q>[^”\"'’」》]+)[”\"'’」》]")


@dataclass
class _Piece:
    """A stretch of a cell's text, its formatting, and the findings anchored on it."""

    text: str
    strike: bool = False
    underline: bool = False


def paragraph_labels(doc: Document) -> dict[str, str]:
    """Unit id → its paragraph number as printed (``5``, ``5(a)``, ``A.3`` in annexes)."""
    labels: dict[str, str] = {}
    for part in doc.parts:
        prefix = f"{part.label}." if part.label else ""
        for block in part.blocks:
            if isinstance(block, Paragraph) and block.number is not None:
                labels[block.id] = f"{prefix}{block.number}"
                for sub in block.subparagraphs:
                    labels[sub.id] = f"{prefix}{block.number}({sub.label})"
    return labels


def _anchor(finding: Finding, text: str) -> tuple[int, int] | None:
    """Where in ``text`` the finding's words are: quoted words first, then its first word."""
    candidates = [m.group("q") for m in _QUOTED.finditer(finding.message)]
    first = finding.message.split(" ", 1)[0]
    candidates += [first, finding.suggestion or ""]
    for words in candidates:
        words = words.strip()
        if len(words) >= 1 and words in text:
            start = text.index(words)
            return start, start + len(words)
    return None


def _split(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    cuts = sorted({0, len(text), *(p for span in spans for p in span)})
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _add_runs(cell: Any, pieces: list[_Piece]) -> list[Any]:
    paragraph = cell.paragraphs[0]
    runs = []
    for piece in pieces:
        run = paragraph.add_run(piece.text)
        run.font.strike = piece.strike or None
        run.font.underline = piece.underline or None
        runs.append(run)
    return runs


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _comment(document: Any, runs: list[Any], finding: Finding) -> None:
    text = f"[{finding.check}] {finding.message}"
    if finding.suggestion:
        text += f" → {finding.suggestion}"
    document.add_comment(runs, text=text, author=AUTHOR, initials=_INITIALS)


def _text_cell(document: Any, cell: Any, text: str, findings: list[Finding]) -> None:
    """Plain text, split so that each finding's comment covers exactly its words."""
    anchors = {id(f): _anchor(f, text) or (0, len(text)) for f in findings}
    if not text:
        text, anchors = "—", {id(f): (0, 1) for f in findings}
    bounds = _split(text, anchors.values())
    runs = _add_runs(cell, [_Piece(text[a:b]) for a, b in bounds])
    for finding in findings:
        start, end = anchors[id(finding)]
        covered = [r for r, (a, b) in zip(runs, bounds, strict=True) if a >= start and b <= end]
        _comment(document, covered or runs, finding)


def _diff_cell(document: Any, cell: Any, unit: UnitState, findings: list[Finding]) -> None:
    """The original as a word diff of the text translated from; comments on the changes."""
    pieces = [_Piece(text, strike=op == "delete", underline=op == "insert")
              for op, text in word_diff(unit.old_source or "", unit.source)]
    runs = _add_runs(cell, pieces or [_Piece(unit.source)])
    changed = [r for r, p in zip(runs, pieces, strict=False) if p.strike or p.underline]
    for finding in findings:
        _comment(document, changed or runs, finding)


def write_review(doc: Document, lang: str, findings: list[Finding], target: Path,
                 language_names: dict[str, str], root: Path | None = None) -> int:
    """Write the review copy of ``doc`` in ``lang`` to ``target``; returns the comments.

    ``findings`` are those of the checks with ``lang`` as the target language (see
    :func:`checks_for`); stale units are commented from their state in ``lang``.
    ``target`` lies in ``root`` (default: its own folder), and no link between them is
    followed.
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt, RGBColor

    original = doc.masthead.original_language
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(10)
    title = doc.main.title.get(original, doc.id)
    document.add_heading(f"{doc.masthead.symbol}: {title}", level=1)
    document.add_paragraph(f"Review copy, {language_names[original]} | "
                           f"{language_names[lang]}. Shaded rows: the original changed "
                           "since the translation (struck through: removed; underlined: "
                           "added). Comments: check findings.")
    by_unit: dict[str, list[Finding]] = {}
    for finding in findings:
        by_unit.setdefault(finding.segment or "", []).append(finding)
    labels = paragraph_labels(doc)
    states = unit_states(doc, lang)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, code in zip(table.rows[0].cells, (original, lang), strict=True):
        cell.paragraphs[0].add_run(language_names[code]).bold = True
    comments = 0
    for unit in states.values():
        row = table.add_row().cells
        label = row[0].paragraphs[0].add_run(
            f"{labels[unit.id]} · {unit.id}" if unit.id in labels else unit.id)
        label.font.size, label.font.color.rgb = Pt(8), RGBColor.from_string(_LABEL_COLOUR)
        row[0].add_paragraph()
        row[1].paragraphs[0].add_run(unit.state).font.size = Pt(8)
        row[1].add_paragraph()
        source_cell, target_cell = _LastParagraph(row[0]), _LastParagraph(row[1])
        # stale findings come from the states of this language (the check reports
        # every translation's); the other findings are about this language already
        found = [f for f in by_unit.pop(unit.id, []) if f.check != "stale"]
        stale = [Finding("stale", "warning", stale_message(unit, original, lang),
                         unit.where.path if unit.where else unit.file,
                         unit.where.line if unit.where else None, unit.id, doc.id)
                 ] if unit.state == "stale" else []
        others = found
        found = stale + found
        on_source = [f for f in others if _anchor(f, unit.target) is None
                     and _anchor(f, unit.source) is not None]
        on_target = [f for f in others if f not in on_source]
        if unit.state == "stale" and unit.old_source is not None:
            _diff_cell(document, source_cell, unit, stale + on_source)
            for cell in row:
                _shade(cell, _STALE_FILL)
        else:
            if unit.state == "stale":
                for cell in row:
                    _shade(cell, _STALE_FILL)
            _text_cell(document, source_cell, unit.source, on_source)
            on_target = stale + on_target
        _text_cell(document, target_cell, unit.target, on_target)
        comments += len(found)
    leftover = [f for fs in by_unit.values() for f in fs if f.check != "stale"]
    if leftover:  # findings on frame lines: on the heading
        heading_runs = document.paragraphs[0].runs
        for finding in leftover:
            _comment(document, heading_runs, finding)
        comments += len(leftover)
    buffer = io.BytesIO()
    document.save(buffer)
    root = root or target.parent
    write_inside(root, target.relative_to(root).as_posix(), buffer.getvalue(),
                 error=OutputError)
    return comments


def checks_for(doc: Document, lang: str) -> Document:
    """``doc`` as the original and ``lang`` alone: the checks then find only what
    concerns the reviewed language."""
    from dataclasses import replace

    return replace(doc, languages=[doc.masthead.original_language, lang])


class _LastParagraph:
    """A cell seen through its last paragraph, where the text goes (after the label)."""

    def __init__(self, cell: Any):
        self.paragraphs = [cell.paragraphs[-1]]
