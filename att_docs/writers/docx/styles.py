"""Named styles, fonts and language tags for the DOCX writer.

Every look is a named style; runs only carry what Word needs per run anyway: the fonts
(``w:rFonts`` with ``w:eastAsia``) and the language (``w:lang``). The template's theme
font attributes (``w:asciiTheme`` ...) are removed, since they override ``w:eastAsia``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import BaseStyle, ParagraphStyle

from att_docs.writers.docx.ooxml import PBDR, PPR, RPR, child, w
from att_docs.writers.styles import ParagraphLook, Styles

__all__ = [
    "BLOCK_QUOTE",
    "BODY",
    "DECISION_ITEM",
    "DECISION_LEAD",
    "DOCX_NAMES",
    "DRAFT_MARK",
    "FOOTNOTE_REFERENCE",
    "FOOTNOTE_TEXT",
    "FRAME_STYLES",
    "GENERIC_FRAME",
    "HEADING_STYLES",
    "LIST_ITEM",
    "NUMBERED",
    "SUBPARAGRAPH",
    "TABLE_HEADING",
    "TABLE_LABEL",
    "TABLE_TEXT",
    "TEMPLATE_STYLES_USED",
    "Language",
    "RunFonts",
    "define_styles",
    "language_of",
    "mm_twips",
    "set_run_fonts",
    "strip_theme_fonts",
    "uses_heading_face",
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
DRAFT_MARK = "ATT Draft Mark"
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

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def mm_twips(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Language:
    """The BCP 47 tags of a document: its own, the one for East Asian text and the one
    for text in Latin script (``w:lang w:val``, which Word applies to Latin runs)."""

    tag: str
    east_asian_tag: str
    is_east_asian: bool
    latin_tag: str = ""

    def __post_init__(self) -> None:
        if not self.latin_tag:
            object.__setattr__(self, "latin_tag", self.tag)


def language_of(lang: str, languages: list[str], styles: Styles) -> Language:
    """Tags for ``lang``. East Asian text in a Latin document is tagged with the document
    set's East Asian language, if it has one; Latin text (names, symbols) in an East Asian
    document with the set's first Latin-script language, so Word does not proof it as
    Chinese."""
    tag = styles.language_tag(lang)
    if lang in styles.east_asian:
        latin = next((code for code in languages if code not in styles.east_asian), None)
        return Language(tag, tag, True, styles.language_tag(latin) if latin else tag)
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


def set_run_fonts(rpr: BaseOxmlElement, fonts: RunFonts) -> None:
    """Set ``w:rFonts`` (no theme attributes) and ``w:lang`` on an ``w:rPr``."""
    rfonts = rpr.get_or_add_rFonts()
    for name in (*_THEME_ATTRS, "hint"):
        rfonts.attrib.pop(qn(f"w:{name}"), None)
    for name, value in fonts.rfonts_attrs().items():
        rfonts.set(qn(f"w:{name}"), value)
    lang = child(rpr, w("lang"), RPR)
    lang.set(qn("w:val"), fonts.language.latin_tag)
    lang.set(qn("w:eastAsia"), fonts.language.east_asian_tag)


def strip_theme_fonts(root: BaseOxmlElement) -> None:
    """Remove theme font attributes below ``root``; drop ``w:rFonts`` left empty."""
    for rfonts in root.iter(qn("w:rFonts")):
        for name in _THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{name}"), None)
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)


# --------------------------------------------------------------------------- specs


# The DOCX name of each style of the style sheet (templates/styles.yaml ``styles``).
DOCX_NAMES = {
    **FRAME_STYLES,
    "frame": GENERIC_FRAME,
    "heading1": HEADING_STYLES[1],
    "heading2": HEADING_STYLES[2],
    "body": BODY,
    "numbered": NUMBERED,
    "subparagraph": SUBPARAGRAPH,
    "list-item": LIST_ITEM,
    "quote": BLOCK_QUOTE,
    "decision-lead": DECISION_LEAD,
    "decision-item": DECISION_ITEM,
    "table-text": TABLE_TEXT,
    "table-heading": TABLE_HEADING,
    "table-label": TABLE_LABEL,
    "footnote-text": FOOTNOTE_TEXT,
    "draft-mark": DRAFT_MARK,
    "header": "Header",
    "footer": "Footer",
}
_BUILT_IN = {HEADING_STYLES[1], HEADING_STYLES[2], "Header", "Footer"}  # the template's
# Styles of the template the writer uses beside those of the style sheet.
TEMPLATE_STYLES_USED = ("Normal", "Table Grid", FOOTNOTE_REFERENCE)

# Layout that is structure rather than look: the list a style's paragraphs are numbered in,
# the style a table style builds on, and the masthead lines kept together on their page.
_NUMBERING = {"numbered": ("paragraph", 0), "subparagraph": ("paragraph", 1),
              "list-item": ("bullet", 0), "decision-item": ("bullet", 0)}
_BASE = {"table-heading": TABLE_TEXT, "table-label": TABLE_TEXT}
_CONTEXTUAL = {"symbol", "masthead", "conference"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class ParaSpec:
    """A paragraph style: its DOCX name, the resolved look, and its structure."""

    name: str
    look: ParagraphLook
    base: str = "Normal"
    contextual: bool = False
    numbering: tuple[int, int] | None = None  # (numId, ilvl) linked to the style


def _specs(styles: Styles, nums: dict[str, int]) -> list[ParaSpec]:
    """All paragraph styles of the style sheet; ``nums`` holds the list styles' numIds."""
    specs = []
    for role, name in DOCX_NAMES.items():
        kind = _NUMBERING.get(role)
        specs.append(ParaSpec(name, styles.look(role), base=_BASE.get(role, "Normal"),
                              contextual=role in _CONTEXTUAL,
                              numbering=(nums[kind[0]], kind[1]) if kind else None))
    return specs


def uses_heading_face(styles: Styles, name: str) -> bool:
    """Whether the DOCX style ``name`` sets its East Asian text in the heading face."""
    role = next((r for r, n in DOCX_NAMES.items() if n == name), None)
    return role is not None and role in styles.looks and styles.look(role).face == "heading"


def _rule_below(ppr: BaseOxmlElement, width_pt: float) -> None:
    """A bottom border; consecutive paragraphs with the same border share one rule."""
    bdr = child(ppr, w("pBdr"), PPR)
    bottom = child(bdr, w("bottom"), PBDR)
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(width_pt * 8)))  # eighths of a point
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), "auto")


# --------------------------------------------------------------------------- building


def _style_fonts(style: BaseStyle, fonts: RunFonts, size: float) -> None:
    rpr = style.element.get_or_add_rPr()
    set_run_fonts(rpr, fonts)
    rfonts = rpr.get_or_add_rFonts()
    rfonts.attrib.pop(qn("w:hint"), None)  # a hint belongs on runs, not styles
    style.font.size = Pt(size)
    child(rpr, w("szCs"), RPR).set(qn("w:val"), str(round(size * 2)))


def _exact_pitch(style: BaseStyle, pitch_pt: float) -> None:
    """Lines exactly ``pitch_pt`` apart, as the PDF sets them."""
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(pitch_pt)


def _apply_spec(document: DocxDocument, style: ParagraphStyle, spec: ParaSpec,
                styles: Styles, lang: str) -> None:
    fmt = style.paragraph_format
    look = spec.look
    if style.name not in HEADING_STYLES.values():
        style.base_style = document.styles[spec.base]
    style.font.bold = True if look.bold else None
    fmt.alignment = _ALIGN[look.align_in(lang in styles.east_asian)]
    _exact_pitch(style, styles.pitch(lang, look.size))
    fmt.left_indent = Mm(look.left_mm)
    fmt.first_line_indent = -Mm(look.hanging_mm) if look.hanging_mm else None
    fmt.right_indent = Mm(look.right_mm) if look.right_mm else None
    fmt.space_before = Pt(look.before_pt)
    fmt.space_after = Pt(look.after_pt)
    fmt.keep_with_next = True if look.keep_next else None
    ppr = style.element.get_or_add_pPr()
    if spec.contextual:
        child(ppr, w("contextualSpacing"), PPR)
    if look.rule_below_pt:
        _rule_below(ppr, look.rule_below_pt)
    if spec.numbering:
        _link_numbering(ppr, *spec.numbering)


def _ppr_switch(ppr: BaseOxmlElement, tag: str, on: bool) -> None:
    """An on/off paragraph property, written explicitly either way."""
    child(ppr, w(tag.removeprefix("w:")), PPR).set(qn("w:val"), "1" if on else "0")


def _link_numbering(ppr: BaseOxmlElement, num_id: int, ilvl: int) -> None:
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _paragraph_style(document: DocxDocument, name: str) -> ParagraphStyle:
    """The paragraph style ``name``, created if the template lacks it."""
    if name in _BUILT_IN or document.styles.element.get_by_name(name) is not None:
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


def _restyle_headings(document: DocxDocument) -> None:
    """Headings: black, upright; the style sheet sets the rest."""
    for name in HEADING_STYLES.values():
        rpr = document.styles[name].element.get_or_add_rPr()
        for tag in ("w:color", "w:i", "w:iCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
    for name in ("Heading 1 Char", "Heading 2 Char"):
        rpr = document.styles[name].element.get_or_add_rPr()
        for el in rpr.findall(qn("w:color")):
            rpr.remove(el)


def _header_footer_tabs(document: DocxDocument, text_width: int) -> None:
    """Header and footer tab stops for A4 (the style sheet sets the rest of their look)."""
    for name in ("Header", "Footer"):
        tabs = document.styles[name].paragraph_format.tab_stops
        tabs.clear_all()  # the template's stops are for US Letter
        tabs.add_tab_stop(Twips(text_width // 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)


def _doc_defaults(document: DocxDocument, fonts: RunFonts, styles: Styles, lang: str) -> None:
    """docDefaults: the body fonts, size and language, kerning (as the PDF kerns); the
    body's exact line pitch, nothing after."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, fonts)
    rpr.get_or_add_rFonts().attrib.pop(qn("w:hint"), None)
    child(rpr, w("kern"), RPR).set(qn("w:val"), "2")  # pairs kerned from 1 pt up
    rpr.get_or_add_sz().val = Pt(styles.size("body"))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(styles.pitch(lang, styles.size("body")) * 20)))
    spacing.set(qn("w:lineRule"), "exact")


def define_styles(document: DocxDocument, styles: Styles, fonts: RunFonts,
                  heading_face: str, nums: dict[str, int], text_width: int,
                  lang: str) -> None:
    """Create and restyle every style the writer uses; fonts and languages included."""
    strip_theme_fonts(document.styles.element)
    _doc_defaults(document, fonts, styles, lang)
    normal = document.styles["Normal"]
    normal.font.size = Pt(styles.size("body"))
    normal.paragraph_format.space_after = Pt(styles.spacing["paragraph_after"])
    _exact_pitch(normal, styles.pitch(lang, styles.size("body")))
    normal.paragraph_format.widow_control = styles.widow_lines >= 2
    ppr = normal.element.get_or_add_pPr()
    _ppr_switch(ppr, "w:suppressAutoHyphens", not styles.hyphenate)
    _ppr_switch(ppr, "w:overflowPunct", styles.hanging_punctuation)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # space between CJK and Latin, digits
        _ppr_switch(ppr, tag, styles.cjk_latin_spacing)
    _restyle_headings(document)
    _header_footer_tabs(document, text_width)
    for spec in _specs(styles, nums):
        style = _paragraph_style(document, spec.name)
        _apply_spec(document, style, spec, styles, lang)
        face = heading_face if spec.look.face == "heading" else fonts.east_asian
        _style_fonts(style, RunFonts(fonts.latin, face, fonts.language), spec.look.size)
    _style_fonts(document.styles["Normal"], fonts, styles.size("body"))
    _reference_style(document)
