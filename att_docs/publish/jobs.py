"""What the build hands its workers and gets back: files to write, files written.

Kept apart from :mod:`att_docs.publish.workers`, so that planning a build (and a build with
nothing to do) does not import the process pool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from att_docs.document.model import Document
    from att_docs.status.setinfo import PaperMeta

__all__ = ["FileDone", "FileJob", "PaperDone", "PaperRead", "RedlineInput"]


@dataclass(frozen=True)
class FileJob:
    """One file to write: ``ATT_…_Conf.Rep.zh.pdf``, or a revision's redline against its
    issued version, ``ATT_…_Conf.Rep.Rev1.zh.redline.pdf``."""

    lang: str
    format: str
    name: str
    mark: str | None = None  # the draft mark on every page, where the text is not ready
    redline: bool = False


@dataclass(frozen=True)
class RedlineInput:
    """What a paper's redlines are made from: the issued version compared with (read and
    assembled), the author of the changes (None: each language's submitted-by line), and
    the notice of each language whose translation lags behind the revision."""

    issued: Document
    author: str | None = None
    notices: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FileDone:
    """A file written to the staging folder, as read back."""

    name: str
    sha256: str
    size: int
    pages: int | None  # PDFs only; DOCX pagination belongs to the word processor


@dataclass(frozen=True)
class PaperDone:
    """Every file of one paper written (PDFs for LibreOffice are still ``pending``)."""

    paper: str
    symbol: str
    files: list[FileDone]
    pending: list[FileJob]
    seconds: float


@dataclass(frozen=True)
class PaperRead:
    """What planning needs of a paper read and assembled (in whichever process read it,
    which keeps the document): its metadata with translation states (None where the
    cached metadata stands) and the frame styles it uses."""

    meta: PaperMeta | None
    frame_styles: tuple[str, ...] = ()
