"""The output formats: one table ``{format: Writer}``, and the options every writer takes.

As pandoc's writers share one ``WriterOptions`` record, each writer here is called as
``writer.write(document, out, options)`` (and ``write_redline`` for a revision's redline).
The CLI's ``--format`` choices, the build's cache keys and the build's workers all read
:data:`WRITERS`, so a new format is one entry here and its package in ``writers/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from att_docs.document.model import Document

__all__ = ["WRITERS", "Writer", "WriterOptions", "engines", "formats"]


@dataclass(frozen=True)
class WriterOptions:
    """What a writer is given besides the document and where to write it."""

    lang: str
    styles: Any  # att_docs.writers.styles.Styles, the one style sheet
    mark: str | None = None  # the draft mark every page carries, where the text is not ready
    engine: str | None = None  # which engine lays the format out (see Writer.engines)
    typesetter: Any = None  # a laid-out format's warm engine (fonts scanned once a process)
    author: str = ""  # a redline's author of tracked changes
    date: dt.date | None = None  # a redline's date of tracked changes


@dataclass(frozen=True)
class Writer:
    """One output format."""

    format: str
    write: Callable[[Document, Path, WriterOptions], bytes]
    write_redline: Callable[[Document, Path, WriterOptions], bytes]
    engines: tuple[str, ...] = ()  # the engines that can make it, the default first
    count_pages: Callable[[bytes], int] | None = None  # for a paged format


def _docx(document: Document, out: Path, options: WriterOptions) -> bytes:
    from att_docs.writers.docx.writer import write_docx

    return write_docx(document, options.lang, out, options.styles, options.mark)


def _docx_redline(document: Document, out: Path, options: WriterOptions) -> bytes:
    from att_docs.writers.docx.redline import write_redline_docx

    assert options.date is not None, "a redline needs the date of its changes"
    return write_redline_docx(document, options.lang, out, options.styles, options.author,
                              options.date, options.mark)


def _pdf(document: Document, out: Path, options: WriterOptions) -> bytes:
    return options.typesetter.write(document, options.lang, out,  # type: ignore[no-any-return]
                                    options.mark)


def _pdf_redline(document: Document, out: Path, options: WriterOptions) -> bytes:
    from att_docs.writers.pdf.redline_data import redline_data

    return options.typesetter.write(document, options.lang, out,  # type: ignore[no-any-return]
                                    options.mark, data=redline_data)


def _pdf_pages(data: bytes) -> int:
    from att_docs.writers.pdf.pages import page_count

    return page_count(data)


WRITERS: dict[str, Writer] = {
    "docx": Writer("docx", _docx, _docx_redline),
    "pdf": Writer("pdf", _pdf, _pdf_redline, engines=("typst", "libreoffice"),
                  count_pages=_pdf_pages),
}
"""Every output format, in the order a set lists its files."""


def formats() -> tuple[str, ...]:
    """Every output format's name."""
    return tuple(WRITERS)


def engines() -> tuple[str, ...]:
    """The engines of the formats that have a choice of them (the default first)."""
    return tuple(dict.fromkeys(e for writer in WRITERS.values() for e in writer.engines))
