"""Page and type settings (``templates/styles.yaml``) shared by the writers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from att_docs.base.memo import by_content
from att_docs.base.yamlfile import load_yaml, validate

__all__ = [
    "DocxFonts",
    "DraftMark",
    "FaceSpec",
    "FirstPage",
    "FootnoteSeparator",
    "ParagraphLook",
    "RedlineLook",
    "Styles",
    "StylesFile",
    "TableSpec",
    "load_styles",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageSpec(_Strict):
    size: str
    margin_top_mm: float = Field(ge=0)
    margin_bottom_mm: float = Field(ge=0)
    margin_left_mm: float = Field(ge=0)
    margin_right_mm: float = Field(ge=0)
    # from the page edge to the header's top and the footer's bottom (default: half the margin)
    header_mm: float | None = Field(default=None, ge=0)
    footer_mm: float | None = Field(default=None, ge=0)


class SizesSpec(_Strict):
    """Type sizes in points per role; a role without a size takes the body's."""

    body: float = Field(gt=0)
    footnote: float | None = Field(default=None, gt=0)
    masthead: float | None = Field(default=None, gt=0)
    conference: float | None = Field(default=None, gt=0)
    title: float | None = Field(default=None, gt=0)
    heading1: float | None = Field(default=None, gt=0)
    heading2: float | None = Field(default=None, gt=0)
    heading3: float | None = Field(default=None, gt=0)
    table: float | None = Field(default=None, gt=0)


class SpacingSpec(_Strict):
    paragraph_after: float = Field(ge=0)
    number_indent_mm: float = Field(ge=0)
    subparagraph_indent_mm: float = Field(ge=0)


class StyleSpec(_Strict):
    """One named style as written in the file; what it leaves out takes the defaults."""

    size: float | None = Field(default=None, gt=0)
    bold: bool = False
    face: Literal["body", "heading"] = "body"
    align: Literal["left", "right", "center", "justify"] = "left"
    left_mm: float = Field(default=0, ge=0)
    right_mm: float = Field(default=0, ge=0)
    hanging_mm: float = Field(default=0, ge=0)
    before_pt: float = Field(default=0, ge=0)
    after_pt: float | None = Field(default=None, ge=0)
    keep_next: bool = False
    shading: str | None = Field(default=None, pattern=r"^[0-9A-F]{6}$")
    rule_below_pt: float = Field(default=0, ge=0)
    east_asian_align: Literal["left", "right", "center", "justify"] | None = None


@dataclass(frozen=True)
class ParagraphLook:
    """A style with every value resolved: sizes and spacing in points, indents in mm.

    Both writers take their styles from these values, so the DOCX styles part and the
    PDF template cannot drift apart; :meth:`as_dict` is what the Typst template receives.
    """

    size: float
    bold: bool
    face: str
    align: str
    left_mm: float
    right_mm: float
    hanging_mm: float
    before_pt: float
    after_pt: float
    keep_next: bool
    shading: str | None
    rule_below_pt: float
    east_asian_align: str | None = None

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    def align_in(self, east_asian: bool) -> str:
        """The alignment in a language written with or without spaces between words."""
        return (self.east_asian_align or self.align) if east_asian else self.align


class FirstPage(_Strict):
    """Page one: the frame lines of ``left`` styles beside those of ``right`` styles."""

    left: list[str]
    right: list[str]
    left_width_pct: float = Field(gt=0, lt=100)
    rule_below_pt: float = Field(default=0, ge=0)
    rule_gap_pt: float = Field(default=0, ge=0)  # from the last line of the block to the rule


class FullWidthPunctuation(_Strict):
    """East Asian marks that keep a full em: never squeezed to justify a line, and kept
    off the line start (closing) or end (opening). Word: no character compression."""

    opening: str = Field(default="", max_length=64)
    closing: str = Field(default="", max_length=64)


class DraftMark(_Strict):
    """Where a paper language that is not ready carries its draft mark on every page (the
    running header or footer), and in which style of the sheet. Its words are the
    language's ``draft_mark`` in ``templates/locale``."""

    place: Literal["header", "footer"] = "header"
    style: str = "draft-mark"


_COLOUR = r"^[0-9A-F]{6}$"


class RedlineNotice(_Strict):
    """The notice on a redline whose language's translation lags behind the revision."""

    color: str = Field(default="B3261E", pattern=_COLOUR)
    size: float | None = Field(default=None, gt=0)  # default: the body size
    bold: bool = True
    border_pt: float = Field(default=0.75, ge=0)


class RedlineLook(_Strict):
    """How a redline shows changes (hex RGB colours): inserted text underlined, deleted
    text struck through, moved text doubly so, each in its colour, and a bar in the
    margin beside every changed paragraph. Word colours tracked changes itself (by
    author); the DOCX takes the notice's look only."""

    inserted: str = Field(default="1F4FAF", pattern=_COLOUR)
    deleted: str = Field(default="B3261E", pattern=_COLOUR)
    moved: str = Field(default="2E7D32", pattern=_COLOUR)
    change_bar: str = Field(default="555555", pattern=_COLOUR)
    change_bar_pt: float = Field(default=1.5, gt=0)
    change_bar_gap_mm: float = Field(default=6, ge=0)
    notice: RedlineNotice = Field(default_factory=RedlineNotice)


class DocxFonts(_Strict):
    """A language's fonts by role, as the DOCX names them (and Word users have them)."""

    latin: str
    east_asian: str
    heading_east_asian: str


class FaceSpec(_Strict):
    """A named font and what stands in for it: ``pdf`` is the installed, metric-compatible
    family the PDF embeds; ``alternates`` are declared in the DOCX's ``fontTable.xml``
    (``w:altName``) for Word and LibreOffice to try where the font is missing, with the
    PANOSE number, character set, family and pitch Word matches a substitute by."""

    pdf: str
    alternates: list[str] = Field(default_factory=list)
    panose: str | None = Field(default=None, pattern=r"^[0-9A-F]{20}$")
    charset: str | None = Field(default=None, pattern=r"^[0-9A-F]{2}$")
    family: Literal["auto", "roman", "swiss", "modern", "script", "decorative"] = "auto"
    pitch: Literal["default", "fixed", "variable"] = "variable"

    @field_validator("panose", "charset", mode="before")
    @classmethod
    def _digits(cls, value: object, info: object) -> object:
        """An unquoted number in YAML (``panose: 02020603050405020304``) as its digits."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value).zfill(20 if getattr(info, "field_name", "") == "panose" else 2)
        return value


class LinePitch(_Strict):
    """Baseline to baseline, as a multiple of the type size: exact in both writers."""

    latin: float = Field(default=1.15, gt=0.5, le=4)
    east_asian: float = Field(default=1.5, gt=0.5, le=4)


class CellMargins(_Strict):
    top: float = Field(default=0, ge=0)
    bottom: float = Field(default=0, ge=0)
    left: float = Field(default=5, ge=0)
    right: float = Field(default=5, ge=0)


class TableSpec(_Strict):
    """Element tables: the label column's share of the text width, the cell margins (in
    points), the indent of lists in cells and the rules between cells."""

    label_column_pct: float = Field(default=30, gt=0, lt=100)
    cell_margins_pt: CellMargins = Field(default_factory=CellMargins)
    cell_list_indent_mm: float = Field(default=6, ge=0)  # hanging indent of lists in cells
    rule_pt: float = Field(default=0.5, ge=0)


class FootnoteSeparator(_Strict):
    """The rule above the footnotes: its length as a share of the text width, its weight,
    and the space above it (from the text) and below it (to the first note), in points."""

    width_pct: float = Field(default=25, gt=0, le=100)
    rule_pt: float = Field(default=0.5, ge=0)
    above_pt: float = Field(default=6, ge=0)
    below_pt: float = Field(default=4, ge=0)


class StylesFile(_Strict):
    """``templates/styles.yaml``. Unknown keys are errors, so a typo never passes silently."""

    page: PageSpec
    sizes: SizesSpec
    spacing: SpacingSpec
    fonts: dict[str, DocxFonts]
    font_faces: dict[str, FaceSpec] = Field(default_factory=dict)
    fallback_fonts: list[str] = Field(default_factory=list)
    language_tags: dict[str, str]
    line_pitch: LinePitch = Field(default_factory=LinePitch)
    lead_in_endings: list[str] = Field(default_factory=list)
    table: TableSpec = Field(default_factory=TableSpec)
    footnote_separator: FootnoteSeparator = Field(default_factory=FootnoteSeparator)
    widow_lines: int = Field(default=2, ge=1)
    hyphenate: bool = False
    hanging_punctuation: bool = False
    cjk_latin_spacing: bool = False
    full_width_punctuation: FullWidthPunctuation = Field(default_factory=FullWidthPunctuation)
    first_page: FirstPage | None = None
    draft_mark: DraftMark = Field(default_factory=DraftMark)
    redline: RedlineLook = Field(default_factory=RedlineLook)
    styles: dict[str, StyleSpec]


@dataclass(frozen=True)
class Styles:
    page_size: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    header_distance_mm: tuple[float, float]  # page edge to header top, to footer bottom
    sizes: dict[str, float]
    spacing: dict[str, float]
    fonts: dict[str, DocxFonts]
    language_tags: dict[str, str]
    east_asian: frozenset[str] = frozenset()  # languages with cjk: true in templates/locale
    looks: dict[str, ParagraphLook] = dataclasses.field(default_factory=dict)
    font_faces: dict[str, FaceSpec] = dataclasses.field(default_factory=dict)
    fallback_fonts: tuple[str, ...] = ()
    line_pitch: LinePitch = dataclasses.field(default_factory=LinePitch)
    lead_in_endings: tuple[str, ...] = ()
    table: TableSpec = dataclasses.field(default_factory=TableSpec)
    footnote_separator: FootnoteSeparator = dataclasses.field(
        default_factory=FootnoteSeparator)
    hyphenate: bool = False
    hanging_punctuation: bool = False
    cjk_latin_spacing: bool = False
    full_width_punctuation: FullWidthPunctuation = dataclasses.field(
        default_factory=FullWidthPunctuation)
    widow_lines: int = 2
    first_page: FirstPage | None = None
    draft_mark: DraftMark = dataclasses.field(default_factory=DraftMark)
    redline: RedlineLook = dataclasses.field(default_factory=RedlineLook)

    def look(self, name: str) -> ParagraphLook:
        """The resolved style ``name``; a name the file lacks is a ``KeyError``."""
        return self.looks[name]

    def pdf_family(self, name: str) -> str:
        """The installed family the PDF sets font ``name`` in (its stand-in, if declared)."""
        face = self.font_faces.get(name)
        return face.pdf if face is not None else name

    def pdf_fonts(self, lang: str) -> dict[str, str]:
        """``lang``'s fonts by role (``latin``, ``east_asian``, ``heading_east_asian``) as
        the PDF sets them; a ``KeyError`` for a language the style sheet lacks."""
        return {role: self.pdf_family(name)
                for role, name in self.fonts[lang].model_dump().items()}

    def pitch(self, lang: str, size: float) -> float:
        """Baseline to baseline in points for text of ``size`` in ``lang``."""
        factor = (self.line_pitch.east_asian if lang in self.east_asian
                  else self.line_pitch.latin)
        return round(size * factor * 20) / 20  # whole twips, as Word stores it

    def size(self, role: str) -> float:
        return float(self.sizes.get(role, self.sizes["body"]))

    def language_tag(self, lang: str) -> str:
        return self.language_tags.get(lang, lang)


def _east_asian(templates: Path) -> frozenset[str]:
    """The languages the locale data marks as written without spaces (``cjk: true``)."""
    from att_docs.language.profile import available_languages, load_language

    return frozenset(code for code in available_languages(templates)
                     if load_language(templates, code).cjk)


@by_content
def load_styles(path: Path) -> Styles:
    """Read a styles file; a bad or unknown key is a :class:`ContentError` at its line."""
    loaded = load_yaml(path)
    spec = validate(loaded, StylesFile, "styles")
    if spec.draft_mark.style not in spec.styles:
        raise loaded.error(f"draft_mark: style {spec.draft_mark.style!r} is not one of the "
                           "sheet's styles", *(("draft_mark",) if "draft_mark" in loaded.data
                                               else ()))
    page = spec.page
    return Styles(
        page_size=page.size,
        margins_mm=(page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm,
                    page.margin_right_mm),
        header_distance_mm=(
            page.margin_top_mm / 2 if page.header_mm is None else page.header_mm,
            page.margin_bottom_mm / 2 if page.footer_mm is None else page.footer_mm),
        sizes={k: v for k, v in spec.sizes.model_dump().items() if v is not None},
        spacing=spec.spacing.model_dump(),
        fonts=dict(spec.fonts),
        language_tags=dict(spec.language_tags),
        looks={name: _resolve(look, spec) for name, look in spec.styles.items()},
        font_faces=dict(spec.font_faces),
        fallback_fonts=tuple(spec.fallback_fonts),
        line_pitch=spec.line_pitch,
        lead_in_endings=tuple(spec.lead_in_endings),
        table=spec.table,
        footnote_separator=spec.footnote_separator,
        hyphenate=spec.hyphenate,
        hanging_punctuation=spec.hanging_punctuation,
        cjk_latin_spacing=spec.cjk_latin_spacing,
        full_width_punctuation=spec.full_width_punctuation,
        first_page=spec.first_page,
        widow_lines=spec.widow_lines,
        draft_mark=spec.draft_mark,
        redline=spec.redline,
        east_asian=_east_asian(path.parent),
    )


def _resolve(look: StyleSpec, spec: StylesFile) -> ParagraphLook:
    """Fill what a style leaves out: the body size, the body paragraph spacing."""
    values = look.model_dump()
    values["size"] = look.size if look.size is not None else spec.sizes.body
    if look.after_pt is None:
        values["after_pt"] = spec.spacing.paragraph_after
    return ParagraphLook(**values)
