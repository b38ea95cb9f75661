"""What one conference build is asked to do, and what it did: the records its stages share.

:class:`BuildJob` is the request (where the conference, templates and output are, which
languages and formats, the options); :class:`BuildReport` is what the build wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.writers.registry import engines, formats

if TYPE_CHECKING:
    from att_docs.checks.findings import Finding
    from att_docs.publish.jobs import PaperDone

__all__ = ["FORMATS", "PDF_ENGINES", "BuildJob", "BuildReport"]

FORMATS = formats()
PDF_ENGINES = engines()


@dataclass(frozen=True)
class BuildJob:
    """One conference's build: its folders, what to write and how.

    ``strict`` refuses to write anything when the checks report errors; ``final`` refuses
    a set with any paper not ready and marks the manifest final; ``archive`` writes the
    zip; ``today`` is the day the index page counts from (default: today, or
    ``ATT_DOCS_TODAY``); ``author`` names the author of the redlines' tracked changes.
    ``on_start(papers, files)`` is called before the first file is written, ``on_paper``
    as each paper's files are written.
    """

    folder: Path  # the conference
    out_dir: Path
    templates: Path
    formats: tuple[str, ...] = FORMATS
    languages: tuple[str, ...] | None = None  # None: every language of the conference
    pdf_engine: str = "typst"
    glossary: Path | None = None  # the term base the checks load (the one fingerprinted)
    strict: bool = False
    final: bool = False
    archive: bool = False
    workers: int | None = None
    today: dt.date | None = None
    author: str | None = None
    on_start: Callable[[int, int], None] | None = None
    on_paper: Callable[[PaperDone], None] | None = None


@dataclass
class BuildReport:
    """What a build did: the set's files, and which of them it wrote or removed."""

    conference: str
    out_dir: Path
    files: list[str]
    built: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    papers_built: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # manifest, index, archive written
    findings: list[Finding] = field(default_factory=list)  # the checks of the papers read
    drafts: list[str] = field(default_factory=list)  # files of the set marked as drafts
    final: bool = False  # the set was checked ready and is marked final

    @property
    def up_to_date(self) -> bool:
        """Nothing had to be written: the set was already built from these inputs."""
        return not (self.built or self.removed or self.extras)
