"""The DOCX writer: an assembled :class:`~att_docs.document.model.Document` as a Word file.

WordprocessingML written directly: one traversal of the body through a dispatch table
builds ``word/document.xml`` (and, as notes are referenced, ``word/footnotes.xml`` and
the list instances of ``word/numbering.xml``) with lxml; every other part comes from the
language's :mod:`skeleton <att_docs.writers.docx.skeleton>`, made once per process. The
look is the UN/ATT conference paper's: named paragraph styles, real Word list numbering
for paragraphs and subparagraphs, real footnotes, East Asian fonts and language tags on
every run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from lxml import etree

from att_docs import __version__
from att_docs.base.collector import collector_paused
from att_docs.document.model import (
    BlockQuote,
    DecisionList,
    Document,
    FrameBlock,
    Heading,
    Localized,
    PageBreak,
    Paragraph,
    Table,
    Text,
    TextBlock,
)
from att_docs.document.walk import dispatch, document_title
from att_docs.writers.docx import styles as st
from att_docs.writers.docx.first_page import set_side_by_side
from att_docs.writers.docx.footnotes import Footnotes, separator_twips
from att_docs.writers.docx.inline import Runs, text_in
from att_docs.writers.docx.numbering import ListCounter, Numbering
from att_docs.writers.docx.ooxml import PPR, TBLPR, TCPR, Prototypes, add, el, sub, w
from att_docs.writers.docx.package import (
    CoreInfo,
    app_properties,
    fill_core_properties,
    fill_header,
    save_package,
    xml_bytes,
)
from att_docs.writers.docx.skeleton import APP, CORE, DOCUMENT, FOOTNOTES, NUMBERING, skeleton
from att_docs.writers.keep import lead_ins
from att_docs.writers.styles import Styles

__all__ = ["write_docx"]

_BODY, _P, _PPR, _PSTYLE = w("body"), w("p"), w("pPr"), w("pStyle")
_TBL, _TR, _TC, _TCPR = w("tbl"), w("tr"), w("tc"), w("tcPr")
_TBL_LOOK = {"firstColumn": "1", "firstRow": "1", "lastColumn": "0", "lastRow": "0",
             "noHBand": "0", "noVBand": "1", "val": "04A0"}  # python-docx's, as Word's


def write_docx(document: Document, lang: str, out: Path, styles: Styles,
               draft: str | None = None) -> bytes:
    """Write `document` in language `lang` as a DOCX file at `out`; `draft` is the mark
    every page carries where the text is not ready. Returns the bytes written."""
    with collector_paused():
        return _DocxWriter(document, lang, styles, draft).write(Path(out))


class _DocxWriter:
    """One document in one language; ``write`` lays out ``document.body`` in order."""

    def __init__(self, document: Document, lang: str, styles: Styles,
                 draft: str | None = None) -> None:
        self.source, self.lang, self.styles, self.draft = document, lang, styles, draft
        self.skeleton = sk = skeleton(styles, lang, tuple(document.languages),
                                      document.subparagraph_label(lang, "{label}"))
        self.style_ids = sk.style_ids
        self.runs, self.heading_runs = sk.runs, sk.heading_runs
        self._runs_of: dict[str, Runs] = {}
        self._paragraphs = Prototypes()
        self._num_prs = Prototypes()
        template = sk.document
        self.root = etree.Element(template.tag, dict(template.attrib), nsmap=template.nsmap)
        self.body = etree.SubElement(self.root, _BODY)
        self.numbering = Numbering(copy.deepcopy(sk.numbering))
        self.paragraph_numbers = ListCounter(self.numbering, sk.paragraph_list)
        self.notes = Footnotes(document.footnotes, lang, self.runs, "FootnoteText",
                               separator_twips(styles))
        self.page_break_pending = False
        self.lead_ins = lead_ins(document.body, lang, styles.lead_in_endings)

    # ------------------------------------------------------------------ output

    def write(self, out: Path) -> bytes:
        for block in self.source.body:
            dispatch(self.RULES, block, "the DOCX writer", self)
        sk = self.skeleton
        set_side_by_side(self.body, self.styles, self.style_ids, sk.text_width)
        for closing in sk.document[0]:  # the w:sectPr
            self.body.append(copy.deepcopy(closing))
        symbol = str(self.source.masthead.symbol)
        core = fill_core_properties(sk.core, CoreInfo(
            title=self._title(), subject=symbol,
            author=self.source.masthead.submitted_by.get(self.lang, ""),
            language=sk.runs.fonts.language.tag, date=self.source.masthead.date,
            category=self.source.type))
        parts = {DOCUMENT: xml_bytes(self.root), FOOTNOTES: xml_bytes(self.notes.root),
                 NUMBERING: xml_bytes(self.numbering.root),
                 **{name: xml_bytes(part) for name, part in self._pages(symbol).items()},
                 CORE: xml_bytes(core), APP: app_properties(self.body, __version__)}
        return save_package(sk.shared, [(name, parts[name]) for name in sk.order], out)

    def _pages(self, symbol: str) -> dict[str, etree._Element]:
        """Headers and footers: the symbol in its header; a draft's mark on every page, in
        the headers or the footers (the style sheet's ``draft_mark``)."""
        sk = self.skeleton
        pages = {sk.header_name: fill_header(sk.header, symbol), **sk.pages}
        if self.draft:
            mark = self.styles.draft_mark
            name = st.DOCX_NAMES.get(mark.style, st.GENERIC_FRAME)
            for part in sk.places[mark.place]:
                page = pages[part] = copy.deepcopy(pages[part])
                p = self._styled(page, name)
                if mark.place == "header":
                    page.insert(0, p)  # above the symbol
                self._runs_for(name).run(p, self.draft)
        return pages

    def _title(self) -> str:
        """The main part's title as written: Word's title property (the frame may print
        the title in capitals, and an import takes the case back from here)."""
        return self.source.main.title.get(self.lang) or document_title(self.source, self.lang)

    # ------------------------------------------------------------------ blocks

    RULES: ClassVar[dict[type, Callable[..., None]]] = {}  # filled in below the class

    def _page_break(self, block: PageBreak) -> None:
        self.page_break_pending = True

    def _frame(self, block: FrameBlock) -> None:
        name = st.DOCX_NAMES.get(block.style, st.GENERIC_FRAME)  # any sheet style, as in the PDF
        self._para(self.body, name, self._text(block.text, block.id))

    def _heading(self, block: Heading) -> None:
        name = st.HEADING_STYLES.get(block.level, st.HEADING_STYLES[2])
        self._para(self.body, name, self._text(block.text, block.id))

    def _quote(self, block: BlockQuote) -> None:
        p = self._para(self.body, st.BLOCK_QUOTE, self._text(block.text, block.id))
        self._keep_if_lead_in(p, block.id)

    def _keep_if_lead_in(self, p: etree._Element, block_id: str) -> None:
        """A paragraph that leads into what follows stays on its page (``w:keepNext``)."""
        if block_id in self.lead_ins:
            sub(p[0], w("keepNext"), PPR)

    def _text(self, value: Localized, block_id: str) -> Text:
        return text_in(value, self.lang, f"block {block_id!r}")

    def _runs_for(self, style_name: str) -> Runs:
        runs = self._runs_of.get(style_name)
        if runs is None:
            heading = st.uses_heading_face(self.styles, style_name)
            runs = self._runs_of[style_name] = self.heading_runs if heading else self.runs
        return runs

    def _styled(self, parent: etree._Element, style_name: str) -> etree._Element:
        """A new ``w:p`` in ``parent`` with its ``w:pPr`` and ``w:pStyle``."""
        proto = self._paragraphs.get(style_name)
        if proto is None:
            proto = el(_P)
            el(_PSTYLE, el(_PPR, proto), val=self.style_ids[style_name])
            proto = self._paragraphs.keep(style_name, proto)
        p = Prototypes.copy(proto)
        parent.append(p)
        return p

    def _number(self, ppr: etree._Element, num_id: int, ilvl: int) -> None:
        """Direct ``w:numPr`` on a paragraph's properties."""
        proto = self._num_prs.get((num_id, ilvl))
        if proto is None:
            proto = el(w("numPr"))
            el(w("ilvl"), proto, val=str(ilvl))
            el(w("numId"), proto, val=str(num_id))
            proto = self._num_prs.keep((num_id, ilvl), proto)
        add(ppr, Prototypes.copy(proto), PPR)

    def _para(self, parent: etree._Element, style_name: str, text: Text | None,
              numbering: tuple[int, int] | None = None) -> etree._Element:
        """A body paragraph in ``style_name``, with an optional (numId, ilvl)."""
        p = self._styled(parent, style_name)
        if self.page_break_pending:
            sub(p[0], w("pageBreakBefore"), PPR)
            self.page_break_pending = False
        if numbering:
            self._number(p[0], *numbering)
        if text is not None:
            self._runs_for(style_name).text(p, text, self.notes)
        return p

    def _paragraph(self, block: Paragraph) -> None:
        num_id = None
        if block.numbered:
            num_id = self.paragraph_numbers.num_for(block.number)
            p = self._para(self.body, st.NUMBERED, self._text(block.text, block.id),
                           (num_id, 0))
        else:
            p = self._para(self.body, st.BODY, self._text(block.text, block.id))
        self._keep_if_lead_in(p, block.id)
        if block.subparagraphs and num_id is None:
            num_id = self.paragraph_numbers.detached(block.subparagraphs[0].index or 1)
        for part in block.subparagraphs:
            self._para(self.body, st.SUBPARAGRAPH, self._text(part.text, part.id), (num_id, 1))

    def _decisions(self, block: DecisionList) -> None:
        bullet = self.skeleton.bullet_num
        for group in block.groups:
            self._para(self.body, st.DECISION_LEAD, self._text(group.lead, group.id))
            for item in group.items:
                self._para(self.body, st.DECISION_ITEM, self._text(item.text, item.id),
                           (bullet, 0))

    # ------------------------------------------------------------------ tables

    def _table(self, block: Table) -> None:
        """Title row spanning all columns (repeated on each page, kept with the first row),
        label column, cells; fixed layout: the label column takes the style sheet's share,
        the rest share the remainder; its cell margins and rules."""
        if self.page_break_pending:
            self._para(self.body, "Normal", None)
        spec = self.styles.table
        columns = 1 + max([1, *(len(row.cells) for row in block.rows)])
        label = round(self.skeleton.text_width * spec.label_column_pct / 100)
        rest = self.skeleton.text_width - label
        widths = [label] + [rest // (columns - 1)] * (columns - 1)
        tbl = etree.SubElement(self.body, _TBL)
        tbl_pr = el(w("tblPr"), tbl)
        sub(tbl_pr, w("tblStyle"), TBLPR, val=self.style_ids["Table Grid"])
        sub(tbl_pr, w("tblW"), TBLPR, type="dxa", w=str(sum(widths)))
        sub(tbl_pr, w("jc"), TBLPR, val="center")
        borders = sub(tbl_pr, w("tblBorders"), TBLPR)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el(w(side), borders, val="single", sz=str(round(spec.rule_pt * 8)), space="0",
               color="auto")
        sub(tbl_pr, w("tblLayout"), TBLPR, type="fixed")
        margins = sub(tbl_pr, w("tblCellMar"), TBLPR)
        for side in ("top", "left", "bottom", "right"):  # the schema's order
            points = getattr(spec.cell_margins_pt, side)
            el(w(side), margins, w=str(round(points * 20)), type="dxa")
        sub(tbl_pr, w("tblLook"), TBLPR, **_TBL_LOOK)
        grid = el(w("tblGrid"), tbl)
        for width in widths:
            el(w("gridCol"), grid, w=str(width))
        title_row = etree.SubElement(tbl, _TR)
        tr_pr = el(w("trPr"), title_row)  # a header row that repeats and does not split
        el(w("cantSplit"), tr_pr)
        el(w("tblHeader"), tr_pr)
        title = self._cell(title_row, sum(widths))
        sub(title[0], w("gridSpan"), TCPR, val=str(columns))
        self._cell_text(title, self._text(block.title, block.id), st.TABLE_HEADING)
        fill = self.styles.look("table-heading").shading
        if fill:
            sub(title[0], w("shd"), TCPR, val="clear", color="auto", fill=fill)
        for row in block.rows:
            tr = etree.SubElement(tbl, _TR)
            self._cell_text(self._cell(tr, widths[0]), self._text(row.label, row.id),
                            st.TABLE_LABEL)
            for cell, width in zip(row.cells, widths[1:], strict=False):
                self._cell_text(self._cell(tr, width), self._text(cell.text, cell.id),
                                st.TABLE_TEXT)
            for width in widths[1 + len(row.cells):]:  # short rows: empty cells
                self._styled(self._cell(tr, width), st.TABLE_TEXT)
        etree.SubElement(self.body, _P)  # Normal; keeps tables apart

    @staticmethod
    def _cell(tr: etree._Element, width: int) -> etree._Element:
        tc = etree.SubElement(tr, _TC)
        sub(el(_TCPR, tc), w("tcW"), TCPR, type="dxa", w=str(width))
        return tc

    def _cell_text(self, cell: etree._Element, text: Text, style_name: str) -> None:
        """Each TextBlock is a paragraph; list items get real list numbering."""
        runs = self._runs_for(style_name)
        counter = ListCounter(self.numbering, self.skeleton.cell_list)
        for block in text.blocks or [TextBlock([])]:
            p = self._styled(cell, style_name)
            if block.list_kind == "ordered":
                self._number(p[0], counter.num_for(block.number), 0)
            elif block.list_kind == "bullet":
                self._number(p[0], self.skeleton.cell_bullet_num, 0)
            runs.block(p, block, self.notes)


_DocxWriter.RULES.update({
    # how each block type is laid out: one rule per type of the model, f(block, writer)
    PageBreak: lambda block, w: w._page_break(block),
    FrameBlock: lambda block, w: w._frame(block),
    Heading: lambda block, w: w._heading(block),
    Paragraph: lambda block, w: w._paragraph(block),
    BlockQuote: lambda block, w: w._quote(block),
    Table: lambda block, w: w._table(block),
    DecisionList: lambda block, w: w._decisions(block),
})
