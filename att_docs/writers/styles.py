"""Page and type settings (``templates/styles.yaml``) shared by the writers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from att_docs.errors import ContentError
from att_docs.memo import by_content

__all__ = ["DocxFonts", "Styles", "load_styles"]


@dataclass(frozen=True)
class DocxFonts:
    latin: str
    east_asian: str
    heading_east_asian: str


@dataclass(frozen=True)
class Styles:
    page_size: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    sizes: dict[str, float]
    spacing: dict[str, float]
    docx_fonts: dict[str, DocxFonts]
    pdf_fonts: dict[str, list[str]]
    language_tags: dict[str, str]

    def size(self, role: str) -> float:
        return float(self.sizes.get(role, self.sizes["body"]))

    def language_tag(self, lang: str) -> str:
        return self.language_tags.get(lang, lang)


@by_content
def load_styles(path: Path) -> Styles:
    """Read a styles file; a missing key is a :class:`ContentError` naming the file."""
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(f"malformed YAML: {getattr(exc, 'problem', exc)}", path,
                           mark.line + 1 if mark else None) from None
    try:
        page = data["page"]
        return Styles(
            page_size=page["size"],
            margins_mm=(
                float(page["margin_top_mm"]),
                float(page["margin_bottom_mm"]),
                float(page["margin_left_mm"]),
                float(page["margin_right_mm"]),
            ),
            sizes={k: float(v) for k, v in data["sizes"].items()},
            spacing={k: float(v) for k, v in data["spacing"].items()},
            docx_fonts={k: DocxFonts(**v) for k, v in data["docx_fonts"].items()},
            pdf_fonts={k: list(v) for k, v in data["pdf_fonts"].items()},
            language_tags=dict(data["language_tags"]),
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(f"styles file is missing or has a bad key: {exc}", path) from None
