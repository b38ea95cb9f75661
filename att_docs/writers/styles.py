"""Page and type settings (``templates/styles.yaml``) shared by the writers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from att_docs.memo import by_content
from att_docs.readers.yamlfile import load_yaml, validate

__all__ = ["DocxFonts", "Styles", "StylesFile", "load_styles"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageSpec(_Strict):
    size: str
    margin_top_mm: float = Field(ge=0)
    margin_bottom_mm: float = Field(ge=0)
    margin_left_mm: float = Field(ge=0)
    margin_right_mm: float = Field(ge=0)


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


class DocxFonts(_Strict):
    latin: str
    east_asian: str
    heading_east_asian: str


class StylesFile(_Strict):
    """``templates/styles.yaml``. Unknown keys are errors, so a typo never passes silently."""

    page: PageSpec
    sizes: SizesSpec
    spacing: SpacingSpec
    docx_fonts: dict[str, DocxFonts]
    pdf_fonts: dict[str, list[str]]
    language_tags: dict[str, str]


@dataclass(frozen=True)
class Styles:
    page_size: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    sizes: dict[str, float]
    spacing: dict[str, float]
    docx_fonts: dict[str, DocxFonts]
    pdf_fonts: dict[str, list[str]]
    language_tags: dict[str, str]
    east_asian: frozenset[str] = frozenset()  # languages with cjk: true in templates/locale

    def size(self, role: str) -> float:
        return float(self.sizes.get(role, self.sizes["body"]))

    def language_tag(self, lang: str) -> str:
        return self.language_tags.get(lang, lang)


def _east_asian(templates: Path) -> frozenset[str]:
    """The languages the locale data marks as written without spaces (``cjk: true``)."""
    from att_docs.document.language import available_languages, load_language

    return frozenset(code for code in available_languages(templates)
                     if load_language(templates, code).cjk)


@by_content
def load_styles(path: Path) -> Styles:
    """Read a styles file; a bad or unknown key is a :class:`ContentError` at its line."""
    spec = validate(load_yaml(path), StylesFile, "styles")
    page = spec.page
    return Styles(
        page_size=page.size,
        margins_mm=(page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm,
                    page.margin_right_mm),
        sizes={k: v for k, v in spec.sizes.model_dump().items() if v is not None},
        spacing=spec.spacing.model_dump(),
        docx_fonts=dict(spec.docx_fonts),
        pdf_fonts={k: list(v) for k, v in spec.pdf_fonts.items()},
        language_tags=dict(spec.language_tags),
        east_asian=_east_asian(path.parent),
    )
