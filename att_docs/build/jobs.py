"""What the build hands its workers and gets back: files to write, files written.

Kept apart from :mod:`att_docs.build.workers`, so that planning a build (and a build with
nothing to do) does not import the process pool.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FileDone", "FileJob", "PaperDone"]


@dataclass(frozen=True)
class FileJob:
    """One file to write: ``ATT_…_Conf.Rep.zh.pdf``."""

    lang: str
    format: str
    name: str
    mark: str | None = None  # the draft mark on every page, where the text is not ready


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
