"""Every style a template's frame names must be one the style sheet defines.

A ``::: style`` container in ``templates/<type>.md.j2`` names a paragraph style of
``styles.yaml``; a misspelt one would fall back to the plain frame look without a word.
The build refuses it before writing, at the template line that names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_text

__all__ = ["check_frame_styles"]


def _where(templates: Path, style: str) -> tuple[Path, int | None]:
    """The first template line ``::: style``; else the style sheet, with no line."""
    container = re.compile(rf"^\s*:::+\s*{re.escape(style)}\s*$")
    for path in sorted(templates.glob("*.md.j2")):
        for number, line in enumerate(read_text(path).splitlines(), 1):
            if container.match(line):
                return path, number
    return templates / "styles.yaml", None


def check_frame_styles(papers: Iterable[tuple[str, Iterable[str]]], known: Iterable[str],
                       templates: Path) -> None:
    """Raise a :class:`ContentError` for the first frame style the style sheet lacks;
    ``papers`` are (paper id, the styles its frame uses, in order)."""
    names = set(known)
    for paper, styles in papers:
        for style in styles:
            if style not in names:
                path, line = _where(templates, style)
                raise ContentError(
                    f"the frame of {paper} uses style {style!r}, which "
                    f"styles.yaml does not define (it has: {', '.join(sorted(names))})",
                    path, line)
