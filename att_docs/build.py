"""The conference build: read every paper, then write each paper × language × format.

All content is read and checked before the first file is written, so bad input never
leaves a half-built set. Every output is written atomically.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from att_docs.assemble import assemble
from att_docs.atomic import atomic_output
from att_docs.errors import ContentError
from att_docs.frame import FrameRenderer, known_types
from att_docs.model import Conference, Document
from att_docs.readers.content import find_papers, read_conference, read_paper
from att_docs.styles import Styles, load_styles

__all__ = ["FORMATS", "BuildResult", "Output", "build_conference", "load_conference",
           "output_path"]

FORMATS = ("docx", "pdf")
PDF_ENGINES = ("typst", "libreoffice")


@dataclass(frozen=True)
class Output:
    """One file of the set."""

    document: Document
    lang: str
    format: str
    path: Path


@dataclass
class BuildResult:
    conference: Conference
    outputs: list[Output]


def load_conference(folder: Path, templates: Path) -> tuple[Conference, list[Document]]:
    """Read and assemble every paper of a conference; the first problem raises."""
    conference = read_conference(folder)
    types = known_types(templates)
    renderer = FrameRenderer(templates)
    documents = []
    for paper in find_papers(folder):
        documents.append(assemble(read_paper(paper, conference, templates, types), renderer))
    if not documents:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    _check_symbols(documents)
    return conference, documents


def _check_symbols(documents: list[Document]) -> None:
    seen: dict[tuple[int, int | None], Document] = {}
    for doc in documents:
        sym = doc.masthead.symbol
        key = (sym.serial, sym.revision)
        if key in seen:
            other = seen[key]
            raise ContentError(f"serial {sym.serial} is already used by {other.id} "
                               f"({other.masthead.symbol})", (doc.source or Path()) /
                               "paper.yaml")
        seen[key] = doc


def output_path(out_dir: Path, doc: Document, lang: str, fmt: str) -> Path:
    """``build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf``."""
    return out_dir / f"{doc.masthead.symbol.file_stem}.{lang}.{fmt}"


Progress = Callable[[Output], None]


def build_conference(
    folder: Path,
    out_dir: Path,
    templates: Path,
    formats: tuple[str, ...] = FORMATS,
    languages: tuple[str, ...] | None = None,
    pdf_engine: str = "typst",
    on_start: Callable[[int], None] | None = None,
    on_output: Progress | None = None,
) -> BuildResult:
    """Build every paper × language × format of the conference in ``folder``."""
    conference, documents = load_conference(folder, templates)
    styles = load_styles(templates / "styles.yaml")
    langs = [lang for lang in conference.languages if not languages or lang in languages]
    jobs = [Output(doc, lang, fmt, output_path(out_dir, doc, lang, fmt))
            for doc in documents for lang in langs for fmt in formats]
    if on_start:
        on_start(len(jobs))
    done = on_output or (lambda output: None)
    docx_jobs = [j for j in jobs if j.format == "docx"]
    pdf_jobs = [j for j in jobs if j.format == "pdf"]
    _write_docx(docx_jobs, styles, done)
    if pdf_jobs and pdf_engine == "libreoffice":
        _write_pdf_libreoffice(pdf_jobs, styles, done)
    elif pdf_jobs:
        _write_pdf_typst(pdf_jobs, styles, templates, done)
    return BuildResult(conference, jobs)


def _write_docx(jobs: list[Output], styles: Styles, done: Progress) -> None:
    from att_docs.writers.docx import write_docx

    for job in jobs:
        with atomic_output(job.path) as tmp:
            write_docx(job.document, job.lang, tmp, styles)
        done(job)


def _write_pdf_typst(jobs: list[Output], styles: Styles, templates: Path,
                     done: Progress) -> None:
    from att_docs.writers.pdf import PdfWriter

    writer = PdfWriter(styles, templates / "paper.typ")
    for job in jobs:
        with atomic_output(job.path) as tmp:
            writer.write(job.document, job.lang, tmp)
        done(job)


def _write_pdf_libreoffice(jobs: list[Output], styles: Styles, done: Progress) -> None:
    """Write DOCX files to a scratch folder and convert them all in one soffice call."""
    from att_docs.writers.docx import write_docx
    from att_docs.writers.libreoffice import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="att-docs-pdf-") as scratch:
        scratch_dir = Path(scratch)
        sources = []
        for job in jobs:
            source = scratch_dir / f"{job.path.stem}.docx"
            write_docx(job.document, job.lang, source, styles)
            sources.append(source)
        pdfs = convert_to_pdf(sources, scratch_dir / "pdf")
        for job, pdf in zip(jobs, pdfs, strict=True):
            with atomic_output(job.path) as tmp:
                tmp.write_bytes(pdf.read_bytes())
            done(job)
