"""Package-level parts of the DOCX writer: page, header and footer, settings,
core properties, and a byte-for-byte reproducible save."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Twips

from att_docs.atomic import atomic_output
from att_docs.errors import ContentError
from att_docs.writers.docx.inline import add_run
from att_docs.writers.docx.styles import Language, RunFonts, mm_twips
from att_docs.writers.styles import Styles

__all__ = [
    "CoreInfo",
    "add_header_footer",
    "drop_template_extras",
    "save_reproducibly",
    "set_app_properties",
    "set_core_properties",
    "set_language_settings",
    "setup_page",
    "text_width_twips",
]

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "LETTER": (215.9, 279.4)}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED_RELATIONSHIPS = (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML)
_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>att-docs {version}</Application><DocSecurity>0</DocSecurity>\
<Words>{words}</Words><Characters>{characters}</Characters>\
<CharactersWithSpaces>{characters_with_spaces}</CharactersWithSpaces>\
<Paragraphs>{paragraphs}</Paragraphs><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"""
# Word counts each ideograph, kana and hangul syllable as a word, other text by spaces.
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
                    r"|[^\s\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                    r"\uac00-\ud7af\uff00-\uffef]+")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _page_mm(styles: Styles) -> tuple[float, float]:
    try:
        return PAGE_SIZES_MM[styles.page_size.upper()]
    except KeyError:
        known = ", ".join(PAGE_SIZES_MM)
        raise ContentError(f"unknown page size {styles.page_size!r}; known: {known}") from None


def text_width_twips(styles: Styles) -> int:
    """The width between the left and right margins."""
    width, _ = _page_mm(styles)
    _, _, left, right = styles.margins_mm
    return mm_twips(width - left - right)


def setup_page(document: DocxDocument, styles: Styles) -> None:
    """Paper size and margins from the styles file, on every section."""
    width, height = _page_mm(styles)
    top, bottom, left, right = styles.margins_mm
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(mm_twips(width)), Twips(mm_twips(height))
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance, section.footer_distance = Mm(top / 2), Mm(bottom / 2)


def _page_field(p: CT_P, fonts: RunFonts) -> None:
    """A complex PAGE field: begin, instruction, separate, cached result, end."""
    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        add_run(p, "", fonts).append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    add_run(p, "", fonts).append(instr)
    fld_char("separate")
    add_run(p, "1", fonts)
    fld_char("end")


def add_header_footer(document: DocxDocument, symbol: str, fonts: RunFonts) -> None:
    """The symbol in the header (not on page 1, whose masthead shows it); page numbers
    in the footer of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    add_run(header._p, symbol, fonts)
    for footer in (section.footer, section.first_page_footer):
        p = footer.paragraphs[0]
        p.style = document.styles["Footer"]
        _page_field(p._p, fonts)
    section.first_page_header.paragraphs[0].style = document.styles["Header"]


def set_language_settings(document: DocxDocument, language: Language) -> None:
    """``w:themeFontLang`` with the document's languages; no preview picture."""
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.attrib.clear()
        theme_lang.set(qn("w:val"), language.latin_tag)
        theme_lang.set(qn("w:eastAsia"), language.east_asian_tag)
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # required by the schema; the template omits it


def drop_template_extras(document: DocxDocument) -> None:
    """Drop what python-docx's template carries and a paper has no use for: the
    thumbnail, the Word 2010 ``stylesWithEffects`` copy (which would keep the theme fonts)
    and the bibliography's custom XML part."""
    part_rels = document.part.rels
    for rid in [r for r, rel in part_rels.items() if rel.reltype in _DROPPED_RELATIONSHIPS]:
        del part_rels[rid]
    package_rels = document.part.package.rels
    for rid in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rid]


@dataclass(frozen=True)
class CoreInfo:
    """What goes into ``docProps/core.xml``."""

    title: str
    subject: str
    author: str
    language: str
    date: dt.date
    category: str


def set_core_properties(document: DocxDocument, info: CoreInfo) -> None:
    """Core properties with fixed dates (the masthead date), so output is reproducible."""
    props = document.core_properties
    stamp = dt.datetime.combine(info.date, dt.time(0, 0), tzinfo=dt.UTC)
    props.title, props.subject, props.identifier = info.title, info.subject, info.subject
    props.author, props.last_modified_by = info.author, info.author
    props.language, props.category = info.language, info.category
    props.comments, props.keywords = "", ""
    props.created, props.modified = stamp, stamp
    props.revision = 1
    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:  # the template's; att-docs never printed the paper
        props._element.remove(printed)


@dataclass(frozen=True)
class TextCounts:
    """Counts for ``docProps/app.xml``, as Word would count the body text."""

    words: int
    characters: int
    characters_with_spaces: int
    paragraphs: int

    @classmethod
    def of(cls, document: DocxDocument) -> TextCounts:
        """The counts of the main text (footnotes, headers and footers aside)."""
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t")))
                      for p in document.element.body.iter(qn("w:p"))]
        text = "\n".join(paragraphs)
        return cls(words=len(_WORDS.findall(text)),
                   characters=sum(not c.isspace() for c in text),
                   characters_with_spaces=len(text) - text.count("\n"),
                   paragraphs=sum(1 for p in paragraphs if p.strip()))


def set_app_properties(document: DocxDocument, version: str) -> None:
    """``docProps/app.xml`` naming att-docs, with the text counts; pages are left to Word,
    which lays the document out, and no template is named."""
    counts = TextCounts.of(document)
    app = next(rel.target_part for rel in document.part.package.rels.values()
               if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = _APP_XML.format(  # a plain part: python-docx keeps its bytes
        version=version, words=counts.words, characters=counts.characters,
        characters_with_spaces=counts.characters_with_spaces,
        paragraphs=counts.paragraphs).encode("utf-8")


def save_reproducibly(document: DocxDocument, out: Path) -> None:
    """Save with fixed zip timestamps, atomically (temporary file, then rename)."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with atomic_output(out) as tmp, zipfile.ZipFile(buffer) as src, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename))
