"""A language's skeleton: every DOCX part that is the same for each paper, made once.

python-docx restyles its default template into the ATT look (page, named styles, list
definitions, header and footer, settings, properties); the parts that do not depend on
the paper are then compressed once into the start of a zip, and those that do (the
document, footnotes, numbering instances, the headers and footers, which carry the symbol
and a draft's mark, the properties) are kept as parsed templates that each paper copies and
fills.

Building a skeleton costs a few tenths of a second per language, so it is also kept in
the disk cache (:mod:`att_docs.base.diskcache`), named by what it is made from: the style
sheet as read, the language and the conference's languages, the subparagraph label,
python-docx's version and att-docs' own source. A new process reads it back instead.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from lxml import etree
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from att_docs.base.diskcache import cache_path, read_cached, write_cached
from att_docs.base.errors import ContentError
from att_docs.base.xmlsafe import HARDENED
from att_docs.writers.docx import styles as st
from att_docs.writers.docx.footnotes import declare_separators, separator_twips, separators
from att_docs.writers.docx.inline import Runs
from att_docs.writers.docx.numbering import Level, Numbering
from att_docs.writers.docx.package import (
    add_header_footer,
    drop_template_extras,
    prepare_core_properties,
    set_language_settings,
    setup_page,
    static_zip,
    text_width_twips,
)
from att_docs.writers.docx.style_set import drop_lists, font_table, keep_styles
from att_docs.writers.styles import Styles

__all__ = ["DOCUMENT", "FOOTNOTES", "Skeleton", "skeleton"]

DOCUMENT, FOOTNOTES, NUMBERING = "word/document.xml", "word/footnotes.xml", "word/numbering.xml"
CORE, APP = "docProps/core.xml", "docProps/app.xml"
FONT_TABLE = "word/fontTable.xml"
_BULLET = "\u2022"
_PARSER = etree.XMLParser(remove_blank_text=True, **HARDENED)  # the cache file is read too


@dataclass(frozen=True)
class Skeleton:
    """A styled empty document for one language, as shared zip entries and templates.

    Building it costs far more than writing a paper's text, so each process builds it
    once per (styles, languages, language) and every paper starts from it.
    """

    shared: bytes  # the zip entries every paper has as they are, compressed
    order: tuple[str, ...]  # the names of the paper's own parts, in package order
    document: etree._Element  # w:document with the body's closing w:sectPr
    numbering: etree._Element
    header: etree._Element  # the header that shows the symbol
    header_name: str
    pages: dict[str, etree._Element]  # every other header and footer, by part name
    places: dict[str, tuple[str, ...]]  # "header", "footer": the part names of each
    core: etree._Element
    runs: Runs  # the body's
    heading_runs: Runs  # in the heading face
    text_width: int
    style_ids: dict[str, str]
    paragraph_list: int  # abstractNumId of numbered paragraphs and subparagraphs
    cell_list: int  # abstractNumId of ordered lists in table cells
    cell_bullet_num: int
    bullet_num: int


_KEPT = 12  # skeletons kept: a few languages of a few style sheets
_SKELETONS: dict[tuple[int, str, tuple[str, ...], str], tuple[Styles, Skeleton]] = {}


def skeleton(styles: Styles, lang: str, languages: tuple[str, ...],
             sub_label: str = "{label}.") -> Skeleton:
    """The skeleton for ``lang`` among ``languages``, built once per style sheet (which
    :func:`~att_docs.writers.styles.load_styles` reads once per content) and
    subparagraph label (``{label}.`` or ``{label})``, from the house style)."""
    key = (id(styles), lang, languages, sub_label)
    cached = _SKELETONS.get(key)
    if cached is None or cached[0] is not styles:
        cached = (styles, _stored(styles, lang, languages, sub_label))
        if len(_SKELETONS) >= _KEPT:  # a watch that sees the style sheet change often
            _SKELETONS.pop(next(iter(_SKELETONS)))
        _SKELETONS[key] = cached
    return cached[1]


def _style_id(name: str) -> str:
    """The w:styleId python-docx gives a custom style called ``name``."""
    return name.replace(" ", "")


def _define_lists(numbering: Numbering, styles: Styles, bullet_font: str,
                  sub_label: str) -> dict[str, int]:
    """The list kinds: abstract ids, and the numIds that the list styles link to."""
    spacing = styles.spacing
    num = st.mm_twips(spacing["number_indent_mm"])
    sub = st.mm_twips(spacing["subparagraph_indent_mm"])
    cell = st.mm_twips(styles.table.cell_list_indent_mm)
    paragraph = numbering.add_abstract("ATT Paragraphs", [
        Level("decimal", "%1.", num, num, _style_id(st.NUMBERED)),
        Level("lowerLetter", sub_label.format(label="%2"), sub, sub - num,
              _style_id(st.SUBPARAGRAPH)),
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


def _fonts(styles: Styles, lang: str,
           languages: tuple[str, ...]) -> tuple[st.RunFonts, st.RunFonts]:
    """The body's and the headings' run fonts of ``lang``."""
    if lang not in styles.fonts:
        raise ContentError(f"the styles file has no fonts for language {lang!r}")
    faces = styles.fonts[lang]
    language = st.language_of(lang, list(languages), styles)
    return (st.RunFonts(faces.latin, faces.east_asian, language),
            st.RunFonts(faces.latin, faces.heading_east_asian, language))


# ------------------------------------------------------------------ the disk cache

FORMAT = 1  # of the cached skeletons; bump when what is stored changes


class _Stored(TypedDict):
    """A skeleton as the disk cache keeps it: XML as text, the shared zip in base64."""

    shared: str
    order: list[str]
    parts: dict[str, str]  # part name → XML: the document, numbering, headers, footers, core
    header_name: str
    places: dict[str, list[str]]
    text_width: int
    style_ids: dict[str, str]
    lists: list[int]  # paragraph_list, cell_list, cell_bullet_num, bullet_num


def _cache_file(styles: Styles, lang: str, languages: tuple[str, ...],
                sub_label: str) -> Any:
    from att_docs.base.diskcache import tool_version
    from att_docs.base.hashing import tool_sha256

    sheet = hashlib.sha256(repr(styles).encode()).hexdigest()  # the sheet as read
    return cache_path("docx-skeleton", FORMAT, tool_sha256(), tool_version("python-docx"), sheet,
                      lang, list(languages), sub_label)


def _stored(styles: Styles, lang: str, languages: tuple[str, ...], sub_label: str) -> Skeleton:
    """The skeleton kept in the disk cache for these inputs, else built and kept."""
    fonts = _fonts(styles, lang, languages)
    path = _cache_file(styles, lang, languages, sub_label)
    if path is not None:
        stored = read_cached(path, _Stored)
        if stored is not None:
            try:
                return _from_stored(stored, *fonts)
            except (KeyError, IndexError, ValueError, binascii.Error, etree.XMLSyntaxError):
                pass  # written by hand: made again below, and kept over it
    made = _build(styles, lang, languages, sub_label, *fonts)
    if path is not None:
        write_cached(path, _to_stored(made))
    return made


def _xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


def _to_stored(sk: Skeleton) -> _Stored:
    parts = {DOCUMENT: sk.document, NUMBERING: sk.numbering, CORE: sk.core,
             sk.header_name: sk.header, **sk.pages}
    return {"shared": base64.b64encode(sk.shared).decode("ascii"), "order": list(sk.order),
            "parts": {name: _xml(element) for name, element in parts.items()},
            "header_name": sk.header_name,
            "places": {k: list(v) for k, v in sk.places.items()},
            "text_width": sk.text_width, "style_ids": dict(sk.style_ids),
            "lists": [sk.paragraph_list, sk.cell_list, sk.cell_bullet_num, sk.bullet_num]}


def _from_stored(stored: _Stored, fonts: st.RunFonts, heading_fonts: st.RunFonts) -> Skeleton:
    xml = {name: etree.fromstring(text.encode(), _PARSER)
           for name, text in stored["parts"].items()}
    header_name, places = stored["header_name"], stored["places"]
    paragraph_list, cell_list, cell_bullet_num, bullet_num = stored["lists"]
    document = xml[DOCUMENT]
    if len(document) == 0 or len(document[0]) != 1:
        raise ValueError("the document part holds more than an empty body")
    return Skeleton(
        shared=base64.b64decode(stored["shared"], validate=True), order=tuple(stored["order"]),
        document=document, numbering=xml[NUMBERING], header=xml[header_name],
        header_name=header_name,
        pages={name: xml[name] for names in places.values() for name in names
               if name != header_name},
        places={k: tuple(v) for k, v in places.items()}, core=xml[CORE], runs=Runs(fonts),
        heading_runs=Runs(heading_fonts), text_width=stored["text_width"],
        style_ids=dict(stored["style_ids"]), paragraph_list=paragraph_list,
        cell_list=cell_list, cell_bullet_num=cell_bullet_num, bullet_num=bullet_num)


# ------------------------------------------------------------------ the build


def _build(styles: Styles, lang: str, languages: tuple[str, ...], sub_label: str,
           fonts: st.RunFonts, heading_fonts: st.RunFonts) -> Skeleton:
    faces = styles.fonts[lang]
    language = st.language_of(lang, list(languages), styles)
    doc = docx.Document()
    drop_template_extras(doc)
    setup_page(doc, styles)
    text_width = text_width_twips(styles)
    drop_lists(doc.part.numbering_part.element)
    lists = _define_lists(Numbering(doc.part.numbering_part.element), styles, faces.latin,
                          sub_label)
    st.define_styles(doc, styles, fonts, faces.heading_east_asian,
                     {"paragraph": lists["paragraph_num"], "bullet": lists["bullet_num"]},
                     text_width, lang)
    keep_styles(doc.styles.element, [*st.DOCX_NAMES.values(), *st.TEMPLATE_STYLES_USED])
    buffer = io.BytesIO()
    doc.save(buffer)  # and read back: the relationship ids as a saved styled file has them
    doc = docx.Document(io.BytesIO(buffer.getvalue()))
    notes = XmlPart(PackURI("/" + FOOTNOTES), CT.WML_FOOTNOTES,
                    copy.deepcopy(separators(separator_twips(styles))), doc.part.package)
    doc.part.relate_to(notes, RT.FOOTNOTES)
    declare_separators(doc.settings.element)
    places = add_header_footer(doc, Runs(fonts))
    header_name = places["header"][0]
    set_language_settings(doc, language)
    prepare_core_properties(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = [(name, font_table(faces, styles) if name == FONT_TABLE else package.read(name))
                 for name in package.namelist()]
    own = {DOCUMENT, FOOTNOTES, NUMBERING, CORE, APP, *places["header"], *places["footer"]}
    xml = {name: etree.fromstring(data, _PARSER) for name, data in parts if name in own}
    document = xml[DOCUMENT]
    body = document[0]
    if len(body) != 1:
        raise AssertionError("the template's body holds more than its w:sectPr")
    return Skeleton(
        shared=static_zip([(n, d) for n, d in parts if n not in own]),
        order=tuple(n for n, _ in parts if n in own), document=document,
        numbering=xml[NUMBERING], header=xml[header_name], header_name=header_name,
        pages={name: xml[name] for names in places.values() for name in names
               if name != header_name}, places=places,
        core=xml[CORE], runs=Runs(fonts), heading_runs=Runs(heading_fonts), text_width=text_width,
        style_ids={s.name: s.style_id for s in doc.styles},
        paragraph_list=lists["paragraph"], cell_list=lists["cell_ordered"],
        cell_bullet_num=lists["cell_bullet_num"], bullet_num=lists["bullet_num"])
