"""The DOCX writer: an assembled :class:`~att_docs.document.model.Document` as a Word file.

Built on python-docx's default template, restyled to the UN/ATT conference-paper look:
named paragraph styles, real Word list numbering for paragraphs and subparagraphs, real
footnotes (``word/footnotes.xml``), East Asian fonts and language tags on every run.
Helpers live in the sibling modules ``styles``, ``numbering``, ``footnotes``,
``inline`` and ``package``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from att_docs import __version__
from att_docs.document.model import (
    Block,
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
from att_docs.errors import ContentError
from att_docs.writers.docx import styles as st
from att_docs.writers.docx.first_page import set_side_by_side
from att_docs.writers.docx.footnotes import Footnotes
from att_docs.writers.docx.inline import add_inlines, add_text, text_in
from att_docs.writers.docx.numbering import Level, ListCounter, Numbering
from att_docs.writers.docx.package import (
    CoreInfo,
    add_header_footer,
    drop_template_extras,
    save_reproducibly,
    set_app_properties,
    set_core_properties,
    set_language_settings,
    setup_page,
    text_width_twips,
)
from att_docs.writers.styles import Styles

__all__ = ["write_docx"]

LABEL_SHARE = 0.3  # of the text width, for a table's label column
_CELL_LIST_MM = 6  # hanging indent of numbered and bulleted lists in table cells
_BULLET = "\u2022"


def write_docx(document: Document, lang: str, out: Path, styles: Styles) -> None:
    """Write `document` in language `lang` as a DOCX file at `out`."""
    _DocxWriter(document, lang, styles).write(Path(out))


def _style_id(name: str) -> str:
    """The w:styleId python-docx gives a custom style called ``name``."""
    return name.replace(" ", "")


@dataclass(frozen=True)
class _Skeleton:
    """A styled empty document (page, styles, list definitions) for one language.

    Building it costs more than writing a paper's text, so each process builds it once
    per (styles, languages, language) and every document starts from a copy of its bytes.
    """

    package: bytes
    language: st.Language
    fonts: st.RunFonts
    heading_fonts: st.RunFonts
    text_width: int
    style_ids: dict[str, str]
    paragraph_list: int  # abstractNumId of numbered paragraphs and subparagraphs
    cell_list: int  # abstractNumId of ordered lists in table cells
    cell_bullet_num: int
    bullet_num: int


_SKELETONS: dict[tuple[int, str, tuple[str, ...]], tuple[Styles, _Skeleton]] = {}


def _skeleton(styles: Styles, lang: str, languages: tuple[str, ...]) -> _Skeleton:
    key = (id(styles), lang, languages)
    cached = _SKELETONS.get(key)
    if cached is None or cached[0] is not styles:
        cached = (styles, _build_skeleton(styles, lang, languages))
        _SKELETONS[key] = cached
    return cached[1]


def _build_skeleton(styles: Styles, lang: str, languages: tuple[str, ...]) -> _Skeleton:
    if lang not in styles.docx_fonts:
        raise ContentError(f"the styles file has no docx_fonts for language {lang!r}")
    faces = styles.docx_fonts[lang]
    language = st.language_of(lang, list(languages), styles)
    fonts = st.RunFonts(faces.latin, faces.east_asian, language)
    heading_fonts = st.RunFonts(faces.latin, faces.heading_east_asian, language)
    doc = docx.Document()
    drop_template_extras(doc)
    setup_page(doc, styles)
    text_width = text_width_twips(styles)
    numbering = Numbering(doc)
    lists = _define_lists(numbering, styles, faces.latin)
    st.define_styles(doc, styles, fonts, faces.heading_east_asian,
                     {"paragraph": lists["paragraph_num"], "bullet": lists["bullet_num"]},
                     text_width)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _Skeleton(
        package=buffer.getvalue(), language=language, fonts=fonts,
        heading_fonts=heading_fonts, text_width=text_width,
        style_ids={s.name: s.style_id for s in doc.styles},
        paragraph_list=lists["paragraph"], cell_list=lists["cell_ordered"],
        cell_bullet_num=lists["cell_bullet_num"], bullet_num=lists["bullet_num"])


def _define_lists(numbering: Numbering, styles: Styles, bullet_font: str) -> dict[str, int]:
    """The list kinds: abstract ids, and the numIds that the list styles link to."""
    spacing = styles.spacing
    num = st.mm_twips(spacing["number_indent_mm"])
    sub = st.mm_twips(spacing["subparagraph_indent_mm"])
    cell = st.mm_twips(_CELL_LIST_MM)
    paragraph = numbering.add_abstract("ATT Paragraphs", [
        Level("decimal", "%1.", num, num, _style_id(st.NUMBERED)),
        Level("lowerLetter", "%2.", sub, sub - num, _style_id(st.SUBPARAGRAPH)),
    ])
    bullet = numbering.add_abstract(
        "ATT Bullets", [Level("bullet", _BULLET, sub, sub - num, font=bullet_font)])
    cell_ordered = numbering.add_abstract(
        "ATT Table List", [Level("decimal", "%1.", cell, cell)])
    cell_bullet = numbering.add_abstract(
        "ATT Table Bullets", [Level("bullet", _BULLET, cell, cell, font=bullet_font)])
    return {
        "paragraph": paragraph,
        "cell_ordered": cell_ordered,
        "cell_bullet_num": numbering.add_num(cell_bullet),
        "bullet_num": numbering.add_num(bullet),
        "paragraph_num": numbering.add_num(paragraph),
    }


class _DocxWriter:
    """One document in one language; ``write`` lays out ``document.body`` in order."""

    def __init__(self, document: Document, lang: str, styles: Styles) -> None:
        self.source, self.lang, self.styles = document, lang, styles
        skeleton = _skeleton(styles, lang, tuple(document.languages))
        self.language, self.fonts, self.heading_fonts = (
            skeleton.language, skeleton.fonts, skeleton.heading_fonts)
        self.text_width = skeleton.text_width
        self.doc = docx.Document(io.BytesIO(skeleton.package))
        self.numbering = Numbering(self.doc)
        self.paragraph_numbers = ListCounter(self.numbering, skeleton.paragraph_list)
        self.cell_ordered = skeleton.cell_list
        self.cell_bullet_num = skeleton.cell_bullet_num
        self.bullet_num = skeleton.bullet_num
        self.style_ids = skeleton.style_ids
        self.notes = Footnotes(self.doc, document.footnotes, lang, self.fonts, "FootnoteText")
        self.page_break_pending = False

    def _set_style(self, paragraph: DocxParagraph, style_name: str) -> None:
        # python-docx resolves a style name by scanning every style on each assignment;
        # the skeleton resolved each name once, so write w:pStyle directly.
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self.style_ids[style_name]

    # ------------------------------------------------------------------ output

    def write(self, out: Path) -> None:
        for block in self.source.body:
            self._block(block)
        set_side_by_side(self.doc, self.styles, self.style_ids, self.text_width)
        symbol = str(self.source.masthead.symbol)
        add_header_footer(self.doc, symbol, self.fonts)
        set_language_settings(self.doc, self.language)
        set_core_properties(self.doc, CoreInfo(
            title=self._title(), subject=symbol,
            author=self.source.masthead.submitted_by.get(self.lang, ""),
            language=self.language.tag, date=self.source.masthead.date,
            category=self.source.type))
        set_app_properties(self.doc, __version__)
        save_reproducibly(self.doc, out)

    def _title(self) -> str:
        """The main part's title as written: Word's title property (the frame may print
        the title in capitals, and an import takes the case back from here)."""
        return self.source.main.title.get(self.lang) or document_title(self.source, self.lang)

    # ------------------------------------------------------------------ blocks

    def _block(self, block: Block) -> None:
        dispatch(self.RULES, block, "the DOCX writer", self)

    RULES: ClassVar[dict[type, Callable[..., None]]] = {}  # filled in below the class

    def _page_break(self, block: PageBreak) -> None:
        self.page_break_pending = True

    def _frame(self, block: FrameBlock) -> None:
        name = st.FRAME_STYLES.get(block.style, st.GENERIC_FRAME)
        self._para(name, self._text(block.text, block.id))

    def _heading(self, block: Heading) -> None:
        name = st.HEADING_STYLES.get(block.level, st.HEADING_STYLES[2])
        self._para(name, self._text(block.text, block.id))

    def _quote(self, block: BlockQuote) -> None:
        self._para(st.BLOCK_QUOTE, self._text(block.text, block.id))

    def _text(self, value: Localized, block_id: str) -> Text:
        return text_in(value, self.lang, f"block {block_id!r}")

    def _fonts_for(self, style_name: str) -> st.RunFonts:
        return self.heading_fonts if st.uses_heading_face(self.styles, style_name) else self.fonts

    def _para(self, style_name: str, text: Text | None,
              numbering: tuple[int, int] | None = None) -> CT_P:
        """A body paragraph in ``style_name``, with an optional (numId, ilvl)."""
        paragraph = self.doc.add_paragraph()
        self._set_style(paragraph, style_name)
        if self.page_break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.page_break_pending = False
        p = paragraph._p
        if numbering:
            _number(p, *numbering)
        if text is not None:
            add_text(p, text, self._fonts_for(style_name), self.notes)
        return p

    def _paragraph(self, block: Paragraph) -> None:
        num_id = None
        if block.numbered:
            num_id = self.paragraph_numbers.num_for(block.number)
            self._para(st.NUMBERED, self._text(block.text, block.id), (num_id, 0))
        else:
            self._para(st.BODY, self._text(block.text, block.id))
        if block.subparagraphs and num_id is None:
            num_id = self.paragraph_numbers.detached(block.subparagraphs[0].index or 1)
        for sub in block.subparagraphs:
            self._para(st.SUBPARAGRAPH, self._text(sub.text, sub.id), (num_id, 1))

    def _decisions(self, block: DecisionList) -> None:
        for group in block.groups:
            self._para(st.DECISION_LEAD, self._text(group.lead, group.id))
            for item in group.items:
                self._para(st.DECISION_ITEM, self._text(item.text, item.id),
                           (self.bullet_num, 0))

    # ------------------------------------------------------------------ tables

    def _table(self, block: Table) -> None:
        """Title row spanning all columns (repeated on each page), label column, cells."""
        if self.page_break_pending:
            self._para("Normal", None)
        columns = 1 + max([1, *(len(row.cells) for row in block.rows)])
        table = self.doc.add_table(rows=1 + len(block.rows), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = self._column_widths(table, columns)
        title = table.cell(0, 0).merge(table.cell(0, columns - 1))
        title.width = Twips(sum(widths))
        _repeat_as_header(table)
        self._cell_text(title, self._text(block.title, block.id), st.TABLE_HEADING)
        fill = self.styles.look("table-heading").shading
        if fill:
            st.shade_cell(title._tc.get_or_add_tcPr(), fill)
        for index, row in enumerate(block.rows, start=1):
            for cell in table.rows[index].cells:  # short rows: empty cells in table text
                self._set_style(cell.paragraphs[0], st.TABLE_TEXT)
            self._cell_text(table.cell(index, 0), self._text(row.label, row.id), st.TABLE_LABEL)
            for column, cell in enumerate(row.cells, start=1):
                self._cell_text(table.cell(index, column), self._text(cell.text, cell.id),
                                st.TABLE_TEXT)
        self.doc.add_paragraph()  # Normal; keeps tables apart

    def _column_widths(self, table: DocxTable, columns: int) -> list[int]:
        """Fixed layout: the label column takes LABEL_SHARE, the rest share the remainder."""
        label = round(self.text_width * LABEL_SHARE)
        rest = self.text_width - label
        widths = [label] + [rest // (columns - 1)] * (columns - 1)
        table.autofit = False
        tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:type"), "dxa")
            tbl_w.set(qn("w:w"), str(sum(widths)))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Twips(width)
            for cell in column.cells:
                cell.width = Twips(width)
        return widths

    def _cell_text(self, cell: _Cell, text: Text, style_name: str) -> None:
        """Each TextBlock is a paragraph; list items get real list numbering."""
        fonts = self._fonts_for(style_name)
        counter = ListCounter(self.numbering, self.cell_ordered)
        for index, block in enumerate(text.blocks or [TextBlock([])]):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            self._set_style(paragraph, style_name)
            if block.list_kind == "ordered":
                _number(paragraph._p, counter.num_for(block.number), 0)
            elif block.list_kind == "bullet":
                _number(paragraph._p, self.cell_bullet_num, 0)
            add_inlines(paragraph._p, block.inlines, fonts, self.notes)


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


def _number(p: CT_P, num_id: int, ilvl: int) -> None:
    """Direct ``w:numPr`` on a paragraph."""
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _repeat_as_header(table: DocxTable) -> None:
    """Mark the first row as a header row that repeats and does not split."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))
