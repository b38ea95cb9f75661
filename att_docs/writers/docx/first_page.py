"""Page one as ATT papers have it: the conference block beside the masthead.

The writer sets the frame lines one after another; this moves the leading ones into a
borderless two-column table at the top of the body (the style sheet's ``first_page``: which
styles go left, which right, the left column's width, the rule under both and its gap
below the longer column), as the PDF template lays them out in a grid.
"""

from __future__ import annotations

from lxml import etree

from att_docs.writers.docx.ooxml import PPR, TBLPR, TCPR, el, sub, w
from att_docs.writers.docx.styles import DOCX_NAMES
from att_docs.writers.styles import Styles

__all__ = ["set_side_by_side"]

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_P, _PPR, _PSTYLE, _VAL = w("p"), w("pPr"), w("pStyle"), w("val")


def _style_of(p: etree._Element) -> str | None:
    ppr = p.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


def _borders(parent: etree._Element, rule_pt: float) -> None:
    """No borders but a bottom rule of ``rule_pt`` (none if 0)."""
    borders = sub(parent, w("tblBorders"), TBLPR)
    for side in _SIDES:
        if side == "bottom" and rule_pt > 0:
            el(w(side), borders, val="single", sz=str(round(rule_pt * 8)), space="0",
               color="auto")
        else:
            el(w(side), borders, val="nil")


def _no_rule(p: etree._Element) -> None:
    """Direct ``w:pBdr`` that switches off the style's rule: the table draws it."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = el(_PPR)
        p.insert(0, ppr)
    bdr = sub(ppr, w("pBdr"), PPR)
    el(w("bottom"), bdr, val="nil")


def set_side_by_side(body: etree._Element, styles: Styles, style_ids: dict[str, str],
                     text_width: int) -> None:
    """Move the leading left and right frame lines into a two-column table on page one."""
    first = styles.first_page
    if first is None:
        return
    def ids(names: list[str]) -> set[str]:
        return {style_ids[DOCX_NAMES[s]] for s in names if DOCX_NAMES.get(s) in style_ids}

    left_ids, right_ids = ids(first.left), ids(first.right)
    left, right = [], []
    for child in body:
        style = _style_of(child) if child.tag == _P else None
        if style in left_ids:
            left.append(child)
        elif style in right_ids:
            right.append(child)
        else:
            break
    if not left or not right:
        return
    left_width = round(text_width * first.left_width_pct / 100)
    widths = (left_width, text_width - left_width)
    tbl = el(w("tbl"))
    tbl_pr = el(w("tblPr"), tbl)
    sub(tbl_pr, w("tblW"), TBLPR, w=str(text_width), type="dxa")
    _borders(tbl_pr, first.rule_below_pt)
    sub(tbl_pr, w("tblLayout"), TBLPR, type="fixed")
    margins = sub(tbl_pr, w("tblCellMar"), TBLPR)  # the rule's gap below the longer column
    gap = str(round(first.rule_gap_pt * 20))
    for side, width in (("top", "0"), ("left", "0"), ("bottom", gap), ("right", "0")):
        el(w(side), margins, w=width, type="dxa")
    grid = el(w("tblGrid"), tbl)
    for width in widths:
        el(w("gridCol"), grid, w=str(width))
    tr = el(w("tr"), tbl)
    for width, paragraphs in zip(widths, (left, right), strict=True):
        tc = el(w("tc"), tr)
        sub(el(w("tcPr"), tc), w("tcW"), TCPR, type="dxa", w=str(width))
        for p in paragraphs:
            _no_rule(p)
            tc.append(p)
    body.insert(0, tbl)
    body.insert(0, _anchor())


def _anchor() -> etree._Element:
    """An empty paragraph one twip high that opens the body before the table: LibreOffice
    (7.4) sets an empty line above a table that opens the body when page one has a
    footnote, which would push page one down by a line."""
    p = el(_P)
    ppr = el(_PPR, p)
    el(w("spacing"), ppr, after="0", line="1", lineRule="exact")
    el(w("sz"), el(w("rPr"), ppr), val="2")
    return p
