"""Named styles, fonts and language tags for the DOCX writer.

Every look is a named style; runs only carry what Word needs per run anyway: the fonts
(``w:rFonts`` with ``w:eastAsia``) and the language (``w:lang``). The template's theme
font attributes (``w:asciiTheme`` ...) are removed, since they override ``w:eastAsia``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import BaseStyle, ParagraphStyle

from att_docs.writers.styles import Styles

__all__ = [
    "BLOCK_QUOTE",
    "BODY",
    "DECISION_ITEM",
    "DECISION_LEAD",
    "FOOTNOTE_REFERENCE",
    "FOOTNOTE_TEXT",
    "FRAME_STYLES",
    "GENERIC_FRAME",
    "HEADING_FACE",
    "HEADING_STYLES",
    "LIST_ITEM",
    "NUMBERED",
    "SUBPARAGRAPH",
    "TABLE_HEADING",
    "TABLE_LABEL",
    "TABLE_TEXT",
    "Language",
    "RunFonts",
    "define_styles",
    "language_of",
    "mm_twips",
    "set_run_fonts",
    "strip_theme_fonts",
]

NUMBERED = "ATT Numbered Paragraph"
SUBPARAGRAPH = "ATT Subparagraph"
BODY = "ATT Body"
LIST_ITEM = "ATT List Item"
BLOCK_QUOTE = "ATT Block Quote"
DECISION_LEAD = "ATT Decision Lead"
DECISION_ITEM = "ATT Decision Item"
TABLE_TEXT = "ATT Table Text"
TABLE_HEADING = "ATT Table Heading"
TABLE_LABEL = "ATT Table Label"
GENERIC_FRAME = "ATT Frame"
FOOTNOTE_TEXT = "footnote text"  # Word's built-in names; shown as "Footnote Text"
FOOTNOTE_REFERENCE = "footnote reference"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2"}

FRAME_STYLES = {
    "symbol": "ATT Symbol",
    "masthead": "ATT Masthead",
    "conference": "ATT Conference",
    "title": "ATT Title",
    "subtitle": "ATT Subtitle",
    "annex-heading": "ATT Annex Heading",
    "end-mark": "ATT End Mark",
}

# Styles whose Chinese text is set in the heading (black) face.
HEADING_FACE = {"Heading 1", "Heading 2", "ATT Title", "ATT Annex Heading", TABLE_HEADING}
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def mm_twips(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Language:
    """The BCP 47 tags of a document: its own and the one for East Asian text."""

    tag: str
    east_asian_tag: str
    is_east_asian: bool


def language_of(lang: str, languages: list[str], styles: Styles) -> Language:
    """Tags for ``lang``; East Asian text in a Latin document is tagged with the
    document set's East Asian language, if it has one."""
    tag = styles.language_tag(lang)
    if lang in styles.east_asian:
        return Language(tag, tag, True)
    cjk = next((code for code in languages if code in styles.east_asian), None)
    return Language(tag, styles.language_tag(cjk) if cjk else tag, False)


@dataclass(frozen=True)
class RunFonts:
    """What every run carries: fonts and language."""

    latin: str
    east_asian: str
    language: Language

    def rfonts_attrs(self) -> dict[str, str]:
        attrs = {"ascii": self.latin, "hAnsi": self.latin, "eastAsia": self.east_asian,
                 "cs": self.latin}
        if self.language.is_east_asian:
            attrs["hint"] = "eastAsia"  # quotes and dashes take the Chinese face
        return attrs


def _child(parent: BaseOxmlElement, tag: str, *successors: str) -> BaseOxmlElement:
    """The ``tag`` child of ``parent``, inserted before ``successors`` if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                   "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", *_RPR_AFTER_LANG)


def set_run_fonts(rpr: BaseOxmlElement, fonts: RunFonts) -> None:
    """Set ``w:rFonts`` (no theme attributes) and ``w:lang`` on an ``w:rPr``."""
    rfonts = rpr.get_or_add_rFonts()
    for name in (*_THEME_ATTRS, "hint"):
        rfonts.attrib.pop(qn(f"w:{name}"), None)
    for name, value in fonts.rfonts_attrs().items():
        rfonts.set(qn(f"w:{name}"), value)
    lang = _child(rpr, "w:lang", *_RPR_AFTER_LANG)
    lang.set(qn("w:val"), fonts.language.tag)
    lang.set(qn("w:eastAsia"), fonts.language.east_asian_tag)


def strip_theme_fonts(root: BaseOxmlElement) -> None:
    """Remove theme font attributes below ``root``; drop ``w:rFonts`` left empty."""
    for rfonts in root.iter(qn("w:rFonts")):
        for name in _THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{name}"), None)
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class ParaSpec:
    """A paragraph style, in points and millimetres."""

    name: str
    size_role: str = "body"
    base: str = "Normal"
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    left_mm: float | None = None
    hanging_mm: float | None = None
    right_mm: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    keep_next: bool = False
    contextual: bool = False
    numbering: tuple[int, int] | None = None  # (numId, ilvl) linked to the style
    extra: dict[str, str] = field(default_factory=dict)


def _specs(styles: Styles, nums: dict[str, int]) -> list[ParaSpec]:
    """All paragraph styles; ``nums`` holds the numIds the list styles link to."""
    num_mm = styles.spacing["number_indent_mm"]
    sub_mm = styles.spacing["subparagraph_indent_mm"]
    center, right, justify = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                              WD_ALIGN_PARAGRAPH.JUSTIFY)
    return [
        ParaSpec("ATT Symbol", "masthead", align=right, after_pt=0, contextual=True),
        ParaSpec("ATT Masthead", "masthead", align=right, after_pt=0, contextual=True),
        ParaSpec("ATT Conference", "conference", bold=True, align=center, before_pt=24,
                 after_pt=0, contextual=True),
        ParaSpec("ATT Title", "title", bold=True, align=center, before_pt=24, after_pt=6,
                 keep_next=True),
        ParaSpec("ATT Subtitle", "subtitle", bold=True, align=center, after_pt=18,
                 keep_next=True),
        ParaSpec("ATT Annex Heading", "title", bold=True, align=center, after_pt=6,
                 keep_next=True),
        ParaSpec("ATT End Mark", align=center, before_pt=24),
        ParaSpec(GENERIC_FRAME),
        ParaSpec(NUMBERED, align=justify, left_mm=num_mm, hanging_mm=num_mm,
                 numbering=(nums["paragraph"], 0)),
        ParaSpec(SUBPARAGRAPH, align=justify, left_mm=sub_mm, hanging_mm=sub_mm - num_mm,
                 numbering=(nums["paragraph"], 1)),
        ParaSpec(BODY, align=justify),
        ParaSpec(LIST_ITEM, align=justify, left_mm=sub_mm, hanging_mm=sub_mm - num_mm,
                 numbering=(nums["bullet"], 0)),
        ParaSpec(BLOCK_QUOTE, align=justify, left_mm=num_mm, right_mm=num_mm),
        ParaSpec(DECISION_LEAD, align=justify, left_mm=num_mm, keep_next=True),
        ParaSpec(DECISION_ITEM, align=justify, left_mm=sub_mm, hanging_mm=sub_mm - num_mm,
                 numbering=(nums["bullet"], 0)),
        ParaSpec(TABLE_TEXT, "table", after_pt=3),
        ParaSpec(TABLE_HEADING, "table", base=TABLE_TEXT, bold=True, keep_next=True),
        ParaSpec(TABLE_LABEL, "table", base=TABLE_TEXT, bold=True),
        ParaSpec(FOOTNOTE_TEXT, "footnote", after_pt=0),
    ]


# --------------------------------------------------------------------------- building


def _style_fonts(style: BaseStyle, fonts: RunFonts, heading_face: str, size: float) -> None:
    rpr = style.element.get_or_add_rPr()
    face = heading_face if style.name in HEADING_FACE else fonts.east_asian
    set_run_fonts(rpr, RunFonts(fonts.latin, face, fonts.language))
    rfonts = rpr.get_or_add_rFonts()
    rfonts.attrib.pop(qn("w:hint"), None)  # a hint belongs on runs, not styles
    style.font.size = Pt(size)
    _child(rpr, "w:szCs", *_RPR_AFTER_SZCS).set(qn("w:val"), str(round(size * 2)))


def _apply_spec(document: DocxDocument, style: ParagraphStyle, spec: ParaSpec,
                styles: Styles) -> None:
    fmt = style.paragraph_format
    style.base_style = document.styles[spec.base]
    style.font.bold = True if spec.bold else None
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.left_mm is not None:
        fmt.left_indent = Mm(spec.left_mm)
    if spec.hanging_mm is not None:
        fmt.first_line_indent = -Mm(spec.hanging_mm)
    if spec.right_mm is not None:
        fmt.right_indent = Mm(spec.right_mm)
    fmt.space_before = Pt(spec.before_pt) if spec.before_pt is not None else None
    fmt.space_after = Pt(spec.after_pt if spec.after_pt is not None
                         else styles.spacing["paragraph_after"])
    if spec.keep_next:
        fmt.keep_with_next = True
    ppr = style.element.get_or_add_pPr()
    if spec.contextual:
        _child(ppr, "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr")
    if spec.numbering:
        _link_numbering(ppr, *spec.numbering)


def _link_numbering(ppr: BaseOxmlElement, num_id: int, ilvl: int) -> None:
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _paragraph_style(document: DocxDocument, name: str) -> ParagraphStyle:
    """The paragraph style ``name``, created if the template lacks it."""
    if document.styles.element.get_by_name(name) is not None:
        return document.styles[name]
    builtin = name == FOOTNOTE_TEXT
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=builtin)
    if builtin:
        style.style_id = "FootnoteText"
        style.unhide_when_used = True
        style.priority = 99
    else:
        style.quick_style = True
    return style


def _reference_style(document: DocxDocument) -> None:
    """The built-in "footnote reference" character style: superscript."""
    style = document.styles.add_style(FOOTNOTE_REFERENCE, WD_STYLE_TYPE.CHARACTER, builtin=True)
    style.style_id = "FootnoteReference"
    style.base_style = document.styles["Default Paragraph Font"]
    style.unhide_when_used = True
    style.priority = 99
    style.font.superscript = True


def _restyle_headings(document: DocxDocument, styles: Styles) -> None:
    """Headings: bold, in the body font, black; spacing in points."""
    for level, name in HEADING_STYLES.items():
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:color", "w:i", "w:iCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        style.font.bold = True
        style.font.size = Pt(styles.size(f"heading{level}"))
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(styles.spacing["paragraph_after"])
        style.paragraph_format.keep_with_next = True
    for name in ("Heading 1 Char", "Heading 2 Char"):
        rpr = document.styles[name].element.get_or_add_rPr()
        for el in rpr.findall(qn("w:color")):
            rpr.remove(el)


def _header_footer_styles(document: DocxDocument, styles: Styles, text_width: int) -> None:
    """Header right-aligned (the symbol), footer centred (the page number)."""
    for name, align in (("Header", WD_ALIGN_PARAGRAPH.RIGHT),
                        ("Footer", WD_ALIGN_PARAGRAPH.CENTER)):
        style = document.styles[name]
        style.paragraph_format.alignment = align
        style.font.size = Pt(styles.size("masthead"))
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()  # the template's stops are for US Letter
        tabs.add_tab_stop(Twips(text_width // 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)


def _doc_defaults(document: DocxDocument, fonts: RunFonts, styles: Styles) -> None:
    """docDefaults: the body fonts, size and language; single spacing, nothing after."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, fonts)
    rpr.get_or_add_rFonts().attrib.pop(qn("w:hint"), None)
    rpr.get_or_add_sz().val = Pt(styles.size("body"))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def define_styles(document: DocxDocument, styles: Styles, fonts: RunFonts,
                  heading_face: str, nums: dict[str, int], text_width: int) -> None:
    """Create and restyle every style the writer uses; fonts and languages included."""
    strip_theme_fonts(document.styles.element)
    _doc_defaults(document, fonts, styles)
    normal = document.styles["Normal"]
    normal.font.size = Pt(styles.size("body"))
    normal.paragraph_format.space_after = Pt(styles.spacing["paragraph_after"])
    normal.paragraph_format.widow_control = True
    _restyle_headings(document, styles)
    _header_footer_styles(document, styles, text_width)
    for spec in _specs(styles, nums):
        style = _paragraph_style(document, spec.name)
        _apply_spec(document, style, spec, styles)
        _style_fonts(style, fonts, heading_face, styles.size(spec.size_role))
    for name in (*HEADING_STYLES.values(), "Normal", "Header", "Footer"):
        style = document.styles[name]
        _style_fonts(style, fonts, heading_face, style.font.size.pt if style.font.size
                     else styles.size("body"))
    _reference_style(document)
