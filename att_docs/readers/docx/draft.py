"""The intermediate result of reading a Word draft: model parts plus what was found.

A :class:`Draft` holds the paper's parts as model blocks (texts in the draft's one
language), its footnotes, the masthead fields that were recognised and every notice about
what could not be kept. Ids are assigned by :mod:`att_docs.readers.docx.ids`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from att_docs.document.model import Footnote, Part
from att_docs.readers.docx.inlines import Notice
from att_docs.readers.docx.masthead import MastheadFields

__all__ = ["Draft"]


@dataclass
class Draft:
    """A Word file read into the document model, in one language."""

    path: Path
    lang: str
    masthead: MastheadFields
    parts: list[Part]
    footnotes: dict[str, Footnote]
    notices: list[Notice] = field(default_factory=list)

    @property
    def main(self) -> Part:
        return self.parts[0]
