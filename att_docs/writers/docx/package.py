"""Package-level parts of the DOCX writer: page, header and footer, settings, core and
app properties, and a byte-for-byte reproducible save.

The functions that take a python-docx document prepare a language's skeleton once; the
others fill one paper's copy of a part and write the zip."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from lxml import etree

from att_docs.base.atomic import atomic_output
from att_docs.base.errors import ContentError
from att_docs.language.scripts import EAST_ASIAN, EAST_ASIAN_LETTERS
from att_docs.writers.docx.inline import Runs
from att_docs.writers.docx.ooxml import XML_SPACE, el, w
from att_docs.writers.docx.styles import Language, mm_twips
from att_docs.writers.styles import Styles

__all__ = [
    "CoreInfo",
    "add_header_footer",
    "app_properties",
    "drop_template_extras",
    "fill_core_properties",
    "fill_header",
    "prepare_core_properties",
    "save_package",
    "set_language_settings",
    "setup_page",
    "static_zip",
    "text_width_twips",
    "xml_bytes",
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
_WORDS = re.compile(f"[{EAST_ASIAN_LETTERS}]|[^\\s{EAST_ASIAN}]+")
_ANY_EAST_ASIAN = re.compile(f"[{EAST_ASIAN}]")
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
        header, footer = styles.header_distance_mm
        section.header_distance, section.footer_distance = Mm(header), Mm(footer)


def _page_field(p: etree._Element, runs: Runs) -> None:
    """A complex PAGE field: begin, instruction, separate, cached result, end."""
    def fld_char(kind: str) -> None:
        el(w("fldChar"), runs.run(p, ""), fldCharType=kind)

    fld_char("begin")
    instr = el(w("instrText"), runs.run(p, ""))
    instr.set(XML_SPACE, "preserve")
    instr.text = " PAGE "
    fld_char("separate")
    runs.run(p, "1")
    fld_char("end")


def add_header_footer(document: DocxDocument, runs: Runs) -> dict[str, tuple[str, ...]]:
    """An empty run for the symbol in the header (not on page 1, whose masthead shows
    it); page numbers in the footer of every page. Returns the part names of the headers
    (the one with the symbol first) and of the footers: ``{"header": …, "footer": …}``."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    runs.run(header._p, "")
    for footer in (section.footer, section.first_page_footer):
        p = footer.paragraphs[0]
        p.style = document.styles["Footer"]
        _page_field(p._p, runs)
    section.first_page_header.paragraphs[0].style = document.styles["Header"]
    return {place: tuple(part.part.partname.lstrip("/") for part in parts) for place, parts in
            (("header", (section.header, section.first_page_header)),
             ("footer", (section.footer, section.first_page_footer)))}


def fill_header(header: etree._Element, symbol: str) -> etree._Element:
    """A copy of the header part with ``symbol`` in its last run."""
    header = copy.deepcopy(header)
    run = header.findall(f".//{w('r')}")[-1]
    if symbol:
        el(w("t"), run).text = symbol
        if len(symbol.strip()) < len(symbol):
            run[-1].set(XML_SPACE, "preserve")
    return header


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


_CORE_TEXTS = ("title", "subject", "identifier", "creator", "lastModifiedBy", "language",
               "category", "created", "modified")


def prepare_core_properties(document: DocxDocument) -> None:
    """Every core property the writer fills, in a fixed order; no print date (the
    template's: att-docs never printed the paper)."""
    props = document.core_properties
    stamp = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    props.title, props.subject, props.identifier = "-", "-", "-"
    props.author, props.last_modified_by = "-", "-"
    props.language, props.category = "-", "-"
    props.comments, props.keywords = "", ""
    props.created, props.modified = stamp, stamp
    props.revision = 1
    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        props._element.remove(printed)


def fill_core_properties(core: etree._Element, info: CoreInfo) -> etree._Element:
    """A copy of the prepared core properties with ``info``; the dates are the masthead
    date, so output is reproducible."""
    core = copy.deepcopy(core)
    stamp = dt.datetime.combine(info.date, dt.time(0, 0)).strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {"title": info.title, "subject": info.subject, "identifier": info.subject,
              "creator": info.author, "lastModifiedBy": info.author,
              "language": info.language, "category": info.category,
              "created": stamp, "modified": stamp}
    for child in core:
        name = etree.QName(child).localname
        if name in values:
            child.text = values[name]
    return core


@dataclass(frozen=True)
class TextCounts:
    """Counts for ``docProps/app.xml``, as Word would count the body text."""

    words: int
    characters: int
    characters_with_spaces: int
    paragraphs: int

    @classmethod
    def of(cls, body: etree._Element) -> TextCounts:
        """The counts of the main text (footnotes, headers and footers aside)."""
        t = w("t")
        paragraphs = ["".join(x.text or "" for x in p.iter(t)) for p in body.iter(w("p"))]
        text = "\n".join(paragraphs)
        # without East Asian characters or punctuation, words are what split() finds
        words = (len(_WORDS.findall(text)) if _ANY_EAST_ASIAN.search(text)
                 else len(text.split()))
        return cls(words=words,
                   characters=len("".join(text.split())),  # not whitespace
                   characters_with_spaces=len(text) - text.count("\n"),
                   paragraphs=sum(1 for p in paragraphs if p.strip()))


def app_properties(body: etree._Element, version: str) -> bytes:
    """``docProps/app.xml`` naming att-docs, with the text counts; pages are left to Word,
    which lays the document out, and no template is named."""
    counts = TextCounts.of(body)
    return _APP_XML.format(
        version=version, words=counts.words, characters=counts.characters,
        characters_with_spaces=counts.characters_with_spaces,
        paragraphs=counts.paragraphs).encode("utf-8")


def xml_bytes(root: etree._Element) -> bytes:
    """A part's XML as python-docx and Word write it: UTF-8, standalone declaration."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0
    return entry


def static_zip(parts: list[tuple[str, bytes]]) -> bytes:
    """The parts every paper of a language shares, compressed once."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            dst.writestr(_entry(name), data)
    return buffer.getvalue()


def save_package(shared: bytes, parts: list[tuple[str, bytes]], out: Path) -> bytes:
    """The shared parts, then this paper's ``parts``, with fixed zip timestamps;
    atomically (temporary file, then rename). Returns the bytes written."""
    buffer = io.BytesIO(shared)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:  # the fastest level: a third of the time, a bit larger
            dst.writestr(_entry(name), data, compresslevel=1)
    data = buffer.getvalue()
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
    return data
