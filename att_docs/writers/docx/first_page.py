"""Page one as ATT papers have it: the conference block beside the masthead.

The writer sets the frame lines one after another; this moves the leading ones into a
borderless two-column table at the top of the body (the style sheet's ``first_page``: which
styles go left, which right, the left column's width, the rule under both), as the PDF
template lays them out in a grid.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips

from att_docs.writers.docx.styles import DOCX_NAMES
from att_docs.writers.styles import Styles

__all__ = ["set_side_by_side"]

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _style_of(p: BaseOxmlElement) -> str | None:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _borders(rule_pt: float) -> BaseOxmlElement:
    """No borders but a bottom rule of ``rule_pt`` (none if 0)."""
    borders = OxmlElement("w:tblBorders")
    for side in _SIDES:
        el = OxmlElement(f"w:{side}")
        if side == "bottom" and rule_pt > 0:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(round(rule_pt * 8)))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    return borders


def _no_rule(p: BaseOxmlElement) -> None:
    """Direct ``w:pBdr`` that switches off the style's rule: the table draws it."""
    ppr = p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "nil")
    bdr.append(bottom)
    anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind",
                                               "w:contextualSpacing", "w:jc", "w:rPr")
                   if ppr.find(qn(t)) is not None), None)
    if anchor is None:
        ppr.append(bdr)
    else:
        anchor.addprevious(bdr)


def set_side_by_side(document: DocxDocument, styles: Styles, style_ids: dict[str, str],
                     text_width: int) -> None:
    """Move the leading left and right frame lines into a two-column table on page one."""
    first = styles.first_page
    if first is None:
        return
    left_ids = {style_ids[DOCX_NAMES[s]] for s in first.left if DOCX_NAMES.get(s) in style_ids}
    right_ids = {style_ids[DOCX_NAMES[s]] for s in first.right
                 if DOCX_NAMES.get(s) in style_ids}
    body = document.element.body
    left, right = [], []
    for child in body:
        style = _style_of(child) if child.tag == qn("w:p") else None
        if style in left_ids:
            left.append(child)
        elif style in right_ids:
            right.append(child)
        else:
            break
    if not left or not right:
        return
    widths = (round(text_width * first.left_width_pct / 100),)
    widths = (widths[0], text_width - widths[0])
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for el in list(tbl_pr):
        tbl_pr.remove(el)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(text_width))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    for el in (tbl_w, _borders(first.rule_below_pt), layout, margins):
        tbl_pr.append(el)
    for column, width, paragraphs in zip(table.columns, widths, (left, right), strict=True):
        column.width = Twips(width)
        cell = column.cells[0]
        cell.width = Twips(width)
        tc = cell._tc
        for p in tc.findall(qn("w:p")):
            tc.remove(p)
        for p in paragraphs:
            _no_rule(p)
            tc.append(p)
    body.insert(0, tbl)
